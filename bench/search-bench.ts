/**
 * Search: latency over the built-in directory and over a generated one of
 * 2,000 matters, and top-1 / top-3 accuracy on the routing query set, for the
 * app's own engine beside two libraries over the same entries and the same
 * queries: MiniSearch (an inverted index with BM25, given the app's own
 * Polish folding) and Fuse.js (fuzzy matching of whole strings).
 *
 * What counts as a hit is the same for all three: each engine's first ten
 * results, glossary terms dropped (they do not route), and the expected
 * matter or unit first (top-1) or among the first three (top-3). Each timing
 * is one query from the text to that list of ids, so a library's own sorting
 * and the cut to ten are paid inside it, as the app would pay them.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Fuse from 'fuse.js';
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { DirectorySchema, GlossarySchema, type Directory, type Glossary } from '../shared/directory/directory';
import { buildSearchIndex, search } from '../shared/directory/search';
import { tokens } from '../shared/directory/text-folding';

interface Query {
  query: string;
  expected: string;
}

type Kind = 'matter' | 'unit' | 'term';
type Find = (query: string) => { id: string; kind: string }[];

export interface EngineFigures {
  p50: number;
  p95: number;
  top1: number;
  top3: number;
  /** Median time to build the index from the parsed directory and glossary. */
  buildMs: number;
  /** Heap the built index keeps, after a full collection (only with --expose-gc; NaN otherwise). */
  heapKb: number;
}

export interface SearchBenchResult {
  name: string;
  entries: number;
  ours: EngineFigures;
  /** One per MiniSearch configuration measured, the chosen one first. */
  mini: (EngineFigures & { config: string })[];
  fuse: EngineFigures;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
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
    examples: [],
  }));
  return { ...base, matters: [...base.matters, ...extra] };
}

// ---------------------------------------------------------------------------
// MiniSearch

/**
 * An entry as the app's engine sees it: its phrases (title first, then the
 * keywords or aliases) and the rest of its text (a matter's hint, a unit's
 * description, a term's explanation), which only earns a little credit.
 */
interface Entry {
  id: string;
  kind: Kind;
  title: string;
  keywords: string[];
  extra: string;
}

function entries(directory: Directory, glossary: Glossary): Entry[] {
  return [
    ...directory.matters.map((m) => ({ id: m.id, kind: 'matter' as const, title: m.title, keywords: m.keywords, extra: m.hint ?? '' })),
    ...directory.units.map((u) => ({ id: u.id, kind: 'unit' as const, title: u.name, keywords: [], extra: u.description })),
    ...glossary.terms.map((t) => ({ id: t.id, kind: 'term' as const, title: t.term, keywords: t.aliases, extra: t.explanation })),
  ];
}

/** The app's engine prefers a matter to a unit to a term when scores tie; MiniSearch can be told the same. */
const KIND_BOOST: Record<Kind, number> = { matter: 1, unit: 0.96, term: 0.92 };

/**
 * The app's tolerance, as MiniSearch can express it: a query word of four
 * letters or more may be the start of a longer indexed word, and one of five
 * or more may be one edit away (MiniSearch counts a swap of two letters as
 * two edits; the app's engine counts it as one).
 */
const appPrefix = (term: string) => term.length >= 4;
const appFuzzy = (term: string) => (term.length >= 5 ? 1 : false);

/** The same folding for the index and the query: case, diacritics, stop words, Polish endings. */
const folding = { tokenize: (text: string) => tokens(text), processTerm: (term: string) => term };

interface Doc {
  n: number;
  entry: number;
  title?: string;
  keywords?: string;
  extra?: string;
  phrase?: string;
  rest?: string;
}

export interface MiniConfig {
  name: string;
  /** One document per entry (title, keywords, extra as fields), or one per phrase, an entry scoring as its best phrase. */
  shape: 'entry' | 'phrase';
  /** Ask for every query word first (AND), and for any of them (OR) only when that finds nothing. */
  andFirst?: boolean;
  options: Pick<Options<Doc>, 'fields'> & { search: SearchOptions };
}

/**
 * Configurations tried (`node --import tsx bench/search-only.ts --configs`
 * prints each one's figures). All use the app's folding; they differ in how
 * the entry is cut into fields, the boosts and the matching tolerance; all
 * prefer a matter to a unit to a term as the app's engine does (KIND_BOOST).
 */
