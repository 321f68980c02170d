/**
 * Generators for the masking tests: identifiers written the way people really
 * type or paste them (any dash, dots, slashes, odd whitespace, invisible format
 * characters, digits of other scripts, e-mail obfuscations, documents in lower
 * case or spaced, landlines with area codes), and the numbers a clerk writes
 * that must be stored exactly as typed (dates, times, amounts, lists, case
 * signatures). Built from the published definitions in ./arbitraries.
 */
import fc from 'fast-check';
import { validIdCard, validNip, validNrb, validPesel } from './arbitraries';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));

/** Separators seen between digit groups: spaces, every dash, dots, slashes, tabs, line breaks, no-break spaces. */
export const SEPARATORS = [
  ' ', '  ', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '\uFE63', '\uFF0D',
  '.', '/', '\t', '\n', '\r\n', '\u00A0', '\u202F', '\u2007', '\u3000', ' - ', ' \u2013 ',
];

/** Invisible format characters (Unicode category Cf) a paste or an editor may leave between characters. */
export const FORMAT_CHARS = ['\u200B', '\u00AD', '\u2060', '\u200C', '\u200D', '\uFEFF', '\u200E', '\u200F', '\u2061', '\u2064', '\u180E'];

/** The zero of some decimal-digit blocks (\p{Nd}): ASCII, Arabic-Indic, Devanagari, Thai, full-width, mathematical… */
export const DIGIT_ZEROS = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20,
  0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0xa620, 0xa8d0, 0xa900, 0xff10, 0x104a0, 0x11066, 0x1d7ce, 0x1d7d8,
  0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e950, 0x1fbf0,
];

/** How one identifier is spelled: which separators, which scripts, where invisible characters go. */
interface Spelling {
  seps: string[];
  uniformSep: boolean;
  scripts: number[];
  scriptMode: 'ascii' | 'one' | 'mixed';
  formats: (string | null)[];
}

const spelling: fc.Arbitrary<Spelling> = fc.record({
  seps: fc.array(fc.constantFrom(...SEPARATORS), { minLength: 30, maxLength: 30 }),
  uniformSep: fc.boolean(),
  scripts: fc.array(fc.constantFrom(...DIGIT_ZEROS), { minLength: 30, maxLength: 30 }),
  scriptMode: fc.constantFrom('ascii', 'ascii', 'one', 'mixed'),
  formats: fc.array(fc.option(fc.constantFrom(...FORMAT_CHARS), { freq: 4 }), { minLength: 30, maxLength: 30 }),
});

/** A digit in the script the spelling picks for position `i`. */
function digitIn(d: string, i: number, s: Spelling): string {
  const zero = s.scriptMode === 'ascii' ? 0x30 : s.scriptMode === 'one' ? s.scripts[0]! : s.scripts[i]!;
  return String.fromCodePoint(zero + Number(d));
}

/** `plain` cut into `groups`, joined by the spelling's separators, with its scripts and format characters. */
export function spell(plain: string, groups: readonly number[], s: Spelling): string {
  let out = '';
  let at = 0;
  groups.forEach((size, g) => {
    if (g > 0) out += s.uniformSep ? s.seps[0]! : s.seps[g]!;
    for (let k = 0; k < size; k++, at++) {
      if (at > 0 && s.formats[at]) out += s.formats[at];
      out += digitIn(plain[at]!, at, s);
    }
  });
  return out;
}

export interface Written {
  /** The identifier's digits, ASCII, no separators. */
  plain: string;
  /** As typed. */
  text: string;
}

function spelled(plain: fc.Arbitrary<string>, groupings: number[][]): fc.Arbitrary<Written> {
  return fc
    .tuple(plain, fc.constantFrom(...groupings), spelling)
    .map(([p, groups, s]) => ({ plain: p, text: spell(p, groups, s) }));
}

const ones = (n: number) => Array.from({ length: n }, () => 1);

/** A valid PESEL in the groupings people use, down to one digit at a time. */
export const spelledPesel = spelled(validPesel, [[11], [6, 5], [3, 3, 3, 2], [4, 4, 3], [2, 2, 2, 5], [3, 3, 5], [2, 2, 2, 2, 2, 1], ones(11)]);

