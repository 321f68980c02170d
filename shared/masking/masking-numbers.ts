import { couldBePhone, identifierAt, isValidPesel, type GroupOfDigits, type NumberKind } from './identifiers';
import { digitChains, type DigitGroup } from './text-normalisation';

/**
 * The numbers of a note that are identifiers (masking.ts puts the rules
 * together). The normalised copy is read as chains of digit groups
 * (text-normalisation.ts); harmless shapes a clerk writes are kept and split
 * the chains; what is left is read by the identifier rules (identifiers.ts),
 * then by the net: enough digits in a row are masked however they are grouped.
 */
export interface NumberMask {
  start: number;
  end: number;
  kind: NumberKind | 'number';
}

// ---- harmless shapes ------------------------------------------------------------

// Harmless shapes a clerk writes: they are kept, and split the digits around
// them into separate numbers. "Hard" ones cannot be part of an identifier (a
// date with a four-digit year, a time, an amount with its currency, a case
// signature); "soft" ones can (a date with a two-digit year, a year range:
// "02.07.08 03628" is a PESEL; "slight", a day and month or a time with a
// dot: "12.03", "17.59"), and are kept only when no identifier takes them. A
// shape must not be glued by a dash, dot, slash or colon to more digits.
const B = '(?<![\\d+]|\\d[-./:])';
const E = '(?!\\d|[-./:]\\d)';
// Not right after digits and what could join them to it (a list's comma may stand between).
const NOT_AFTER_DIGITS = '(?<![\\d+](?:[^\\p{L}\\p{N},;]{0,6}|,))';
const CURRENCY = '(?= {0,2}(?:zł|zl|złotych|złote|złoty|złotego|złotymi|pln|eur|euro|usd|chf|gbp|€|\\$|£)(?![\\p{L}\\p{N}]))';
const IDENTIFIER_WORDS = 'tel|telefon\\p{L}*|kom|komórk\\p{L}*|nr|numer\\p{L}*|pesel\\p{L}*|nip\\p{L}*|regon|kont\\p{L}*|rachun\\p{L}*';
// A number right after "tel.", "nr", "PESEL", "konto"… is what the word names.
const NAMED_BEFORE = new RegExp(`(?:^|[^\\p{L}])(?:${IDENTIFIER_WORDS})\\.?:? {0,2}(?:tel\\.? {0,2})?$`, 'iu');
const IDENTIFIER_WORD = new RegExp(`^(?:${IDENTIFIER_WORDS})$`, 'iu');
const isNamed = (text: string, at: number) => NAMED_BEFORE.test(text.slice(Math.max(0, at - 24), at));

type Strength = 'hard' | 'soft' | 'slight' | null;
const isDay = (d?: string) => d === undefined || (+d >= 1 && +d <= 31);
const isMonth = (m?: string) => m === undefined || (+m >= 1 && +m <= 12);
const isYear = (y?: string) => y === undefined || y.length === 2 || (+y >= 1000 && +y <= 2999);
const dateStrength = (ok: boolean, year: string): Strength => (!ok ? null : year.length === 4 ? 'hard' : 'soft');
const isTime = (h?: string, m?: string, s?: string) => +h! <= (s === undefined ? 24 : 99) && +m! <= 59 && (s === undefined || +s <= 59);
// Amounts up to 999 999 999 (more is no amount in this office, and would be "48 600 700 800 zł"),
// not after "tel.", "nr", "PESEL"…: "tel. 600 700 800 zł" is a phone.
const amount = (digits: number) => (m: RegExpExecArray, text: string): Strength =>
  m[1]!.replace(/\D/g, '').length <= digits && !isNamed(text, m.index) ? 'hard' : null;

