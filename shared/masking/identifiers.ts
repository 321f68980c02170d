import { digitChains, type DigitGroup, type Link } from './text-normalisation';

/**
 * Polish personal and financial identifiers: their checksums, and how they
 * are written (groups of digits, prefixes, document letters). Used by masking
 * to tell them from ordinary numbers; the checksums also by tests.
 */

const PESEL_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];
const ID_CARD_WEIGHTS = [7, 3, 1, 9, 7, 3, 1, 7, 3];

function digitsOf(value: string): number[] {
  return [...value].map((c) => c.charCodeAt(0) - 48);
}

/** PESEL: 11 digits, the last a check digit over the first ten. */
export function isValidPesel(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  const d = digitsOf(value);
  const sum = PESEL_WEIGHTS.reduce((acc, w, i) => acc + w * d[i]!, 0);
  return (10 - (sum % 10)) % 10 === d[10];
}

export function peselCheckDigit(firstTen: string): number {
  const d = digitsOf(firstTen);
  const sum = PESEL_WEIGHTS.reduce((acc, w, i) => acc + w * d[i]!, 0);
  return (10 - (sum % 10)) % 10;
}

/** NIP (tax id): 10 digits, the last equal to the weighted sum mod 11 (never 10). */
export function isValidNip(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const d = digitsOf(value);
  const check = NIP_WEIGHTS.reduce((acc, w, i) => acc + w * d[i]!, 0) % 11;
  return check !== 10 && check === d[9];
}

/** NRB (Polish account number, the IBAN without "PL"): 26 digits, IBAN mod 97 = 1. */
export function isValidNrb(value: string): boolean {
  if (!/^\d{26}$/.test(value)) return false;
  // IBAN check: move "PL" + check digits to the end; P=25, L=21.
  const rearranged = value.slice(2) + '2521' + value.slice(0, 2);
  let remainder = 0;
  for (const ch of rearranged) remainder = (remainder * 10 + (ch.charCodeAt(0) - 48)) % 97;
  return remainder === 1;
}

/** Polish ID card (dowód osobisty): three letters, then a check digit and five digits. */
export function isValidIdCard(value: string): boolean {
  const v = value.toUpperCase();
  if (!/^[A-Z]{3}\d{6}$/.test(v)) return false;
  const values = [...v].map((c) => (c >= 'A' ? c.charCodeAt(0) - 55 : c.charCodeAt(0) - 48));
  const sum = values.reduce((acc, val, i) => (i === 3 ? acc : acc + val * ID_CARD_WEIGHTS[i]!), 0);
  return sum % 10 === values[3];
}

/**
 * How the numbers are written in groups, as group sizes. Phones: mobiles as
 * 3-3-3, landlines as area code and seven digits (2-3-2-2, 2-3-4, 2-7), or
 * nine together. Other groupings of nine digits are still masked, as a number.
 */
const PHONE_GROUPINGS = new Set(['9', '3,3,3', '2,3,2,2', '2,3,4', '2,7']);
/** NRB: 26 together, or the check digits then six groups of four. */
const NRB_GROUPINGS = new Set(['26', '2,4,4,4,4,4,4']);

export function isPhoneGrouping(sizes: readonly number[]): boolean {
  return sizes.length <= 4 && PHONE_GROUPINGS.has(sizes.join(','));
}

export function isNrbGrouping(sizes: readonly number[]): boolean {
  return (sizes.length === 1 || sizes.length === 7) && NRB_GROUPINGS.has(sizes.join(','));
}

// Polish numbers start with an area code (12…95), a mobile or a service
// prefix; none starts with 0, 10, 11, 19 (short numbers), 20, 21, 27, 28,
// 30, 31, 35–38, 40, 49, 90, 92, 93 or 96–99.
const NO_SUCH_NUMBER = /^(?:0|1[019]|2[0178]|3[015-8]|4[09]|9[0236-9])/;

/** Whether nine digits could be a Polish phone number: "100 200 300" cannot, "600 700 800" can. */
export function couldBePhone(nine: string): boolean {
  return nine.length === 9 && !NO_SUCH_NUMBER.test(nine);
}

