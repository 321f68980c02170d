import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HONORIFICS, type Honorific } from '../../../shared/callbacks/callback-contact';
import { capitalisedName, instrumentalOf } from '../../../shared/polish/polish-names';

interface Props {
  /** The name as typed ("Jan Kowalski"). */
  name: string;
  /** Pan or Pani as chosen; null: inferred from the first name where it can be. */
  honorific: Honorific | null;
  /** The clerk's own form ("Panem Janem Kowalskim"), when the app's was corrected. */
  spokenName: string | null;
  onHonorific(honorific: Honorific): void;
  onSpokenName(spokenName: string | null): void;
  /** The sentence is on screen already (the outbound script): only the way to correct it is offered here. */
  sentenceShown?: boolean;
}

/** The form of the name said in "Czy rozmawiam z …?": the clerk's own, or the app's declension. */
export function spokenForm(name: string, honorific: Honorific | null, spokenName: string | null): { phrase: string; sure: boolean } | null {
  if (spokenName?.trim()) return { phrase: capitalisedName(spokenName.trim()), sure: true };
  const declined = name.trim() ? instrumentalOf(name, honorific ?? undefined) : null;
  return declined ? { phrase: capitalisedName(declined.phrase), sure: declined.sure } : null;
}

/**
 * Pan or Pani, and the name as Polish says it after "z": "z Panem Janem
 * Kowalskim", "z Panią Anną Nowak". Inferred from the first name and shown
 * as such; where the rules are unsure (or the clerk knows better) the form
 * is a field to correct.
 */
export function SpokenName({ name, honorific, spokenName, onHonorific, onSpokenName, sentenceShown = false }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const declined = name.trim() ? instrumentalOf(name, honorific ?? undefined) : null;
  const shownHonorific = honorific ?? declined?.honorific ?? null;
  const form = spokenForm(name, honorific, spokenName);
  const editable = editing || spokenName !== null || (form !== null && !form.sure);

  return (
    <>
      <div className="honorific-choice" role="radiogroup" aria-label={t('contact.honorific')}>
        {HONORIFICS.map((h) => (
          <label key={h} className="inline-choice">
            <input type="radio" name={`${id}-honorific`} value={h} checked={shownHonorific === h} onChange={() => onHonorific(h)} />
            {t(`contact.honorifics.${h}`)}
          </label>
        ))}
        {honorific === null && declined?.inferred && <span className="muted small">{t('contact.inferred')}</span>}
      </div>
      {form && (
        <div className="field spoken-name">
          {editable ? (
            <>
              <label htmlFor={`${id}-spoken`}>{t('contact.spoken')}</label>
              <input id={`${id}-spoken`} value={spokenName ?? form.phrase} spellCheck={false} autoComplete="off" aria-describedby={`${id}-spoken-hint`} onChange={(e) => onSpokenName(e.target.value)} />
              <p className="field-hint" id={`${id}-spoken-hint`}>
                {form.sure ? t('contact.spokenHint') : t('contact.spokenUnsure')}
              </p>
            </>
          ) : (
            <p className="field-hint">
              {!sentenceShown && <>{t('contact.spokenAs', { phrase: form.phrase })} </>}
              <button type="button" className="link-button" onClick={() => setEditing(true)}>
                {t('contact.spokenEdit')}
              </button>
            </p>
          )}
        </div>
      )}
    </>
  );
}
