import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidIdCard } from '../../shared/masking/identifiers';
import { maskIdentifiers } from '../../shared/masking/masking';
import { textAfter, textBefore } from './arbitraries';
import { caseSignature, datePair, dateTime, numberList, otherHarmless, spacedAmount, timeOrRange, writtenDate } from './masking.arbitraries';

/**
 * What a clerk needs back exactly as typed: dates and pairs of dates, dates
 * with times, times and ranges of hours, amounts with spaced thousands, lists
 * of small numbers, case signatures. Masking one loses it for good.
 */
const RUNS = { numRuns: 1000 };

function expectKept(note: string) {
  expect(maskIdentifiers(note)).toEqual({ text: note, counts: {} });
}

const kept = (before: string, item: string, after: string) => expectKept(before + item + after);

// A number right after "tel." or "numer" is read as the identifier it names,
// whatever follows it (see the fixed examples); amounts are tested without.
const beforeAmount = textBefore.filter((text) => !/(?:tel\.|numer|pesel|konta)\W*$/iu.test(text));

describe('maskIdentifiers: what is not an identifier is stored as typed', () => {
  it('keeps two dates in a row and ranges of days', () => {
    fc.assert(fc.property(textBefore, datePair, textAfter, kept), RUNS);
  });

  it('keeps a date with a time or a range of hours', () => {
    fc.assert(fc.property(textBefore, dateTime, textAfter, kept), RUNS);
  });

  it('keeps times and ranges of hours, one after another', () => {
    fc.assert(
      fc.property(textBefore, fc.array(timeOrRange, { minLength: 1, maxLength: 4 }), fc.constantFrom(' ', ', ', '; '), textAfter, (before, times, sep, after) =>
        kept(before, times.join(sep), after),
      ),
      RUNS,
    );
  });

  it('keeps amounts with spaced thousands and a currency word', () => {
    fc.assert(fc.property(beforeAmount, spacedAmount, textAfter, kept), RUNS);
  });

  it('keeps lists of small numbers', () => {
    fc.assert(fc.property(textBefore, numberList, textAfter, kept), RUNS);
  });

  it('keeps case signatures', () => {
    fc.assert(fc.property(textBefore, caseSignature, textAfter, kept), RUNS);
  });

  it('keeps a note made of all of these, between words and punctuation', () => {
    const item = fc.oneof(datePair, dateTime, timeOrRange, spacedAmount, numberList, caseSignature, otherHarmless);
    // Not " – ": a dash between two numbers joins them, as it must in "440514 – 01359".
    const joint = fc.constantFrom(', ', '; ', ' i ', ' oraz ', '. Termin ', ' (sprawa) ');
    fc.assert(
      fc.property(fc.array(fc.tuple(item, joint), { minLength: 1, maxLength: 6 }), (parts) => {
        expectKept(`Klient: ${parts.map(([i, j]) => i + j).join('')}koniec.`);
      }),
      RUNS,
    );
  });
});

