import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMissPhrase, missPhrase, missReport, MissTracker, type SearchMissMonth } from '../../shared/directory/search-misses';
import { fold } from '../../shared/directory/text-folding';

/** A valid PESEL for a birth day and a serial (its check digit computed). */
function pesel(year: number, month: number, day: number, serial: number): string {
  const mm = month + (year >= 2000 ? 20 : 0);
  const digits = `${String(year % 100).padStart(2, '0')}${String(mm).padStart(2, '0')}${String(day).padStart(2, '0')}${String(serial).padStart(4, '0')}`;
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = [...digits].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return digits + ((10 - (sum % 10)) % 10);
}

/** Words of a caller's question that are nobody's. */
const plainWords = fc.constantFrom('zgubiłem', 'kwitek', 'zasiłek', 'kiedy', 'przelew', 'skierowanie', 'na', 'staż', 'urząd', 'nie', 'dostałem', 'pieniędzy', 'papierek', 'do', 'pracodawcy');

/** What identifies a caller, written every way a clerk types it in a hurry. */
const identifying = fc.oneof(
  fc.record({ y: fc.integer({ min: 1950, max: 2009 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }), s: fc.integer({ min: 0, max: 9999 }) }).map(({ y, m, d, s }) => ({ text: pesel(y, m, d, s), parts: [pesel(y, m, d, s)] })),
  fc.constantFrom('601 234 567', '+48 601-234-567', '(42) 123 45 67', '601234567').map((phone) => ({ text: phone, parts: [phone.replace(/\D/g, '').slice(-9)] })),
  fc.constantFrom('jan.kowalski@wp.pl', 'a.nowak(at)onet.pl').map((mail) => ({ text: mail, parts: [mail.split(/[@(]/)[0]!.split('.').pop()!] })),
  fc
    .tuple(fc.constantFrom('Jan', 'Anna', 'Krzysztof', 'Małgorzata', 'Piotr', 'Ewa'), fc.constantFrom('Kowalski', 'Nowak', 'Wiśniewska', 'Zielińska', 'Dąbrowski', 'Lewandowska'), fc.boolean())
    .map(([first, last, lower]) => ({ text: lower ? `${first} ${last}`.toLowerCase() : `${first} ${last}`, parts: [fold(first), fold(last)] })),
  fc.constantFrom('pan Kowalski', 'pani Wiśniewska', 'pani zielińska', 'pan dąbrowski').map((text) => ({ text, parts: [fold(text.split(' ')[1]!)] })),
);

describe("a search's phrase, as the lead's report keeps it", () => {
  it('property: whatever a clerk typed, no identifier, number, e-mail, first name or surname of it is kept', () => {
    fc.assert(
      fc.property(fc.array(plainWords, { maxLength: 6 }), identifying, fc.array(plainWords, { maxLength: 6 }), (before, who, after) => {
        const phrase = missPhrase([...before, who.text, ...after].join(' '));
        const words = new Set((phrase ?? '').split(' '));
        for (const part of who.parts) {
          const folded = fold(part);
          expect(words.has(folded), `${folded} in "${phrase}"`).toBe(false);
          expect(phrase ?? '').not.toContain(part.replace(/\D/g, '').length >= 5 ? part.replace(/\D/g, '') : '\u0000');
        }
      }),
      { numRuns: 500 },
    );
  });

  it("property: a plain question is kept as its folded words, in order", () => {
    fc.assert(
      fc.property(fc.array(plainWords, { minLength: 1, maxLength: 12 }), (words) => {
        const phrase = missPhrase(words.join(' '));
        const expected = fold(words.join(' '));
        expect(phrase).toBe(expected.length >= 3 ? expected : null);
      }),
    );
  });

  it('a name or a place written with a capital, a date, a house number or a street is left out; the office\'s acronyms and programmes stay', () => {
    expect(missPhrase('dzwoni Nowak w sprawie zasiłku')).toBe('dzwoni w sprawie zasilku');
    expect(missPhrase('Mohammed Al Hassan oświadczenie')).toBe('oswiadczenie');
    expect(missPhrase('urodzony 12.03.1985, rejestracja')).toBe('urodzony rejestracja');
    expect(missPhrase('mieszka ul. Długa 5 m. 3, zameldowanie')).toBe('mieszka ul m zameldowanie');
    expect(missPhrase('ZUS nie wypłacił, KRUS też nie')).toBe('zus nie wyplacil krus tez nie');
    expect(missPhrase('kontakt co 90 dni, 800 plus')).toBe('kontakt co 90 dni 800 plus');
    // Each phrase made is one a stored file may hold; what a hand-edited file holds otherwise is not.
    for (const q of ['dzwoni Nowak w sprawie zasiłku', 'kontakt co 90 dni', 'mieszka ul. Długa 5']) expect(isMissPhrase(missPhrase(q)!)).toBe(true);
    for (const forged of ['pesel 44051401359', 'Jan Kowalski', 'jan kowalski', 'urodzony 12 03 1985', 'wiśniewska', '']) expect(isMissPhrase(forged)).toBe(false);
  });

  it('keeps what the directory could use, drops what no one could', () => {
    expect(missPhrase('Zgubiłem świstek z urzędu!')).toBe('zgubilem swistek z urzedu');
    expect(missPhrase('czy dostanę 800 plus')).toBe('czy dostane 800 plus');
    expect(missPhrase('pesel 44051401359')).toBe('pesel');
    expect(missPhrase('44051401359')).toBeNull();
    expect(missPhrase('ab')).toBeNull();
    expect(missPhrase('Troska o dziecko')).toBe('troska o dziecko');
    expect(missPhrase('a b c d e f g h i j k l m n o p')!.split(' ')).toHaveLength(12);
  });
});

describe('one search, from the first letter to the box cleared', () => {
  it('its phrase is its longest query; opening a result makes it no miss; each search starts afresh', () => {
    const tracker = new MissTracker();
    for (const q of ['z', 'zg', 'zgubi', 'zgubilem kwit', 'zgubilem', 'zg']) tracker.typed(q);
    expect(tracker.ended()).toBe('zgubilem kwit');
    expect(tracker.ended()).toBeNull();
    tracker.typed('zasilek');
    tracker.opened();
    expect(tracker.ended()).toBeNull();
    tracker.typed('kuroniowka');
    expect(tracker.ended()).toBe('kuroniowka');
  });
});

describe("the lead's monthly report", () => {
  const file = (clerkId: string, phrases: Record<string, number>, month = '2026-12'): SearchMissMonth => ({ version: 1, month, clerkId, phrases });

  it('counts across clerks, one file per clerk (the larger of their two copies), most frequent first', () => {
    const report = missReport('2026-12', [
      file('a', { 'zgubilem kwitek': 3, 'bon na zasiedlenie': 1 }),
      file('a', { 'zgubilem kwitek': 2 }), // the team copy, written before the last count
      file('b', { 'bon na zasiedlenie': 2, 'karta duzej rodziny': 3 }),
      file('c', { 'bon na zasiedlenie': 1 }),
      file('d', { 'inny miesiac': 9 }, '2026-11'),
    ]);
    expect(report).toEqual({
      month: '2026-12',
      clerks: 3,
      misses: 10,
      phrases: [
        { phrase: 'bon na zasiedlenie', count: 4, clerks: 3 },
        { phrase: 'karta duzej rodziny', count: 3, clerks: 1 },
        { phrase: 'zgubilem kwitek', count: 3, clerks: 1 },
      ],
    });
  });

  it('property: the counts shown add up to the misses when nothing is cut off', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.dictionary(fc.constantFrom('x y z', 'kwit', 'bon', 'staz'), fc.integer({ min: 1, max: 50 }))), { maxLength: 6 }), (entries) => {
        const report = missReport('2026-12', entries.map(([clerk, phrases]) => file(clerk, phrases)));
        expect(report.phrases.reduce((s, l) => s + l.count, 0)).toBe(report.misses);
        for (let i = 1; i < report.phrases.length; i++) expect(report.phrases[i - 1]!.count).toBeGreaterThanOrEqual(report.phrases[i]!.count);
      }),
    );
  });
});
