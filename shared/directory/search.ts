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
  /** Each phrase as the ids of its tokens in the index's vocabulary. */
  phrases: Int32Array[];
  weight: number;
}

export interface SearchIndex {
  entries: Entry[];
  /** Every distinct token once; entries refer to tokens by their place here, so scoring is array lookups. */
  vocabulary: string[];
  /** For each token of the vocabulary, the entries it appears in: a query only visits entries it can match. */
  postings: Int32Array[];
  /** Each entry's place in Polish alphabetical order of titles: how equal scores are ordered. */
  titleOrder: Int32Array;
}

/** Matters first when scores tie: they carry the routing; then units, then terms. */
const KIND_WEIGHT: Record<SearchKind, number> = { matter: 1, unit: 0.96, term: 0.92 };
export const MIN_SCORE = 0.35;

export function buildSearchIndex(directory: Directory, glossary: Glossary): SearchIndex {
  const units = new Map(directory.units.map((u) => [u.id, u]));
  const ids = new Map<string, number>();
  const vocabulary: string[] = [];
  const entryLists: number[][] = [];
  const entries: Entry[] = [];
  const idOf = (token: string) => {
    let id = ids.get(token);
    if (id === undefined) {
      ids.set(token, (id = vocabulary.length));
      vocabulary.push(token);
      entryLists.push([]);
    }
    return id;
  };
  const add = (hit: Entry['hit'], phrases: string[], extra: string[]) => {
    const phraseTokens = phrases.map(tokens).filter((p) => p.length > 0);
    const i = entries.length;
    entries.push({ hit, phrases: phraseTokens.map((p) => Int32Array.from(p, idOf)), weight: KIND_WEIGHT[hit.kind] });
    for (const token of new Set([...phraseTokens.flat(), ...extra.flatMap(tokens)])) entryLists[idOf(token)]!.push(i);
  };

  for (const matter of directory.matters) {
    const unit = units.get(matter.unit);
    add(
      { kind: 'matter', id: matter.id, title: matter.title, unit: unit ? { id: unit.id, name: unit.name } : null, complex: matter.complex },
      [matter.title, ...matter.keywords],
      [matter.hint ?? ''],
    );
  }
  for (const unit of directory.units) {
    add({ kind: 'unit', id: unit.id, title: unit.name, unit: { id: unit.id, name: unit.name }, complex: false }, [unit.name], [unit.description]);
  }
  for (const term of glossary.terms) {
    add({ kind: 'term', id: term.id, title: term.term, unit: null, complex: false }, [term.term, ...term.aliases], [term.explanation]);
  }
  const titleOrder = new Int32Array(entries.length);
  entries
    .map((e, i) => ({ title: e.hit.title, i }))
    .sort((a, b) => a.title.localeCompare(b.title, 'pl'))
    .forEach(({ i }, place) => (titleOrder[i] = place));
  return { entries, vocabulary, postings: entryLists.map((list) => Int32Array.from(list)), titleOrder };
}

export function search(index: SearchIndex, query: string, limit = 10): SearchHit[] {
  const q = [...new Set(tokens(query))];
  if (q.length === 0) return [];
  const n = q.length;
  // Each query token is compared once with each distinct token of the index
  // (similar[token * n + j]). On the way, each entry's best match per query
  // token is gathered from the postings (best[entry * n + j]): that is its
  // "anywhere" coverage, and from it a bound on the score it could reach.
  const similar = new Float64Array(index.vocabulary.length * n);
  const best = new Float64Array(index.entries.length * n);
  const touched: number[] = [];
  index.vocabulary.forEach((token, t) => {
    for (let j = 0; j < n; j++) {
      const s = tokenSimilarity(q[j]!, token);
      if (s === 0) continue;
      similar[t * n + j] = s;
      for (const i of index.postings[t]!) {
        if (!hasAny(best, i, n)) touched.push(i);
        if (s > best[i * n + j]!) best[i * n + j] = s;
      }
    }
  });

  const candidates = touched.map((i) => {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += best[i * n + j]!;
    const anywhere = sum / n;
    // No phrase can explain more of the query than the whole entry does, nor cover more than all of itself.
    const bound = round(entryScore(phraseFit(anywhere, 1), anywhere) * index.entries[i]!.weight + 1e-9);
    return { i, anywhere, bound, order: index.titleOrder[i]! };
  });
  const byRank = (a: { score: number; order: number }, b: { score: number; order: number }) => b.score - a.score || a.order - b.order;
  candidates.sort((a, b) => b.bound - a.bound || a.order - b.order);

  // Score the most promising first, in the order the result is ranked; once
  // no remaining entry could pass the last of the best `limit`, stop. Bounds
  // are rounded as scores are, so the result is the one a full scan gives.
  const ranked: { i: number; score: number; order: number }[] = [];
  for (const { i, anywhere, bound, order } of candidates) {
    const last = ranked.length >= limit ? ranked[limit - 1]! : null;
    if (bound < MIN_SCORE || (last && (bound < last.score || (bound === last.score && order > last.order)))) break;
    const e = index.entries[i]!;
    let fit = 0;
    for (const phrase of e.phrases) fit = Math.max(fit, phraseScore(similar, n, phrase));
    if (fit === 0) continue;
    const score = round(entryScore(fit, anywhere) * e.weight);
    if (score < MIN_SCORE) continue;
    ranked.push({ i, score, order });
    if (ranked.length >= limit) {
      ranked.sort(byRank);
      ranked.length = limit;
    }
  }
  return ranked.sort(byRank).map(({ i, score }) => ({ ...index.entries[i]!.hit, score }));
}

function hasAny(best: Float64Array, entry: number, n: number): boolean {
  for (let j = 0; j < n; j++) if (best[entry * n + j] !== 0) return true;
  return false;
}

const round = (score: number) => Math.round(score * 1000) / 1000;

/** How well one phrase fits: how much of the query it explains, and how much of it the query says. */
const phraseFit = (explained: number, covered: number) => 0.55 * explained + 0.45 * covered;
/** An entry's score: its best phrase's fit, with a little credit for query words found anywhere in it. */
const entryScore = (bestPhraseFit: number, anywhere: number) => 0.85 * bestPhraseFit + 0.15 * anywhere;

/** One phrase's fit; `similar[token * n + j]` is the similarity of a token to the query's j-th token. */
function phraseScore(similar: Float64Array, n: number, phrase: Int32Array): number {
  // How much of the query the phrase explains: the mean over query tokens of each one's best match in the phrase.
  let explained = 0;
  for (let j = 0; j < n; j++) {
    let top = 0;
    for (const t of phrase) top = Math.max(top, similar[t * n + j]!);
    explained += top;
  }
  if (explained === 0) return 0;
  // How much of the phrase the query says: the mean over the phrase's tokens of each one's best match in the query.
  let covered = 0;
  for (const t of phrase) {
    let top = 0;
    for (let j = 0; j < n; j++) top = Math.max(top, similar[t * n + j]!);
    covered += top;
  }
  return phraseFit(explained / n, covered / phrase.length);
}
