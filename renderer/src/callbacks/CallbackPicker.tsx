import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALLBACK_REFERENCE_MAX_LENGTH, type CallbackPlan } from '../../../shared/call/call-machine';
import { storedCallbackReference } from '../../../shared/masking/stored-text';
import { formatDateTime } from '../ui/format';
import { CallbackTimeForm } from './CallbackTimeForm';

interface Props {
  plan: CallbackPlan | null;
  onChange(plan: CallbackPlan | null): void;
}

/**
 * Agreeing a callback: when (CallbackTimeForm) and a short reference, shown
 * masked exactly as it will be stored.
 */
export function CallbackPicker({ plan, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [editing, setEditing] = useState(plan === null);
  const [reference, setReference] = useState(plan?.reference ?? '');

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
    <CallbackTimeForm
      initial={plan?.dueAt ?? null}
      commitLabel={t('callback.set')}
      onCommit={(dueAt) => {
        setEditing(false);
        onChange({ dueAt, reference: reference.trim() });
      }}
    >
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
    </CallbackTimeForm>
  );
}
