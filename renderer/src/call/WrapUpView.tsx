import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { elapsedMs, missingItems, NOTE_MAX_LENGTH, type ActiveCall } from '../../../shared/call/call-machine';
import { factsOfCall, hadConversation } from '../../../shared/call/applicability';
import { callAdherence } from '../../../shared/call/compliance';
import { type MaskKind } from '../../../shared/masking/masking';
import { OUTCOMES, type Outcome } from '../../../shared/call/outcomes';
import { storedNote } from '../../../shared/masking/stored-text';
import { wrapUpProblemKey, wrapUpProblems } from '../../../shared/call/wrap-up';
import { errorMessage } from '../api/error-message';
import { formatDuration } from '../ui/format';
import { KEYS } from '../keys/keys';
import { useCallStore } from './call-store';
import { CallbackContactFields } from '../callbacks/CallbackContactFields';
import { CallbackPicker } from '../callbacks/CallbackPicker';
import { Kbd } from '../ui/Kbd';

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
  const saveBlocked = useCallStore((s) => s.saveBlocked);
  const contact = useCallStore((s) => s.contact);
  const outcomeGroup = useRef<HTMLFieldSetElement>(null);
  const missed = missingItems(call);
  const adherence = callAdherence(call);
  const [pasteCut, setPasteCut] = useState(0);
  const pasting = useRef(false);
  // Nobody answered: no conversation to judge — said as such, not as a list done or a greeting late.
  const conversation = hadConversation(factsOfCall(call));
  // Exactly what the record will hold: the same function builds it.
  const masked = useMemo(() => storedNote(note), [note]);
  const maskedKinds = Object.keys(masked.counts) as MaskKind[];
  const problems = wrapUpProblems({ phase: 'wrap-up', call, outcome, note }, Date.now(), contact);

  // The next thing to do is choosing the outcome: focus lands there, and the
  // summary stays at the top of the screen.
  useEffect(() => {
    focusOutcome(outcomeGroup.current);
    if (window.scrollY > 0) window.scrollTo({ top: 0 });
  }, []);
  // A save the keyboard asked for but the wrap-up refused: show why, where.
  useEffect(() => {
    if (saveBlocked?.includes('outcome-required')) focusOutcome(outcomeGroup.current);
  }, [saveBlocked]);

  return (
    <section className="wrap-up" aria-labelledby={`${id}-title`}>
      <div className="call-head">
        <h2 id={`${id}-title`}>{t('wrapUp.title')}</h2>
        <span className="muted nowrap">{t('wrapUp.duration', { time: formatDuration(elapsedMs(call, Date.now())) })}</span>
      </div>

      <div className={`card compact ${missed.length ? 'warning' : 'success'}`} role="status">
        {!conversation ? (
          <p>{t('wrapUp.noConversation')}</p>
        ) : missed.length ? (
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
        <p className="small adherence">
          <span>
            {adherence.score === null
              ? t('wrapUp.adherenceNone')
              : t('wrapUp.adherence', { percent: Math.round(adherence.score * 100) })}
          </span>
          {conversation && <span>{t(adherence.greetingWithin30s ? 'wrapUp.greeting30' : 'wrapUp.greeting30No')}</span>}
          {adherence.ticksAtWrapUp > 0 && <span>{t('wrapUp.atWrapUp', { count: adherence.ticksAtWrapUp })}</span>}
        </p>
      </div>

      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset ref={outcomeGroup} className="outcomes" aria-describedby={`${id}-outcome-keys`} disabled={saving}>
          <legend>{t('wrapUp.outcome')}</legend>
          <p className="muted small" id={`${id}-outcome-keys`}>
            {t('wrapUp.outcomeKeys')}
          </p>
          <div className="outcome-grid">
            {OUTCOMES.map((value, index) => (
              <label key={value} className={`outcome${outcome === value ? ' selected' : ''}`}>
                <input
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

        {outcome === 'callback' && (
          <div className="field">
            <span className="field-title">{t('wrapUp.callbackTitle')}</span>
            <CallbackPicker plan={call.callback} onChange={(plan) => dispatch({ type: 'set-callback', plan })} />
            <CallbackContactFields showProblems={saveBlocked !== null} />
          </div>
        )}

        <div className="field">
          <label htmlFor={`${id}-note`}>{t('wrapUp.note')}</label>
          <textarea
            id={`${id}-note`}
            rows={2}
            maxLength={Math.max(NOTE_MAX_LENGTH, note.length)}
            value={note}
            readOnly={saving}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-note-hint`}
            onChange={(e) => {
              dispatch({ type: 'set-note', note: e.target.value });
              if (!pasting.current) setPasteCut(0);
              pasting.current = false;
            }}
            onPaste={(e) => {
              // The field's limit cuts a long paste without a word: say how much did not fit.
              const field = e.currentTarget;
              const after = field.value.length - (field.selectionEnd - field.selectionStart) + e.clipboardData.getData('text').length;
              pasting.current = true;
              setPasteCut(Math.max(0, after - Math.max(NOTE_MAX_LENGTH, note.length)));
            }}
          />
          <p className="field-hint" id={`${id}-note-hint`}>
            {t('wrapUp.noteHint')}{' '}
            <span className="counter">{t('wrapUp.noteCount', { count: note.length, max: NOTE_MAX_LENGTH })}</span>
          </p>
          {pasteCut > 0 && (
            <p className="field-hint warning-text" role="status">
              {t('wrapUp.pasteCut', { count: pasteCut, max: NOTE_MAX_LENGTH })}
            </p>
          )}
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

        <div className="actions sticky">
          {problems.length > 0 && (
            <p className={saveBlocked ? 'form-error' : 'muted small'} role={saveBlocked ? 'alert' : undefined}>
              {t(`serverErrors.${wrapUpProblemKey(problems[0]!)}`)}
            </p>
          )}
          {saveError !== null && (
            <p className="form-error" role="alert">
              {t('wrapUp.saveFailed', { message: errorMessage(saveError, t('errors.network')) })}
            </p>
          )}
          <div className="button-row">
            <button
              type="button"
              className="button secondary"
              title="Esc"
              aria-keyshortcuts="Escape"
              disabled={saving}
              onClick={() => dispatch({ type: 'resume' })}
            >
              {t('wrapUp.resume')}
            </button>
            <button type="submit" className="button primary" disabled={saving} aria-disabled={problems.length > 0} aria-keyshortcuts="Control+Enter">
              {saving ? t('wrapUp.saving') : t('wrapUp.save')} <Kbd>{KEYS.save}</Kbd>
            </button>
          </div>
        </div>
      </form>
    </section>
  );
}

function focusOutcome(group: HTMLFieldSetElement | null): void {
  const target = group?.querySelector<HTMLInputElement>('input:checked') ?? group?.querySelector<HTMLInputElement>('input');
  target?.focus({ preventScroll: true });
}
