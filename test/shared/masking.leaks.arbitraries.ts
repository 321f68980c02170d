/**
 * Generators for the leaks an adversarial review found: identifiers written
 * with any short run of punctuation, symbols or whitespace between their
 * groups, with invisible characters that are not format characters (variation
 * selectors, combining marks, Hangul fillers…), landlines with spaced
 * brackets, documents with odd gaps, e-mail addresses with half-spaced dots,
 * commas or no dot at all, and identifiers half typed (the draft).
 */
import fc from 'fast-check';
import { validIdCard, validNip, validNrb, validPesel } from './arbitraries';
import { DIGIT_ZEROS, FORMAT_CHARS, SEPARATORS, spell, TWO_LETTER_WORDS, type Written } from './masking.arbitraries';

const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));
const ones = (n: number) => Array.from({ length: n }, () => 1);

/** Nine digits a Polish number could have: an area code or a mobile prefix, then seven digits. */
export const polishNumber = fc
  .tuple(fc.constantFrom('12', '22', '32', '42', '44', '58', '61', '71', '81', '91', '45', '50', '51', '53', '57', '60', '66', '69', '72', '73', '78', '79', '88'), digits(7))
  .map(([prefix, rest]) => prefix + rest);

/**
 * Runs of punctuation, symbols and whitespace between digit groups that are
 * not how a list is written: slashes with spaces, backslashes, double
 * hyphens, a dot with a space, a colon with a space, underscores, pipes,
 * four to six spaces, tabs or line breaks, symbols.
 */
export const LOOSE_SEPARATORS = [
  ' / ', '/ ', ' /', '\\', ' \\ ', '--', ' -- ', '\u2014\u2014', '. ', ' . ', ' .', ': ', ' : ', '_', ' _ ', '|', ' | ',
  '    ', '      ', '\t\t\t\t', '\n\n\n\n', '\r\n\r\n', ' \r\n\r\n', '\u00A0\u00A0\u00A0\u00A0', '\u3000\u3000\u3000\u3000', '·', ' * ',
  '#', '~', ' = ', '\u2044', ' \u2022 ', '\u2026', ' \u2192 ', '//', ';-', ' / \u200B', '\u2800', ' \u2800 ', '] [', ' - - ',
];

/** A comma or a semicolon, as between the items of a list: read as a separator only between groups of four or more digits. */
export const LIST_SEPARATORS = [', ', ',  ', ' , ', ';', '; ', ' ; ', ',\n', ',\t', ';\r\n'];

const spellingWith = (separators: fc.Arbitrary<string>) =>
  fc.record({
    seps: fc.array(separators, { minLength: 30, maxLength: 30 }),
    uniformSep: fc.boolean(),
    scripts: fc.array(fc.constantFrom(...DIGIT_ZEROS), { minLength: 30, maxLength: 30 }),
    scriptMode: fc.constantFrom<'ascii' | 'one' | 'mixed'>('ascii', 'ascii', 'one', 'mixed'),
    formats: fc.array(fc.option(fc.constantFrom(...FORMAT_CHARS), { freq: 6 }), { minLength: 30, maxLength: 30 }),
  });

/** Separators: some loose, the rest as before; one of them at least loose. */
const looseSpelling = spellingWith(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...LOOSE_SEPARATORS) }, fc.constantFrom(...SEPARATORS))).map((s) => ({
  ...s,
  seps: s.seps.map((sep, k) => (k === 1 && !LOOSE_SEPARATORS.includes(sep) ? ' / ' : sep)),
}));

function looselySpelled(plain: fc.Arbitrary<string>, groupings: number[][], prefixes: string[] = ['']): fc.Arbitrary<Written> {
  return fc
    .tuple(plain, fc.constantFrom(...groupings), looseSpelling, fc.constantFrom(...prefixes))
    .map(([p, groups, s, prefix]) => ({ plain: p, text: prefix + spell(p, groups, s) }));
}

