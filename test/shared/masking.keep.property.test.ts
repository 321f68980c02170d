import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdentifiers } from '../../shared/masking';
import { textAfter, textBefore } from './arbitraries';
import { caseSignature, datePair, dateTime, numberList, otherHarmless, spacedAmount, timeOrRange } from './masking.arbitraries';

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
