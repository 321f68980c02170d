import { documentNumbers, identifierAt, type GroupOfDigits } from './identifiers';
import { digitChains, normalisedCopy, originalSpan, type DigitGroup } from './text-normalisation';

/**
 * Masks identifiers a clerk may type into a note (§2 pkt 4, §6 pkt 5: statutory
 * secrecy and the client's confidentiality) before anything is written to disk.
 *
 * Detection reads a normalised copy (text-normalisation.ts: every dash "-",
 * every digit 0–9, every space " ", no invisible characters), and the ORIGINAL
 * spans behind what it finds are replaced, so whatever is not an identifier is
 * stored byte for byte as typed. E-mail addresses go first, then ID-card and
 * passport numbers, then numbers (read as chains of digit groups); each step
 * sees what the steps before it took blanked out, so nothing is taken twice.
 *
 * When in doubt the rules mask: a number wrongly hidden costs a clerk a
 * second; a PESEL wrongly kept is a breach. What is kept is what a clerk needs
 * and no identifier looks like: dates, times, amounts with their currency,
 * lists of small numbers, case signatures. A valid PESEL, NIP or ID-card
 * checksum masks whatever the words around it. Every pattern is bounded or
 * anchored, so masking stays linear in the length of the note.
 */
export type MaskKind = 'email' | 'account' | 'pesel' | 'nip' | 'phone' | 'idCard' | 'number';

export const MASK_TOKENS: Record<MaskKind, string> = {
  email: '[e-mail]',
  account: '[nr rachunku]',
  pesel: '[PESEL]',
  nip: '[NIP]',
  phone: '[telefon]',
  idCard: '[nr dokumentu]',
  number: '[numer]',
};

export interface MaskResult {
  text: string;
  counts: Partial<Record<MaskKind, number>>;
}

/** A span of the normalised copy to be replaced by a token. */
interface Mask {
  start: number;
  end: number;
  kind: MaskKind;
}

// ---- e-mail ------------------------------------------------------------------

// "@" and "." as people spell them to fool a spam filter or because they were
// dictated: "(at)", "[at]", " at ", "małpa", "kropka", "(dot)", spaces around.
const OPEN = '[(\\[{<]';
const CLOSE = '[)\\]}>]';
const AT = `(?: {0,2}@ {0,2}| {0,2}${OPEN} {0,2}(?:at|małpa|malpa|małpka) {0,2}${CLOSE} {0,2}| {1,2}(?:at|małpa|malpa|małpka) {1,2})`;
const SPELLED_DOT = `(?: {1,2}\\. {1,2}| {0,2}${OPEN} {0,2}(?:dot|kropka) {0,2}${CLOSE} {0,2}| {1,2}(?:dot|kropka) {1,2})`;
const LOCAL = '[\\p{L}\\p{N}_%+\\-.]{1,64}';
const LABEL = '[\\p{L}\\p{N}\\-]{1,63}';
// Starts only where a local part can start, so each word is tried once.
const EMAIL = new RegExp(
  `(?<![\\p{L}\\p{N}_%+\\-.@])${LOCAL}(?:${SPELLED_DOT}${LOCAL}){0,8}${AT}(?:${LABEL}(?:\\.|${SPELLED_DOT})){1,8}\\p{L}{2,63}`,
  'giu',
);
const WORD_CHAR = /[\p{L}\p{N}]/u;

function emails(text: string): Mask[] {
  const found: Mask[] = [...text.matchAll(EMAIL)].map((m) => ({ start: m.index, end: m.index + m[0].length, kind: 'email' }));
  // The net under the pattern: any "@" between a letter or digit on each side
  // takes the non-space run around it (an address too long or odd for the
  // pattern). Runs are capped, so a wall of "@" stays linear.
  const rest = blank(text, found);
  for (let at = rest.indexOf('@'); at !== -1; at = rest.indexOf('@', at + 1)) {
    if (!WORD_CHAR.test(rest[at - 1] ?? '') || !WORD_CHAR.test(rest[at + 1] ?? '')) continue;
    let start = at;
    while (start > 0 && at - start < 254 && !/[\s\0]/.test(rest[start - 1]!)) start--;
    let end = at + 1;
    while (end < rest.length && end - at < 254 && !/[\s\0]/.test(rest[end]!)) end++;
    found.push({ start, end, kind: 'email' });
    at = end;
  }
  return found;
}