describe('maskIdentifiers: what the second review found masked that a clerk writes', () => {
  const rising = (min: number, max: number) =>
    fc.uniqueArray(fc.integer({ min, max }), { minLength: 3, maxLength: 15 }).map((ns) => [...ns].sort((a, b) => a - b));

  it('keeps numbers of up to three digits going up, with commas or semicolons, however their digits add up ("26,41,58,83,95,117,120,134,135")', () => {
    fc.assert(fc.property(textBefore, rising(1, 999), fc.constantFrom(',', ', ', '; ', ';', ' , '), textAfter, (before, ns, sep, after) => kept(before, ns.join(sep), after)), RUNS);
  });

  it('keeps three numbers going up in even steps that no phone number starts with ("100 200 300", "101 102 103")', () => {
    const noNumberStarts = ['10', '11', '19', '20', '21', '27', '28', '30', '31', '35', '36', '37', '38', '40', '49', '90', '92', '93', '96', '97', '98', '99'];
    const even = fc
      .tuple(fc.constantFrom(...noNumberStarts), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 450 }), fc.constantFrom(' ', '  ', '. '))
      .filter(([start, third, step]) => Number(`${start}${third}`) + 2 * step <= 999)
      .map(([start, third, step, sep]) => [0, 1, 2].map((k) => Number(`${start}${third}`) + k * step).join(sep));
    // After "tel." or "numer" they are what the word names.
    fc.assert(fc.property(beforeAmount, even, textAfter, kept), RUNS);
  });

  it('keeps days and months, and times written with a dot, in a row and after a date ("dni 12.03 14.03 16.03", "13.11.11 17.59")', () => {
    const dayMonth = fc.tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 12 }), fc.boolean()).map(([d, m, pad]) => `${pad ? String(d).padStart(2, '0') : d}.${String(m).padStart(2, '0')}`);
    const dotTime = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${h}.${String(m).padStart(2, '0')}`);
    const item = fc.oneof(dayMonth, dotTime, writtenDate);
    fc.assert(fc.property(textBefore, fc.array(item, { minLength: 2, maxLength: 6 }), fc.constantFrom(' ', ', ', '; ', ' i ', '  '), textAfter, (before, items, sep, after) => kept(before, items.join(sep), after)), RUNS);
  });

  it('keeps amounts in a row before one currency ("kwoty: 1 500 2 500 3 500 zł")', () => {
    const amounts = fc
      .array(fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 999 })), { minLength: 2, maxLength: 6 })
      .map((parts) => parts.map(([thousands, rest]) => `${thousands} ${String(rest).padStart(3, '0')}`).join(' '));
    fc.assert(fc.property(beforeAmount, amounts, fc.constantFrom(' zł', ' PLN', ' złotych', ' EUR'), textAfter, (before, a, currency, after) => kept(before, a + currency, after)), RUNS);
  });

  it.each([
    '23.04 24.03.15', '13.11.11 17.59', 'dni 12.03 14.03 16.03', '10.15 10.30 11.45', '100 200 300', '101 102 103',
    '26,41,58,83,95,117,120,134,135', 'kwoty: 1 500 2 500 3 500 zł', 'sprawy 101, 102, 103, 104', 'pkt 1. 2. 3. 4. 5. 6. 7. 8. 9. 10.',
    'wpłaty 15000 zł i 2500 zł', 'termin 12.03.2026, 2026-03-12, 10:00-12:00 i 12:00 - 14:00', 'znak CAZ.6220.1.2024, art. 70 ust. 1',
    'Wizyta 12.03 o 10.15, sala 214. 15 osób', 'rok 16 45 74', 'PUP 12 15 18',
    // Office hours with leading zeros, both ends in two digits (only "00-7", "01-9" read as the end of a PESEL in pairs).
    'dyżury 08-16 09-17 10-18', 'zmiany 0-7 07-15 15-23',
  ])('keeps %j', (note) => {
    expectKept(note);
  });

  // Found by the property above (seed -692069268): "EUR, 22 24 67" has a valid ID-card checksum (EUR222467),
  // but the letters are the currency of the amount before them, and what follows is a list.
  it('keeps a list of small numbers going up after an amount and its currency, whatever the checksum ("1 000 000 EUR, 22 24 67")', () => {
    expectKept('Klient: 1 000 000 EUR, 22 24 67, koniec.');
    // Each with a valid ID-card checksum of the currency's letters and the digits.
    const notes = ['1 000 000 EUR 22 24 67', '2 500,- PLN; 10 11 24', '15000 USD, 10 11 22', 'kwota 120,50 CHF 10 11 21', '1\u00A0000\u00A0000 EUR, 22 24 67'];
    for (const note of notes) {
      expect(isValidIdCard(/[A-Z]{3}/.exec(note)![0] + note.slice(-8).replace(/\D/g, ''))).toBe(true);
      expectKept(note);
    }
  });

  it.each([
    // A currency with no amount before it may be a document's series; named as a document, pairs are a number dictated in pairs.
    ['EUR, 22 24 67', '[nr dokumentu]'], ['kwota EUR 22 24 67', 'kwota [nr dokumentu]'], ['1 000 EUR, dowód EUR 22 24 67', '1 000 EUR, dowód [nr dokumentu]'],
    // After an amount's currency, what is no list is still a document: six digits together, pairs not going up.
    ['1 000 EUR, 222467', '1 000 [nr dokumentu]'], ['1 000 EUR 22 22 67', '1 000 [nr dokumentu]'],
  ])('still masks as a document %j', (note, expected) => {
    expect(maskIdentifiers(note).text).toBe(expected);
  });

  // Found by "keeps lists of small numbers" (seed 2052369935): TEL227993 has a valid ID-card checksum, but "tel." is a
  // word of the sentence, not a series, though the word before it names a document.
  it('keeps small numbers going up after a short word in lower case, also after a document\'s name ("dowód tel. 22 79 93")', () => {
    expect(isValidIdCard('TEL227993')).toBe(true);
    expectKept('dowód tel. 22 79 93');
    for (const note of ['dowód rok 12 13 22', 'Klient pytał o dowód dla 12 13 21', 'dowód osobisty: tel. 12 13 16']) {
      expect(isValidIdCard(/\b(\p{L}{3})\.? \d/u.exec(note)![1]!.toUpperCase() + note.slice(-8).replace(/\D/g, ''))).toBe(true);
      expectKept(note);
    }
  });

  it.each([
    // Named as a document, a series in capitals or no word is an ID card dictated in pairs; after "seria", any letters are the series.
    ['dowód TEL 22 79 93', 'dowód [nr dokumentu]'], ['dowód ABC 12 13 24', 'dowód [nr dokumentu]'], ['dowód abc 12 13 24', 'dowód [nr dokumentu]'],
    ['seria tel. 22 79 93', 'seria [nr dokumentu]'], ['dowód seria rok 12 13 22', 'dowód seria [nr dokumentu]'],
  ])('still masks after a document\'s name %j', (note, expected) => {
    expect(maskIdentifiers(note).text).toBe(expected);
  });

  it.each([
    ['tel. 100 200 300', 'tel. [telefon]'], ['214 600 700 800', '[telefon]'], ['100 101 110', '[telefon]'], ['600. 700. 800', '[telefon]'],
    ['12 15 18 600 700 800', '12 15 18 [telefon]'], ['26,41,58 440514 01359', '26,41,58 [PESEL]'], ['0 42 123 45 67', '[telefon]'],
  ])('still masks an identifier beside or inside such a list: %j', (note, expected) => {
    expect(maskIdentifiers(note).text).toBe(expected);
  });
});

describe('maskIdentifiers: fixed examples from the review that must stay', () => {
  it.each([
    '12.03.2024 15.03.2024',
    '2024-03-12 2024-03-15',
    '12.03.2024 10:15',
    '12.03.2024, godz. 10:15',
    '2024-03-12 10:00-12:00',
    '123 456 789 zł',
    '1 234 567,89 zł',
    '12 345 678 PLN',
    'kwota 100 000 000 złotych',
    'pokoje 12, 15, 18, 20, 22',
    '1 2 3 4 5 6 7 8 9 10',
    'sprawy 101, 102, 103',
    'godz. 10:00-12:00 i 13:00 - 15:30',
    'rozmowa 1:30:00, przerwa 15 min',
    'znak CAZ.6220.1.2024, CAZ-6220-123-2024',
    'art. 70 ust. 1 pkt 2',
    'rok szkolny 2023/2024 10 osób',
    'ul. Piotrkowska 104/12 90-123 Łódź',
    'lata 2021 2022 2023',
    'pokój 214, 12.03.2024 10:15 – 11:30',
  ])('keeps %j', (note) => {
    expectKept(note);
  });
});
