import {
  ABBREVIATIONS,
  AMBIGUOUS_NAME_FORMS,
  CALENDAR_WORDS,
  FIRST_NAME_FORMS,
  HONORIFICS,
  INSTITUTION_ADJECTIVES,
  INSTITUTION_WORDS,
  PARTICLES,
  PLACES,
  STREET_ABBREVIATIONS,
  STREET_WORDS,
  SURNAME_SHAPED_WORDS,
  TITLE_ABBREVIATIONS,
  TITLES,
} from './masking-names-words';
import { foldWord } from './name-forms';

/**
 * Personal names in a note (masking.ts masks them as "[nazwisko]" after the
 * identifiers): the product promises that no client's name is stored.
 *
 * The note is read as words; a run of capitalised words joined by spaces is
 * a name when
 * - it follows "Pan"/"Pani" in any case (or "p."), past any function title
 *   ("Pan Dyrektor Kowalski": the title is kept, "Kowalski" masked), a first
 *   name in lower case too ("pan jan kowalski"); a place, a weekday or an
 *   adjective there is a surname too ("Pani Kalisz", "Pan Polski"), unless an
 *   office follows ("Pani Dyrektor Powiatowego Urzędu");
 * - it holds a first name from the shipped list (data/first-names-pl.ts) in
 *   any case form: the first name and the words after it ("Anną Nowak",
 *   "Jan Piątek"), and a surname before it ("Kowalska Anna");
 * - it holds a word shaped like a Polish surname ("-ski", "-cka", "-wicz")
 *   that is no adjective of a place or an institution ("Urząd Wojewódzki");
 * - it is an initial and a surname ("J. Kowalski").
 * Never a name: anything right after "ul.", "al.", "pl.", "os.", "im.", "św."
 * (streets and patrons, "ul. Jana Pawła II"), units and institutions, places,
 * months and weekdays at the start of a sentence, any other capitalised word.
 *
 * When in doubt after an honorific the rules mask: a name wrongly hidden
 * costs a clerk a second; a name wrongly kept is a breach. Each word is read
 * a bounded number of times and looked up in sets, so the time is linear.
 */
export interface NameSpan {
  start: number;
  end: number;
}

type Kind =
  | 'honorific'
  | 'title'
  | 'street'
  | 'institution'
  | 'adjective'
  | 'place'
  | 'calendar'
  | 'first'
  | 'ambiguous'
  | 'capital'
  | 'initial'
  | 'particle'
  | 'lower';

interface Word {
  start: number;
  end: number;
  text: string;
  /** In lower case, as the word lists are asked (masking-names-words.ts). */
  lower: string;
  /** Lower case, no diacritics: what the shapes of surnames are read from. */
  folded: string;
  /** A "." right after the word. */
  dot: boolean;
  /** What stands between the word before and this one, when short (null: longer, so not joined). */
  gap: string | null;
  /** A sentence ends in the gap, or a line: ".", "!", "?", "…", a line break, or the note starts. */
  afterStop: boolean;
  kind?: Kind;
}

// ---- reading words ------------------------------------------------------------------

// Inside a word: a hyphen of any kind or an apostrophe between letters ("Nowak-Jeziorańska", "O'Neill").
const JOINER_CHARS = "'\u2019\u02BC`\u00B4\u2018\\-\u2010-\u2014\u2212";
const JOINERS = new RegExp(`^[${JOINER_CHARS}]$`);
const JOINER = new RegExp(`[${JOINER_CHARS}]`);
const LINE_BREAK_CHARS = '\\n\\r\\v\\f\\u0085\\u2028\\u2029';
const LINE_BREAK = new RegExp(`[${LINE_BREAK_CHARS}]`);
const STOP = new RegExp(`[.!?…${LINE_BREAK_CHARS}]`);
/** Whitespace within a line. */
const SPACE = `[^\\S${LINE_BREAK_CHARS}]`;
const MAX_GAP = 16;
const isLetter = (cp: number) => (cp < 0x80 ? (cp | 0x20) >= 97 && (cp | 0x20) <= 122 : LETTER.test(String.fromCodePoint(cp)));
const LETTER = /\p{L}/u;
const width = (cp: number) => (cp > 0xffff ? 2 : 1);