// ---- ID card and passport (identifiers.ts reads them) -----------------------------

function documents(text: string): Mask[] {
  return documentNumbers(text).map(([start, end]) => ({ start, end, kind: 'idCard' }));
}

// ---- numbers -----------------------------------------------------------------

// Harmless shapes a clerk writes: they are kept, and split the digits around
// them into separate numbers. "Hard" ones cannot be part of an identifier (a
// date with a four-digit year, a time, an amount with its currency, a case
// signature); "soft" ones can (a date with a two-digit year, a year range:
// "02.07.08 03628" is a PESEL), and are kept only when no identifier takes them.
// A shape must not be glued by a dash, dot, slash or colon to more digits.
const B = '(?<![\\d+]|\\d[-./:])';
const E = '(?!\\d|[-./:]\\d)';
const IDENTIFIER_WORDS = 'tel|telefon\\p{L}*|kom|komórk\\p{L}*|nr|numer\\p{L}*|pesel\\p{L}*|nip\\p{L}*|regon|kont\\p{L}*|rachun\\p{L}*';
// A number right after "tel.", "nr", "PESEL", "konto"… is what the word names.
const NAMED_BEFORE = new RegExp(`(?:^|[^\\p{L}])(?:${IDENTIFIER_WORDS})\\.?:? {0,2}(?:tel\\.? {0,2})?$`, 'iu');
const IDENTIFIER_WORD = new RegExp(`^(?:${IDENTIFIER_WORDS})$`, 'iu');

type Strength = 'hard' | 'soft' | null;
const isDay = (d?: string) => d === undefined || (+d >= 1 && +d <= 31);
const isMonth = (m?: string) => m === undefined || (+m >= 1 && +m <= 12);
const isYear = (y?: string) => y === undefined || y.length === 2 || (+y >= 1000 && +y <= 2999);
const dateStrength = (ok: boolean, year: string): Strength => (!ok ? null : year.length === 4 ? 'hard' : 'soft');
const isTime = (h?: string, m?: string, s?: string) => +h! <= (s === undefined ? 24 : 99) && +m! <= 59 && (s === undefined || +s <= 59);