/** One group of digits of a written number, as the rules below read it. */
export interface GroupOfDigits {
  digits: string;
  /** Written after "+". */
  plus: boolean;
  /** In brackets: an area code. */
  paren: boolean;
  /**
   * -1, or the harmless shape it belongs to: a date with a two-digit year, a
   * year range. An identifier may include such a shape whole ("02.07.08 03628"
   * is a PESEL), never in part, and never consist of shapes alone.
   */
  shape: number;
  /** How it is joined to the group before: a list's comma is crossed only between long groups. */
  link?: Link;
  /** Part of a list kept as typed: no identifier lies wholly inside one. */
  kept?: boolean;
}

export type NumberKind = 'account' | 'pesel' | 'nip' | 'phone';

interface Candidate {
  end: number;
  digits: string;
  sizes: number[];
}

/**
 * Whether an identifier may run on from `a` to `b`. Across a list's comma
 * only from a long group to a long group ("440514, 01359"): "12, 15, 18" and
 * "101, 102, 103" are lists, whatever their digits add up to.
 */
const runsOn = (a: GroupOfDigits, b: GroupOfDigits) =>
  b.link !== 'list' || (a.shape < 0 && b.shape < 0 && a.digits.length >= 4 && b.digits.length >= 4);

/** Every way groups from `i` on can end an identifier: whole shapes, at least one plain group, not all in a kept list. */
function candidates(groups: readonly GroupOfDigits[], i: number): Candidate[] {
  const out: Candidate[] = [];
  let digits = '';
  const sizes: number[] = [];
  let plain = false;
  let kept = true;
  for (let j = i; j < groups.length && digits.length <= 30; j++) {
    const g = groups[j]!;
    if (j > i && !runsOn(groups[j - 1]!, g)) break;
    digits += g.digits;
    sizes.push(g.digits.length);
    plain ||= g.shape < 0;
    kept &&= g.kept === true;
    // Only the lengths identifiers have (8 to 15 digits after "+", 26) are candidates.
    const ofLength = digits.length === 26 || (digits.length >= 8 && digits.length <= 15);
    if (ofLength && plain && !kept && (g.shape < 0 || groups[j + 1]?.shape !== g.shape)) out.push({ end: j, digits, sizes: [...sizes] });
  }
  return out;
}

/**
 * The identifier written in `groups` from group `i` on, if any: its kind and
 * its last group. The order settles what a run of digits is when it could be
 * two things: explicit prefixes first ("+48", "0048", a trunk 0 or an area
 * code in brackets make a phone), a PESEL written together, "48" and a phone
 * in its usual groups, then any grouping with a valid PESEL or NIP checksum,
 * then nine digits in a phone's groups.
 */
export function identifierAt(groups: readonly GroupOfDigits[], i: number): { kind: NumberKind; end: number } | null {
  const g = groups[i]!;
  const next = groups[i + 1];
  const all = candidates(groups, i);
  const found = (kind: NumberKind, test: (c: Candidate) => boolean) => {
    const c = all.find(test);
    return c ? { kind, end: c.end } : null;
  };
  const ofLength = (n: number) => (c: Candidate) => c.digits.length === n;

  const account = found('account', (c) => c.digits.length === 26 && isNrbGrouping(c.sizes));
  if (account) return account;
  if (g.plus) {
    const poland = g.digits.startsWith('48') ? found('phone', ofLength(11)) : null;
    const longest = [...all].reverse().find((c) => c.digits.length >= 8 && c.digits.length <= 15);
    if (poland ?? longest) return poland ?? { kind: 'phone', end: longest!.end };
  }
  if (g.digits.startsWith('0048') || (g.digits === '00' && next?.digits.startsWith('48'))) {
    const international = found('phone', ofLength(13));
    if (international) return international;
  }
  if (g.digits === '0' && next?.digits.length === 2) {
    const trunk = found('phone', ofLength(10));
    if (trunk) return trunk;
  }
  // An area code in brackets and seven digits, or a mobile's first three: "(42) 1234567", "(600) 700800".
  if (g.paren && !g.plus && g.digits.length <= 3) {
    const area = found('phone', ofLength(g.digits.length === 3 && g.digits[0] !== '0' ? 9 : g.digits.length + 7));
    if (area) return area;
  }
  if (g.shape < 0 && g.digits.length === 11 && isValidPesel(g.digits)) return { kind: 'pesel', end: i };
  if (g.digits.startsWith('48')) {
    const afterPrefix = (c: Candidate) => (g.digits === '48' ? c.sizes.slice(1) : [c.sizes[0]! - 2, ...c.sizes.slice(1)]);
    const phone = found('phone', (c) => c.digits.length === 11 && isPhoneGrouping(afterPrefix(c)));
    if (phone) return phone;
  }
  const pesel = found('pesel', (c) => c.digits.length === 11 && isValidPesel(c.digits));
  if (pesel) return pesel;
  const nip = found('nip', (c) => c.digits.length === 10 && isValidNip(c.digits));
  if (nip) return nip;
  // A landline with the trunk 0 in its area code: "042 123 45 67".
  if (/^0[1-9]\d$/.test(g.digits)) {
    const landline = found('phone', (c) => c.digits.length === 10 && isPhoneGrouping([2, ...c.sizes.slice(1)]));
    if (landline) return landline;
  }
  return found('phone', (c) => c.digits.length === 9 && isPhoneGrouping(c.sizes));
}

