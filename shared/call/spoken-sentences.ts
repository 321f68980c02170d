import { fillInMark, type Scripts } from './scripts';

/**
 * Sentences the clerk reads aloud. A caller never hears a placeholder: a
 * sentence is filled from what is known, and a sentence that needs a fact
 * nobody has filled in (the office's number, a unit's extension, its hours)
 * is left out — or, where the call needs something said, another sentence
 * that does without it is said instead.
 */
const FIELD = /\{([^{}]*)\}/g;

/** A fact a caller may hear: not empty, and not text left for someone to fill in ("wew. 000 (do uzupełnienia)"). */
export function isKnownFact(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '' && fillInMark(value) === null;
}

/**
 * Fills a sentence's {fields} from `values`; null — the sentence is left
 * out — when any field has no known value. A sentence with no fields is
 * itself, unless it holds text left to fill in.
 */
export function spokenSentence(template: string, values: Readonly<Record<string, string | null | undefined>>): string | null {
  let unknown = false;
  const sentence = template.replace(FIELD, (_, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (!isKnownFact(value)) {
      unknown = true;
      return '';
    }
    return value.trim();
  });
  if (unknown || fillInMark(sentence) !== null) return null;
  return sentence;
}

/** Sentences joined into one line, those left out skipped; null when none is left. */
export function joinSentences(sentences: (string | null)[]): string | null {
  const said = sentences.filter((s): s is string => s !== null);
  return said.length > 0 ? said.join(' ') : null;
}

/**
 * The office's published number as the scripts use it: the one in the
 * settings wins, then the one in resources/scripts.json; null when neither
 * is filled in.
 */
export function officePhoneInUse(fromSettings: string | null | undefined, scripts: Pick<Scripts, 'officePhone'>): string | null {
  if (isKnownFact(fromSettings)) return fromSettings;
  return isKnownFact(scripts.officePhone) ? scripts.officePhone : null;
}

type ClerkFacts = { firstName: string; lastName: string; officeName: string };

/**
 * What to leave with someone else who answered an outbound call: the clerk's
 * name, the office, and a request to call back — on the office's number
 * when it is known, else without one.
 */
export function someoneElseSentence(scripts: Scripts, clerk: ClerkFacts, officePhone: string | null): string | null {
  const facts = { firstName: clerk.firstName, lastName: clerk.lastName, officeName: clerk.officeName };
  return spokenSentence(scripts.someoneElse, { ...facts, officePhone }) ?? spokenSentence(scripts.someoneElseWithoutPhone, facts);
}

/** The offer to a caller who doubts the call comes from the office: the number to call back on, or where to find it. */
export function sensitiveDataOfferSentence(scripts: Scripts, officePhone: string | null): string | null {
  return spokenSentence(scripts.sensitiveDataOffer, { officePhone }) ?? spokenSentence(scripts.sensitiveDataOfferWithoutPhone, {});
}

/** "Czy rozmawiam z …?" with the name the clerk typed, or the question that needs no name. */
export function confirmPersonSentence(scripts: Scripts, person: string): string | null {
  return (person.trim() ? spokenSentence(scripts.confirmPerson, { person }) : null) ?? spokenSentence(scripts.confirmPersonUnnamed, {});
}
