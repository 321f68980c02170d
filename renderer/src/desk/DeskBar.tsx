import { useTranslation } from 'react-i18next';
import { formatDuration } from '../ui/format';
import { KEYS } from '../keys/keys';
import { useNow } from '../ui/use-now';
import { useAppStore } from './app-store';
import { useDeskStore } from './desk-store';
import { Kbd } from '../ui/Kbd';

/**
 * "Klient przy stanowisku" (§6 pkt 5): the phone rang while a client was
 * being served in person. How long they have been waiting, and — after the
 * time set in settings — a gentle warning, so the person at the desk is
 * not forgotten behind the call.
 */
export function DeskBar() {
  const { t } = useTranslation();
  const since = useDeskStore((s) => s.clientWaitingSince);
  const toggle = useDeskStore((s) => s.toggleClientWaiting);
  const openCard = useDeskStore((s) => s.toggleDeescalation);
  const warnAfter = useAppStore((s) => s.preferences.clientWaitMinutes) * 60_000;
  const now = useNow(since === null ? 60_000 : 1_000);
  const waited = since === null ? 0 : Math.max(0, now - since);
  const late = since !== null && waited >= warnAfter;
  return (
    <div className={`desk-bar${since !== null ? ' waiting' : ''}${late ? ' late' : ''}`}>
      <button type="button" className="button secondary small" aria-pressed={since !== null} onClick={() => toggle()}>
        {t('desk.client')} <Kbd>{KEYS.clientAtDesk}</Kbd>
      </button>
      {since !== null && (
        <span className="desk-wait" role="timer" aria-live="off" aria-label={t('desk.waitingLabel')}>
          {t('desk.waiting', { time: formatDuration(waited) })}
        </span>
      )}
      <button type="button" className="button secondary small" onClick={openCard}>
        {t('desk.deescalation')} <Kbd>{KEYS.deescalation}</Kbd>
      </button>
      {late && (
        <p className="desk-warning" role="status">
          {t('desk.late', { minutes: Math.round(warnAfter / 60_000) })}
        </p>
      )}
    </div>
  );
}
