import { MEN_FIRST_NAME_FORMS, MEN_FIRST_NAMES, MEN_SURNAME_FORMS, WOMEN_FIRST_NAMES, type Exception } from './polish-names-lexicon';

/**
 * One name word in the instrumental case (narzędnik), by the endings Polish
 * grammar gives it. Words are handled in lower case and the typed casing is
 * put back afterwards, so "KOWALSKI", "Kowalski" and "kowalski" get the same rules.
 *
 * Where Polish is not regular (a mobile e, ó that turns into o, a foreign
 * spelling) the word gets its most likely form and `sure: false`; a word the
 * rules cannot read at all is left as typed, also `sure: false`.
 */

/** A given name or a surname: a man's "Bruno" becomes "Brunonem", the surname "Fredro" becomes "Fredrą". */
export type NameRole = 'given' | 'surname';
export type Gender = 'man' | 'woman';

export interface DeclinedWord {
  readonly text: string;
  readonly sure: boolean;
}

const VOWELS = 'aąeęioóuy';
/** The Polish alphabet: no q, v or x, which only borrowed names have. */
const POLISH_WORD = /^[aąbcćdeęfghijklłmnńoóprsśtuwyzźż]+$/u;
const HAS_VOWEL = /[aąeęioóuy]/u;
/** Spellings Polish words do not have: a name written so is foreign, and its pronunciation is the clerk's call. */
const FOREIGN_SPELLING = /th|ph|gh|sch|tz|ou|oo|ee|ae|eau/u;
/** Foreign word ends: a doubled consonant (Trapp, Scott), -ck, an -h that is not -ch (Singh, Noah). */
const FOREIGN_END = /([bcdfgklmnprstz])\1$|ck$|(?:^|[^c])h$/u;
/** The soft consonants written with an accent at the end of a word and with -i- before a vowel: Łoś → Łosiem. */
const SOFTENED_BEFORE_VOWEL: ReadonlyMap<string, string> = new Map([['ń', 'ni'], ['ś', 'si'], ['ź', 'zi'], ['ć', 'ci']]);
/** The same consonants the other way, when a mobile e drops out: Stasiek → Staśkiem, Wawrzyniec → Wawrzyńcem. */
const SOFTENED_BEFORE_CONSONANT: ReadonlyMap<string, string> = new Map([['ni', 'ń'], ['si', 'ś'], ['zi', 'ź'], ['ci', 'ć']]);
const LABIALS = 'bpmwf';

function isVowel(letter: string | undefined): boolean {
  return letter !== undefined && VOWELS.includes(letter);
}

function word(text: string, sure: boolean): DeclinedWord {
  return { text, sure };
}

function fromException(exception: Exception): DeclinedWord {
  return word(exception.form, exception.sure);
}

/**
 * The word in the instrumental, in the typed casing. `typed` is one word
 * without spaces or hyphens; anything but Polish letters leaves it as typed.
 */
export function declineWord(typed: string, gender: Gender, role: NameRole): DeclinedWord {
  const lower = typed.toLowerCase();
  if (!POLISH_WORD.test(lower) || !HAS_VOWEL.test(lower)) return word(typed, false);
  const known = role === 'given' && (MEN_FIRST_NAMES.has(lower) || WOMEN_FIRST_NAMES.has(lower));
  const foreign = !known && FOREIGN_SPELLING.test(lower);
  // A foreign spelling in -a is still declined like one (Schetyna → Schetyną); any other is left to the clerk.
  if (foreign && !lower.endsWith('a')) return word(typed, false);
  const declined = foreign ? word(endingInA(lower).text, false) : gender === 'woman' ? feminine(lower) : masculine(lower, role);
  return word(recase(typed, declined.text), declined.sure);
}

/**
 * Puts the typed casing back: the letters the form shares with the typed word
 * stay as typed, the new ending follows the word (upper case if the word was
 * typed in capitals). Lower-casing Polish letters keeps the length, so the
 * positions line up.
 */