export const MINI_CONFIGS: MiniConfig[] = [
  {
    name: 'A: title and keywords, title ×2, prefix, fuzzy 0.2',
    shape: 'entry',
    options: { fields: ['title', 'keywords'], search: { boost: { title: 2 }, prefix: true, fuzzy: 0.2 } },
  },
  {
    name: "B: A + the extra text ×0.3, the app's prefix/typo tolerance",
    shape: 'entry',
    options: {
      fields: ['title', 'keywords', 'extra'],
      search: { boost: { title: 2, keywords: 1, extra: 0.3 }, prefix: appPrefix, fuzzy: appFuzzy },
    },
  },
  {
    name: "C: B with the app's weights for prefix (0.9) and typo (0.75) matches",
    shape: 'entry',
    options: {
      fields: ['title', 'keywords', 'extra'],
      search: { boost: { title: 2, keywords: 1, extra: 0.3 }, prefix: appPrefix, fuzzy: appFuzzy, weights: { prefix: 0.9, fuzzy: 0.75 } },
    },
  },
  {
    name: 'D: C with title ×3, keywords ×2, and less length normalisation (bm25 b = 0.5)',
    shape: 'entry',
    options: {
      fields: ['title', 'keywords', 'extra'],
      search: {
        boost: { title: 3, keywords: 2, extra: 0.3 },
        prefix: appPrefix,
        fuzzy: appFuzzy,
        weights: { prefix: 0.9, fuzzy: 0.75 },
        bm25: { k: 1.2, b: 0.5, d: 0.5 },
      },
    },
  },
  {
    name: "E: one document per phrase (as the app's engine scores), the entry's other text ×0.3, C's matching",
    shape: 'phrase',
    options: {
      fields: ['phrase', 'rest'],
      search: { boost: { phrase: 1, rest: 0.3 }, prefix: appPrefix, fuzzy: appFuzzy, weights: { prefix: 0.9, fuzzy: 0.75 } },
    },
  },
  {
    name: 'F: E with the AND of all query words first, the OR only when AND finds nothing',
    shape: 'phrase',
    andFirst: true,
    options: {
      fields: ['phrase', 'rest'],
      search: { boost: { phrase: 1, rest: 0.3 }, prefix: appPrefix, fuzzy: appFuzzy, weights: { prefix: 0.9, fuzzy: 0.75 } },
    },
  },
  {
    name: "G: E with the library's own prefix/typo weights, the other text ×0.15, and typos up to a quarter of the word (1 edit from 2 letters, 2 from 6, 3 from 10)",
    shape: 'phrase',
    options: {
      fields: ['phrase', 'rest'],
      search: { boost: { phrase: 1, rest: 0.15 }, prefix: appPrefix, fuzzy: 0.25 },
    },
  },
  {
    name: 'H: one document per entry as B, title and keywords ×2 each, extra ×0.15, typos as G',
    shape: 'entry',
    options: {
      fields: ['title', 'keywords', 'extra'],
      search: { boost: { title: 2, keywords: 2, extra: 0.15 }, prefix: appPrefix, fuzzy: 0.25 },
    },
  },
];

/**
 * The configurations the bench measures. G first, the one its rows report:
 * the only one at least as accurate as the app's engine on both directories.
 * H beside it: the most accurate on the built-in directory, and faster than
 * G, but it falls behind on the larger one.
 */
export const MINI_REPORTED = ['G', 'H'];

export function miniConfig(letter: string): MiniConfig {
  const found = MINI_CONFIGS.find((c) => c.name.startsWith(`${letter}:`));
  if (!found) throw new Error(`no MiniSearch configuration ${letter}`);
  return found;
}