/**
 * A valid NIP (first digit not 0: tax-office codes start at 1) in its printed
 * groupings. 3-2-2-3 keeps one separator throughout: "123 45 63-218 Łódź"
 * would end in a postal code, which nobody writes and masking leaves alone.
 */
export const spelledNip = fc
  .tuple(validNip.filter((n) => n[0] !== '0'), fc.constantFrom([10], [3, 3, 2, 2], [3, 2, 2, 3], ones(10)), spelling)
  .map(([p, groups, s]) => ({ plain: p, text: spell(p, groups, groups.length === 4 && groups[3] === 3 ? { ...s, uniformSep: true } : s) }));

/** An account number (valid or not), 2 + 6 × 4 or together, perhaps after "PL". */
export const spelledNrb = fc
  .tuple(fc.oneof(validNrb, digits(26)), fc.constantFrom([26], [2, 4, 4, 4, 4, 4, 4]), spelling, fc.constantFrom('', 'PL', 'PL ', 'pl', 'PL\u00A0'))
  .map(([p, groups, s, prefix]) => ({ plain: p, text: prefix + spell(p, groups, s) }));

/** A mobile or landline number after every prefix, in 3-3-3 or 2-3-2-2, or together. */
export const spelledPhone = fc
  .tuple(
    digits(9),
    fc.constantFrom([9], [3, 3, 3], [2, 3, 2, 2]),
    spelling,
    fc.constantFrom('', '+48', '+48 ', '+48-', '+48\u00A0', '0048', '0048 ', '0048-', '48', '(+48) '),
  )
  .map(([p, groups, s, prefix]) => ({ plain: p, text: prefix + spell(p, groups, s), prefix }));

/** Landlines as written with the trunk 0 and the area code: "(0-42) 123 45 67", "(042) 123-45-67", "42/123 45 67", "0 42 123 45 67". */
export const spelledLandline = fc
  .tuple(digits(9), fc.constantFrom('(0-42) ', '(042) ', '(0 42) ', '(42) ', '(42)', '42/', '0 42 ', '0-42-', '\uFF08042\uFF09 '), fc.constantFrom([3, 2, 2], [3, 4], [7]), spelling)
  .map(([p, area, groups, s]) => {
    const code = p.slice(0, 2);
    return { plain: p, text: area.replace('42', spell(code, [2], s)) + spell(p.slice(2), groups, s) };
  });

const lower = 'abcdefghijklmnopqrstuvwxyz';
const upper = lower.toUpperCase();
const letters = (n: number) => fc.array(fc.constantFrom(...upper), { minLength: n, maxLength: n }).map((l) => l.join(''));

/** Letters written in capitals, lower case, capitalised or full-width. */
function caseOf(l: string, style: number): string {
  if (style === 1) return l.toLowerCase();
  if (style === 2) return l[0] + l.slice(1).toLowerCase();
  if (style === 3) return [...l].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
  return l;
}

const docSep = fc.constantFrom('', '', ' ', '-', '\u2013', '\u00A0', '\t', '\u2011');

/** A valid ID card number, "ABC123456", "abc 123456", "ABC 123 456", in any case, with any digits. */
export const spelledIdCard = fc
  .tuple(validIdCard, fc.integer({ min: 0, max: 3 }), docSep, fc.constantFrom([6], [3, 3]), spelling)
  .map(([id, style, sep, groups, s]) => ({
    plain: id.slice(3),
    text: caseOf(id.slice(0, 3), style) + sep + spell(id.slice(3), groups, { ...s, seps: s.seps.map(() => sep || ' ') }),
  }));

/**
 * Two-letter words a clerk writes before a number ("na 1234567", "do 1234567"):
 * a passport has no check digit, so these stay as typed (see masking.ts) and
 * are not generated as passports.
 */
