/**
 * Search: latency over the built-in directory and over a generated one of
 * 2,000 matters, and top-1 / top-3 accuracy on the routing query set, side by
 * side with Fuse.js (a well-known fuzzy search library) over the same entries
 * and the same queries.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Fuse from 'fuse.js';
import { DirectorySchema, GlossarySchema, type Directory, type Glossary } from '../shared/directory/directory';
import { buildSearchIndex, search } from '../shared/directory/search';

interface Query {
  query: string;
  expected: string;
}

export interface SearchBenchResult {
  name: string;
  entries: number;
  ours: { p50: number; p95: number; top1: number; top3: number };
  fuse: { p50: number; p95: number; top1: number; top3: number };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A bigger office: the real matters plus generated ones with plausible words, so the real ones must still win. */
export function generatedDirectory(base: Directory, matters: number): Directory {
  const words = base.matters.flatMap((m) => m.keywords.flatMap((k) => k.split(' '))).filter((w) => w.length > 3);
  let seed = 7;
  const pick = () => words[(seed = (seed * 16807) % 2147483647) % words.length]!;
  const extra = Array.from({ length: Math.max(0, matters - base.matters.length) }, (_, i) => ({
    id: `wygenerowana-${i}`,
    title: `${pick()} ${pick()} ${pick()}`,
    unit: base.units[i % base.units.length]!.id,
    complex: i % 5 === 0,
    keywords: [`${pick()} ${pick()}`, `${pick()} ${pick()} ${pick()}`],
    documents: [],
  }));
  return { ...base, matters: [...base.matters, ...extra] };
}

function measure(name: string, directory: Directory, glossary: Glossary, queries: Query[], rounds: number): SearchBenchResult {
  const index = buildSearchIndex(directory, glossary);
  const docs = [
    ...directory.matters.map((m) => ({ id: m.id, kind: 'matter', title: m.title, keywords: m.keywords })),
    ...directory.units.map((u) => ({ id: u.id, kind: 'unit', title: u.name, keywords: [u.description] })),
    ...glossary.terms.map((t) => ({ id: t.id, kind: 'term', title: t.term, keywords: t.aliases })),
  ];
  const fuse = new Fuse(docs, { keys: ['title', 'keywords'], includeScore: true, ignoreLocation: true, threshold: 0.4 });

  const run = (find: (q: string) => { id: string; kind: string }[]) => {
    const times: number[] = [];
    let top1 = 0;
    let top3 = 0;
    for (let r = 0; r < rounds; r++) {
      for (const { query, expected } of queries) {
        const t = performance.now();
        const ids = find(query)
          .filter((h) => h.kind !== 'term')
          .map((h) => h.id);
        times.push(performance.now() - t);
        if (r > 0) continue;
        if (ids[0] === expected) top1++;
        if (ids.slice(0, 3).includes(expected)) top3++;
      }
    }
    return { p50: percentile(times, 50), p95: percentile(times, 95), top1: top1 / queries.length, top3: top3 / queries.length };
  };
  return {
    name,
    entries: docs.length,
    ours: run((q) => search(index, q, 10)),
    fuse: run((q) => fuse.search(q, { limit: 10 }).map((r) => r.item)),
  };
}

export function searchBench(rounds = 5): SearchBenchResult[] {
  const directory = DirectorySchema.parse(JSON.parse(readFileSync('resources/directory.json', 'utf8')));
  const glossary = GlossarySchema.parse(JSON.parse(readFileSync('resources/glossary.json', 'utf8')));
  const queries: Query[] = readFileSync('test/fixtures/routing-queries.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  return [
    measure('built-in directory', directory, glossary, queries, rounds),
    measure('generated directory of 2,000 matters', generatedDirectory(directory, 2000), glossary, queries, rounds),
  ];
}
