import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MASK_TOKENS, maskIdentifiers, type MaskKind } from '../../shared/masking/masking';
import { textAfter, textBefore } from './arbitraries';
import {
  DIGIT_ZEROS,
  FORMAT_CHARS,
  spelledEmail,
  spelledIdCard,
  spelledLandline,
  spelledNip,
  spelledNrb,
  spelledPassport,
  spelledPesel,
  spelledPhone,
  type Written,
} from './masking.arbitraries';

/**
 * Identifiers as people really type or paste them: every dash and space,
 * invisible format characters, digits of other scripts, obfuscated e-mail
 * addresses, documents in lower case or spaced, landlines with area codes.
 * Nothing of them may reach the output.
 */
const RUNS = { numRuns: 1000 };

/**
 * The output as a reader would take it: compatibility forms folded and
 * invisible characters dropped. The text around the identifier has no digit,
 * so any decimal digit of any script left in it is a leak.
 */
function leaks(output: string): boolean {
  return /\p{Nd}/u.test(output.normalize('NFKC').replace(/\p{Cf}/gu, ''));
}

function expectMasked(before: string, written: string, after: string, kinds: MaskKind[]) {
  const result = maskIdentifiers(before + written + after);
  expect(leaks(result.text), JSON.stringify(result.text)).toBe(false);
  expect(result.text.startsWith(before)).toBe(true);
  expect(result.text.endsWith(after)).toBe(true);
  expect(kinds.some((kind) => (result.counts[kind] ?? 0) >= 1), JSON.stringify(result.counts)).toBe(true);
}

const maskedIn = (kinds: MaskKind[]) => (before: string, { text }: Written, after: string) => expectMasked(before, text, after, kinds);

describe('maskIdentifiers: identifiers as people type them', () => {
  it('the generators use real separators, format characters and decimal digits', () => {
    for (const c of FORMAT_CHARS) expect(c).toMatch(/^\p{Cf}$/u);
    for (const zero of DIGIT_ZEROS) for (let d = 0; d < 10; d++) expect(String.fromCodePoint(zero + d)).toMatch(/^\p{Nd}$/u);
  });

  it('masks a valid PESEL written with any separator, format characters and digits of any script', () => {
    fc.assert(fc.property(textBefore, spelledPesel, textAfter, maskedIn(['pesel'])), RUNS);
  });

  it('masks a valid NIP written the same ways', () => {
    fc.assert(fc.property(textBefore, spelledNip, textAfter, maskedIn(['nip'])), RUNS);
  });

  it('masks an account number written the same ways, with or without "PL"', () => {
    fc.assert(fc.property(textBefore, spelledNrb, textAfter, maskedIn(['account'])), RUNS);
  });

  it('masks a phone number after any prefix, written the same ways', () => {
    fc.assert(
      fc.property(textBefore, spelledPhone, textAfter, (before, phone, after) => {
        // "48" written together with nine digits is eleven digits in a row: a
        // valid PESEL checksum then wins (masking.test.ts); both are masked.
        expectMasked(before, phone.text, after, phone.prefix === '48' ? ['phone', 'pesel'] : ['phone']);
      }),
      RUNS,
    );
  });

  it('masks a landline written with its trunk 0 and area code: (0-42) 123 45 67, (042) 123-45-67, 42/123 45 67, 0 42 123 45 67', () => {
    fc.assert(fc.property(textBefore, spelledLandline, textAfter, maskedIn(['phone'])), RUNS);
  });

  it('masks a valid ID card number in any case, spaced or not, with any digits', () => {
    fc.assert(fc.property(textBefore, spelledIdCard, textAfter, maskedIn(['idCard'])), RUNS);
  });

  it('masks a passport number in any case, spaced or not, with any digits', () => {
    fc.assert(fc.property(textBefore, spelledPassport, textAfter, maskedIn(['idCard'])), RUNS);
  });

  it('masks e-mail addresses written with (at), [at], at, małpa, spaces, kropka, (dot)…', () => {
    fc.assert(
      fc.property(textBefore, spelledEmail, textAfter, (before, email, after) => {
        const result = maskIdentifiers(before + email.text + after);
        expect(result).toEqual({ text: before + MASK_TOKENS.email + after, counts: { email: 1 } });
      }),
      RUNS,
    );
  });
});

