import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withDirectoryWords } from '../../shared/directory/colloquial';
import { tokens } from '../../shared/directory/text-folding';

/** Callers' words bring the directory's words into a query, in any of their forms; the query's own words stay. */
const expanded = (text: string) => withDirectoryWords(tokens(text));

describe("callers' words and the directory's", () => {
  it.each([
    ['nie mam roboty', 'praca'],
    ['straciłam robotę', 'praca'],
    ['po robocie', 'praca'],
    ['jakieś fuchy', 'praca'],
    ['na etacie', 'praca'],
    ['kuroniówkę', 'zasiłek'],
    ['kuroniowki', 'zasiłek'],
    ['jakiś papierek', 'zaświadczenie'],
    ['tego papierka', 'zaświadczenie'],
    ['świstka', 'zaświadczenie'],
    ['L4', 'zwolnienie lekarskie'],
    ['na L-4', 'zwolnienie lekarskie'],
    ['l 4 od lekarza', 'zwolnienie lekarskie'],
    ['kasa nie wpłynęła', 'wypłata'],
    ['na kursie', 'szkolenie'],
    ['zapisać się', 'zarejestrować'],
    ['zapisana', 'zarejestrować'],
  ])('"%s" brings in "%s"', (said, directoryWords) => {
    const query = expanded(said);
    for (const token of tokens(directoryWords)) expect(query, said).toContain(token);
    for (const token of tokens(said)) expect(query).toContain(token);
  });

  it('a shorter word is not a longer colloquial one: "papiery" are not a "papierek"', () => {
    expect(expanded('jakie papiery')).toEqual(tokens('jakie papiery'));
  });

  it('any query: its own words first, in order, then only what they brought in, each once', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('robota', 'kasa', 'L4', 'zasiłek', 'staż', 'papierek', 'pani', 'x', 'kurs', 'rejestracja'), { maxLength: 8 }), (words) => {
        const own = [...new Set(tokens(words.join(' ')))];
        const out = withDirectoryWords(own);
        expect(out.slice(0, own.length)).toEqual(own);
        expect(new Set(out).size).toBe(out.length);
      }),
    );
  });
});