const SHAPES: { pattern: RegExp; strength(m: RegExpExecArray, text: string): Strength; prefix?: number }[] = [
  {
    // Case signature (znak sprawy): unit, file symbol, number, year — "CAZ.6220.1.2024", "DO-I.0003.12.2023".
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])((\\p{L}{1,12})(?:-\\p{L}{1,8}){0,2}([./-]))\\d{1,4}\\3\\d{1,6}(?:\\3\\d{1,6})?\\3(?:19|20)\\d{2}${E}`, 'gu'),
    strength: (m) => (IDENTIFIER_WORD.test(m[2]!) ? null : 'hard'),
    prefix: 1,
  },
  {
    // Amounts in a row before one currency: "1 500 2 500 3 500 zł" (each new amount starts with one or two digits).
    pattern: new RegExp(`${NOT_AFTER_DIGITS}(\\d{1,3}(?: \\d{3}){1,2}(?:,\\d{2})?(?: {1,3}\\d{1,2}(?: \\d{3}){1,2}(?:,\\d{2})?){1,8})${CURRENCY}`, 'giu'),
    strength: amount(99),
  },
  {
    // An amount with its thousands apart and its currency after it: "1 234 567,89 zł", "100 000 000 złotych".
    // (Bare "600 700 800 zł" reads as the amount "123 456 789 zł" does: the digits cannot tell them apart.)
    pattern: new RegExp(`${NOT_AFTER_DIGITS}(\\d{1,3}([ .])\\d{3}(?:\\2\\d{3})*)(?:,\\d{1,2}|,-{1,2})?${CURRENCY}`, 'giu'),
    strength: amount(9),
  },
  // An amount written together: "15000 zł", "250,50 PLN" (up to seven digits: no identifier is that short).
  { pattern: new RegExp(`${NOT_AFTER_DIGITS}(?<!\\d)(\\d{1,7})(?:,\\d{1,2}|,-{1,2})?${CURRENCY}`, 'giu'), strength: amount(7) },
  {
    // Hours: "10:00-12:00", "8:30 - 9:15".
    pattern: new RegExp(`${B}(\\d{1,2}):(\\d{2})(?::(\\d{2}))? {0,2}- {0,2}(\\d{1,2}):(\\d{2})(?::(\\d{2}))?${E}`, 'g'),
    strength: (m) => (isTime(m[1], m[2], m[3]) && isTime(m[4], m[5], m[6]) ? 'hard' : null),
  },
  {
    // Days: "12-15.03.2024", "12.03-15.03.2024", "12.03.2024-15.03.2024".
    pattern: new RegExp(`${B}(\\d{1,2})(?:\\.(\\d{1,2}))?(?:\\.(\\d{4}|\\d{2}))?-(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4}|\\d{2})${E}`, 'g'),
    strength: (m) => dateStrength(isDay(m[1]) && isMonth(m[2]) && isYear(m[3]) && isDay(m[4]) && isMonth(m[5]) && isYear(m[6]), m[6]!),
  },
  {
    // A date: "12.03.2024", "2.3.24", "12/03/2024", "2024-03-12".
    pattern: new RegExp(`${B}(?:(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4}|\\d{2})|(\\d{4})([./-])(\\d{1,2})\\6(\\d{1,2}))${E}`, 'g'),
    strength: (m) =>
      m[1] !== undefined ? dateStrength(isDay(m[1]) && isMonth(m[3]) && isYear(m[4]), m[4]!) : dateStrength(isYear(m[5]) && isMonth(m[7]) && isDay(m[8]), m[5]!),
  },
  {
    // A time or a duration: "10:15", "10:15:30", "1:30:00".
    pattern: new RegExp(`${B}(\\d{1,2}):(\\d{2})(?::(\\d{2}))?${E}`, 'g'),
    strength: (m) => (isTime(m[1], m[2], m[3]) ? 'hard' : null),
  },
  {
    // A day and month, or a time with a dot: "12.03", "17.59".
    pattern: new RegExp(`${B}(\\d{1,2})\\.(\\d{1,2})${E}`, 'g'),
    strength: (m) => ((isDay(m[1]) && isMonth(m[2])) || isTime(m[1], m[2]) ? 'slight' : null),
  },
  {
    // A school or tax year: "2023/2024", "2023/24".
    pattern: new RegExp(`${B}((?:19|20)\\d{2})[/-]((?:19|20)?\\d{2})${E}`, 'g'),
    strength: (m) => {
      const from = +m[1]!;
      const to = m[2]!.length === 2 ? from - (from % 100) + +m[2]! : +m[2]!;
      return to > from && to - from <= 10 ? 'soft' : null;
    },
  },
  // A postal code before a town: "90-123 Łódź".
  { pattern: new RegExp(`${B}\\d{2}-\\d{3}(?= {1,2}\\p{Lu}\\p{Ll})`, 'gu'), strength: () => 'hard' },
];

/** For each position of `text`, the harmless shape it is in (-1 for none), and how strong each shape is. */
function harmlessShapes(text: string): { shapeAt: Int32Array; strengths: Strength[] } {
  const shapeAt = new Int32Array(text.length).fill(-1);
  const strengths: Strength[] = [];
  for (const shape of SHAPES) {
    for (const m of text.matchAll(shape.pattern)) {
      const strength = shape.strength(m, text);
      const start = m.index + (shape.prefix ? m[shape.prefix]!.length : 0);
      const end = m.index + m[0].length;
      if (!strength || shapeAt.subarray(start, end).some((s) => s >= 0)) continue;
      shapeAt.fill(strengths.length, start, end);
      strengths.push(strength);
    }
  }
  return { shapeAt, strengths };
}

// ---- lists and hours ---------------------------------------------------------------

type Group = DigitGroup & GroupOfDigits & { slight?: boolean };

// Between the items of a list: spaces, a comma, a semicolon or a full stop (with spaces).
const LIST_JOINER = /^(?: {0,3}[,;.]? {1,3}|[,;])$/;
const SPACES = /^ {1,3}$/;
const DASH_JOINER = /^ {0,2}- {0,2}$/;
const isListItem = (g: Group) => g.shape < 0 && !g.plus && !g.paren && g.digits.length <= 3 && !/^0\d\d/.test(g.digits);
// Joined the way a number's groups are, not by a list's comma: "600 700 800", "600. 700. 800".
const unlisted = (list: readonly Group[], from: number, to: number) => list.slice(from + 1, to + 1).every((g) => !/[,;]/.test(g.joiner));

/**
 * Whether a list of numbers going up, some of three digits, reads as an
 * identifier after all: written without commas after "tel.", "nr"…; with a
 * trunk 0 or a leading zero ("0 42 123", "05 120 130"); or holding, without
 * commas, nine digits in threes that a phone number could have ("214 600 700
 * 800") or that no phone number has but going up in uneven steps ("100 101
 * 110"; "100 200 300" and "101 102 103" are a list), or a PESEL grouped
 * "44 051 401 359".
 */
function holdsIdentifier(list: readonly Group[], text: string): boolean {
  if ((isNamed(text, list[0]!.start) && unlisted(list, 0, list.length - 1)) || list.some((g) => g.digits[0] === '0')) return true;
  const value = (k: number) => +list[k]!.digits;
  const even = list.length > 3 || value(2) - value(1) === value(1) - value(0);
  for (let k = 0; k < list.length; k++) {
    const three = list.slice(k, k + 3);
    const nine = three.map((g) => g.digits).join('');
    if (three.length === 3 && three.every((g) => g.digits.length === 3) && unlisted(list, k, k + 2) && (couldBePhone(nine) || !even)) return true;
    const four = list.slice(k, k + 4);
    if (four.map((g) => g.digits.length).join() === '2,3,3,3' && unlisted(list, k, k + 3) && isValidPesel(four.map((g) => g.digits).join(''))) return true;
  }
  return false;
}

/**
 * A list kept as typed: three or more numbers of up to three digits going up
 * ("1 2 3 4 5", "12,15,18", "26,41,58,117,120", "101 102 103"). No
 * identifier is written that way; a list item that is an identifier breaks
 * the list.
 */
function isList(segment: readonly Group[], text: string): boolean {
  const listed = segment.every(
    (g, k) => isListItem(g) && (k === 0 || (LIST_JOINER.test(g.joiner) && +g.digits > +segment[k - 1]!.digits)),
  );
  return listed && segment.length >= 3 && (segment.every((g) => g.digits.length <= 2) || !holdsIdentifier(segment, text));
}

/**
 * A range of hours written the way hours are: "8-16", "08-16", "0-7", not a
 * start with a leading zero and an end of one digit ("00-7", "01-9"). A PESEL
 * in pairs ends in one digit, and the pair before it must be smaller to read
 * as a range, so it has a leading zero: "15-23 01-14 00-7" is 15230114007.
 */
const isHourRange = (from: Group, to: Group) => !(from.digits.length === 2 && from.digits[0] === '0' && to.digits.length === 1);

/** Years going up ("2021 2022 2023") or office hours ("8-10 12-14", also after a soft shape: "12.03.24 17-18"). */
function isYearsOrHours(segment: readonly Group[]): boolean {
  const values = segment.map((g) => Number(g.digits));
  const listed = (k: number) => k === 0 || LIST_JOINER.test(segment[k]!.joiner);
  if (segment.length >= 2 && segment.every((g, k) => listed(k) && g.digits.length === 4 && values[k]! >= 1900 && values[k]! <= 2099 && (k === 0 || values[k]! > values[k - 1]!))) {
    return true;
  }
  return (
    segment.length % 2 === 0 &&
    segment.every((g, k) =>
      k % 2 === 1
        ? DASH_JOINER.test(g.joiner) && values[k - 1]! < values[k]! && values[k]! <= 24 && g.digits.length <= 2 && isHourRange(segment[k - 1]!, g)
        : listed(k) && g.digits.length <= 2,
    )
  );
}

/**
 * Whether the plain groups between the soft shapes of `piece` are all lists,
 * years or hours. A slight shape splits nothing: "00.46 01 - 10 00.8" is no
 * range of hours between two times but a PESEL.
 */
function isKeptWhole(piece: readonly Group[], text: string): boolean {
  if (piece.some((g) => g.plus || g.paren)) return false;
  const segments: Group[][] = [];
  const splits = (g: Group) => g.shape >= 0 && !g.slight;
  piece.forEach((g, k) => {
    if (splits(g)) return;
    if (k === 0 || splits(piece[k - 1]!)) segments.push([]);
    segments[segments.length - 1]!.push(g);
  });
  return segments.length > 0 && segments.every((s) => isList(s, text) || isYearsOrHours(s));
}

/**
 * Which groups of a run are kept as typed: each piece of it between a list's
 * commas ("1990 1991 1992, 0 1 2, …") is kept whole or not at all. An
 * identifier may not lie wholly inside a kept piece.
 */
function keptGroups(run: readonly Group[], text: string): boolean[] {
  const kept = run.map(() => false);
  for (let from = 0, k = 1; k <= run.length; k++) {
    if (k < run.length && run[k]!.link !== 'list') continue;
    if (isKeptWhole(run.slice(from, k), text)) kept.fill(true, from, k);
    from = k;
  }
  return kept;
}

// ---- identifiers and the net --------------------------------------------------------

/** The identifiers in a run of digit groups not split by a hard shape, then the net under them. */
function runMasks(run: Group[], text: string, draft: boolean): NumberMask[] {
  // No identifier has fewer than eight digits (the net takes nine, six in a draft).
  let total = 0;
  for (const g of run) total += g.digits.length;
  if (total < (draft ? 6 : 8)) return [];
  const kept = keptGroups(run, text);
  if (kept.every(Boolean)) return [];
  run.forEach((g, k) => (g.kept = kept[k]));
  const masks: NumberMask[] = [];
  const claimed = new Uint8Array(run.length);
  for (let i = 0; i < run.length; i++) {
    if (run[i]!.shape >= 0 && run[i - 1]?.shape === run[i]!.shape) continue; // inside a shape
    const found = identifierAt(run, i);
    if (!found) continue;
    let end = found.end;
    // Nine digits in threes with a three right after: which nine are the phone is a guess, so all go.
    const next = run[end + 1];
    const threes = end - i === 2 && run.slice(i, end + 1).every((g) => g.digits.length === 3);
    if (found.kind === 'phone' && threes && next?.digits.length === 3 && SPACES.test(next.joiner) && next.shape < 0 && !identifierAt(run, end + 1)) end++;
    let start = run[i]!.start;
    // "PL" before an account number, with a space or without.
    if (found.kind === 'account') start -= /pl ?$/i.exec(text.slice(Math.max(0, start - 3), start))?.[0].length ?? 0;
    masks.push({ start, end: run[end]!.end, kind: found.kind });
    claimed.fill(1, i, end + 1);
    i = end;
  }
  // The net: nine or more digits left in a row (six in a draft), however
  // grouped (a mistyped PESEL, a NIP with a wrong check digit, an account
  // number regrouped; in a draft, one being typed). Not across a list's
  // comma; across other punctuation ("440514 / 01358") only between long
  // groups, as a table's columns are no number ("2021    150    230"), but
  // in a draft. In a draft, digits right next to an identifier go too: "23
  // 9041 0728 2", an account half typed, is no NIP and a "2".
  const net = draft ? 6 : 9;
  const crosses = (k: number) =>
    run[k]!.link === 'tight' || (run[k]!.link === 'loose' && (draft || (run[k - 1]!.digits.length >= 4 && run[k]!.digits.length >= 4)));
  for (let i = 0; i < run.length; ) {
    let j = i;
    let digits = 0;
    while (j < run.length && !claimed[j] && !kept[j] && run[j]!.shape < 0 && (j === i || crosses(j))) digits += run[j++]!.digits.length;
    const nextToIdentifier = j > i && ((claimed[i - 1] === 1 && crosses(i)) || (claimed[j] === 1 && crosses(j)));
    if (digits >= net || (draft && nextToIdentifier)) masks.push({ start: run[i]!.start, end: run[j - 1]!.end, kind: 'number' });
    i = Math.max(j, i + 1);
  }
  return masks;
}

/** The numbers of the normalised `text` to be masked; `draft`: the text is still being typed (see FindOptions). */
export function numberMasks(text: string, draft = false): NumberMask[] {
  const { shapeAt, strengths } = harmlessShapes(text);
  const masks: NumberMask[] = [];
  for (const chain of digitChains(text)) {
    let run: Group[] = [];
    for (const group of chain as Group[]) {
      group.shape = group.plus || group.paren ? -1 : shapeAt[group.end - 1]!;
      group.slight = strengths[group.shape] === 'slight';
      if (strengths[group.shape] === 'hard') {
        masks.push(...runMasks(run, text, draft));
        run = [];
      } else run.push(group);
    }
    masks.push(...runMasks(run, text, draft));
  }
  return masks;
}
