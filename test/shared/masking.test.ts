import { describe, expect, it } from 'vitest';
import { isValidPesel, peselCheckDigit } from '../../shared/masking/identifiers';
import { MASK_TOKENS, maskIdentifiers, type MaskKind } from '../../shared/masking/masking';

describe('maskIdentifiers: fixed examples', () => {
  it('masks the textbook PESEL and keeps the words around it', () => {
    expect(maskIdentifiers('PESEL 44051401359')).toEqual({ text: 'PESEL [PESEL]', counts: { pesel: 1 } });
    expect(maskIdentifiers('Klientka (PESEL: 02070803628) pytała o staż.').text).toBe(
      'Klientka (PESEL: [PESEL]) pytała o staż.',
    );
  });

  it.each([
    ['44051401358', 'textbook PESEL with the last digit changed'],
    ['12345678901', 'counting digits'],
    ['99999999999', 'all nines'],
  ])('masks %s (%s) as a number: 11 digits with a wrong checksum may be a mistyped PESEL', (n) => {
    expect(isValidPesel(n)).toBe(false);
    expect(maskIdentifiers(`numer sprawy ${n}`)).toEqual({ text: 'numer sprawy [numer]', counts: { number: 1 } });
  });

  it('reads 11 digits starting with 48 and a wrong PESEL checksum as +48 and a phone number', () => {
    expect(isValidPesel('48123456789')).toBe(false);
    expect(maskIdentifiers('dzwonić 48123456789')).toEqual({ text: 'dzwonić [telefon]', counts: { phone: 1 } });
  });

  const examples: [string, MaskKind][] = [
    ['jan.kowalski@pup.lodz.pl', 'email'],
    ['jan+pup@example.com', 'email'],
    ['Gęślą@łódź.pl', 'email'],
    ['PL61 1090 1014 0000 0712 1981 2874', 'account'],
    ['PL61109010140000071219812874', 'account'],
    ['61 1090 1014 0000 0712 1981 2874', 'account'],
    ['61-1090-1014-0000-0712-1981-2874', 'account'],
    ['61 1090 1014 0000 0712 1981 2875', 'account'], // wrong checksum: still an account number
    ['1234563218', 'nip'],
    ['123-456-32-18', 'nip'],
    ['123-45-63-218', 'nip'],
    ['600 700 800', 'phone'],
    ['600-700-800', 'phone'],
    ['600700800', 'phone'],
    ['+48 600 700 800', 'phone'],
    ['+48600700800', 'phone'],
    ['0048 600 700 800', 'phone'],
    ['42 123 45 67', 'phone'],
    ['42-123-45-67', 'phone'],
    ['(42) 123 45 67', 'phone'],
    ['+48 42 123 45 67', 'phone'],
    ['0048 42 123 45 67', 'phone'],
    ['ABA300000', 'idCard'],
    ['ABC 123456', 'idCard'],
    ['EA1234567', 'idCard'],
    ['EA 1234567', 'idCard'],
  ];

  it.each(examples)('masks %s as %s', (raw, kind) => {
    const result = maskIdentifiers(`Klient podał ${raw}, oddzwonię.`);
    expect(result.text).toBe(`Klient podał ${MASK_TOKENS[kind]}, oddzwonię.`);
    expect(result.counts).toEqual({ [kind]: 1 });
  });

  it.each([
    ['1234563219', 'NIP with a wrong check digit'],
    ['123-456-32-19', 'hyphenated NIP with a wrong check digit'],
  ])('masks %s as a number (%s)', (raw) => {
    expect(maskIdentifiers(`Wpisano ${raw} w systemie.`)).toEqual({ text: 'Wpisano [numer] w systemie.', counts: { number: 1 } });
  });

  it('leaves a three-letter word before six digits in lower case alone', () => {
    const note = 'Wpisano nie 123456 w systemie.';
    expect(maskIdentifiers(note)).toEqual({ text: note, counts: {} });
  });

  it.each([
    ['440514 01359', 'PESEL in two groups', '[PESEL]'],
    ['440514-01359', 'PESEL with a hyphen', '[PESEL]'],
    ['44051401350', 'PESEL with a typo', '[numer]'],
    // A valid NIP checksum masks as a NIP whatever the grouping; any run of
    // whitespace is one separator (both were [numer] before).
    ['123 456 32 18', 'NIP with spaces', '[NIP]'],
    ['600 70 08 00', 'mobile as 3-2-2-2', '[numer]'],
    ['600-70-08-00', 'mobile as 3-2-2-2 with hyphens', '[numer]'],
    ['600  700  800', 'double spaces', '[telefon]'],
    ['600.700.800', 'dots', '[telefon]'],
    ['600/700/800', 'slashes', '[telefon]'],
    ['Abc123456', 'ID card in mixed case', '[nr dokumentu]'],
    ['ABC-123456', 'ID card with a hyphen', '[nr dokumentu]'],
    ['Ab1234567', 'passport in mixed case', '[nr dokumentu]'],
    ['6110 9010 1400 0007 1219 8128 74', 'account in fours without PL', '[numer]'],
    ['６００７００８００', 'full-width digits', '[telefon]'],
  ])('masks %s (%s)', (raw, _what, token) => {
    expect(maskIdentifiers(`Klient: ${raw}.`).text).toBe(`Klient: ${token}.`);
  });

  it('keeps a date followed by a time, and a date or time beside other words', () => {
    for (const note of ['Spotkanie 2024-03-12 10:15:30.', 'Termin 12.03.2024 o 10:15, 3 osoby.', 'dnia 12.03.2024 10 osób']) {
      expect(maskIdentifiers(note)).toEqual({ text: note, counts: {} });
    }
  });

  it('keeps dates, times, durations, amounts, rooms and years intact', () => {
    const note =
      'Wizyta 12.03.2024 o 10:15, potem 2024-03-12 10:15:30, pokój 214, rozmowa 15 min, 320 s, ' +
      'kwota 1 500,00 zł i 1500 zł, rok 2024, 999999 osób.';
    expect(maskIdentifiers(note)).toEqual({ text: note, counts: {} });
  });

  it('counts each kind it masked and reports no kind it did not find', () => {
    const note =
      'PESEL 44051401359, matki 02070803628, tel. 600 700 800, ' + 'mail anna.nowak@example.com, konto 61109010140000071219812874.';
    const result = maskIdentifiers(note);
    expect(result.counts).toEqual({ pesel: 2, phone: 1, email: 1, account: 1 });
    expect(result.text).toBe('PESEL [PESEL], matki [PESEL], tel. [telefon], mail [e-mail], konto [nr rachunku].');
  });

  it('returns an empty note unchanged with no counts', () => {
    expect(maskIdentifiers('')).toEqual({ text: '', counts: {} });
  });

  it('never leaves a digit of a masked identifier behind in a longer note', () => {
    const ids = ['44051401359', '600 700 800', '123-456-32-18', 'PL61 1090 1014 0000 0712 1981 2874', 'ABA300000'];
    const note = ids.map((id, i) => `punkt ${['a', 'b', 'c', 'd', 'e'][i]}: ${id};`).join(' ');
    expect(maskIdentifiers(note).text).not.toMatch(/\d/);
  });
});