export function recase(typed: string, form: string): string {
  const lower = typed.toLowerCase();
  let same = 0;
  while (same < lower.length && same < form.length && lower[same] === form[same]) same++;
  const shouting = typed.length > 1 && typed === typed.toUpperCase();
  const rest = form.slice(same);
  return typed.slice(0, same) + (shouting ? rest.toUpperCase() : rest);
}

/** A woman's name is declined only when it ends in -a (Anna → Anną, Kowalska → Kowalską); Nowak, Curie, Miriam stay. */
function feminine(lower: string): DeclinedWord {
  return lower.endsWith('a') ? endingInA(lower) : word(lower, true);
}

/** -a → -ą for men and women alike (Kuba → Kubą, Zaręba → Zarębą); after a vowel (Andrea) it is a foreign name. */
function endingInA(lower: string): DeclinedWord {
  const before = lower.at(-2);
  return word(`${lower.slice(0, -1)}ą`, !(isVowel(before) && before !== 'i'));
}

function masculine(lower: string, role: NameRole): DeclinedWord {
  const exception = (role === 'given' ? MEN_FIRST_NAME_FORMS : MEN_SURNAME_FORMS).get(lower);
  if (exception) return fromException(exception);
  const last = lower.at(-1);
  if (last === 'a') return endingInA(lower);
  // Surnames in -o go like -a (Matejko → Matejką), though -kiem is also heard;
  // a given name in -o we do not know (Mario, Leo) is left to the clerk.
  if (last === 'o') return role === 'surname' ? word(`${lower.slice(0, -1)}ą`, false) : word(lower, false);
  if (last === 'i' || last === 'y') return adjectival(lower);
  // -e (Goethe, Curie), -u (Depardieu), or a nasal or ó at the end: Polish usage varies or leaves them.
  if (isVowel(last)) return word(lower, false);
  if (FOREIGN_END.test(lower)) return word(lower, false);
  return consonantStem(lower, role);
}

/**
 * -i, -y → -im, -ym: Kowalski → Kowalskim, Jerzy → Jerzym, Antoni → Antonim.
 * Polish writes -di, -ti, -ri only in borrowed names (Verdi → Verdim, right
 * but not ours to be sure of); -ky, -gy, -ly and a vowel before (Nagy, Kelly,
 * Kai, Bailey) are foreign spellings left as typed.
 */
function adjectival(lower: string): DeclinedWord {
  const before = lower.at(-2);
  if (before === undefined || isVowel(before)) return word(lower, false);
  if (lower.endsWith('y') && 'kglj'.includes(before)) return word(lower, false);
  return word(`${lower}m`, !(lower.endsWith('i') && 'dtr'.includes(before)));
}

function consonantStem(lower: string, role: NameRole): DeclinedWord {
  // -eń keeps its e in Jeleń and Kamień but not in Stępień: known ones are exceptions, the rest unsure.
  if (lower.endsWith('eń')) return word(withEnding(lower), false);
  const mobile = mobileE(lower, role);
  if (mobile) return mobile;
  return word(withEnding(lower), !mayAlternate(lower));
}

/** The regular ending: -em, -iem after k and g (Markiem, Olegiem), soft consonants written with -i- (Łosiem). */
function withEnding(lower: string): string {
  const last = lower.at(-1)!;
  const soft = SOFTENED_BEFORE_VOWEL.get(last);
  if (soft) return `${lower.slice(0, -1)}${soft}em`;
  if (last === 'k' || last === 'g') return `${lower}iem`;
  return `${lower}em`;
}

/**
 * The mobile e (e ruchome) of -ek, -ec, -el, -eł, -er: it drops out in most
 * words of more than one syllable (Marek → Markiem, Niemiec → Niemcem,
 * Aleksander → Aleksandrem), but for -el, -eł and -er whether it does is up
 * to the word (Wróbel → Wróblem, Marcel → Marcelem), so those are unsure
 * unless the lexicon knows them. Null when no mobile e is in question.
 */