/** Class 1: PESEL, NIP, NRB, mobiles and landlines with loose separators between groups (and tight ones, scripts, format characters). */
export const looselySeparated = fc.oneof(
  looselySpelled(validPesel, [[6, 5], [3, 3, 3, 2], [4, 4, 3], [2, 2, 2, 5], [3, 3, 5], [2, 2, 2, 2, 2, 1], ones(11)]),
  // 3-2-2-3 would end in a postal code before a capitalised word ("63-218 Łódź"), which masking keeps: not generated.
  looselySpelled(validNip.filter((n) => n[0] !== '0'), [[3, 3, 2, 2], ones(10)]),
  looselySpelled(fc.oneof(validNrb, digits(26)), [[2, 4, 4, 4, 4, 4, 4]], ['', 'PL', 'PL ']),
  looselySpelled(polishNumber, [[3, 3, 3], [2, 3, 2, 2]], ['', '+48', '+48 ', '0048 ', 'tel. ']),
  looselySpelled(digits(9).map((d) => `42${d.slice(2)}`), [[2, 3, 2, 2], [2, 3, 4], [2, 7]]),
);

/** Class 1, lists' separators: a comma or semicolon between groups of four digits or more. */
export const listSeparated = fc.oneof(
  fc.tuple(validPesel, fc.constantFrom([6, 5], [5, 6], [4, 7], [7, 4])),
  fc.tuple(validNip.filter((n) => n[0] !== '0'), fc.constantFrom([5, 5], [4, 6], [6, 4])),
).chain(([p, groups]) => spellingWith(fc.constantFrom(...LIST_SEPARATORS)).map((s) => ({ plain: p, text: spell(p, groups, s) })));

/**
 * Invisible characters that are not format characters (Cf): the combining
 * grapheme joiner, variation selectors, Mongolian free variation selectors,
 * Khmer inherent vowels, combining marks (the keycap, accents, enclosing
 * circles), Hangul fillers, unassigned default-ignorable code points.
 */
export const INVISIBLE_CHARS = [
  '\u034F', '\uFE00', '\uFE0E', '\uFE0F', '\u{E0100}', '\u{E01EF}', '\u180B', '\u180C', '\u180D', '\u180F', '\u17B4', '\u17B5',
  '\u20E3', '\u0301', '\u0300', '\u0308', '\u0336', '\u20DD', '\u0489', '\u1AB0', '\u1DC0', '\uFE20', '\u115F', '\u1160', '\u3164',
  '\uFFA0', '\u2065', '\uFFF0', '\u{E0080}', '\uFE0F\u20E3',
];

const invisibleRun = fc.array(fc.constantFrom(...INVISIBLE_CHARS), { minLength: 1, maxLength: 3 }).map((c) => c.join(''));

/** Class 2: an identifier with invisible characters after any digit (every digit, or some). */
export const invisiblySpelled = fc
  .tuple(
    fc.oneof(
      validPesel.map((p) => ({ plain: p, groups: [[11], [6, 5], [3, 3, 3, 2]] })),
      validNip.filter((n) => n[0] !== '0').map((p) => ({ plain: p, groups: [[10], [3, 3, 2, 2]] })),
      polishNumber.map((p) => ({ plain: p, groups: [[9], [3, 3, 3]] })),
      validNrb.map((p) => ({ plain: p, groups: [[26], [2, 4, 4, 4, 4, 4, 4]] })),
    ),
    fc.nat(),
    fc.constantFrom(' ', '-', '', '\u00A0'),
    fc.array(fc.option(invisibleRun, { freq: 2 }), { minLength: 26, maxLength: 26 }),
    fc.boolean(),
  )
  .map(([{ plain, groups }, pick, sep, marks, everyDigit]) => {
    const sizes = groups[pick % groups.length]!;
    let text = '';
    let at = 0;
    sizes.forEach((size, g) => {
      if (g > 0) text += sep || '';
      for (let k = 0; k < size; k++, at++) text += plain[at]! + (everyDigit ? (marks[at] ?? '\uFE0F') : (marks[at] ?? ''));
    });
    return { plain, text };
  });