function readWords(text: string): Word[] {
  const words: Word[] = [];
  let gapStart = 0;
  let afterStop = true;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    if (!isLetter(cp)) {
      if (STOP.test(text[i]!)) afterStop = true;
      // What identifier masking took (NUL) stands where its token will: a word, after which no sentence starts.
      else if (cp === 0) afterStop = false;
      i += width(cp);
      continue;
    }
    let j = i + width(cp);
    while (j < text.length) {
      const next = text.codePointAt(j)!;
      if (isLetter(next)) j += width(next);
      else if (JOINERS.test(text[j]!) && j + 1 < text.length && isLetter(text.codePointAt(j + 1)!)) j++;
      else break;
    }
    const word = text.slice(i, j);
    words.push({
      start: i,
      end: j,
      text: word,
      lower: word.toLowerCase(),
      folded: foldWord(word),
      dot: text[j] === '.',
      gap: i - gapStart <= MAX_GAP ? text.slice(gapStart, i) : null,
      afterStop,
    });
    gapStart = j;
    afterStop = false;
    i = j;
  }
  return words;
}

// ---- what a word is -----------------------------------------------------------------

const CAPITALISED = /^(?:\p{Lu}|\p{Lt}|\p{Ll}{1,2}['\u2019\u02BC]\p{Lu})/u;
const ROMAN = /^[IVXLCDM]{2,}$/;
const ACRONYM = /^\p{Lu}{2,}(?:$|[-'’])/u;
/** The parts of a hyphenated word ("Anna-Maria", "ZUS-u", "Łódź-Wschód"). */
const parts = (word: string) => word.split(JOINER);
const firstPart = (word: string) => parts(word)[0]!;

function classify(w: Word): Kind {
  const lower = w.lower;
  if (HONORIFICS.has(lower) || (lower === 'p' && w.dot)) return 'honorific';
  if (STREET_WORDS.has(lower) || (w.dot && STREET_ABBREVIATIONS.has(lower))) return 'street';
  if (TITLES.has(lower) || TITLE_ABBREVIATIONS.has(lower)) return 'title';
  if (!CAPITALISED.test(w.text)) return PARTICLES.has(w.text) ? 'particle' : 'lower';
  if ([...w.text].length === 1) return w.dot ? 'initial' : 'lower';
  if (ROMAN.test(w.text) || INSTITUTION_WORDS.has(lower) || parts(lower).some((p) => INSTITUTION_WORDS.has(p))) return 'institution';
  if (INSTITUTION_ADJECTIVES.has(lower) || parts(lower).some((p) => INSTITUTION_ADJECTIVES.has(p))) return 'adjective';
  const first = firstPart(lower);
  if (PLACES.has(lower) || PLACES.has(first)) return 'place';
  if (CALENDAR_WORDS.has(lower)) return 'calendar';
  if (FIRST_NAME_FORMS.has(first)) return AMBIGUOUS_NAME_FORMS.has(lower) ? 'ambiguous' : 'first';
  return 'capital';
}

// "-ski", "-cka", "-dzkiego", "-scy", "-wicz", "-wiczowa": a Polish surname, or an adjective (listed as institutions).
const SURNAME = /(?:sk|ck|dzk)(?:i|a|iego|iej|iemu|im|ich|imi)$|(?:sc|cc|dzc)y$|wicz(?:a|owi|em|u|owie|ow|owa|owej|owna)?$/;
// Weaker: "-ak", "-uk", "-czyk" (Nowak, Kowalczuk, Krawczyk); only next to a first name or an initial.
const SURNAME_LIKE = /(?:ak|uk|czyk)$/;
const NOT_SURNAME_LIKE = new Set(['polak', 'slowak', 'pasternak']);

const surnameShaped = (w: Word) =>
  w.folded.length >= 5 &&
  parts(w.folded).some((p) => SURNAME.test(p)) &&
  !SURNAME_SHAPED_WORDS.has(w.lower) &&
  !INSTITUTION_WORDS.has(w.lower) &&
  !INSTITUTION_ADJECTIVES.has(w.lower);
const surnameLike = (w: Word) => surnameShaped(w) || (w.folded.length >= 5 && SURNAME_LIKE.test(w.folded) && !NOT_SURNAME_LIKE.has(w.folded));

/** A lower-case word right after an honorific that is a name: a first name that is no everyday word, or a surname's shape. */
const lowerCaseName = (w: Word) => (FIRST_NAME_FORMS.has(firstPart(w.lower)) && !AMBIGUOUS_NAME_FORMS.has(w.lower)) || surnameShaped(w);

// ---- the rules ------------------------------------------------------------------------

const SPACES = new RegExp(`^${SPACE}+$`);
const DOT_SPACES = new RegExp(`^\\.${SPACE}*$`);
// "ul. 3 Maja", "ul. 28 Pułku Strzelców Kaniowskich": a day or a number between the prefix and the name.
const NUMBER_GAP = new RegExp(`^\\.?${SPACE}*\\d{1,3}\\.?${SPACE}+$`);
const DIGIT_BEFORE = new RegExp(`\\d\\.?${SPACE}+$`);
/** Words that can be part of a name run. */
const NAMEISH: ReadonlySet<Kind> = new Set(['first', 'ambiguous', 'capital', 'initial']);

class NameReader {
  readonly spans: NameSpan[] = [];
  private readonly words: Word[];

  constructor(text: string) {
    this.words = readWords(text);
    const n = this.words.length;
    for (let i = 0; i < n; ) {
      const kind = this.kind(i);
      if (kind === 'street') i = this.afterStreet(i);
      else if (kind === 'honorific') i = this.afterHonorific(i);
      else if (NAMEISH.has(kind)) i = this.run(i);
      else i++;
    }
  }

  private kind(i: number): Kind {
    const w = this.words[i]!;
    return (w.kind ??= classify(w));
  }

  /** Whether an abbreviation's dot may stand between this word and the next ("p. Nowak", "dr. Nowak", "J. Kowalski"). */
  private abbreviated(i: number): boolean {
    const w = this.words[i]!;
    const kind = this.kind(i);
    return w.dot && (kind === 'initial' || kind === 'honorific' || (kind === 'title' && TITLE_ABBREVIATIONS.has(w.lower)) || kind === 'street');
  }

  /** Whether word `i` is joined to the one before: spaces only, or an abbreviation's dot and spaces. */
  private joined(i: number): boolean {
    const gap = this.words[i]?.gap;
    if (i === 0 || gap == null) return false;
    return SPACES.test(gap) || (DOT_SPACES.test(gap) && this.abbreviated(i - 1));
  }

  /** Whether word `i` starts a sentence (an abbreviation's dot does not end one). */
  private startsSentence(i: number): boolean {
    const w = this.words[i]!;
    if (!w.afterStop || i === 0) return w.afterStop;
    const before = this.words[i - 1]!;
    const abbreviation = w.gap !== null && DOT_SPACES.test(w.gap) && (this.abbreviated(i - 1) || ABBREVIATIONS.has(before.lower));
    return !abbreviation;
  }

  private mask(from: number, to: number): void {
    this.spans.push({ start: this.words[from]!.start, end: this.words[to - 1]!.end });
  }

  /** Where the run of name words from `k` ends: capitalised words, initials, particles between them. */
  private runEnd(k: number, afterHonorific: boolean): number {
    const n = this.words.length;
    let named = afterHonorific || this.kind(k) === 'first' || this.kind(k) === 'ambiguous';
    let j = k + 1;
    while (j < n && this.joined(j)) {
      const kind = this.kind(j);
      // A weekday, a place or an adjective after a first name is a surname ("Jan Piątek", "Anna Czech", "Anna Polska").
      if (NAMEISH.has(kind) || ((kind === 'calendar' || kind === 'place' || kind === 'adjective') && named)) {
        named ||= kind === 'first' || kind === 'ambiguous';
        j++;
        continue;
      }
      if (kind !== 'particle') break;
      let p = j + 1;
      while (p < n && p - j < 3 && this.kind(p) === 'particle' && this.joined(p)) p++;
      if (p < n && this.joined(p) && NAMEISH.has(this.kind(p))) j = p;
      else break;
    }
    return j;
  }

  /** After "ul.", "im.", "św.": the street's or patron's name, kept ("ul. Jana Pawła II", "ul. 3 Maja"). */
  private afterStreet(i: number): number {
    const n = this.words.length;
    let k = i + 1;
    while (k < n && k - i <= 5) {
      const gap = this.words[k]!.gap;
      if (!(this.joined(k) || (k === i + 1 && gap !== null && NUMBER_GAP.test(gap)))) break;
      const kind = this.kind(k);
      if (kind === 'lower' || kind === 'street' || (kind === 'honorific' && k > i + 1)) break;
      k++;
    }
    return k;
  }

  /** After "Pan", "Pani", "p.": past function titles, the name (capitalised, or a first name in lower case). */
  private afterHonorific(i: number): number {
    const n = this.words.length;
    let k = i + 1;
    while (k < n && this.joined(k) && this.kind(k) === 'title') k++;
    if (k >= n || !this.joined(k)) return i + 1;
    const kind = this.kind(k);
    // Right after "Pan"/"Pani" a place or a weekday is a surname: "Pani Kalisz", "Pan Piątek"; so is an adjective
    // ("Pan Polski"), unless it is an office's ("Pani Dyrektor Powiatowego Urzędu", "Pan Główny Księgowy") or the state's.
    if (NAMEISH.has(kind) || kind === 'place' || kind === 'calendar' || (kind === 'adjective' && !this.officeAdjective(i, k))) {
      const end = this.runEnd(k, true);
      this.mask(k, end);
      return end;
    }
    if (kind === 'lower' && lowerCaseName(this.words[k]!)) {
      let end = k + 1;
      while (end < n && end - k < 3 && this.joined(end) && this.kind(end) === 'lower' && lowerCaseName(this.words[end]!)) end++;
      this.mask(k, end);
      return end;
    }
    return i + 1;
  }

  /** Whether the adjective `k` after the honorific `i` names an office or the state, not a person. */
  private officeAdjective(i: number, k: number): boolean {
    const next = k + 1 < this.words.length && this.joined(k + 1) ? this.kind(k + 1) : null;
    return k > i + 1 || next === 'institution' || next === 'title' || next === 'adjective' || this.words[i]!.folded.startsWith('panstw');
  }

  /** A run of capitalised words with no honorific before it: masked from its first name (or surname) on. */
  private run(i: number): number {
    const end = this.runEnd(i, false);
    let anchor = -1;
    for (let k = i; k < end && anchor < 0; k++) if (this.isAnchor(k, i, end)) anchor = k;
    if (anchor < 0) return end;
    let from = anchor;
    // A surname before the first name ("Kowalska Anna"), not a verb or a noun ("Dzwoniła Anna").
    while (from > i && (this.kind(from - 1) === 'initial' || (this.kind(from - 1) === 'capital' && surnameLike(this.words[from - 1]!)))) from--;
    this.mask(from, end);
    return end;
  }

  /** Whether word `k` of the run [i, end) makes it a name. */
  private isAnchor(k: number, i: number, end: number): boolean {
    const kind = this.kind(k);
    const w = this.words[k]!;
    if (kind === 'first') return true;
    // "Mają", "Róża", "Pole" alone at a sentence's start are the word; "3 Maja" is the date.
    if (kind === 'ambiguous') return end - i > 1 || !(this.startsSentence(k) || (w.folded === 'maja' && w.gap !== null && DIGIT_BEFORE.test(w.gap)));
    // An initial before a word ("J. Kowalski"); initials alone are an abbreviation ("S.A.").
    if (kind === 'initial') {
      const next = this.words[k + 1];
      return next !== undefined && k + 1 < end && this.kind(k + 1) !== 'initial' && (!this.startsSentence(k) || surnameLike(next));
    }
    return kind === 'capital' && surnameShaped(w) && !this.partOfInstitution(k);
  }

  /**
   * Whether the word is part of an institution's or a place's name, beside
   * one of its nouns ("Urząd Trybunalski", "Piotrków Trybunalski"); an
   * acronym takes no adjective ("ZUS Kowalska" is a name). The word's own
   * neighbours decide, not the run's: masking what follows must not change
   * what the word is, or masking twice would mask more.
   */
  private partOfInstitution(k: number): boolean {
    const noun = (j: number) => (this.kind(j) === 'institution' && !ACRONYM.test(this.words[j]!.text)) || this.kind(j) === 'place';
    return (k > 0 && this.joined(k) && noun(k - 1)) || (k + 1 < this.words.length && this.joined(k + 1) && noun(k + 1));
  }
}

/** The names in `text`, in order, as spans of `text`. */
export function findNames(text: string): NameSpan[] {
  return new NameReader(text).spans;
}

/**
 * The names in masking's normalised copy (every whitespace a space; what
 * identifiers took, NUL), with the line breaks of the original put back: a
 * line break ends a sentence, and a name does not run on over it.
 */
export function findNamesInCopy(copy: string, original: string, from: readonly number[]): NameSpan[] {
  if (!LINE_BREAK.test(original)) return findNames(copy);
  let text = '';
  for (let k = 0; k < copy.length; k++) text += copy[k] === ' ' && LINE_BREAK.test(original[from[k]!]!) ? '\n' : copy[k];
  return findNames(text);
}

/**
 * Whether a plain-prose text (no digit, no "@") names anyone, read as masking
 * would read its normalised copy (NFKC, no byte order marks): the shortcut
 * in masking.ts leaves a text as it is only when it does not.
 */
export function holdsName(text: string): boolean {
  return findNames(text.normalize('NFKC').replace(/\uFEFF/g, '')).length > 0;
}
