import { ACADEMIC_TITLES, MEN_FIRST_NAMES, PARTICLES, WOMEN_FIRST_NAMES } from './polish-names-lexicon';
import { declineWord, type Gender, type NameRole } from './polish-names-rules';
import { tidyText } from '../settings/profile';

/**
 * The person's name as the outbound script says it: "Czy rozmawiam z Panem
 * Janem Kowalskim?", not "z Jan Kowalski". The clerk types the name as it is
 * written; this puts it, with the honorific, in the instrumental case.
 *
 * It never guesses silently: whatever the rules are not sure of comes back
 * with `sure: false`, and the screen then shows the phrase for the clerk to
 * correct before reading it out. When nothing says whether the person is a
 * man or a woman, `honorific` is null and the name is returned as typed: a
 * made-up "Panem" read to a woman is worse than a phrase the clerk completes.
 *
 * Casing: the name keeps the casing it was typed in, word by word ("JAN" →
 * "JANEM", "nowak" → "nowakiem"); the honorific is always written "Panem" /
 * "Panią", capitalised as Polish courtesy writes it.
 */
export type Honorific = 'pan' | 'pani';

export interface DeclinedName {
  /** As chosen, typed in front of the name ("Pani Nowak"), or inferred; null when none of these says. */
  honorific: Honorific | null;
  /** True when the honorific was read from the name itself: a first name, or else a surname in -ski / -ska. */
  inferred: boolean;
  /** The names only, in the instrumental: "Janem Kowalskim". */
  words: string;
  /** The honorific and the names, in the instrumental: "Panem Janem Kowalskim"; the names alone without an honorific. */
  phrase: string;
  /** False where the rules are unsure of a form or of the honorific: the screen shows the phrase editable. */
  sure: boolean;
}

/** Longer than any real name: such input is returned as typed, and the work stays bounded. */
export const NAME_MAX_LENGTH = 120;

