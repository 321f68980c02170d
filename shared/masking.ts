import { isValidNip, isValidPesel } from './identifiers';

/**
 * Masks identifiers a clerk may type into a note (§2 pkt 4, §6 pkt 5: statutory
 * secrecy and the client's confidentiality) before anything is written to disk.
 *
 * Rules run in a fixed order on the text left by the rules before them, so a
 * number already replaced cannot be half-matched by a later, looser rule.
 * Each rule refuses to start or end inside a longer run of digits, and needs
 * at least nine digits, which keeps dates, times, amounts and durations
 * intact. When in doubt the
 * rules mask: a number wrongly hidden costs a clerk a second; a PESEL wrongly
 * kept is a breach.
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

const SEP = '[ -]?';
// A rule may not start or end in the middle of a run of digits. Digits merely
// next to it, across a space, are another number: "PESEL 44051401359 600700800"
// holds two identifiers, and both must go.
const NOT_AFTER_DIGIT = '(?<![\\d+])';
const NOT_BEFORE_DIGIT = '(?!\\d)';

interface Rule {
  kind: MaskKind;
  pattern: RegExp;
  /** Extra check on the digits of a match; a match that fails it is left alone. */
  accept?: (digits: string) => boolean;
  shieldDatesAndTimes?: boolean;
}

const RULES: Rule[] = [
  { kind: 'email', pattern: /[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}/gu },
  {
    // NRB, or IBAN with "PL": 26 digits, often in groups of four. Masked even
    // with a wrong checksum: a mistyped account number is still an account number.
    kind: 'account',
    pattern: new RegExp(`(?<!\\d)(?:PL ?)?\\d{2}(?:${SEP}\\d{4}){6}(?!\\d)`, 'giu'),
  },
  {
    // ID card (ABC123456: three letters, six digits) or passport (AB1234567),
    // in any case when written together; apart (space or hyphen) only with a
    // capital among the letters, so "nie 123456" stays a sentence.
    kind: 'idCard',
    pattern: /(?<![\p{L}\d])(?:[A-Za-z]{3}\d{6}|[A-Za-z]{2}\d{7}|(?=[a-z]{0,2}[A-Z])(?:[A-Za-z]{3}[ -]\d{6}|[A-Za-z]{2}[ -]\d{7}))(?!\d)/gu,
  },
  {
    kind: 'pesel',
    pattern: new RegExp(`${NOT_AFTER_DIGIT}\\d{6}${SEP}\\d{5}${NOT_BEFORE_DIGIT}`, 'g'),
    accept: isValidPesel,
  },
  {
    kind: 'nip',
    pattern: new RegExp(
      // Plain, or hyphenated as NIPs are printed (123-456-32-18, 123-45-63-218).
      // Not with spaces: that would take ten digits out of a phone number.
      `${NOT_AFTER_DIGIT}(?:\\d{3}-?\\d{3}-?\\d{2}-?\\d{2}|\\d{3}-\\d{2}-\\d{2}-\\d{3})${NOT_BEFORE_DIGIT}`,
      'g',
    ),
    accept: isValidNip,
  },
  {
    // Polish numbers: nine digits as 3-3-3 (mobile; also with dots or
    // slashes) or 2-3-2-2 (landline with area code), optionally after +48,
    // 0048 or a bare 48. Other groupings are caught by the net at the end.
    kind: 'phone',
    pattern: new RegExp(
      `${NOT_AFTER_DIGIT}(?:(?:\\+|00) ?48${SEP}|48${SEP})?` +
        `(?:\\d{3}${SEP}\\d{3}${SEP}\\d{3}|\\d{3}([./])\\d{3}\\1\\d{3}|(?:\\(\\d{2}\\)|\\d{2})${SEP}\\d{3}${SEP}\\d{2}${SEP}\\d{2})${NOT_BEFORE_DIGIT}`,
      'g',
    ),
  },
  {
    // Last, the net under the others: any run of nine or more digits, in
    // groups split by spaces or hyphens, whatever its checksum or grouping
    // (a mistyped PESEL, a phone written 600 70 08 00, an account without
    // "PL", a NIP with spaces). Dates and times stay: they have fewer digits
    // or other separators.
    kind: 'number',
    pattern: /(?<![\d+])\+?\d(?:[ -]{0,2}\d){8,}(?!\d)/g,
    shieldDatesAndTimes: true,
  },
];

// Dates (2024-03-12, 12.03.2024, 12-03-24) and times (10:15, 10:15:30) next to
// each other would read as one long run of digits; the net steps around them.
// Only whole ones, not touching other digits: "600-70-08-00" is a phone
// number, not 600 and a date.
const DATE_OR_TIME =
  /(?<!\d[ -]?)(?:(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}:\d{2}(?::\d{2})?)(?![ -]?\d)/g;
function shielded(text: string, run: (shieldedText: string) => string): string {
  const kept: string[] = [];
  // Each date or time becomes one private-use character (U+E100 + its index), which no rule matches.
  const hidden = text.replace(DATE_OR_TIME, (match) => String.fromCharCode(0xe100 + kept.push(match) - 1));
  return run(hidden).replace(/[\uE100-\uF8FF]/g, (c) => kept[c.charCodeAt(0) - 0xe100] ?? c);
}

export function maskIdentifiers(text: string): MaskResult {
  const counts: MaskResult['counts'] = {};
  // NFKC first: full-width digits (１２３) become the digits the rules know.
  // Private-use characters carry no meaning in a note and are used below.
  let out = text.normalize('NFKC').replace(/[\uE000-\uF8FF]/g, '');
  for (const rule of RULES) {
    const apply = (input: string) =>
      input.replace(rule.pattern, (match) => {
        if (rule.accept && !rule.accept(match.replace(/\D/g, ''))) return match;
        counts[rule.kind] = (counts[rule.kind] ?? 0) + 1;
        return MASK_TOKENS[rule.kind];
      });
    out = rule.shieldDatesAndTimes ? shielded(out, apply) : apply(out);
  }
  return { text: out, counts };
}
