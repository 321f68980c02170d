import type { Directory, Glossary } from './directory';
import { tokens, tokenSimilarity } from './text-folding';

/**
 * One search over matters, units and glossary terms, for what a caller
 * actually says: inflected, without diacritics, with a typo, in any word
 * order. Each entry is a set of phrases (its title, keywords, aliases); a
 * query scores against the phrase it fits best — how much of the query the
 * phrase explains and how much of the phrase the query says — with a little
 * credit for query words found anywhere in the entry's text.
 */
export type SearchKind = 'matter' | 'unit' | 'term';

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  unit: { id: string; name: string } | null;
  complex: boolean;
  score: number;
}

interface Entry {
  hit: Omit<SearchHit, 'score'>;
  phrases: string[][];
  everything: string[];
  weight: number;
}

export interface SearchIndex {
  entries: Entry[];
  /** Every distinct token, and the entries each appears in: a query only visits entries it can match. */
  postings: Map<string, number[]>;
}

/** Matters first when scores tie: they carry the routing; then units, then terms. */
const KIND_WEIGHT: Record<SearchKind, number> = { matter: 1, unit: 0.96, term: 0.92 };
export const MIN_SCORE = 0.35;

export function buildSearchIndex(directory: Directory, glossary: Glossary): SearchIndex {
  const units = new Map(directory.units.map((u) => [u.id, u]));
  const entries: Entry[] = [];
  for (const matter of directory.matters) {
    const unit = units.get(matter.unit);
    entries.push(
      entry(
        { kind: 'matter', id: matter.id, title: matter.title, unit: unit ? { id: unit.id, name: unit.name } : null, complex: matter.complex },
        [matter.title, ...matter.keywords],
        [matter.hint ?? ''],
      ),
    );
  }
  for (const unit of directory.units) {
    entries.push(entry({ kind: 'unit', id: unit.id, title: unit.name, unit: { id: unit.id, name: unit.name }, complex: false }, [unit.name], [unit.description]));
  }
  for (const term of glossary.terms) {
    entries.push(entry({ kind: 'term', id: term.id, title: term.term, unit: null, complex: false }, [term.term, ...term.aliases], [term.explanation]));
  }
  const postings = new Map<string, number[]>();
  entries.forEach((e, i) => {
    for (const token of e.everything) {
      const list = postings.get(token);
      if (list) list.push(i);
      else postings.set(token, [i]);
    }
  });
  return { entries, postings };
}

function entry(hit: Entry['hit'], phrases: string[], extra: string[]): Entry {
  const phraseTokens = phrases.map(tokens).filter((p) => p.length > 0);
  return {
    hit,
    phrases: phraseTokens,
    everything: [...new Set([...phraseTokens.flat(), ...extra.flatMap(tokens)])],
    weight: KIND_WEIGHT[hit.kind],
  };
}

export function search(index: SearchIndex, query: string, limit = 10): SearchHit[] {
  const q = [...new Set(tokens(query))];
  if (q.length === 0) return [];
  // Each query token is compared once with each distinct token of the index;
  // entries are then scored from these similarities alone.
  const similar = new Map<string, Map<string, number>>();
  const candidates = new Set<number>();
  for (const qt of q) {
    const matches = new Map<string, number>();
    for (const [token, entryIds] of index.postings) {
      const sim = tokenSimilarity(qt, token);
      if (sim === 0) continue;
      matches.set(token, sim);
      for (const i of entryIds) candidates.add(i);
    }
    similar.set(qt, matches);
  }
  const sim = (qt: string, token: string) => similar.get(qt)?.get(token) ?? 0;

  const hits: SearchHit[] = [];
  for (const i of candidates) {
    const e = index.entries[i]!;
    let best = 0;
    for (const phrase of e.phrases) best = Math.max(best, phraseScore(q, phrase, sim));
    if (best === 0) continue;
    const anywhere = queryCoverage(q, e.everything, sim);
    const score = (0.85 * best + 0.15 * anywhere) * e.weight;
    if (score >= MIN_SCORE) hits.push({ ...e.hit, score: Math.round(score * 1000) / 1000 });
  }
  return hits.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title, 'pl')).slice(0, limit);
}

type Similarity = (queryToken: string, token: string) => number;

function phraseScore(query: string[], phrase: string[], sim: Similarity): number {
  const explained = queryCoverage(query, phrase, sim);
  if (explained === 0) return 0;
  return 0.55 * explained + 0.45 * phraseCoverage(phrase, query, sim);
}

/** The mean, over the query's tokens, of each one's best match among `tokens`. */
function queryCoverage(query: string[], tokens: string[], sim: Similarity): number {
  let sum = 0;
  for (const qt of query) {
    let best = 0;
    for (const t of tokens) {
      best = Math.max(best, sim(qt, t));
      if (best === 1) break;
    }
    sum += best;
  }
  return sum / query.length;
}

/** The mean, over a phrase's tokens, of each one's best match in the query (similarity is symmetric). */
function phraseCoverage(phrase: string[], query: string[], sim: Similarity): number {
  let sum = 0;
  for (const t of phrase) {
    let best = 0;
    for (const qt of query) best = Math.max(best, sim(qt, t));
    sum += best;
  }
  return sum / phrase.length;
}
