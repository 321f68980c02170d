import { format } from 'date-fns';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALLBACK_REFERENCE_MAX_LENGTH, type CallbackPlan } from '../../../shared/call-machine';
import { callbackTimeProblem, quickCallbackTimes } from '../../../shared/callbacks';
import { storedCallbackReference } from '../../../shared/stored-text';
import { formatDateTime } from '../format';

interface Props {
  plan: CallbackPlan | null;
  onChange(plan: CallbackPlan | null): void;
}

const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm";

/**
 * Agreeing a callback: a quick choice (in an hour, this afternoon, the next
 * working morning) or a date and time, and a short reference. A time in the
 * past or an impossible date is explained here and never reaches the call.
 */
export function CallbackPicker({ plan, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [editing, setEditing] = useState(plan === null);
  const [when, setWhen] = useState(plan ? format(plan.dueAt, LOCAL_FORMAT) : '');
  const [reference, setReference] = useState(plan?.reference ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  function commit(dueAt: number | null) {
    const found = callbackTimeProblem(dueAt, Date.now());
    if (found) {
      setProblem(t(`callback.problems.${found}`));
      return;
    }
    setProblem(null);
    setEditing(false);
    onChange({ dueAt: dueAt!, reference: reference.trim() });
  }

  if (plan && !editing) {
    return (
      <div className="callback-agreed" role="status">
        <p>
          <strong>{t('callback.agreed', { when: formatDateTime(new Date(plan.dueAt).toISOString()) })}</strong>
          {plan.reference && <span className="muted"> — {storedCallbackReference(plan.reference).text}</span>}
        </p>
        <div className="actions">
          <button type="button" className="button secondary small" onClick={() => setEditing(true)}>
            {t('callback.change')}
          </button>
          <button type="button" className="button secondary small" onClick={() => onChange(null)}>
            {t('callback.clear')}
          </button>
        </div>
      </div>
    );
  }

  // Exactly what the record will hold: the same function builds it.
  const masked = storedCallbackReference(reference).text;
  return (
    <div className="callback-picker">
      <div className="quick-choices">
        {quickCallbackTimes(new Date()).map(({ choice, at }) => (
          <button key={choice} type="button" className="button secondary small" onClick={() => commit(at.getTime())}>
            {t(`callback.quick.${choice}`)}
          </button>
        ))}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-when`}>{t('callback.dateTime')}</label>
          <input
            id={`${id}-when`}
            type="datetime-local"
            value={when}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(e) => setWhen(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-ref`}>{t('callback.reference')}</label>
          <input
            id={`${id}-ref`}
            value={reference}
            maxLength={CALLBACK_REFERENCE_MAX_LENGTH}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-ref-hint`}
            onChange={(e) => setReference(e.target.value)}
          />
          <p className="field-hint" id={`${id}-ref-hint`}>
            {masked !== reference.trim() ? `${t('wrapUp.stored')}: ${masked}` : t('callback.referenceHint')}
          </p>
        </div>
      </div>
      {problem && (
        <p className="field-error" id={`${id}-problem`} role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button primary small" onClick={() => commit(when ? new Date(when).getTime() : null)}>
          {t('callback.set')}
        </button>
      </div>
    </div>
  );
}
