import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { callbackStatus } from '../../../shared/callbacks';
import { errorMessage } from '../api/instance';
import { formatDateTime } from '../format';
import { useNow } from '../hooks/use-now';
import { checklistFor, useAppStore } from '../stores/app-store';
import { useCallStore } from '../stores/call-store';
import { useCallbacksStore } from '../stores/callbacks-store';

/** Agreed callbacks, soonest first; due and overdue ones stand out. Starting one opens an outbound call linked to it. */
export function CallbacksView() {
  const { t } = useTranslation();
  const { status, callbacks, error, load } = useCallbacksStore();
  const setView = useAppStore((s) => s.setView);
  const startCall = useCallStore((s) => s.startCall);
  const phase = useCallStore((s) => s.state.phase);
  const now = useNow(30_000);

  useEffect(() => {
    void load();
  }, [load]);

  function call(id: string) {
    const checklist = checklistFor('outgoing');
    if (!checklist || phase !== 'idle') return;
    setView('call');
    startCall(checklist, id);
  }

  return (
    <section className="card" aria-labelledby="callbacks-title">
      <h2 id="callbacks-title">{t('callbacks.title')}</h2>
      {status === 'failed' && (
        <p className="form-error" role="alert">
          {t('callbacks.loadFailed', { message: errorMessage(error, t('errors.network')) })}
        </p>
      )}
      {status === 'ready' && callbacks.length === 0 && <p className="muted">{t('callbacks.empty')}</p>}
      <ol className="call-list">
        {callbacks.map((cb) => {
          const state = callbackStatus(cb.dueAt, now);
          return (
            <li key={cb.id} className={`call-item callback-${state}`}>
              <div className="call-item-head">
                <time dateTime={cb.dueAt}>{formatDateTime(cb.dueAt)}</time>
                <span className={`status-badge ${state}`}>{t(`callbacks.${state}`)}</span>
                <button type="button" className="button primary small push-right" onClick={() => call(cb.id)}>
                  {t('callbacks.call')}
                </button>
              </div>
              <p className="small">
                {cb.reference || <span className="muted">{t('callbacks.noReference')}</span>}{' '}
                <span className="muted">· {t('callbacks.agreedAt', { when: formatDateTime(cb.agreedAt) })}</span>
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
