import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { callbackStatus } from '../../../shared/callbacks/callbacks';
import { formatDateTime } from '../ui/format';
import { startDirection } from '../keys/start-call';
import { useNow } from '../ui/use-now';
import { useAppStore } from '../desk/app-store';
import { useCallStore } from '../call/call-store';
import { notifyCallbackDue, useCallbacksStore } from './callbacks-store';

/**
 * Due callbacks: a desktop notification once (where the system allows it;
 * web mode has none) and, always, a reminder in the window until the clerk
 * calls back or closes it.
 */
export function CallbackReminders() {
  const { t } = useTranslation();
  const profile = useAppStore((s) => s.profile);
  const { callbacks, announced, dismissed, load, markAnnounced, dismiss } = useCallbacksStore(
    useShallow((s) => ({ callbacks: s.callbacks, announced: s.announced, dismissed: s.dismissed, load: s.load, markAnnounced: s.markAnnounced, dismiss: s.dismiss })),
  );
  const phase = useCallStore((s) => s.state.phase);
  const inProgress = useCallStore((s) => (s.state.phase === 'idle' ? null : s.state.call.callbackOf));
  const now = useNow(20_000);

  useEffect(() => {
    if (profile) void load();
  }, [profile, load]);

  const due = useMemo(
    () => callbacks.filter((cb) => cb.id !== inProgress && callbackStatus(cb.dueAt, now) !== 'upcoming'),
    [callbacks, inProgress, now],
  );

  useEffect(() => {
    for (const cb of due) {
      if (announced.has(cb.id)) continue;
      markAnnounced(cb.id);
      const body = t('callbacks.reminder', { when: formatDateTime(cb.dueAt), reference: cb.reference || t('callbacks.noReference') });
      // A refused or failed desktop notification changes nothing: the window shows it anyway.
      notifyCallbackDue(t('callbacks.notifyTitle'), body);
    }
  }, [due, announced, markAnnounced, t]);

  const shown = due.filter((cb) => !dismissed.has(cb.id));
  if (shown.length === 0) return null;
  return (
    <div className="notices">
      {shown.map((cb) => (
        <div key={cb.id} className={`banner ${callbackStatus(cb.dueAt, now) === 'overdue' ? 'danger' : 'info'}`} role="status">
          <p>{t('callbacks.reminder', { when: formatDateTime(cb.dueAt), reference: cb.reference || t('callbacks.noReference') })}</p>
          <div className="banner-actions">
            {phase === 'idle' && (
              <button
                type="button"
                className="button primary small"
                onClick={() => startDirection('outgoing', cb)}
              >
                {t('callbacks.call')}
              </button>
            )}
            <button type="button" className="icon-button" aria-label={t('notices.dismiss')} onClick={() => dismiss(cb.id)}>
              ×
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
