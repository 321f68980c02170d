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
export type MaskKind = 'email' | 'account' | 'pesel' | 'nip' | 'phone' | 'idCard';

export const MASK_TOKENS: Record<MaskKind, string> = {
  email: '[e-mail]',
  account: '[nr rachunku]',
  pesel: '[PESEL]',
  nip: '[NIP]',
  phone: '[telefon]',
  idCard: '[nr dokumentu]',
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
    // ID card (ABC123456: three letters, six digits) or passport (AB1234567).
    // Capitals may stand apart from the digits; lower case only written together,
    // so "nie 123456" stays a sentence.
    kind: 'idCard',
    pattern: /(?<![\p{L}\d])(?:[A-Z]{3} ?\d{6}|[A-Z]{2} ?\d{7}|[a-z]{3}\d{6}|[a-z]{2}\d{7})(?!\d)/gu,
  },
  {
    kind: 'pesel',
    pattern: new RegExp(`${NOT_AFTER_DIGIT}\\d{11}${NOT_BEFORE_DIGIT}`, 'g'),
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
    // Polish numbers: nine digits as 3-3-3 (mobile) or 2-3-2-2 (landline with
    // area code), optionally after +48, 0048 or a bare 48.
    kind: 'phone',
    pattern: new RegExp(
      `${NOT_AFTER_DIGIT}(?:(?:\\+|00) ?48${SEP}|48${SEP})?` +
        `(?:\\d{3}${SEP}\\d{3}${SEP}\\d{3}|(?:\\(\\d{2}\\)|\\d{2})${SEP}\\d{3}${SEP}\\d{2}${SEP}\\d{2})${NOT_BEFORE_DIGIT}`,
      'g',
    ),
  },
];

export function maskIdentifiers(text: string): MaskResult {
  const counts: MaskResult['counts'] = {};
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, (match) => {
      if (rule.accept && !rule.accept(match.replace(/\D/g, ''))) return match;
      counts[rule.kind] = (counts[rule.kind] ?? 0) + 1;
      return MASK_TOKENS[rule.kind];
    });
  }
  return { text: out, counts };
}