export const TWO_LETTER_WORDS = new Set([
  'na', 'do', 'od', 'za', 'po', 'we', 'ze', 'co', 'to', 'ja', 'on', 'ok', 'nr', 'mu', 'go', 'mi', 'ci', 'tu', 'by', 'bo', 'no', 'ma', 'ul', 'al',
  'os', 'lp', 'pn', 'wt', 'sr', 'cz', 'pt', 'sb', 'nd', 'ii', 'iv', 'vi', 'ix', 'xi', 'zl', 'np', 'wg', 'tj', 'im', 'dr', 'ks', 'gm',
]);

/** A passport number, "AB1234567", "ab 1234567", "AB 123 4567". */
export const spelledPassport = fc
  .tuple(letters(2), digits(7), fc.integer({ min: 0, max: 3 }), docSep, fc.constantFrom([7], [3, 4]), spelling)
  .filter(([l]) => !TWO_LETTER_WORDS.has(l.toLowerCase()))
  .map(([l, d, style, sep, groups, s]) => ({
    plain: d,
    text: caseOf(l, style) + sep + spell(d, groups, { ...s, seps: s.seps.map(() => sep || ' ') }),
  }));

const alnum = `${lower}0123456789`;
const word = (min: number, max: number, alphabet = alnum) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((c) => c.join(''));

const AT = ['@', ' @ ', '(at)', ' (at) ', '[at]', ' [at] ', ' at ', ' AT ', ' małpa ', '(małpa)', ' (malpa) ', '{at}', '\uFF20'];
const DOT = ['.', ' . ', ' kropka ', '(dot)', ' (dot) ', '[dot]', ' dot ', ' (kropka) ', ' Kropka '];

/** E-mail addresses, plain and obfuscated: "jan.kowalski małpa wp.pl", "jan @ wp . pl", "jan (at) gmail kropka com". */
export const spelledEmail = fc
  .tuple(
    fc.array(word(2, 10), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('.', '_', '-', '+', ' . ', ' kropka '),
    fc.constantFrom(...AT),
    fc.array(word(2, 10, `${lower}0123456789`), { minLength: 1, maxLength: 3 }),
    fc.constantFrom(...DOT),
    word(2, 6, lower),
  )
  .filter(([local, , , labels]) => ![...local, ...labels].some((w) => /^(at|dot|kropka|malpa)$/.test(w)))
  .map(([local, joiner, at, labels, dot, tld]) => ({ text: `${local.join(joiner)}${at}${labels.join(dot)}${dot}${tld}` }));

// ---- what must stay as typed ---------------------------------------------------

const someDate = fc.date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true });

/** A date as clerks write it: 12.03.2024, 2.3.2024, 2024-03-12, 12/03/2024, 12-03-2024, 12.03.24. */
export const writtenDate = fc.tuple(someDate, fc.integer({ min: 0, max: 5 })).map(([d, style]) => {
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  if (style === 1) return `${day}.${m}.${y}`;
  if (style === 2) return `${y}-${pad(m, 2)}-${pad(day, 2)}`;
  if (style === 3) return `${pad(day, 2)}/${pad(m, 2)}/${y}`;
  if (style === 4) return `${pad(day, 2)}-${pad(m, 2)}-${y}`;
  if (style === 5) return `${pad(day, 2)}.${pad(m, 2)}.${pad(y % 100, 2)}`;
  return `${pad(day, 2)}.${pad(m, 2)}.${y}`;
});

/** Two dates in a row, or a range of days. */
export const datePair = fc.oneof(
  fc.tuple(writtenDate, fc.constantFrom(' ', '  ', ' - ', ', ', ' i ', ' do ', '\u00A0', ' \u2013 '), writtenDate).map(([a, sep, b]) => a + sep + b),
  fc.tuple(someDate, fc.integer({ min: 1, max: 9 }), fc.constantFrom('-', '\u2013')).map(([d, days, dash]) => {
    const [y, m, day] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1, 2), Math.min(d.getUTCDate(), 19)];
    return `${pad(day, 2)}${dash}${pad(day + days, 2)}.${m}.${y}`;
  }),
);

