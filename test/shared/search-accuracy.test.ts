import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DirectorySchema, GlossarySchema } from '../../shared/directory/directory';
import { buildSearchIndex, search } from '../../shared/directory/search';

/**
 * Routing quality, measured on phrasings written as callers say them
 * (inflected, without diacritics, with typos, colloquial), each with the
 * matter or unit it should reach. Glossary terms may appear among the hits
 * but do not route, so they are left out of the ranking judged here. The set
 * is kept honest: a miss is fixed in the search, not by adding the missed
 * phrasing to the directory's keywords.
 */
const directory = DirectorySchema.parse(JSON.parse(readFileSync('resources/directory.json', 'utf8')));
const glossary = GlossarySchema.parse(JSON.parse(readFileSync('resources/glossary.json', 'utf8')));
const index = buildSearchIndex(directory, glossary);
const queries = readFileSync('test/fixtures/routing-queries.jsonl', 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { query: string; expected: string });

describe('routing accuracy on test/fixtures/routing-queries.jsonl', () => {
  it('has at least 150 phrasings, each expecting a matter or unit that exists', () => {
    expect(queries.length).toBeGreaterThanOrEqual(150);
    const known = new Set([...directory.matters.map((m) => m.id), ...directory.units.map((u) => u.id)]);
    for (const q of queries) expect(known.has(q.expected), q.expected).toBe(true);
  });

  it('finds the expected matter or unit first in at least 90%, and among the first three in at least 98%', () => {
    let top1 = 0;
    let top3 = 0;
    const misses: string[] = [];
    for (const { query, expected } of queries) {
      const ids = search(index, query, 10)
        .filter((h) => h.kind !== 'term')
        .map((h) => h.id);
      if (ids[0] === expected) top1++;
      else misses.push(`${query} → ${ids.slice(0, 3).join(', ') || '(nothing)'} (expected ${expected})`);
      if (ids.slice(0, 3).includes(expected)) top3++;
    }
    console.info(`[routing] top-1 ${(top1 / queries.length).toFixed(3)}, top-3 ${(top3 / queries.length).toFixed(3)} on ${queries.length}; misses:\n  ${misses.join('\n  ')}`);
    expect(top1 / queries.length).toBeGreaterThanOrEqual(0.9);
    expect(top3 / queries.length).toBeGreaterThanOrEqual(0.98);
  });
});
