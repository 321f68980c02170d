import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { incomingGreeting } from '../../../shared/greeting';
import { KEYS } from '../hooks/keys';
import { useAppStore } from '../stores/app-store';
import { useCallStore } from '../stores/call-store';
import { Kbd } from './Kbd';

export function IdleView() {
  const { t } = useTranslation();
  const profile = useAppStore((s) => s.profile);
  const incoming = useAppStore((s) => s.checklists.find((c) => c.direction === 'incoming'));
  const startCall = useCallStore((s) => s.startCall);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => button.current?.focus(), []);

  if (!profile || !incoming) return null;
  return (
    <section className="card idle" aria-labelledby="idle-title">
      <h2 id="idle-title">{t('idle.title')}</h2>
      <button
        ref={button}
        type="button"
        className="button primary big"
        aria-keyshortcuts={KEYS.startIncoming}
        onClick={() => startCall(incoming)}
      >
        {t('idle.incoming')} <Kbd>{KEYS.startIncoming}</Kbd>
      </button>
      <p className="muted">{t('idle.hint', { key: KEYS.startIncoming })}</p>
      <div className="greeting-preview">
        <span className="label">{t('idle.greetingPreview')}</span>
        <p>{incomingGreeting(profile)}</p>
      </div>
    </section>
  );
}