const writtenTime = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 2 }))
  .map(([h, m, s, style]) => (style === 0 ? `${h}:${pad(m, 2)}` : style === 1 ? `${pad(h, 2)}:${pad(m, 2)}` : `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}`));

const dash = fc.constantFrom('-', ' - ', '\u2013', ' \u2013 ');

/** A time or a range of times: "10:15", "10:00-12:00", "8:30 – 9:15", office hours "8-16". */
export const timeOrRange = fc.oneof(
  writtenTime,
  fc.tuple(writtenTime, dash, writtenTime).map(([a, d, b]) => a + d + b),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 1, max: 12 }), dash).map(([h, length, d]) => `${h}${d}${Math.min(24, h + length)}`),
);

/** A date with a time or a range of hours after it. */
export const dateTime = fc
  .tuple(writtenDate, fc.constantFrom(' ', ', ', ', godz. ', ' godz. ', ' o ', ' w godz. ', '\u00A0'), timeOrRange)
  .map(([d, sep, t]) => d + sep + t);

/** Amounts with thousands apart (space, no-break space, narrow no-break space or dot) and a currency word. */
export const spacedAmount = fc
  .tuple(
    fc.integer({ min: 1_000_000, max: 999_999_999 }),
    fc.constantFrom(' ', '\u00A0', '\u202F', '.'),
    fc.constantFrom('', ',00', ',50', ',99', ',-'),
    fc.constantFrom(' zł', 'zł', ' zł.', ' złotych', ' PLN', ' EUR', ' €', ' złote'),
    fc.constantFrom('', 'kwota ', 'kwotę ', 'w wysokości ', 'dotacja '),
  )
  .map(([n, sep, cents, currency, before]) => `${before}${n.toLocaleString('en-US').replace(/,/g, sep)}${cents}${currency}`);

/** Lists of small numbers: "12, 15, 18", "1 2 3 4 5 6 7 8 9 10", "12,15,18", years "2021 2022 2023". */
export const numberList = fc.oneof(
  fc.array(fc.integer({ min: 1, max: 999 }), { minLength: 3, maxLength: 12 }).map((ns) => ns.join(', ')),
  fc
    .uniqueArray(fc.integer({ min: 0, max: 99 }), { minLength: 3, maxLength: 14 })
    .chain((ns) => fc.constantFrom(' ', ',').map((sep) => [...ns].sort((a, b) => a - b).join(sep))),
  fc.uniqueArray(fc.integer({ min: 1990, max: 2035 }), { minLength: 2, maxLength: 5 }).map((ns) => [...ns].sort((a, b) => a - b).join(' ')),
);

/** Case signatures (znak sprawy): "CAZ.6220.1.2024", "DO-I.0003.12.2023", also with hyphens or slashes. */
export const caseSignature = fc
  .tuple(
    fc.constantFrom('CAZ', 'CAZ-II', 'DO', 'OA', 'ZP', 'PUP', 'DO-I', 'KA', 'Caz'),
    fc.integer({ min: 1, max: 9999 }).map((n) => pad(n, 4)),
    fc.integer({ min: 1, max: 99_999 }),
    fc.integer({ min: 1995, max: 2099 }),
    fc.constantFrom('.', '.', '-', '/'),
    fc.constantFrom('', '.AB', '.JK'),
  )
  .map(([unit, jrwa, no, year, sep, suffix]) => `${unit}${sep}${jrwa}${sep}${no}${sep}${year}${suffix}`);

/** Other numbers of an office note: legal references, rooms, durations, school years, addresses. */
export const otherHarmless = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 20 })).map(([a, u, p]) => `art. ${a} ust. ${u} pkt ${p}`),
  fc.integer({ min: 1, max: 999 }).map((n) => `pokój ${n}`),
  fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${h} h ${m} min`),
  fc.integer({ min: 1995, max: 2040 }).map((y) => `${y}/${y + 1}`),
  fc.tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 10, max: 99 }), fc.integer({ min: 0, max: 999 }))
    .map(([h, f, p1, p2]) => `ul. Piotrkowska ${h}/${f} ${p1}-${pad(p2, 3)} Łódź`),
);