const HONORIFIC_PHRASE: Readonly<Record<Honorific, string>> = { pan: 'Panem', pani: 'Panią' };
const GENDER: Readonly<Record<Honorific, Gender>> = { pan: 'man', pani: 'woman' };
/** "Pan Jan Kowalski", "pani Nowak": the clerk's own honorific in front of the name. */
const TYPED_TITLES: ReadonlyMap<string, Honorific> = new Map([['pan', 'pan'], ['pani', 'pani']]);
/** "Panem Janem Kowalskim": a name already put in the instrumental, kept as typed. */
const DECLINED_TITLES: ReadonlyMap<string, Honorific> = new Map([['panem', 'pan'], ['panią', 'pani']]);
/** Letters, their marks, and what names are joined with; digits or symbols mean it is not a name. */
const NAME_SHAPE = /^[\p{L}\p{M}' ’ʼ.-]+$/u;
const ADJECTIVAL_MAN = /(?:sk|ck|dzk)i$/u;
const ADJECTIVAL_WOMAN = /(?:sk|ck|dzk)a$|ówna$/u;

type TokenKind = 'name' | 'particle' | 'title' | 'initial' | 'foreign';

interface Token {
  readonly text: string;
  readonly kind: TokenKind;
}

interface ParsedName {
  /** The tidied text, without a typed honorific. */
  readonly text: string;
  readonly typedTitle: Honorific | null;
  /** Typed already in the instrumental ("Panem Janem Kowalskim"). */
  readonly declined: boolean;
  /** Null when the text is not a name we can read (too long, digits, symbols). */
  readonly tokens: readonly Token[] | null;
}

interface HonorificChoice {
  readonly honorific: Honorific | null;
  readonly inferred: boolean;
  readonly sure: boolean;
}

/** What the name itself says of the person: a first name settles it, a -ski/-ska surname nearly so, an unknown first name in -a only hints. */
interface Evidence {
  readonly honorific: Honorific;
  readonly from: 'first-name' | 'surname' | 'guess';
}

/**
 * The honorific the typed name implies: the "Pan"/"Pani" typed in front,
 * else the first known first name (Kuba and Barnaba are men's, Maria in
 * "Jan Maria Rokita" is not what counts), else a -ski/-ska surname, else an
 * unknown first name in -a (a woman's, as Polish names go). Null if none.
 */
export function inferHonorific(fullName: string): Honorific | null {
  const parsed = parseName(fullName);
  if (!parsed) return null;
  return parsed.typedTitle ?? (parsed.tokens ? evidenceFrom(parsed.tokens)?.honorific ?? null : null);
}

/**
 * The name in the instrumental with its honorific. `honorific`, when given,
 * wins over what the name implies (the clerk may know better), though a
 * disagreement makes the result unsure. Null only for empty input.
 */
export function instrumentalOf(fullName: string, honorific?: Honorific): DeclinedName | null {
  const parsed = parseName(fullName);
  if (!parsed) return null;
  const chosen = honorific ?? null;
  if (!parsed.tokens || parsed.declined) {
    const typed = chosen ?? parsed.typedTitle;
    return result(typed, false, parsed.text, false);
  }
  const evidence = evidenceFrom(parsed.tokens);
  const choice = chooseHonorific(chosen, parsed.typedTitle, evidence, parsed.tokens);
  if (!choice.honorific) return result(null, false, parsed.text, false);
  const declined = declineTokens(parsed.tokens, GENDER[choice.honorific]);
  return result(choice.honorific, choice.inferred, declined.text, choice.sure && declined.sure);
}

function result(honorific: Honorific | null, inferred: boolean, words: string, sure: boolean): DeclinedName {
  const phrase = honorific ? `${HONORIFIC_PHRASE[honorific]} ${words}` : words;
  return { honorific, inferred, words, phrase, sure };
}

/**
 * The typed text tidied (spaces, a stray comma or full stop, a spaced
 * hyphen) and the clerk's own honorific taken off. Null for empty input.
 * The length is checked right after the linear tidying, so the rest only
 * ever works on a short text.
 */
function parseName(fullName: string): ParsedName | null {
  // Typed as a string, but a form may hand over whatever it holds: that is no name, not a crash.
  const tidied = tidyText(typeof fullName === 'string' ? fullName : '');
  if (tidied.length > NAME_MAX_LENGTH) return { text: tidied, typedTitle: null, declined: false, tokens: null };
  const text = tidyPunctuation(tidied);
  if (text.length === 0) return null;
  const parts = text.split(' ');
  const first = parts[0]!.toLowerCase();
  const declinedTitle = parts.length > 1 ? DECLINED_TITLES.get(first) : undefined;
  if (declinedTitle) return { text: parts.slice(1).join(' '), typedTitle: declinedTitle, declined: true, tokens: null };
  const typedTitle = parts.length > 1 ? (TYPED_TITLES.get(first) ?? null) : null;
  const rest = typedTitle ? parts.slice(1) : parts;
  const tokens = NAME_SHAPE.test(rest.join('')) ? classify(rest) : null;
  return { text: rest.join(' '), typedTitle, declined: false, tokens };
}

/** Hyphens lose their spaces ("Nowak - Kowalska"), commas become spaces ("Kowalski, Jan"), and a final full stop goes unless it ends an initial. */
function tidyPunctuation(text: string): string {
  const joined = text
    .replace(/[‐‑]/gu, '-')
    .replace(/ ?- ?/gu, '-')
    .replace(/[,;:]+/gu, ' ')
    .replace(/ {2,}/gu, ' ')
    .trim();
  const lastWord = joined.slice(joined.lastIndexOf(' ') + 1);
  const bare = lastWord.replace(/\.+$/u, '');
  if (bare.length > 1 && bare !== lastWord && !ACADEMIC_TITLES.has(bare.toLowerCase())) {
    return joined.slice(0, joined.length - lastWord.length + bare.length);
  }
  return joined;
}

/** What each word is; a name after a particle ("de Virion") is a foreign one, left as typed. */
function classify(words: readonly string[]): Token[] {
  let afterParticle = false;
  return words.map((text, i) => {
    const lower = text.toLowerCase();
    let kind: TokenKind;
    if (ACADEMIC_TITLES.has(lower.replace(/\.$/u, ''))) kind = 'title';
    else if (/^\p{L}\.?$/u.test(text)) kind = 'initial';
    else if (PARTICLES.has(lower) && i < words.length - 1) kind = 'particle';
    else if (afterParticle || /['’ʼ.]/u.test(text)) kind = 'foreign';
    else kind = 'name';
    if (kind === 'particle') afterParticle = true;
    return { text, kind };
  });
}

function isFirstName(word: string): boolean {
  return word.split('-').every((part) => MEN_FIRST_NAMES.has(part.toLowerCase()) || WOMEN_FIRST_NAMES.has(part.toLowerCase()));
}

/**
 * Which name words are given names. Polish order is first name(s), then the
 * surname; lists put the surname first ("Kowalski Jan"), which shows when the
 * first word is not a first name we know but the last one is. With one word
 * only, it is a given name if we know it as one, else a surname.
 */
function givenNameFlags(names: readonly string[]): boolean[] {
  const known = names.map(isFirstName);
  const given = names.map(() => false);
  const last = names.length - 1;
  if (names.length === 1) given[0] = known[0]!;
  else if (known[0]) for (let i = 0; i < last && known[i]; i++) given[i] = true;
  else if (known[last]) for (let i = last; i > 0 && known[i]; i--) given[i] = true;
  else given[0] = true;
  return given;
}

function namesOf(tokens: readonly Token[]): string[] {
  return tokens.filter((t) => t.kind === 'name').map((t) => t.text);
}

/** Every part of every name word, in lower case: "Nowak-Jeziorańska" counts as two. */
function namePartsOf(tokens: readonly Token[]): string[] {
  return namesOf(tokens).flatMap((name) => name.toLowerCase().split('-'));
}

function evidenceFrom(tokens: readonly Token[]): Evidence | null {
  const names = namesOf(tokens);
  const parts = namePartsOf(tokens);
  for (const part of parts) {
    if (MEN_FIRST_NAMES.has(part)) return { honorific: 'pan', from: 'first-name' };
    if (WOMEN_FIRST_NAMES.has(part)) return { honorific: 'pani', from: 'first-name' };
  }
  const bySurname = surnameHonorific(parts);
  if (bySurname) return { honorific: bySurname, from: 'surname' };
  const first = names[0]?.toLowerCase();
  if (names.length > 1 && first?.endsWith('a')) return { honorific: 'pani', from: 'guess' };
  return null;
}

/** The first -ski/-ska surname part's honorific: a Kowalski is a man, a Kowalska or Nowakówna a woman. */
function surnameHonorific(parts: readonly string[]): Honorific | null {
  for (const part of parts) {
    if (ADJECTIVAL_MAN.test(part)) return 'pan';
    if (ADJECTIVAL_WOMAN.test(part)) return 'pani';
  }
  return null;
}

/**
 * The clerk's choice wins, then the typed "Pan"/"Pani", then the name. Sure
 * only when nothing disagrees: "Jan Kowalska" or "Pani Jan Kowalski" may be a
 * typo or the clerk may know better, either way they look before reading.
 */
function chooseHonorific(chosen: Honorific | null, typed: Honorific | null, evidence: Evidence | null, tokens: readonly Token[]): HonorificChoice {
  const strong = evidence && evidence.from !== 'guess' ? evidence.honorific : null;
  const surname = surnameHonorific(namePartsOf(tokens));
  const agrees = (h: Honorific) => (strong === null || strong === h) && (surname === null || surname === h);
  if (chosen) return { honorific: chosen, inferred: false, sure: (typed === null || typed === chosen) && agrees(chosen) };
  if (typed) return { honorific: typed, inferred: false, sure: agrees(typed) };
  if (!evidence) return { honorific: null, inferred: false, sure: false };
  return { honorific: evidence.honorific, inferred: true, sure: evidence.from !== 'guess' && agrees(evidence.honorific) };
}

/** Every word in the instrumental; particles, initials and titles as typed, and unsure where a word is. */
function declineTokens(tokens: readonly Token[], gender: Gender): { text: string; sure: boolean } {
  const given = givenNameFlags(namesOf(tokens));
  let nameIndex = 0;
  let sure = true;
  const out = tokens.map((token) => {
    if (token.kind === 'particle' || token.kind === 'initial') return token.text;
    if (token.kind !== 'name') {
      sure = false;
      return token.text;
    }
    const role: NameRole = given[nameIndex++] ? 'given' : 'surname';
    return token.text
      .split('-')
      .map((part) => {
        const declined = declineNamePart(part, gender, role);
        sure &&= declined.sure;
        return declined.text;
      })
      .join('-');
  });
  return { text: out.join(' '), sure };
}

/**
 * One part of a name. A given name of the other sex is where a rule alone
 * would go wrong: a man's second name Maria stays "Maria" ("z Janem Maria
 * Rokitą"), and both are left for the clerk to confirm.
 */
function declineNamePart(part: string, gender: Gender, role: NameRole): { text: string; sure: boolean } {
  const lower = part.toLowerCase();
  const otherSex = role === 'given' && (gender === 'man' ? WOMEN_FIRST_NAMES : MEN_FIRST_NAMES).has(lower);
  if (!otherSex) {
    const declined = declineWord(part, gender, role);
    // A first name no list knows (a typo, "Jna") is declined by rule, but only the clerk can say it is right.
    const known = role !== 'given' || MEN_FIRST_NAMES.has(lower) || WOMEN_FIRST_NAMES.has(lower);
    return known ? declined : { text: declined.text, sure: false };
  }
  // A woman's rules are safe for any name (only -a changes); a man's would turn Maria into Marią.
  return { text: gender === 'man' ? part : declineWord(part, gender, role).text, sure: false };
}

/**
 * A name as it is shown to be read aloud: each part typed all in lower case
 * ("jan kowalski", "nowak-kowalska") starts with a capital; particles (de,
 * von) and what was typed with capitals stay as they are.
 */
export function capitalisedName(text: string): string {
  return text
    .split(' ')
    .map((word) =>
      word
        .split('-')
        .map((part) => (part !== '' && part === part.toLowerCase() && !PARTICLES.has(part) ? part[0]!.toUpperCase() + part.slice(1) : part))
        .join('-'),
    )
    .join(' ');
}