describe('maskIdentifiers: fixed examples from the review', () => {
  it.each([
    ['440514\u201301359', 'pesel'],
    ['440514\u221201359', 'pesel'],
    ['440514\u201101359', 'pesel'],
    ['440.514.013.59', 'pesel'],
    ['440514/01359', 'pesel'],
    ['440514\t01359', 'pesel'],
    ['440514\n01359', 'pesel'],
    ['4405\u200B1401359', 'pesel'],
    ['44051\u00AD401359', 'pesel'],
    ['440514\u206001359', 'pesel'],
    ['\u0664\u0664\u0660\u0665\u0661\u0664\u0660\u0661\u0663\u0665\u0669', 'pesel'],
    ['\u096A\u096A\u0966\u096B\u0967\u096A\u0966\u0967\u0969\u096B\u096F', 'pesel'],
    ['\u{1D7D2}\u{1D7D2}\u{1D7CE}\u{1D7D3}\u{1D7CF}\u{1D7D2}\u{1D7CE}\u{1D7CF}\u{1D7D1}\u{1D7D3}\u{1D7D7}', 'pesel'],
    ['jan kowalski (at) gmail kropka com', 'email'],
    ['jan.kowalski małpa wp.pl', 'email'],
    ['jan @ wp . pl', 'email'],
    ['jan[at]wp[dot]pl', 'email'],
    ['abc 123456', 'idCard'],
    ['ab 1234567', 'idCard'],
    ['ABC 123 456', 'idCard'],
    ['(0-42) 123 45 67', 'phone'],
    ['(042) 123-45-67', 'phone'],
    ['42/123 45 67', 'phone'],
    ['0 42 123 45 67', 'phone'],
  ] as const)('masks %j', (raw, kind) => {
    const result = maskIdentifiers(`Klient podał ${raw}, oddzwonię.`);
    expect(leaks(result.text)).toBe(false);
    expect(result.counts[kind]).toBeGreaterThanOrEqual(1);
    expect(result.text.endsWith(`${MASK_TOKENS[kind]}, oddzwonię.`)).toBe(true);
  });

  it('leaves the first of two words before "(at)" alone: only the word next to it is the address', () => {
    expect(maskIdentifiers('jan kowalski (at) gmail kropka com').text).toBe('jan [e-mail]');
  });

  it.each([
    ['PESEL 44051401359 zł', 'PESEL [PESEL] zł'],
    ['44 051 401 359 zł', '[PESEL] zł'],
    ['tel. 600 700 800 zł', 'tel. [telefon] zł'],
    ['600-700-800 zł', '[telefon] zł'],
    ['+48 600 700 800 PLN', '[telefon] PLN'],
    ['48 600 700 800 zł', '[telefon] zł'],
    ['kwota 600700800', 'kwota [telefon]'],
    ['pokoje 12, 44051401359, 18', 'pokoje 12, [PESEL], 18'],
    ['pokoje 1 2 44051401359 5', 'pokoje 1 2 [PESEL] 5'],
    ['12.03.2024 44051401359', '12.03.2024 [PESEL]'],
    ['10:15 600 700 800', '10:15 [telefon]'],
    ['CAZ.6220.1.2024 600700800', 'CAZ.6220.1.2024 [telefon]'],
    ['nie 123456', 'nie 123456'],
  ])('an identifier next to an amount, a list, a date or a signature still goes: %j', (note, expected) => {
    expect(maskIdentifiers(note).text).toBe(expected);
  });
});
