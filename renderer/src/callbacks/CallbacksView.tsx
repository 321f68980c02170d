import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { callbackStatus } from '../../../shared/callbacks/callbacks';
import { errorMessage } from '../api/error-message';
import { useNow } from '../ui/use-now';
import { useAppStore } from '../desk/app-store';
import { useCallStore } from '../call/call-store';
import { useCallbacksStore } from './callbacks-store';
import { CallbackItem } from './CallbackItem';

/**
 * Agreed callbacks, soonest first; due and overdue ones stand out. Each says
 * whom to call and how (kept on this computer only), can be started, moved
 * or called off; after three calls nobody answered a letter is suggested.
 */
export function CallbacksView() {
  const { t } = useTranslation();
  const { status, callbacks, error, load } = useCallbacksStore(useShallow((s) => ({ status: s.status, callbacks: s.callbacks, error: s.error, load: s.load })));
  const keepDays = useAppStore((s) => s.preferences.callbackContactDays);
  const idle = useCallStore((s) => s.state.phase === 'idle');
  const now = useNow(30_000);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="card" aria-labelledby="callbacks-title">
      <h2 id="callbacks-title">{t('callbacks.title')}</h2>
      <p className="muted small">{t('callbacks.keptHere', { count: keepDays })}</p>
      {status === 'failed' && (
        <p className="form-error" role="alert">
          {t('callbacks.loadFailed', { message: errorMessage(error, t('errors.network')) })}
        </p>
      )}
      {status === 'ready' && callbacks.length === 0 && <p className="muted">{t('callbacks.empty')}</p>}
      <ol className="call-list">
        {callbacks.map((cb) => (
          <CallbackItem key={cb.id} callback={cb} state={callbackStatus(cb.dueAt, now)} canCall={idle} />
        ))}
      </ol>
    </section>
  );
}