/** Class 3: landlines and mobiles with spaced brackets, a slash after the area code, "+48 (600)". */
export const bracketedPhone = fc.oneof(
  fc
    .tuple(
      digits(9),
      fc.constantFrom('(0 - 42) ', '( 042 ) ', '(0 42) ', '( 0-42 ) ', '( 42 ) ', '(42)  ', '42 / ', '42/ ', '0 42 / ', '+48 (42) ', '+48 ( 42 ) ', '(0 - 42)'),
      fc.constantFrom([3, 2, 2], [3, 4], [7]),
      fc.constantFrom(' ', '-', ' / ', '  ', '.', ''),
    )
    .map(([p, area, groups, sep]) => ({ plain: p, text: area.replace('42', p.slice(0, 2)) + spell(p.slice(2), groups, { seps: Array(30).fill(sep || ' '), uniformSep: true, scripts: [], scriptMode: 'ascii', formats: [] }) })),
  fc
    .tuple(fc.integer({ min: 4, max: 8 }), digits(8), fc.constantFrom('+48 (', '(', '+48(', '0048 (', '( '), fc.constantFrom(') ', ')', ' ) ', ') / '), fc.constantFrom(' ', '-', ''))
    .map(([first, rest, open, close, sep]) => {
      const p = `${first}${rest}`;
      return { plain: p, text: `${open}${p.slice(0, 3)}${close}${p.slice(3, 6)}${sep}${p.slice(6)}` };
    }),
);

const lower = 'abcdefghijklmnopqrstuvwxyz';
const upper = lower.toUpperCase();
const caseOf = (l: string, style: number) =>
  style === 1 ? l.toLowerCase() : style === 2 ? l[0] + l.slice(1).toLowerCase() : style === 3 ? [...l].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('') : l;

/** Between a document's letters and its digits. */
export const DOCUMENT_GAPS = ['  ', ' - ', '/', ' / ', ': ', ', ', ' nr ', ' nr. ', ', nr ', ' numer ', '\n', ' \n', '\t', '. ', '_', ' | ', '\u00A0\u00A0', ':'];
const IN_DIGITS = [' ', '  ', '-', ' - ', '\u00A0', '\t'];

function document(letters: fc.Arbitrary<string>, serial: (l: string) => fc.Arbitrary<string>, groupings: number[][]): fc.Arbitrary<Written> {
  return letters.chain((l) =>
    fc
      .tuple(serial(l), fc.integer({ min: 0, max: 3 }), fc.constantFrom(...DOCUMENT_GAPS), fc.constantFrom(...groupings), fc.constantFrom(...IN_DIGITS), fc.boolean())
      .map(([d, style, gap, groups, sep, series]) => ({
        plain: d,
        // "nr" between letters in lower case and digits is a document after "seria" only ("min, numer 100000" is not).
        text: `${series || /nr|numer/.test(gap) ? 'seria ' : ''}${caseOf(l, style)}${gap}${spell(d, groups, { seps: Array(30).fill(sep), uniformSep: true, scripts: [], scriptMode: 'ascii', formats: [] })}`,
      })),
  );
}

// Small numbers going up after a short word in lower case ("rok 16 45 74") are a list, whatever the checksum.
const smallListInProse = ({ text }: Written) => /^(?:seria )?(?=\p{L}*\p{Ll})\p{L}+\P{L}+?(\d\d)\D+(\d\d)\D+(\d\d)$/u.exec(text);
const isProseList = (w: Written) => {
  const m = smallListInProse(w);
  return m !== null && +m[1]! < +m[2]! && +m[2]! < +m[3]!;
};

/** Class 4: ID cards (valid checksum) and passports with any gap after the letters, digits in groups. */
export const gappedDocument = fc.oneof(
  validIdCard
    .chain((id) => document(fc.constant(id.slice(0, 3)), () => fc.constant(id.slice(3)), [[6], [3, 3], [2, 2, 2], [4, 2], [2, 4]]))
    .filter((w) => !isProseList(w)),
  document(
    fc.array(fc.constantFrom(...upper), { minLength: 2, maxLength: 2 }).map((c) => c.join('')).filter((l) => !TWO_LETTER_WORDS.has(l.toLowerCase())),
    () => digits(7),
    [[7], [3, 4], [4, 3], [3, 2, 2], [2, 2, 3], [2, 3, 2]],
  ),
);