// ---- ID card and passport, as written ---------------------------------------------

// Three letters and six digits (ID card) or two letters and seven (passport),
// in any case, together or apart: after the letters any short run of
// punctuation and spaces ("ABA  300000", "ABA/300000", "AB, 1234567") or
// "nr" ("seria ABA nr 300000"); the digits together or in groups of two or
// more ("ABA 30 00 00", "ABC 1234 56", "ab 12 34 567"). A document glued to
// a lower-case word ("dowódABC123456") counts too. Digits written apart may
// not run on into more digits: "tel 600 700 800" is a phone.
// Not a square bracket: "[NIP] 123456" is a token masking left, and a number.
const GAP = '[^\\p{L}\\p{N}\\p{M}+@\\0[\\]]';
const AFTER_LETTERS = `(?:${GAP}{0,4}(?:nr|numer|no)\\.?${GAP}{1,4}|${GAP}{0,6})`;
const IN = '(?: {1,3}| {0,2}- {0,2})';
const SINGLE_END = '(?!\\d|[-./:,]\\d)';
const SPACED_END = '(?![ \\-./:,]{0,3}\\d)';
const apart = (...sizes: number[][]) => sizes.map((g) => g.map((n) => `\\d{${n}}`).join(IN)).join('|');
const SIX = `\\d{6}${SINGLE_END}|(?:${apart([3, 3], [2, 2, 2], [4, 2], [2, 4])})${SPACED_END}`;
const SEVEN = `\\d{7}${SINGLE_END}|(?:${apart([3, 4], [4, 3], [3, 2, 2], [2, 2, 3], [2, 3, 2])})${SPACED_END}`;
const DOCUMENT = new RegExp(
  `(?:(?<![\\p{L}\\p{N}_])|(?<=\\p{Ll})(?=\\p{Lu}{2}))(?:([A-Za-z]{3})(${AFTER_LETTERS})(${SIX})|([A-Za-z]{2})(${AFTER_LETTERS})(${SEVEN}))`,
  'gu',
);

/**
 * Short Polish words a clerk writes before a number ("nie 123456", "na
 * 1234567", "tel. 123456"): apart from the digits and not in capitals, they
 * are a sentence. A valid ID-card checksum masks them all the same.
 */
const DOCUMENT_STOPWORDS = new Set([
  'nie', 'tak', 'dla', 'rok', 'lat', 'dni', 'raz', 'ile', 'ten', 'tym', 'tej', 'ich', 'jej', 'pod', 'nad', 'lub', 'czy', 'bez', 'ani',
  'ale', 'jak', 'gdy', 'kto', 'pan', 'ona', 'ono', 'oni', 'one', 'tam', 'sam', 'nam', 'wam', 'mam', 'kod', 'ust', 'art', 'pkt', 'poz',
  'str', 'tys', 'mln', 'mld', 'par', 'sum', 'nic', 'min', 'tel', 'kom', 'fax', 'nip', 'lok', 'pln', 'eur', 'usd', 'chf', 'gbp', 'ok', 'na',
  'do', 'od', 'za', 'po', 'we', 'ze', 'co', 'to', 'ja', 'on', 'nr', 'mu', 'go', 'mi', 'ci', 'tu', 'by', 'bo', 'no', 'ma', 'ul', 'al',
  'os', 'lp', 'pn', 'wt', 'sr', 'cz', 'pt', 'sb', 'nd', 'ii', 'iv', 'vi', 'ix', 'xi', 'zl', 'np', 'wg', 'tj', 'im', 'dr', 'ks', 'gm',
]);