function buildMini(all: Entry[], config: MiniConfig): Find {
  const docs: Doc[] = [];
  all.forEach((e, entry) => {
    if (config.shape === 'entry') {
      docs.push({ n: docs.length, entry, title: e.title, keywords: e.keywords.join(' · '), extra: e.extra });
      return;
    }
    const phrases = [e.title, ...e.keywords];
    phrases.forEach((phrase, p) => {
      const rest = [...phrases.slice(0, p), ...phrases.slice(p + 1), e.extra].join(' · ');
      docs.push({ n: docs.length, entry, phrase, rest });
    });
  });
  const mini = new MiniSearch<Doc>({
    idField: 'n',
    fields: config.options.fields,
    ...folding,
    searchOptions: { ...config.options.search, boostDocument: (n: number) => KIND_BOOST[all[docs[n]!.entry]!.kind] },
  });
  mini.addAll(docs);
  return (query) => {
    let results = config.andFirst ? mini.search(query, { combineWith: 'AND' }) : [];
    if (results.length === 0) results = mini.search(query);
    // Results come best first; with one document per phrase an entry's place is that of its best phrase.
    const seen = new Set<number>();
    const hits: { id: string; kind: string }[] = [];
    for (const r of results) {
      const entry = docs[r.id as number]!.entry;
      if (seen.has(entry)) continue;
      seen.add(entry);
      hits.push(all[entry]!);
      if (hits.length === 10) break;
    }
    return hits;
  };
}

// ---------------------------------------------------------------------------

interface Engine {
  /** Fuse.js is a hundred times slower than the others: it gets fewer rounds. */
  slow: boolean;
  build: () => Find;
}

function engines(directory: Directory, glossary: Glossary, minis: string[]): { entries: number; engines: Map<string, Engine> } {
  const all = entries(directory, glossary);
  // Fuse.js is given the documents it was first measured with: title and keywords, a unit's description as a keyword.
  const fuseDocs = [
    ...directory.matters.map((m) => ({ id: m.id, kind: 'matter', title: m.title, keywords: m.keywords })),
    ...directory.units.map((u) => ({ id: u.id, kind: 'unit', title: u.name, keywords: [u.description] })),
    ...glossary.terms.map((t) => ({ id: t.id, kind: 'term', title: t.term, keywords: t.aliases })),
  ];
  const list: [string, Engine][] = [
    [
      'ours',
      {
        slow: false,
        build: () => {
          const index = buildSearchIndex(directory, glossary);
          return (q) => search(index, q, 10);
        },
      },
    ],
    ...minis.map((letter): [string, Engine] => [letter, { slow: false, build: () => buildMini(all, miniConfig(letter)) }]),
    [
      'fuse',
      {
        slow: true,
        build: () => {
          const fuse = new Fuse(fuseDocs, { keys: ['title', 'keywords'], includeScore: true, ignoreLocation: true, threshold: 0.4 });
          return (q) => fuse.search(q, { limit: 10 }).map((r) => r.item);
        },
      },
    ],
  ];
  return { entries: all.length, engines: new Map(list) };
}

/** The ids a query routes to: the first ten hits without glossary terms. Scored identically for every engine. */
function routed(find: Find, query: string): string[] {
  return find(query)
    .filter((h) => h.kind !== 'term')
    .map((h) => h.id);
}

function accuracy(find: Find, queries: Query[]): { top1: number; top3: number; misses: string[] } {
  let top1 = 0;
  let top3 = 0;
  const misses: string[] = [];
  for (const { query, expected } of queries) {
    const ids = routed(find, query);
    if (ids[0] === expected) top1++;
    else misses.push(`${query} → ${ids.slice(0, 3).join(', ') || '(nothing)'} (expected ${expected})`);
    if (ids.slice(0, 3).includes(expected)) top3++;
  }
  return { top1: top1 / queries.length, top3: top3 / queries.length, misses };
}

function gc(): boolean {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  return collect !== undefined;
}

/** Median build time over `times` builds, and the heap one built index keeps. */
function buildCost(engine: Engine, times: number): { buildMs: number; heapKb: number } {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    engine.build();
    ms.push(performance.now() - t);
  }
  let heapKb = NaN;
  if (gc()) {
    const kept: Find[] = [];
    const before = process.memoryUsage().heapUsed;
    // Several copies, so the figure is not lost in the heap's own noise.
    for (let i = 0; i < 5; i++) kept.push(engine.build());
    gc();
    heapKb = (process.memoryUsage().heapUsed - before) / kept.length / 1024;
    kept.length = 0;
  }
  return { buildMs: percentile(ms, 50), heapKb };
}

export interface SearchBenchOptions {
  /** Rounds of the whole query set for the app's engine and MiniSearch. */
  rounds?: number;
  /** Rounds for Fuse.js; at most `rounds`. */
  fuseRounds?: number;
  /** Which MiniSearch configurations, by letter; the first is the one the bench's rows report. */
  mini?: string[];
}