const SHAPES: { pattern: RegExp; strength(m: RegExpExecArray, text: string): Strength; prefix?: number }[] = [
  {
    // Case signature (znak sprawy): unit, file symbol, number, year — "CAZ.6220.1.2024", "DO-I.0003.12.2023".
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])((\\p{L}{1,12})(?:-\\p{L}{1,8}){0,2}([./-]))\\d{1,4}\\3\\d{1,6}(?:\\3\\d{1,6})?\\3(?:19|20)\\d{2}${E}`, 'gu'),
    strength: (m) => (IDENTIFIER_WORD.test(m[2]!) ? null : 'hard'),
    prefix: 1,
  },
  {
    // An amount with its thousands apart and its currency after it: "1 234 567,89 zł", "100 000 000 złotych".
    // Up to 999 999 999: more is no amount in this office, and would be "48 600 700 800 zł". Not
    // after "tel.", "nr", "PESEL"…: "tel. 600 700 800 zł" is a phone. (Bare "600 700 800 zł" reads
    // as the amount "123 456 789 zł" does: the digits cannot tell them apart.)
    pattern: /(?<![\d+]|[\d+](?: {1,3}| {0,2}- {0,2}|[./,:]))(\d{1,3}([ .])\d{3}(?:\2\d{3})*)(?:,\d{1,2}|,-{1,2})?(?= {0,2}(?:zł|zl|złotych|złote|złoty|złotego|złotymi|pln|eur|euro|usd|chf|gbp|€|\$|£)(?![\p{L}\p{N}]))/giu,
    strength: (m, text) => (m[1]!.replace(/\D/g, '').length <= 9 && !NAMED_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index)) ? 'hard' : null),
  },
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

/** For each position of `text`, the harmless shape it is in (-1 for none), and which shapes are soft. */
function harmlessShapes(text: string): { shapeAt: Int32Array; soft: boolean[] } {
  const shapeAt = new Int32Array(text.length).fill(-1);
  const soft: boolean[] = [];
  for (const shape of SHAPES) {
    for (const m of text.matchAll(shape.pattern)) {
      const strength = shape.strength(m, text);
      const start = m.index + (shape.prefix ? m[shape.prefix]!.length : 0);
      const end = m.index + m[0].length;
      if (!strength || shapeAt.subarray(start, end).some((s) => s >= 0)) continue;
      shapeAt.fill(soft.length, start, end);
      soft.push(strength === 'soft');
    }
  }
  return { shapeAt, soft };
}

const LIST_JOINER = /^(?: {1,3}|,)$/;
const DASH_JOINER = /^ {0,2}- {0,2}$/;

/**
 * Kept whole, whatever their digits add up to: small numbers going up ("1 2 3
 * 4 5 6 7 8 9 10", "12,15,18"), years going up ("2021 2022 2023"), office
 * hours ("8-10 12-14"), also after a soft shape ("12.03.24 17-18"). No
 * identifier is written that way; a list item that is an identifier is a
 * group of its own and spoils the list.
 */
function isListOrHours(segment: readonly DigitGroup[]): boolean {
  const values = segment.map((g) => Number(g.digits));
  const listed = segment.every((g, k) => k === 0 || (LIST_JOINER.test(g.joiner) && values[k]! > values[k - 1]!));
  if (listed && segment.length >= 3 && segment.every((g) => g.digits.length <= 2)) return true;
  if (listed && segment.length >= 2 && values.every((v, k) => segment[k]!.digits.length === 4 && v >= 1900 && v <= 2099)) return true;
  return (
    segment.length % 2 === 0 &&
    segment.every((g, k) =>
      k % 2 === 1
        ? DASH_JOINER.test(g.joiner) && values[k - 1]! < values[k]! && values[k]! <= 24 && g.digits.length <= 2
        : (k === 0 || LIST_JOINER.test(g.joiner)) && g.digits.length <= 2,
    )
  );
}

/** Whether the plain groups between the soft shapes of a run are all lists or hours. */
function isKeptWhole(run: readonly (DigitGroup & GroupOfDigits)[]): boolean {
  if (run.some((g) => g.plus || g.paren)) return false;
  const segments: DigitGroup[][] = [];
  run.forEach((g, k) => {
    if (g.shape >= 0) return;
    if (k === 0 || run[k - 1]!.shape >= 0) segments.push([]);
    segments[segments.length - 1]!.push(g);
  });
  return segments.length > 0 && segments.every(isListOrHours);
}

/** The identifiers in a run of digit groups not split by a hard shape, then the net under them. */
function runMasks(run: (DigitGroup & GroupOfDigits)[], text: string): Mask[] {
  if (run.length === 0 || isKeptWhole(run)) return [];
  const masks: Mask[] = [];
  const claimed = new Uint8Array(run.length);
  for (let i = 0; i < run.length; i++) {
    if (run[i]!.shape >= 0 && run[i - 1]?.shape === run[i]!.shape) continue; // inside a shape
    const found = identifierAt(run, i);
    if (!found) continue;
    let start = run[i]!.start;
    // "PL" before an account number, with a space or without.
    if (found.kind === 'account') start -= /pl ?$/i.exec(text.slice(Math.max(0, start - 3), start))?.[0].length ?? 0;
    masks.push({ start, end: run[found.end]!.end, kind: found.kind });
    claimed.fill(1, i, found.end + 1);
    i = found.end;
  }
  // The net: nine or more digits left in a row, however grouped (a mistyped
  // PESEL, a NIP with a wrong check digit, an account number regrouped).
  for (let i = 0; i < run.length; ) {
    let j = i;
    let digits = 0;
    while (j < run.length && !claimed[j] && run[j]!.shape < 0) digits += run[j++]!.digits.length;
    if (digits >= 9) masks.push({ start: run[i]!.start, end: run[j - 1]!.end, kind: 'number' });
    i = Math.max(j, i + 1);
  }
  return masks;
}

function numbers(text: string): Mask[] {
  const { shapeAt, soft } = harmlessShapes(text);
  let masks: Mask[] = [];
  for (const chain of digitChains(text)) {
    let run: (DigitGroup & GroupOfDigits)[] = [];
    for (const group of chain) {
      const shape = group.plus || group.paren ? -1 : shapeAt[group.end - 1]!;
      if (shape >= 0 && !soft[shape]) {
        masks = masks.concat(runMasks(run, text));
        run = [];
      } else run.push({ ...group, shape });
    }
    masks = masks.concat(runMasks(run, text));
  }
  return masks;
}

// ---- putting it together ---------------------------------------------------------

/** The text with the masked spans replaced by NUL, which no rule reads as part of anything. */
function blank(text: string, masks: readonly Mask[]): string {
  if (masks.length === 0) return text;
  const sorted = [...masks].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const m of sorted) {
    if (m.start < at) continue;
    out += text.slice(at, m.start) + '\0'.repeat(m.end - m.start);
    at = m.end;
  }
  return out + text.slice(at);
}

/** An identifier found in a text: where it is in that text, and its kind. */
export interface FoundIdentifier {
  start: number;
  end: number;
  kind: MaskKind;
}

/** The identifiers in `text`, in order, as spans of `text` itself. */
export function findIdentifiers(text: string): FoundIdentifier[] {
  const copy = normalisedCopy(text);
  // NUL marks what is taken; one typed in the note is read as a space.
  let work = copy.text.replace(/\0/g, ' ');
  let masks: Mask[] = [];
  for (const find of [emails, documents, numbers]) {
    const found = find(work);
    masks = masks.concat(found);
    work = blank(work, found);
  }
  const spans: FoundIdentifier[] = [];
  for (const mask of masks.sort((a, b) => a.start - b.start)) {
    const [start, end] = originalSpan(copy, mask.start, mask.end);
    const last = spans[spans.length - 1];
    // Two masks from one original character ("㉑" reads "21"): one span.
    if (last && start < last.end) last.end = Math.max(last.end, end);
    else spans.push({ start, end, kind: mask.kind });
  }
  return spans;
}

/** `text` with the spans of `found` (in order, apart) replaced by their tokens. */
export function replaceIdentifiers(text: string, found: readonly FoundIdentifier[]): MaskResult {
  const counts: MaskResult['counts'] = {};
  let out = '';
  let at = 0;
  for (const { start, end, kind } of found) {
    counts[kind] = (counts[kind] ?? 0) + 1;
    out += text.slice(at, start) + MASK_TOKENS[kind];
    at = end;
  }
  return { text: out + text.slice(at), counts };
}

export function maskIdentifiers(text: string): MaskResult {
  if (isPlainProse(text)) return { text, counts: {} };
  return replaceIdentifiers(text, findIdentifiers(text));
}

// Latin letters (Polish ones included), spaces and the punctuation of prose:
// no digit of any script, no "@" of any width, nothing NFKC could turn into
// either. Every identifier has a digit except an e-mail, which needs "@" or
// a word for it. Such a text has nothing to mask — a test holds the rules to
// that — and is most of what a register shows, so it is not read twice.
const PROSE = /^[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\s.,;:!?()"'„”«»\-–—/[\]]*$/u;
const AT_WORD = /at|ma(?:ł|l)p/i;

/** Whether `text` is plain prose, which masking leaves as it is. */
export function isPlainProse(text: string): boolean {
  return PROSE.test(text) && !AT_WORD.test(text);
}
