import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { greetingFor } from '../../../shared/call/scripts';
import { KEYS } from '../keys/keys';
import { checklistFor, shiftDoneToday, useAppStore } from './app-store';
import { useCallStore } from '../call/call-store';
import { Kbd } from '../ui/Kbd';
import { SearchPanel } from '../search/SearchPanel';

export function IdleView() {
  const { t } = useTranslation();
  const profile = useAppStore((s) => s.profile);
  const scripts = useAppStore((s) => s.scripts);
  const shiftDay = useAppStore((s) => s.shiftDay);
  const setView = useAppStore((s) => s.setView);
  const startCall = useCallStore((s) => s.startCall);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => button.current?.focus({ preventScroll: true }), []);

  if (!profile || !scripts) return null;
  const start = (direction: 'incoming' | 'outgoing') => {
    const checklist = checklistFor(direction);
    if (checklist) startCall(checklist);
  };
  return (
    <section className="card idle" aria-labelledby="idle-title">
      <h2 id="idle-title">{t('idle.title')}</h2>
      {!shiftDoneToday(shiftDay) && (
        <div className="banner info">
          <p>{t('idle.shiftPending')}</p>
          <button type="button" className="button secondary small" onClick={() => setView('shift')}>
            {t('idle.startShift')}
          </button>
        </div>
      )}
      <div className="start-buttons">
        <button ref={button} type="button" className="button primary big" aria-keyshortcuts={KEYS.startIncoming} onClick={() => start('incoming')}>
          {t('idle.incoming')} <Kbd>{KEYS.startIncoming}</Kbd>
        </button>
        <button type="button" className="button secondary big" aria-keyshortcuts={KEYS.startOutgoing} onClick={() => start('outgoing')}>
          {t('idle.outgoing')} <Kbd>{KEYS.startOutgoing}</Kbd>
        </button>
      </div>
      <p className="muted small">{t('idle.hint', { incoming: KEYS.startIncoming, outgoing: KEYS.startOutgoing })}</p>
      <SearchPanel inCall={false} />
      <div className="greeting-preview">
        <span className="label">{t('idle.greetingPreview')}</span>
        <p>{greetingFor('incoming', scripts, profile)}</p>
      </div>
      {shiftDoneToday(shiftDay) && (
        <button type="button" className="button secondary small" onClick={() => setView('shift')}>
          {t('idle.shiftAgain')}
        </button>
      )}
    </section>
  );
}
