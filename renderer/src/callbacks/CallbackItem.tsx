import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALLBACK_ATTEMPTS_BEFORE_LETTER, type CallbackStatus } from '../../../shared/callbacks/callbacks';
import { errorMessage } from '../api/error-message';
import { formatDateTime } from '../ui/format';
import { startDirection } from '../keys/start-call';
import type { OpenCallback } from '../call/call-store';
import { useCallbacksStore } from './callbacks-store';
import { CallbackTimeForm } from './CallbackTimeForm';

interface Props {
  callback: OpenCallback;
  state: CallbackStatus;
  /** False during a call: another call cannot be started. */
  canCall: boolean;
}

type Mode = 'view' | 'reschedule' | 'cancel';

/** One open callback: whom to call and how, what was agreed, and what can be done with it. */
export function CallbackItem({ callback: cb, state, canCall }: Props) {
  const { t } = useTranslation();
  const change = useCallbacksStore((s) => s.change);
  const [mode, setMode] = useState<Mode>('view');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const contact = cb.contact;
  const letterInstead = cb.attempts >= CALLBACK_ATTEMPTS_BEFORE_LETTER;


  async function apply(dueAt: number | null) {
    setBusy(true);
    setProblem(null);
    try {
      await change(cb.id, dueAt);
      setMode('view');
    } catch (error) {
      setProblem(errorMessage(error, t('errors.network')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={`call-item callback-${state}`} data-testid="callback-item">
      <div className="call-item-head">
        <time dateTime={cb.dueAt}>{formatDateTime(cb.dueAt)}</time>
        <span className={`status-badge ${state}`}>{t(`callbacks.${state}`)}</span>
        {cb.rescheduled && <span className="muted small">{t('callbacks.rescheduled')}</span>}
        <button type="button" className="button primary small push-right" disabled={!canCall} title={canCall ? undefined : t('callbacks.busy')} onClick={() => startDirection('outgoing', cb)}>
          {t('callbacks.call')}
        </button>
      </div>
      {contact ? (
        <dl className="callback-contact">
          <div>
            <dt>{t('callbacks.who')}</dt>
            <dd>{contact.name ?? <span className="muted">{t('callbacks.noName')}</span>}</dd>
          </div>
          <div>
            <dt>{t('callbacks.phone')}</dt>
            <dd className="nowrap" data-testid="callback-phone">
              {contact.phone}
            </dd>
          </div>
          {contact.caseRef && (
            <div>
              <dt>{t('callbacks.caseRef')}</dt>
              <dd>{contact.caseRef}</dd>
            </div>
          )}
        </dl>
      ) : (
        <p className="small warning-text">{t('callbacks.noContact')}</p>
      )}
      <p className="small">
        {cb.reference || <span className="muted">{t('callbacks.noReference')}</span>}{' '}
        <span className="muted">· {t('callbacks.agreedAt', { when: formatDateTime(cb.agreedAt) })}</span>
      </p>
      {cb.attempts > 0 && (
        <p className={letterInstead ? 'small banner warning' : 'small muted'} role={letterInstead ? 'note' : undefined}>
          {t('callbacks.attempts', { count: cb.attempts })}
          {letterInstead && <> {t('callbacks.letterInstead')}</>}
        </p>
      )}
      {mode === 'view' && (
        <div className="actions">
          <button type="button" className="button secondary small" onClick={() => setMode('reschedule')}>
            {t('callbacks.reschedule')}
          </button>
          <button type="button" className="button secondary small" onClick={() => setMode('cancel')}>
            {t('callbacks.cancel')}
          </button>
        </div>
      )}
      {mode === 'reschedule' && (
        <CallbackTimeForm
          initial={Date.parse(cb.dueAt)}
          commitLabel={busy ? t('callbacks.saving') : t('callbacks.rescheduleTo')}
          onCommit={(dueAt) => void apply(dueAt)}
          actions={
            <button type="button" className="button secondary small" disabled={busy} onClick={() => setMode('view')}>
              {t('callbacks.keep')}
            </button>
          }
        />
      )}
      {mode === 'cancel' && (
        <div className="actions" role="group" aria-label={t('callbacks.cancelQuestion')}>
          <span className="small">{t('callbacks.cancelQuestion')}</span>
          <button type="button" className="button danger small" disabled={busy} onClick={() => void apply(null)}>
            {t('callbacks.cancelYes')}
          </button>
          <button type="button" className="button secondary small" disabled={busy} onClick={() => setMode('view')}>
            {t('callbacks.keep')}
          </button>
        </div>
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}
