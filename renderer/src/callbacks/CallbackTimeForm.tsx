import { format } from 'date-fns';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { callbackTimeProblem, quickCallbackTimes } from '../../../shared/callbacks/callbacks';

interface Props {
  /** The time to start from (ms), or null for an empty field. */
  initial: number | null;
  /** Called with a time that can be agreed (in the future, within a year). */
  onCommit(dueAt: number): void;
  commitLabel: string;
  /** Fields shown beside the date (the callback's reference, say). */
  children?: ReactNode;
  /** Extra buttons after the commit button (a cancel, say). */
  actions?: ReactNode;
}

const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm";

/**
 * Choosing when to call back: a quick choice (in an hour, this afternoon, the
 * next working morning) or a date and time. A time in the past or an
 * impossible date is explained here and never reaches the call or the list.
 */
export function CallbackTimeForm({ initial, onCommit, commitLabel, children, actions }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [when, setWhen] = useState(initial === null ? '' : format(initial, LOCAL_FORMAT));
  const [problem, setProblem] = useState<string | null>(null);

  function commit(dueAt: number | null) {
    const found = callbackTimeProblem(dueAt, Date.now());
    if (found) {
      setProblem(t(`serverErrors.callbackTime.${found}`));
      return;
    }
    setProblem(null);
    onCommit(dueAt!);
  }

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
        {children}
      </div>
      {problem && (
        <p className="field-error" id={`${id}-problem`} role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button primary small" onClick={() => commit(when ? new Date(when).getTime() : null)}>
          {commitLabel}
        </button>
        {actions}
      </div>
    </div>
  );
}
