import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { greetingFor } from '../../../shared/call/scripts';
import { KEYS } from '../keys/keys';
import { checklistFor, shiftDoneToday, useAppStore } from './app-store';
import { useCallStore } from '../call/call-store';
import { Kbd } from '../ui/Kbd';
import { SearchPanel } from '../search/SearchPanel';

/**
 * The call tab before a call. When a call starts it stays a frame longer,
 * `hidden`, and leaves the page once the call's screen is drawn (see
 * CallScreen in App): taken off the page in the key's own task, with the
 * focus on its button, it would make the browser work out the page's style
 * there, holding back the greeting. Hidden, it is out of sight, out of the
 * screen reader's reach, and nothing in it can be clicked or tabbed to; its
 * search box leaves at once, so "/" finds only the call's.
 */
export function IdleView({ hidden = false }: { hidden?: boolean }) {
  const ready = useAppStore((s) => s.profile !== null && s.scripts !== null);
  if (!ready) return null;
  // The parts are rendered again only for their own changes, not for the screen being hidden.
  return (
    <section className="card idle" aria-labelledby="idle-title" hidden={hidden}>
      <StartButtons />
      {!hidden && <SearchPanel inCall={false} />}
      <GreetingPreview />
    </section>
  );
}

const StartButtons = memo(function StartButtons() {
  const { t } = useTranslation();
  const shiftDay = useAppStore((s) => s.shiftDay);
  const setView = useAppStore((s) => s.setView);
  const startCall = useCallStore((s) => s.startCall);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => button.current?.focus({ preventScroll: true }), []);

  const start = (direction: 'incoming' | 'outgoing') => {
    const checklist = checklistFor(direction);
    if (checklist) startCall(checklist);
  };
  return (
    <>
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
    </>
  );
});

const GreetingPreview = memo(function GreetingPreview() {
  const { t } = useTranslation();
  const profile = useAppStore((s) => s.profile);
  const scripts = useAppStore((s) => s.scripts);
  const shiftDay = useAppStore((s) => s.shiftDay);
  const setView = useAppStore((s) => s.setView);
  if (!profile || !scripts) return null;
  return (
    <>
      <div className="greeting-preview">
        <span className="label">{t('idle.greetingPreview')}</span>
        <p>{greetingFor('incoming', scripts, profile)}</p>
      </div>
      {shiftDoneToday(shiftDay) && (
        <button type="button" className="button secondary small" onClick={() => setView('shift')}>
          {t('idle.shiftAgain')}
        </button>
      )}
    </>
  );
});
