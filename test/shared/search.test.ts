import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DirectorySchema, GlossarySchema } from '../../shared/directory/directory';
import { buildSearchIndex, MAX_QUERY_CHARS, search } from '../../shared/directory/search';
import { fold, stem, tokens, tokenSimilarity } from '../../shared/directory/text-folding';

const directory = DirectorySchema.parse(JSON.parse(readFileSync('resources/directory.json', 'utf8')));
const glossary = GlossarySchema.parse(JSON.parse(readFileSync('resources/glossary.json', 'utf8')));
const index = buildSearchIndex(directory, glossary);
const top = (query: string) => search(index, query, 3)[0];

describe('text folding', () => {
  it('folds case and Polish diacritics, ł included', () => {
    expect(fold('Zażółć GĘŚLĄ jaźń, Łódź!')).toBe('zazolc gesla jazn lodz');
  });

  it('brings inflected forms to one stem or a stem and its prefix', () => {
    const [a, b, c] = ['zasiłek', 'zasiłku', 'zasiłkiem'].map((w) => stem(fold(w)));
    expect(tokenSimilarity(a!, b!)).toBeGreaterThan(0.8);
    expect(tokenSimilarity(b!, c!)).toBe(1);
    expect(stem('zalozenie')).toBe(stem('zalozyc'));
  });

  it('forgives one slip of the keyboard in a longer word, not in a short one', () => {
    expect(tokenSimilarity('bezrobotnych', 'bezrobotych')).toBeGreaterThan(0);
    expect(tokenSimilarity('odwolan', 'odwlan')).toBeGreaterThan(0);
    expect(tokenSimilarity('staz', 'stan')).toBe(0);
  });

  it('drops the words that do not tell matters apart', () => {
    expect(tokens('Dzień dobry, chcę się zapytać o zasiłek')).toEqual(['zasilek'].map((t) => stem(t)));
    // And what a caller says on the way to the point.
    expect(tokens('no bo wie pani, znaczy ja tego, yyy, dzwonię w takiej sprawie że staż')).toEqual([stem('staz')]);
  });

  it('property: folding leaves no Polish diacritic and folding twice changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: 'grapheme' }), (text) => {
        const once = fold(text);
        expect(once).not.toMatch(/[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/u);
        expect(fold(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('search over the built-in directory', () => {
  it.each(['zasiłek', 'zasiłku', 'zasiłkiem', 'zasilek', 'zasilku'])('%s finds the benefit matter of the benefits unit first', (query) => {
    expect(top(query)).toMatchObject({ kind: 'matter', unit: { id: 'dzial-ewidencji-i-swiadczen' } });
  });

  it.each([
    ['odwolanie', 'odwolanie'],
    ['odwołanie od decyzji', 'odwolanie'],
    ['decyzji odwołanie', 'odwolanie'],
    ['nie dostałem pieniędzy', 'brak-wyplaty'],
    ['chcę zatrudnić Ukraińca', 'oswiadczenie-cudzoziemiec'],
    ['skończył mi się staż', 'staz'],
    ['zasilek dla bezrobotych', 'wysokosc-zasilku'],
    ['chcę założyć firmę', 'dofinansowanie-dzialalnosci'],
    ['800 plus', 'rodzina-800-plus'],
  ])('%s → %s', (query, id) => {
    expect(top(query)?.id).toBe(id);
  });

  it('says what each hit is and marks complex matters', () => {
    const hits = search(index, 'odwołanie');
    expect(hits[0]).toMatchObject({ kind: 'matter', complex: true, unit: { name: 'Kancelaria' } });
    expect(hits.some((h) => h.kind === 'term' && h.unit === null)).toBe(true);
    expect(search(index, 'Zakład Ubezpieczeń Społecznych').some((h) => h.kind === 'unit' && h.id === 'zus')).toBe(true);
  });

  it('ranks best first, and finds nothing for nothing', () => {
    const scores = search(index, 'zasiłek').map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(search(index, '')).toEqual([]);
    expect(search(index, '   , . ')).toEqual([]);
    expect(search(index, 'qwxzv')).toEqual([]);
  });
});

describe('search over a large directory of look-alike matters', () => {
  // Few words shared by many matters make many equal and near-equal scores:
  // the hardest case for stopping early.
  const words = ['zasiłek', 'pracy', 'staż', 'szkolenie', 'bon', 'zatrudnienie', 'odwołanie', 'firma', 'ulga', 'wniosek'];
  const phrase = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
  const bigDirectory = fc.array(fc.tuple(phrase, fc.array(phrase, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 300 }).map((matters) => ({
    ...directory,
    matters: matters.map(([title, keywords], i) => ({ id: `sprawa-${i}`, title, unit: directory.units[i % directory.units.length]!.id, complex: false, keywords, documents: [], examples: [] })),
  }));

  it('property: the best few found by stopping early are exactly the first few of the full ranking', () => {
    fc.assert(
      fc.property(bigDirectory, phrase, fc.integer({ min: 1, max: 12 }), (dir, query, limit) => {
        const big = buildSearchIndex(dir, glossary);
        const everything = search(big, query, Number.MAX_SAFE_INTEGER);
        expect(search(big, query, limit)).toEqual(everything.slice(0, limit));
      }),
      { numRuns: 200 },
    );
  });
});

describe("what a careless clerk types, and the words callers use in passing (the review's cases)", () => {
  const index = buildSearchIndex(
    DirectorySchema.parse(JSON.parse(readFileSync('resources/directory.json', 'utf8'))),
    GlossarySchema.parse(JSON.parse(readFileSync('resources/glossary.json', 'utf8'))),
  );
  const first = (query: string) => search(index, query, 10).filter((h) => h.kind !== 'term')[0]?.id;

  it.each([
    ['wyrzucili mnie z pracy i chcę się zarejestrować', 'rejestracja'],
    ['szef mnie wywalił z roboty i chcę się zapisać na bezrobocie', 'rejestracja'],
    ['mam duży problem z zasiłkiem, ile to wynosi', 'wysokosc-zasilku'],
    ['mieszkam w Gałkowie Dużym', 'powiat-wschodni'],
  ])('"%s" → %s', (query, expected) => {
    expect(first(query)).toBe(expected);
  });

  it('a village of the neighbouring district named in a sentence about registering: its office among the first three', () => {
    const ids = search(index, 'mieszkam w Gałkowie Dużym i straciłem pracę', 10).map((h) => h.id);
    expect(ids.slice(0, 3)).toContain('powiat-wschodni');
  });

  it('ordinary words and first names do not send a caller to the neighbouring district', () => {
    for (const query of ['duży', 'mały', 'góra', 'Justyna', 'Kalina', 'stróż', 'gospodarz', 'rolnik gospodarz KRUS']) expect(first(query), query).not.toBe('powiat-wschodni');
  });

  it('a whole pasted page is searched by its beginning: the same hits as its first thousand characters', () => {
    fc.assert(
      fc.property(fc.string({ minLength: MAX_QUERY_CHARS, maxLength: 3 * MAX_QUERY_CHARS }), fc.string(), (start, rest) => {
        const page = start + 'nie dostałem zasiłku '.repeat(5_000) + rest;
        expect(search(index, page, 10)).toEqual(search(index, page.slice(0, MAX_QUERY_CHARS), 10));
      }),
      { numRuns: 20 },
    );
    const page = 'nie dostałem zasiłku za ten miesiąc '.repeat(20_000);
    expect(search(index, page, 10)[0]?.id).toBe('brak-wyplaty');
  });
});
