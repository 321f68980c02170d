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
/** A fixture of phrasings, each with the id it should reach. */
const phrasingsOf = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { query: string; expected: string });
const queries = phrasingsOf('test/fixtures/routing-queries.jsonl');

/** How often the expected matter or unit comes first, and among the first three (glossary terms do not route, so they are left out); the misses, to read. */
function accuracy(set: { query: string; expected: string }[]): { top1: number; top3: number; termFirst: number; misses: string[] } {
  let top1 = 0;
  let top3 = 0;
  let termFirst = 0;
  const misses: string[] = [];
  for (const { query, expected } of set) {
    const hits = search(index, query, 10);
    if (hits[0]?.kind === 'term') termFirst++;
    const ids = hits.filter((h) => h.kind !== 'term').map((h) => h.id);
    if (ids[0] === expected) top1++;
    else misses.push(`${query} → ${ids.slice(0, 3).join(', ') || '(nothing)'} (expected ${expected})`);
    if (ids.slice(0, 3).includes(expected)) top3++;
  }
  return { top1: top1 / set.length, top3: top3 / set.length, termFirst, misses };
}

describe('routing accuracy on test/fixtures/routing-queries.jsonl', () => {
  it('has at least 150 phrasings, each expecting a matter or unit that exists', () => {
    expect(queries.length).toBeGreaterThanOrEqual(150);
    const known = new Set([...directory.matters.map((m) => m.id), ...directory.units.map((u) => u.id)]);
    for (const q of queries) expect(known.has(q.expected), q.expected).toBe(true);
  });

  it('finds the expected matter or unit first in at least 90%, and among the first three in at least 98%', () => {
    const { top1, top3, misses } = accuracy(queries);
    console.info(`[routing] top-1 ${top1.toFixed(3)}, top-3 ${top3.toFixed(3)} on ${queries.length}; misses:\n  ${misses.join('\n  ')}`);
    expect(top1).toBeGreaterThanOrEqual(0.9);
    expect(top3).toBeGreaterThanOrEqual(0.98);
  });
});

/**
 * A caller's whole sentence, as a clerk types what she hears: filler, a
 * story, the need at the end, callers' own words. Written apart from the
 * search and the directory's keywords; the held-out set is never tuned on.
 * The issue's target is 90% first on the development set; these floors are
 * where the search stands, so that it only moves up (docs/benchmarks.md).
 */
const sentences = phrasingsOf('test/fixtures/routing-sentences.jsonl');
const heldOut = phrasingsOf('test/fixtures/routing-sentences-held-out.jsonl');

describe("routing a caller's whole sentence", () => {
  it('the development set has at least 100 sentences and the held-out one 50, each of 12 words or more, each expecting a matter that exists, none in both', () => {
    expect(sentences.length).toBeGreaterThanOrEqual(100);
    expect(heldOut.length).toBeGreaterThanOrEqual(50);
    const matters = new Set(directory.matters.map((m) => m.id));
    for (const { query, expected } of [...sentences, ...heldOut]) {
      expect(query.split(/\s+/).length, query).toBeGreaterThanOrEqual(12);
      expect(matters.has(expected), expected).toBe(true);
    }
    const seen = new Set(sentences.map((s) => s.query));
    expect(heldOut.filter((s) => seen.has(s.query))).toEqual([]);
  });

  it('puts the matter first in at least 56% of the development set, among the first three in 76% of it and 78% of the held-out set; a glossary term first in a few at most', () => {
    const dev = accuracy(sentences);
    const held = accuracy(heldOut);
    console.info(`[routing sentences] development top-1 ${dev.top1.toFixed(3)}, top-3 ${dev.top3.toFixed(3)}; held out top-1 ${held.top1.toFixed(3)}, top-3 ${held.top3.toFixed(3)}`);
    // As the README says them: 57% and 77% of 150, 78% of 73.
    expect(dev.top1).toBeGreaterThanOrEqual(0.56);
    expect(dev.top3).toBeGreaterThanOrEqual(0.76);
    expect(held.top3).toBeGreaterThanOrEqual(0.78);
    expect(dev.termFirst + held.termFirst).toBeLessThanOrEqual(8);
  });
});
