import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DirectorySchema, GlossarySchema, type Directory } from '../../shared/directory/directory';
import { exampleMisses } from '../../shared/directory/example-check';
import { search, buildSearchIndex } from '../../shared/directory/search';

const directory = DirectorySchema.parse(JSON.parse(readFileSync('resources/directory.json', 'utf8')));
const glossary = GlossarySchema.parse(JSON.parse(readFileSync('resources/glossary.json', 'utf8')));
const queries = readFileSync('test/fixtures/routing-queries.jsonl', 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { query: string; expected: string });

function withExamples(examples: Record<string, string[]>): Directory {
  return { ...directory, matters: directory.matters.map((m) => ({ ...m, examples: examples[m.id] ?? [] })) };
}

describe("the directory's caller examples, checked on every save", () => {
  it('an example that finds its matter first passes; one that does not is named with where its matter came and what came first', () => {
    const index = buildSearchIndex(directory, glossary);
    const matterIds = new Set(directory.matters.map((m) => m.id));
    // The real phrasings of the accuracy set, each as an example of the matter it should find.
    const examples: Record<string, string[]> = {};
    for (const { query, expected } of queries) if (matterIds.has(expected)) (examples[expected] ??= []).push(query);
    const { checked, misses } = exampleMisses(withExamples(examples), glossary);
    expect(checked).toBe(Object.values(examples).flat().length);
    // Exactly those the search itself does not put first, each with what the search says.
    const expectedMisses = Object.entries(examples).flatMap(([id, list]) =>
      list.flatMap((example) => {
        const hits = search(index, example, 8);
        const at = hits.findIndex((h) => h.kind === 'matter' && h.id === id);
        return at === 0 ? [] : [{ matterId: id, example, rank: at < 0 ? null : at + 1, first: hits[0] ? { kind: hits[0].kind, id: hits[0].id, title: hits[0].title } : null }];
      }),
    );
    expect(misses.map(({ matterTitle: _, ...m }) => m)).toEqual(expectedMisses);
    expect(misses.length).toBeLessThan(checked * 0.1);
  });

  it('a keyword given to another matter that pulls an example away is seen', () => {
    const dir = withExamples({ odwolanie: ['zgubiłem decyzję'] });
    expect(exampleMisses(dir, glossary).misses).toEqual([]);
    const pulled = { ...dir, matters: dir.matters.map((m) => (m.id === 'zaswiadczenia' ? { ...m, keywords: [...m.keywords, 'zgubiłem decyzję'] } : m)) };
    expect(exampleMisses(pulled, glossary).misses).toEqual([
      { matterId: 'odwolanie', matterTitle: 'Odwołanie od decyzji', example: 'zgubiłem decyzję', rank: 2, first: { kind: 'matter', id: 'zaswiadczenia', title: 'Zaświadczenia z urzędu pracy' } },
    ]);
  });

  it('an example that finds nothing says so', () => {
    const { misses } = exampleMisses(withExamples({ staz: ['qwertyuiop'] }), glossary);
    expect(misses).toEqual([{ matterId: 'staz', matterTitle: directory.matters.find((m) => m.id === 'staz')!.title, example: 'qwertyuiop', rank: null, first: null }]);
  });
});
