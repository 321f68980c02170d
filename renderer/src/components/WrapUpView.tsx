import { useEffect, useId, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { elapsedMs, missingItems, NOTE_MAX_LENGTH, type ActiveCall } from '../../../shared/call-machine';
import { maskIdentifiers, type MaskKind } from '../../../shared/masking';
import { OUTCOMES, type Outcome } from '../../../shared/outcomes';
import { errorMessage } from '../api/instance';
import { formatDuration } from '../format';
import { KEYS } from '../hooks/keys';
import { useCallStore } from '../stores/call-store';
import { Kbd } from './Kbd';

interface Props {
  call: ActiveCall;
  outcome: Outcome | null;
  note: string;
}

export function WrapUpView({ call, outcome, note }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const dispatch = useCallStore((s) => s.dispatch);
  const save = useCallStore((s) => s.save);
  const saving = useCallStore((s) => s.saving);
  const saveError = useCallStore((s) => s.saveError);
  const firstOutcome = useRef<HTMLInputElement>(null);
  const missed = missingItems(call);
  const masked = useMemo(() => maskIdentifiers(note.trim()), [note]);
  const maskedKinds = Object.keys(masked.counts) as MaskKind[];

  // The next thing to do is choosing the outcome: focus lands there.
  useEffect(() => firstOutcome.current?.focus(), []);

  return (
    <section className="wrap-up" aria-labelledby={`${id}-title`}>
      <div className="call-head">
        <h2 id={`${id}-title`}>{t('wrapUp.title')}</h2>
        <span className="muted">{t('wrapUp.duration', { time: formatDuration(elapsedMs(call, Date.now())) })}</span>
      </div>

      <div className={`card ${missed.length ? 'warning' : 'success'}`} role="status">
        {missed.length ? (
          <>
            <h3>{t('wrapUp.missedTitle')}</h3>
            <ul className="missed">
              {missed.map((item) => (
                <li key={item.id}>{item.label}</li>
              ))}
            </ul>
            <p className="muted small">{t('wrapUp.missedHint')}</p>
          </>
        ) : (
          <p>{t('wrapUp.allDone')}</p>
        )}
      </div>

      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset className="outcomes" aria-describedby={`${id}-outcome-keys`}>
          <legend>{t('wrapUp.outcome')}</legend>
          <p className="muted small" id={`${id}-outcome-keys`}>
            {t('wrapUp.outcomeKeys')}
          </p>
          <div className="outcome-grid">
            {OUTCOMES.map((value, index) => (
              <label key={value} className={`outcome${outcome === value ? ' selected' : ''}`}>
                <input
                  ref={index === 0 ? firstOutcome : undefined}
                  type="radio"
                  name="outcome"
                  value={value}
                  checked={outcome === value}
                  aria-keyshortcuts={String(index + 1)}
                  onChange={() => dispatch({ type: 'set-outcome', outcome: value })}
                />
                <Kbd>{String(index + 1)}</Kbd>
                <span>{t(`outcomes.${value}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="field">
          <label htmlFor={`${id}-note`}>{t('wrapUp.note')}</label>
          <textarea
            id={`${id}-note`}
            rows={3}
            maxLength={NOTE_MAX_LENGTH}
            value={note}
            aria-describedby={`${id}-note-hint`}
            onChange={(e) => dispatch({ type: 'set-note', note: e.target.value })}
          />
          <p className="field-hint" id={`${id}-note-hint`}>
            {t('wrapUp.noteHint')}{' '}
            <span className="counter">{t('wrapUp.noteCount', { count: note.length, max: NOTE_MAX_LENGTH })}</span>
          </p>
          {masked.text && (
            <div className="stored-note" aria-live="polite">
              <span className="label">{t('wrapUp.stored')}</span>
              <p data-testid="stored-note">{masked.text}</p>
              {maskedKinds.length > 0 && (
                <p className="small masked-info">
                  {t('wrapUp.maskedSome', { what: maskedKinds.map((k) => t(`masked.${k}`)).join(', ') })}
                </p>
              )}
            </div>
          )}
        </div>

        {outcome === null && <p className="muted small">{t('wrapUp.outcomeRequired')}</p>}
        {saveError !== null && (
          <p className="form-error" role="alert">
            {t('wrapUp.saveFailed', { message: errorMessage(saveError, t('errors.network')) })}
          </p>
        )}

        <div className="actions">
          <button type="button" className="button secondary" onClick={() => dispatch({ type: 'resume' })}>
            {t('wrapUp.resume')}
          </button>
          <button
            type="submit"
            className="button primary"
            disabled={outcome === null || saving}
            aria-keyshortcuts="Control+Enter"
          >
            {saving ? t('wrapUp.saving') : t('wrapUp.save')} <Kbd>{KEYS.save}</Kbd>
          </button>
        </div>
      </form>
    </section>
  );
}