function measure(name: string, directory: Directory, glossary: Glossary, queries: Query[], options: Required<SearchBenchOptions>): SearchBenchResult {
  const { entries: count, engines: all } = engines(directory, glossary, options.mini);
  const names = [...all.keys()];
  const finds = new Map(names.map((n) => [n, all.get(n)!.build()]));
  const times = new Map(names.map((n) => [n, [] as number[]]));
  // Interleaved query by query, the order turned each round, so a busy
  // moment of the machine falls on every engine alike. The first round warms
  // each engine up and is not timed.
  for (let r = 0; r <= options.rounds; r++) {
    queries.forEach(({ query }, qi) => {
      for (let k = 0; k < names.length; k++) {
        const engine = names[(qi + r + k) % names.length]!;
        if (all.get(engine)!.slow && r > options.fuseRounds) continue;
        const t = performance.now();
        routed(finds.get(engine)!, query);
        if (r > 0) times.get(engine)!.push(performance.now() - t);
      }
    });
  }
  const figures = (engine: string): EngineFigures => {
    const { top1, top3 } = accuracy(finds.get(engine)!, queries);
    const cost = buildCost(all.get(engine)!, all.get(engine)!.slow ? 3 : 9);
    const t = times.get(engine)!;
    return { p50: percentile(t, 50), p95: percentile(t, 95), top1, top3, ...cost };
  };
  return {
    name,
    entries: count,
    ours: figures('ours'),
    mini: options.mini.map((config) => ({ config, ...figures(config) })),
    fuse: figures('fuse'),
  };
}

/** Queries of a fixture: one JSON object per line. */
const queriesOf = (file: string): Query[] => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Query);

function loadSearchData(): { directory: Directory; glossary: Glossary; queries: Query[] } {
  const directory = DirectorySchema.parse(JSON.parse(readFileSync('resources/directory.json', 'utf8')));
  const glossary = GlossarySchema.parse(JSON.parse(readFileSync('resources/glossary.json', 'utf8')));
  return { directory, glossary, queries: queriesOf('test/fixtures/routing-queries.jsonl') };
}

export function searchBench(options: SearchBenchOptions = {}): SearchBenchResult[] {
  const rounds = options.rounds ?? 20;
  const settled = { rounds, fuseRounds: Math.min(rounds, options.fuseRounds ?? 3), mini: options.mini?.length ? options.mini : MINI_REPORTED };
  const { directory, glossary, queries } = loadSearchData();
  // A caller's whole sentence, apart from the short phrasings: the development set, and the held-out set nobody tunes on.
  const sentences = queriesOf('test/fixtures/routing-sentences.jsonl');
  const heldOut = queriesOf('test/fixtures/routing-sentences-held-out.jsonl');
  const generated = generatedDirectory(directory, 2000);
  return [
    measure('built-in directory', directory, glossary, queries, settled),
    measure('generated directory of 2,000 matters', generated, glossary, queries, settled),
    measure('built-in directory, long sentences', directory, glossary, sentences, settled),
    measure('built-in directory, long sentences held out', directory, glossary, heldOut, settled),
    measure('generated directory of 2,000 matters, long sentences', generated, glossary, sentences, settled),
  ];
}

/** Accuracy of every MiniSearch configuration on both directories (no timing): how the reported one was chosen. */
export function miniConfigAccuracy(): { config: string; builtIn: { top1: number; top3: number }; generated: { top1: number; top3: number } }[] {
  const { directory, glossary, queries } = loadSearchData();
  const big = generatedDirectory(directory, 2000);
  return MINI_CONFIGS.map((config) => {
    const a = accuracy(buildMini(entries(directory, glossary), config), queries);
    const b = accuracy(buildMini(entries(big, glossary), config), queries);
    return { config: config.name, builtIn: { top1: a.top1, top3: a.top3 }, generated: { top1: b.top1, top3: b.top3 } };
  });
}

/** For reading a configuration's misses on the built-in directory. */
export function miniMisses(letter: string): string[] {
  const { directory, glossary, queries } = loadSearchData();
  return accuracy(buildMini(entries(directory, glossary), miniConfig(letter)), queries).misses;
}