/**
 * Whether a document's digits run on into a longer number that is an
 * identifier of its own: "abc 440514 01359" is a word and a PESEL, "rok
 * 004836 000 00 00" a word and a phone number.
 */
function startsNumberIdentifier(text: string, digitsStart: number): boolean {
  const [chain] = digitChains(text.slice(digitsStart, digitsStart + 64)) as (DigitGroup & GroupOfDigits)[][];
  for (const g of chain ?? []) g.shape = -1;
  return chain !== undefined && chain.length > 1 && identifierAt(chain, 0) !== null;
}

const SERIES_BEFORE = /seri\p{L}{0,2}\.?:? {0,2}$/iu;
/** A document named just before: "dowód ABC 12 34 56" is an ID card dictated in pairs, not a list. */
const DOCUMENT_NAMED_BEFORE = /(?:dow[oó]d\p{L}{0,4}(?: osobist\p{L}{0,3})?|paszport\p{L}{0,3}|seri\p{L}{0,2}|dokument\p{L}{0,3})\.?:? {0,3}$/iu;

/**
 * A currency's code right after an amount ("1 000 000 EUR", "2 500,- PLN"):
 * the letters are the amount's, not a document's series.
 */
const CURRENCY_CODES = new Set(['pln', 'eur', 'usd', 'chf', 'gbp']);
const AMOUNT_BEFORE = /\d(?:,\d{1,2}|,-{1,2})? {1,2}$/;

/** Small numbers going up, written apart: "PUP 12 15 18" is a list, not a document. */
function isSmallList(written: string): boolean {
  const items = written.split(/\D+/);
  return items.length > 2 && items.every((v, k) => v.length <= 2 && (k === 0 || +v > +items[k - 1]!));
}

const MORE_DIGITS = /^[^\p{L}\p{N}\0]{0,6}\d/u;

/**
 * Where ID-card and passport numbers are written in the normalised `text`, as
 * [start, end). `draft`: the text is being typed, so digits running on after
 * six or seven ("rok 556409 0", a PESEL half typed) are a number, not a document.
 */
export function documentNumbers(text: string, draft = false): [number, number][] {
  const found: [number, number][] = [];
  DOCUMENT.lastIndex = 0;
  for (let m = DOCUMENT.exec(text); m; m = DOCUMENT.exec(text)) {
    const letters = (m[1] ?? m[4])!;
    const separated = (m[2] ?? m[5]) !== '';
    const written = (m[3] ?? m[6])!;
    const digits = written.replace(/\D/g, '');
    const end = m.index + m[0].length;
    const checksum = letters.length === 3 && isValidIdCard(letters + digits);
    const capitals = letters === letters.toUpperCase();
    const sentence = separated && !capitals && DOCUMENT_STOPWORDS.has(letters.toLowerCase());
    const seriesNamed = SERIES_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index));
    // "nr" between: "seria ABA nr 300000", "seria ab nr 1234567"; not a word in a sentence ("min, numer 100000").
    const numbered = /\p{L}/u.test((m[2] ?? m[5])!) && !capitals && !seriesNamed;
    // An amount's currency in capitals: "1 000 000 EUR, 22 24 67" is an amount and a list, though EUR222467
    // has a valid checksum (one series in ten does). Only before a list: "1 000 EUR 222467" stays a document.
    const currency = separated && CURRENCY_CODES.has(letters.toLowerCase()) && AMOUNT_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index));
    // Small numbers going up are a list ("PUP 12 15 18"), after a short word or an amount's currency whatever
    // the checksum ("rok 16 45 74", "1 000 000 EUR, 22 24 67"). After a document's name they are an ID card
    // dictated in pairs ("dowód ABC 12 34 56"), unless the letters are a short word in lower case: a word of
    // the sentence names no series ("dowód tel. 22 79 93", TEL227993 a valid checksum); after "seria" any
    // letters are the series ("seria tel. 22 79 93").
    const named = DOCUMENT_NAMED_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index));
    const list = isSmallList(written) && ((sentence && !seriesNamed) || ((currency || !checksum) && !named));
    const runsOn = startsNumberIdentifier(text, end - written.length) || (draft && MORE_DIGITS.test(text.slice(end, end + 8)));
    if (runsOn || numbered || list || (sentence && !checksum)) {
      // Not a document: the next one may start inside what was read ("na nr AB1234567").
      DOCUMENT.lastIndex = m.index + 1;
      continue;
    }
    found.push([m.index, end]);
  }
  return found;
}
