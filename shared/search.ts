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
  return { entries };
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
  const hits: SearchHit[] = [];
  for (const e of index.entries) {
    let best = 0;
    for (const phrase of e.phrases) best = Math.max(best, phraseScore(q, phrase));
    if (best === 0) continue;
    const anywhere = coverage(q, e.everything);
    const score = (0.85 * best + 0.15 * anywhere) * e.weight;
    if (score >= MIN_SCORE) hits.push({ ...e.hit, score: Math.round(score * 1000) / 1000 });
  }
  return hits.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title, 'pl')).slice(0, limit);
}

function phraseScore(query: string[], phrase: string[]): number {
  const explained = coverage(query, phrase);
  if (explained === 0) return 0;
  return 0.55 * explained + 0.45 * coverage(phrase, query);
}

/** The mean, over `from`, of each token's best match in `to`. */
function coverage(from: string[], to: string[]): number {
  let sum = 0;
  for (const a of from) {
    let best = 0;
    for (const b of to) {
      best = Math.max(best, tokenSimilarity(a, b));
      if (best === 1) break;
    }
    sum += best;
  }
  return sum / from.length;
}