function mobileE(lower: string, role: NameRole): DeclinedWord | null {
  const stem = lower.slice(0, -2);
  // An "i" before the e only softens it (Piec, Siek): one syllable, nothing drops.
  if (!HAS_VOWEL.test(stem.replace(/i$/u, ''))) return null;
  switch (lower.slice(-2)) {
    case 'ek':
      return dropE(lower, stem, 'k');
    case 'ec':
      // Marzec → Marcem loses the rz too; other -rzec words are not ours to guess.
      return stem.endsWith('rz') ? word(withEnding(lower), false) : dropE(lower, stem, 'c');
    case 'eć':
      // Kopeć → Kopciem, Połeć → Połciem: the e drops and the ć softens the ending; a given name in -eć is not ours to guess.
      return role === 'surname' && !isVowel(stem.at(-1)) && stem.at(-1) !== 'i' ? word(`${stem}ciem`, true) : null;
    case 'eł':
      return word(withEnding(lower), false);
    case 'el':
      return endingInEl(lower, stem, role);
    case 'er':
      if (stem.endsWith('and')) return word(`${stem}rem`, true);
      return role === 'given' ? null : word(withEnding(lower), false);
    default:
      return null;
  }
}

function dropE(lower: string, stem: string, consonant: 'k' | 'c'): DeclinedWord {
  const ending = consonant === 'k' ? 'kiem' : 'cem';
  const before = stem.at(-1);
  if (before !== 'i') {
    // A vowel right before the e is no Polish pattern: keep the e and let the clerk look.
    return isVowel(before) ? word(withEnding(lower), false) : word(`${stem}${ending}`, true);
  }
  const soft = SOFTENED_BEFORE_CONSONANT.get(stem.slice(-2));
  // Stasiek → Staśkiem is everyday Polish; Zaniec → Zańcem is rarer, so unsure.
  if (soft) return word(`${stem.slice(0, -2)}${soft}${ending}`, consonant === 'k');
  // Niemiec → Niemcem, Kupiec → Kupcem: a labial loses its softness with the e.
  if (consonant === 'c' && LABIALS.includes(stem.at(-2) ?? '')) return word(`${stem.slice(0, -1)}${ending}`, true);
  return word(withEnding(lower), false);
}

/**
 * -el: after a vowel or a softening i nothing drops (Daniel, Gabriel, Kisiel);
 * men's given names keep the e (Marcel, Kornel); in surnames after a
 * consonant the e usually drops (Hegel → Heglem, Mendel → Mendlem) but not
 * always, and -giel, -kiel vary (Węgiel → Węglem): those are unsure.
 */
function endingInEl(lower: string, stem: string, role: NameRole): DeclinedWord | null {
  const before = stem.at(-1);
  if (before === 'i') return role === 'surname' && 'gk'.includes(stem.at(-2) ?? '') ? word(withEnding(lower), false) : null;
  if (isVowel(before) || role === 'given') return null;
  return word(`${stem}lem`, false);
}

/**
 * Whether the last syllable's ó or ą may change in the other cases (Mróz →
 * Mrozem, Dąb → Dębem) — they do before a voiced consonant, though not always
 * (Król → Królem); before a voiceless one they stay (Bąk → Bąkiem, Zając →
 * Zającem). The known words are in the lexicon; the rest keep the letter, unsure.
 */
function mayAlternate(lower: string): boolean {
  const match = /([aąeęioóuy])([^aąeęioóuy]+)$/u.exec(lower);
  if (!match) return false;
  const [, vowel, coda] = match as unknown as [string, string, string];
  const voiceless = /(?:[kptsćśfc]|sz|cz|ch)$/u.test(coda);
  if (vowel === 'ó') return !voiceless;
  if (vowel === 'ą') return /(?:[bdgzżźw])$/u.test(coda);
  return false;
}
