import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MASK_TOKENS, maskIdentifiers, type MaskKind } from '../../shared/masking/masking';
import { normalisedCopy } from '../../shared/masking/text-normalisation';
import { textAfter, textBefore } from './arbitraries';
import { type Written } from './masking.arbitraries';
import {
  bracketedPhone,
  gappedDocument,
  INVISIBLE_CHARS,
  invisiblySpelled,
  listSeparated,
  looseEmail,
  looselySeparated,
  LOOSE_SEPARATORS,
} from './masking.leaks.arbitraries';

/**
 * The leaks an adversarial review found, one property per class: whatever
 * stands between the digit groups, whatever invisible character follows a
 * digit, however the area code or the document's letters are set apart,
 * however the "@" and the dots of an address are written, no digit of the
 * identifier is left (read on the normalised copy, so no invisible character
 * or other script hides one) and no part of the address is.
 */
const RUNS = { numRuns: 1000 };

/** Digit runs left in `output`, read as masking reads it. The text around the identifier has no digit. */
const digitRuns = (output: string) => normalisedCopy(output).text.match(/\d+/g) ?? [];

function expectNoDigitLeft(before: string, { text }: Written, after: string) {
  const result = maskIdentifiers(before + text + after);
  expect(digitRuns(result.text), JSON.stringify({ text, masked: result.text })).toEqual([]);
  expect(result.text.startsWith(before)).toBe(true);
  expect(result.text.endsWith(after)).toBe(true);
}

describe('maskIdentifiers: leaks found by the adversarial review', () => {
  it('the generators use what the review used: loose separators are not what a list is written with, invisible characters are not Cf', () => {
    for (const sep of LOOSE_SEPARATORS) expect(normalisedCopy(`1${sep}2`).text).not.toMatch(/^1 {0,3}[,;] {0,3}2$/);
    for (const c of INVISIBLE_CHARS) expect(c).not.toMatch(/^\p{Cf}+$/u);
  });

  it('1. any short run of punctuation, symbols or whitespace between the groups of a PESEL, NIP, NRB, mobile or landline', () => {
    fc.assert(fc.property(textBefore, looselySeparated, textAfter, expectNoDigitLeft), RUNS);
  });

  it('1. a comma or semicolon between long groups ("440514, 01359")', () => {
    fc.assert(fc.property(textBefore, listSeparated, textAfter, expectNoDigitLeft), RUNS);
  });

  it('2. invisible characters that are not format characters after any digit (variation selectors, combining marks, Hangul fillers…)', () => {
    fc.assert(fc.property(textBefore, invisiblySpelled, textAfter, expectNoDigitLeft), RUNS);
  });

  it('3. landlines and mobiles with spaced brackets, a slash after the area code, "+48 (600)"', () => {
    fc.assert(fc.property(textBefore, bracketedPhone, textAfter, expectNoDigitLeft), RUNS);
  });

  it('4. ID cards and passports with any gap after the letters, "seria … nr", digits in groups', () => {
    fc.assert(
      fc.property(textBefore, gappedDocument, textAfter, (before, doc, after) => {
        expectNoDigitLeft(before, doc, after);
        expect(maskIdentifiers(before + doc.text + after).counts.idCard).toBe(1);
      }),
      RUNS,
    );
  });

  it('5. e-mail addresses with a half-spaced dot, a comma for a dot, "@" in brackets or doubled, or no dot said', () => {
    fc.assert(
      fc.property(textBefore, looseEmail, textAfter, (before, email, after) => {
        expect(maskIdentifiers(before + email + after)).toEqual({ text: before + MASK_TOKENS.email + after, counts: { email: 1 } });
      }),
      RUNS,
    );
  });
});

describe('maskIdentifiers: the review\'s examples', () => {
  it.each([
    ['440514 / 01359', 'pesel'], ['440514/ 01359', 'pesel'], ['44.05.14 / 01359', 'pesel'], ['440514\\01359', 'pesel'],
    ['440514--01359', 'pesel'], ['440514 -- 01359', 'pesel'], ['440514. 01359', 'pesel'], ['440514 . 01359', 'pesel'],
    ['440514: 01359', 'pesel'], ['440514, 01359', 'pesel'], ['440514;01359', 'pesel'], ['440514_01359', 'pesel'],
    ['440514|01359', 'pesel'], ['440514    01359', 'pesel'], ['440514\t\t\t\t01359', 'pesel'], ['440514\r\n\r\n01359', 'pesel'],
    ['tel. 600 / 700 / 800', 'phone'], ['123 / 456 / 32 / 18', 'nip'], ['61 / 1090 / 1014 / 0000 / 0712 / 1981 / 2874', 'account'],
    ['42 / 123 45 67', 'phone'], ['4\u034F4051401359', 'pesel'], ['4405\u3164 1401359', 'pesel'],
    ['1\uFE0F3\uFE0F3\uFE0F0\uFE0F7\uFE0F0\uFE0F0\uFE0F7\uFE0F0\uFE0F', 'phone'], ['4\u03014\u030105140135\u03019', 'pesel'],
    ['4\uFE0F\u20E34\uFE0F\u20E3051401359', 'pesel'], ['44\u115F05\uFFA014\u1160\u3164 01359', 'pesel'],
    ['(0 - 42) 123 45 67', 'phone'], ['( 042 ) 123 45 67', 'phone'], ['+48 (600) 700 800', 'phone'],
    ['ABA  300000', 'idCard'], ['ABA - 300000', 'idCard'], ['ABA/300000', 'idCard'], ['ABA 30 00 00', 'idCard'], ['ABC 1234 56', 'idCard'],
    ['seria ABA nr 300000', 'idCard'], ['ABC \n123456', 'idCard'], ['AB  1234567', 'idCard'], ['ab 12 34 567', 'idCard'], ['paszport: AB, 1234567', 'idCard'],
    ['jan.kowalski @ wp. pl', 'email'], ['jan.kowalski (at) wp. pl', 'email'], ['jan.kowalski małpa wp .pl', 'email'], ['jan.kowalski @ wp,pl', 'email'],
    ['jan.kowalski(@)wp.pl', 'email'], ['jan.kowalski [@] wp.pl', 'email'], ['jan.kowalski@@wp.pl', 'email'], ['jan.kowalski małpa wp pl', 'email'],
  ] as [string, MaskKind][])('masks %j', (raw, kind) => {
    const result = maskIdentifiers(`Klient podał ${raw}, oddzwonię.`);
    expect(digitRuns(result.text)).toEqual([]);
    expect(result.text).not.toMatch(/kowalski|wp\b/);
    expect(result.counts[kind], JSON.stringify(result)).toBeGreaterThanOrEqual(1);
    expect(result.text.endsWith(`${MASK_TOKENS[kind]}, oddzwonię.`)).toBe(true);
  });
});