describe('maskIdentifiers: defects found and fixed', () => {
  // A separator after a bare "48" once made the whole number slip through.
  it.each(['48 600 700 800', '48-600-700-800', '48 42 123 45 67'])(
    'masks a phone number written with a bare 48 prefix and a separator: %s',
    (phone) => {
      const result = maskIdentifiers(`tel. ${phone}`);
      expect(result.text).toBe('tel. [telefon]');
      expect(result.counts).toEqual({ phone: 1 });
    },
  );

  // The "(42)" area code's bracket once matched on its own and swallowed "(".
  it('keeps the brackets around a phone number balanced', () => {
    expect(maskIdentifiers('tel. (600700800)').text).toBe('tel. ([telefon])');
  });
});

describe('maskIdentifiers: identifiers side by side', () => {
  it.each([
    ['44051401359 600700800', '[PESEL] [telefon]'],
    ['tel. 600 700 800 601 701 801', 'tel. [telefon] [telefon]'],
    ['ABC123456 600 700 800', '[nr dokumentu] [telefon]'],
    ['600700800 +48600700800', '[telefon] [telefon]'],
    ['PESEL 44051401359 2 razy', 'PESEL [PESEL] 2 razy'],
    ['kontoPL61109010140000071219812874', 'konto[nr rachunku]'],
    ['dowód abc123456', 'dowód [nr dokumentu]'],
  ])('masks both in %j', (text, expected) => {
    expect(maskIdentifiers(text).text).toBe(expected);
    expect(maskIdentifiers(expected).text).toBe(expected);
  });

  it('counts +48 followed by nine digits that happen to form a PESEL with the 48 as a phone', () => {
    const pesel = `4801010123${peselCheckDigit('4801010123')}`;
    expect(isValidPesel(pesel)).toBe(true);
    expect(maskIdentifiers(`tel. +${pesel}`)).toEqual({ text: 'tel. [telefon]', counts: { phone: 1 } });
    expect(maskIdentifiers(`nr ${pesel}`)).toEqual({ text: 'nr [PESEL]', counts: { pesel: 1 } });
  });
});

