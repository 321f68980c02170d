import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  couldBePhone,
  documentNumbers,
  identifierAt,
  isPhoneGrouping,
  isValidIdCard,
  isValidNip,
  isValidNrb,
  isValidPesel,
  peselCheckDigit,
  type GroupOfDigits,
} from '../../shared/masking/identifiers';
import { nipCheck, peselPrefix, validNip, validNrb, validPesel } from './arbitraries';

/** Every string that differs from `value` in exactly one digit. */
function singleDigitChanges(value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) !== value[i]) out.push(value.slice(0, i) + d + value.slice(i + 1));
    }
  }
  return out;
}

describe('PESEL', () => {
  it.each([
    ['44051401359', 'born 14.05.1944'],
    ['02070803628', 'born 08.07.1902'],
    ['02270803624', 'born 08.07.2002 (month + 20)'],
  ])('accepts %s (%s)', (pesel) => {
    expect(isValidPesel(pesel)).toBe(true);
    expect(peselCheckDigit(pesel.slice(0, 10))).toBe(Number(pesel[10]));
  });

  it.each([
    ['44051401358', 'wrong check digit'],
    ['4405140135', '10 digits'],
    ['440514013590', '12 digits'],
    ['4405140135a', 'a letter'],
    ['440514 01359', 'a space inside'],
    [' 44051401359', 'a leading space'],
    ['', 'empty'],
  ])('rejects %j (%s)', (value) => {
    expect(isValidPesel(value)).toBe(false);
  });

  it('the check digit makes a PESEL valid and no other last digit does', () => {
    fc.assert(
      fc.property(peselPrefix, (first10) => {
        const check = peselCheckDigit(first10);
        expect(check).toBeGreaterThanOrEqual(0);
        expect(check).toBeLessThanOrEqual(9);
        for (let d = 0; d <= 9; d++) expect(isValidPesel(first10 + d)).toBe(d === check);
      }),
      { numRuns: 1000 },
    );
  });

  // The claim "every single-digit change is detectable" is checked, not assumed:
  // all 11 positions × 9 other digits are tried on each generated PESEL. (It holds
  // because the weights 1, 3, 7, 9 are coprime with 10, and the check digit itself
  // is compared directly.)
  it('changing any single digit of a valid PESEL (all 11 positions) makes it invalid', () => {
    fc.assert(
      fc.property(validPesel, (pesel) => {
        expect(isValidPesel(pesel)).toBe(true);
        const changes = singleDigitChanges(pesel);
        expect(changes).toHaveLength(11 * 9);
        for (const changed of changes) expect(isValidPesel(changed)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('NIP', () => {
  it.each(['1234563218', '5261040828'])('accepts %s', (nip) => {
    expect(isValidNip(nip)).toBe(true);
  });

  it.each([
    ['1234563219', 'wrong check digit'],
    ['123-456-32-18', 'hyphens (the caller strips them)'],
    ['123456321', '9 digits'],
    ['12345632180', '11 digits'],
  ])('rejects %s (%s)', (value) => {
    expect(isValidNip(value)).toBe(false);
  });

  it('rejects every NIP whose weighted sum gives 10, whatever the last digit', () => {
    // 3 × weight 7 = 21 ≡ 10 (mod 11): no check digit can make "000000003?" valid.
    expect(nipCheck('000000003')).toBeNull();
    for (let d = 0; d <= 9; d++) expect(isValidNip(`000000003${d}`)).toBe(false);
  });

  it('changing any single digit of a valid NIP makes it invalid (11 is prime, no weight is 0 mod 11)', () => {
    fc.assert(
      fc.property(validNip, (nip) => {
        expect(isValidNip(nip)).toBe(true);
        for (const changed of singleDigitChanges(nip)) expect(isValidNip(changed)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('NRB (Polish account number)', () => {
  it('accepts the published example PL61 1090 1014 0000 0712 1981 2874 without "PL" and spaces', () => {
    expect(isValidNrb('61109010140000071219812874')).toBe(true);
  });

  it.each([
    ['61109010140000071219812875', 'last digit changed'],
    ['16109010140000071219812874', 'check digits swapped'],
    ['61 1090 1014 0000 0712 1981 2874', 'spaces (the caller strips them)'],
    ['PL61109010140000071219812874', 'with "PL"'],
    ['6110901014000007121981287', '25 digits'],
  ])('rejects %s (%s)', (value) => {
    expect(isValidNrb(value)).toBe(false);
  });

  it('agrees with the IBAN rule computed independently with BigInt', () => {
    const anyNrb = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 26, maxLength: 26 }).map((d) => d.join(''));
    fc.assert(
      fc.property(fc.oneof(anyNrb, validNrb), (nrb) => {
        const iban = BigInt(nrb.slice(2) + '2521' + nrb.slice(0, 2));
        expect(isValidNrb(nrb)).toBe(iban % 97n === 1n);
      }),
      { numRuns: 1000 },
    );
  });

  it('detects every single-digit change of a valid NRB', () => {
    fc.assert(
      fc.property(validNrb, (nrb) => {
        for (const changed of singleDigitChanges(nrb)) expect(isValidNrb(changed)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('ID card (dowód osobisty)', () => {
  it('accepts the published example ABA300000 and AAA000000 (7·10 + 3·10 + 1·10 = 110 → 0)', () => {
    expect(isValidIdCard('ABA300000')).toBe(true);
    expect(isValidIdCard('AAA000000')).toBe(true);
  });

  it.each([
    ['ABA300001', 'a serial digit changed'],
    ['ABA400000', 'check digit changed'],
    ['ABB300000', 'a letter changed'],
    ['AB300000', 'two letters'],
    ['ABA 300000', 'a space'],
    ['1BA300000', 'a digit for a letter'],
  ])('rejects %s (%s)', (value) => {
    expect(isValidIdCard(value)).toBe(false);
  });
});

describe('how identifiers are written', () => {
  /** Groups as the masking reads them: "+48 600" → plus on the first, "(42)" → paren, "=n" → in shape n. */
  const groups = (written: string): GroupOfDigits[] =>
    written.split(' ').map((w) => {
      const [digits, shape] = w.replace(/[+()]/g, '').split('=');
      return { digits: digits!, plus: w.startsWith('+'), paren: w.startsWith('('), shape: shape === undefined ? -1 : Number(shape) };
    });

  it('knows the phone groupings: 3-3-3, 2-3-2-2, 2-3-4, 2-7, nine together', () => {
    for (const sizes of [[9], [3, 3, 3], [2, 3, 2, 2], [2, 3, 4], [2, 7]]) expect(isPhoneGrouping(sizes)).toBe(true);
    for (const sizes of [[3, 2, 2, 2], [3, 6], [4, 5], [1, 8]]) expect(isPhoneGrouping(sizes)).toBe(false);
  });

  it.each([
    ['+48 440514013', 'phone', 1], // "+" makes a phone, even of nine digits that follow a PESEL's
    ['48600700800', 'phone', 0],
    ['44051401359', 'pesel', 0],
    ['48 600 700 800', 'phone', 3],
    ['123 456 32 18', 'nip', 3],
    ['0 42 123 45 67', 'phone', 4], // the trunk 0 first: a phone, whatever a NIP checksum says
    ['(42) 123 45 67', 'phone', 3],
    ['0048 600 700 800', 'phone', 3],
    ['02=0 07=0 08=0 03628', 'pesel', 3], // a date-like start taken whole
    ['600 700 800 601 701 801', 'phone', 2],
    ['61 1090 1014 0000 0712 1981 2874', 'account', 6],
  ] as const)('reads %j from its first group as %s', (written, kind, end) => {
    expect(identifierAt(groups(written), 0)).toEqual({ kind, end });
  });

  it.each(['600 70 08 00', '02=0 07=0 08=0', '12 15', '440514 0135'])('reads no identifier from the start of %j', (written) => {
    expect(identifierAt(groups(written), 0)).toBeNull();
  });

  it.each([
    ['abc 123456', [[0, 10]]],
    ['ABC 123 456', [[0, 11]]],
    ['ab 1234567', [[0, 10]]],
    ['dowódABC123456', [[5, 14]]],
    ['NIE 123456', [[0, 10]]],
    ['nie 123456', []], // a sentence…
    ['dla 270829', [[0, 10]]], // …unless the ID-card checksum is valid (DLA270829)
    ['na 1234567', []],
    ['abc 440514 01359', []], // a word and a PESEL
    ['tel 600 700 800', []], // a word and a phone
    // Any short gap after the letters, "nr" after capitals or "seria", digits in groups of two or more.
    ['ABA  300000', [[0, 11]]],
    ['ABA - 300000', [[0, 12]]],
    ['ABA/300000', [[0, 10]]],
    ['ABA 30 00 00', [[0, 12]]],
    ['ABC 1234 56', [[0, 11]]],
    ['seria ABA nr 300000', [[6, 19]]],
    ['seria ab nr 1234567', [[6, 19]]],
    ['AB  1234567', [[0, 11]]],
    ['ab 12 34 567', [[0, 12]]],
    ['paszport: AB, 1234567', [[10, 21]]],
    ['min, numer 100000', []], // a word in a sentence, then "numer"
    ['rok 16 45 74', []], // a short word and small numbers going up
    ['PUP 12 15 18', []],
    // Named as a document just before, pairs going up are a number dictated in pairs, not a list.
    ['dowód ABC 12 34 56', [[6, 18]]],
    ['dowód osobisty: ABC 12 34 56', [[16, 28]]],
    ['paszport AB 12 34 567', [[9, 21]]],
    ['pokój ABC 12 34 56', []],
    ['[NIP] 123456', []], // a token masking left
    ['CAZ.6220.1.2024', []],
  ] as const)('finds document numbers in %j', (text, spans) => {
    expect(documentNumbers(text)).toEqual(spans);
  });

  it.each([
    ['600700800', true], ['123456789', true], ['421234567', true], ['100200300', false], ['101102103', false], ['012345678', false], ['60070080', false],
  ] as const)('couldBePhone(%j) is %s', (nine, could) => {
    expect(couldBePhone(nine)).toBe(could);
  });

  it('reads an identifier across a list\'s comma only between groups of four or more digits', () => {
    const linked = (written: string): GroupOfDigits[] => {
      const parts = written.split(/(, | )/);
      return parts
        .filter((_, k) => k % 2 === 0)
        .map((digits, k) => ({ digits, plus: false, paren: false, shape: -1, link: k > 0 && parts[2 * k - 1] === ', ' ? 'list' : 'tight' }));
    };
    expect(identifierAt(linked('440514, 01359'), 0)).toEqual({ kind: 'pesel', end: 1 });
    expect(identifierAt(linked('600, 700, 800'), 0)).toBeNull();
    expect(identifierAt(linked('440, 514, 013, 59'), 0)).toBeNull();
    expect(identifierAt(linked('600 700 800'), 0)).toEqual({ kind: 'phone', end: 2 });
  });

  it('reads no identifier wholly inside a kept list', () => {
    const kept = ['26', '41', '58', '83', '95', '117', '120', '134', '135'].map((digits) => ({ digits, plus: false, paren: false, shape: -1, kept: true }));
    for (let i = 0; i < kept.length; i++) expect(identifierAt(kept, i)).toBeNull();
    expect(identifierAt(kept.map((g) => ({ ...g, kept: false })), 1)).not.toBeNull(); // 41588395117: a valid PESEL checksum
  });
});
