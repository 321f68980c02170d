import { readFileSync } from 'node:fs';
import { DirectorySchema, GlossarySchema } from '../shared/directory/directory';
import { buildSearchIndex, search } from '../shared/directory/search';
import { missPhrase, MissTracker } from '../shared/directory/search-misses';

/**
 * What counting the searches that found nothing costs the clerk's search:
 * every phrasing and sentence of the accuracy sets typed a letter at a time,
 * each key timed as the panel does it — the search alone (the baseline) and
 * the search with the miss tracker's step — interleaved key by key, so a busy
 * moment of the machine falls on both alike. And the phrase made once a
 * search ends (masking and folding), which no key waits for.
 */
export interface MissBenchResult {
  keys: number;
  alone: { p50: number; p95: number };
  counted: { p50: number; p95: number };
  phrase: { p50: number; p95: number };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function missBench(rounds = 5): MissBenchResult {
  const directory = DirectorySchema.parse(JSON.parse(readFileSync('resources/directory.json', 'utf8')));
  const glossary = GlossarySchema.parse(JSON.parse(readFileSync('resources/glossary.json', 'utf8')));
  const index = buildSearchIndex(directory, glossary);
  const queries = ['test/fixtures/routing-queries.jsonl', 'test/fixtures/routing-sentences.jsonl']
    .flatMap((file) => readFileSync(file, 'utf8').trim().split('\n'))
    .map((line) => (JSON.parse(line) as { query: string }).query);
  const alone: number[] = [];
  const counted: number[] = [];
  const phrase: number[] = [];
  const tracker = new MissTracker();
  for (let r = 0; r <= rounds; r++) {
    for (const [qi, query] of queries.entries()) {
      for (let n = 1; n <= query.length; n++) {
        const typed = query.slice(0, n);
        // Which goes first turns with each key.
        for (const withCount of (qi + n + r) % 2 === 0 ? [false, true] : [true, false]) {
          const t = performance.now();
          search(index, typed, 8);
          if (withCount) tracker.typed(typed);
          const took = performance.now() - t;
          if (r > 0) (withCount ? counted : alone).push(took);
        }
      }
      const t = performance.now();
      missPhrase(query);
      if (r > 0) phrase.push(performance.now() - t);
      tracker.ended();
    }
  }
  const figures = (v: number[]) => ({ p50: percentile(v, 50), p95: percentile(v, 95) });
  return { keys: alone.length, alone: figures(alone), counted: figures(counted), phrase: figures(phrase) };
}