const word = (min: number, max: number) => fc.array(fc.constantFrom(...lower), { minLength: min, maxLength: max }).map((c) => c.join(''));
const NOT_WORDS = /^(?:at|dot|kropka|malpa|nr|no)$/;
const AT = ['@', ' @ ', '(at)', ' (at) ', '(@)', ' (@) ', '[@]', ' [@] ', '@@', ' @@ ', '{@}', '<@>', ' małpa ', ' at ', ' (małpa) ', ' malpa ', ' małpka '];
const WORD_AT = [' małpa ', ' at ', ' malpa ', ' małpka ', ' (at) ', ' @ ', '@'];
const LOOSE_DOTS = ['. ', ' .', ' . ', ',', ', ', ' , ', '.  '];
export const MAIL_ENDINGS = ['pl', 'com', 'eu', 'org', 'net', 'info', 'gov.pl', 'com.pl', 'edu.pl'];
export const MAIL_PROVIDERS = ['wp', 'onet', 'interia', 'gmail', 'o2', 'op', 'poczta', 'tlen', 'gazeta', 'yahoo', 'outlook'];

/** Class 5: e-mail addresses with a dot half-spaced or written as a comma, "@" in brackets or doubled, or no dot said at all. */
export const looseEmail = fc.oneof(
  fc
    .tuple(fc.array(word(2, 9), { minLength: 1, maxLength: 3 }), fc.constantFrom('.', '_', '-'), fc.constantFrom(...AT), fc.array(word(2, 9), { minLength: 1, maxLength: 2 }), fc.constantFrom(...LOOSE_DOTS), fc.constantFrom(...MAIL_ENDINGS))
    .filter(([local, , , labels]) => ![...local, ...labels].some((w) => NOT_WORDS.test(w)))
    .map(([local, joiner, at, labels, dot, ending]) => `${local.join(joiner)}${at}${labels.join('.')}${dot}${ending}`),
  fc
    .tuple(fc.array(word(2, 9), { minLength: 1, maxLength: 2 }), fc.constantFrom(...WORD_AT), fc.constantFrom(...MAIL_PROVIDERS), fc.constantFrom('', ' pl', ' com', '  pl'))
    .filter(([local]) => !local.some((w) => NOT_WORDS.test(w)))
    .map(([local, at, provider, ending]) => `${local.join('.')}${at}${provider}${ending}`),
  fc
    .tuple(fc.array(word(2, 9), { minLength: 1, maxLength: 2 }), fc.constantFrom(...WORD_AT), word(3, 9), fc.constantFrom(' pl', ' com', ' eu', ' org'))
    .filter(([local, , label]) => ![...local, label].some((w) => NOT_WORDS.test(w)))
    .map(([local, at, label, ending]) => `${local.join('.')}${at}${label}${ending}`),
);

/**
 * Class 6: an identifier being typed, cut after six or more of its digits
 * (PESEL, NIP, a mobile with a prefix a Polish number has, an account), in
 * groupings whose start is no date or list.
 */
export const halfTyped = fc
  .tuple(
    fc.oneof(
      // Not 4-4-3: "1905-14" is a year range, and kept while the rest is typed.
      fc.tuple(validPesel, fc.constantFrom([11], [6, 5], [3, 3, 5])),
      fc.tuple(validNip.filter((n) => n[0] !== '0'), fc.constantFrom([10], [3, 3, 2, 2])),
      fc.tuple(polishNumber, fc.constantFrom([9], [3, 3, 3])),
      fc.tuple(validNrb, fc.constantFrom([26], [2, 4, 4, 4, 4, 4, 4])),
    ),
    fc.integer({ min: 6, max: 26 }),
    fc.constantFrom(' ', '-', '', '\u00A0', ' / ', '\t', '\u2013'),
    fc.array(fc.option(fc.constantFrom(...FORMAT_CHARS, ...INVISIBLE_CHARS), { freq: 6 }), { minLength: 30, maxLength: 30 }),
  )
  .map(([[plain, groups], cut, sep, formats]) => {
    const typed = plain.slice(0, Math.min(cut, plain.length));
    const sizes: number[] = [];
    for (let left = typed.length, g = 0; left > 0; g++) {
      sizes.push(Math.min(left, groups[g]!));
      left -= groups[g]!;
    }
    return { plain: typed, text: spell(typed, sizes, { seps: Array(30).fill(sep), uniformSep: true, scripts: [], scriptMode: 'ascii', formats }) };
  });
