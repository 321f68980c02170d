import type { Directory, Glossary } from './directory';
import { withDirectoryWords } from './colloquial';
import { tokens, tokenSimilarity } from './text-folding';

/**
 * One search over matters, units and glossary terms, for what a caller
 * actually says: inflected, without diacritics, with a typo, in any word
 * order. Each entry is a set of phrases (its title, keywords, aliases); a
 * query scores against the phrase it fits best — how much of the query the
 * phrase explains and how much of the phrase the query says — with a little
 * credit for query words found anywhere in the entry's text. Query words
 * count by how well they tell entries apart (a word no entry has counts for
 * nothing), callers' own words bring in the directory's (colloquial.ts), and
 * a long sentence is judged more by the meaningful words an entry shares
 * with it than by any one phrase.
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
  /** Beside each posting: 1 where the token is in one of the entry's phrases (title, keywords), 0 where only in its description or hint. */
  inPhrases: Uint8Array[];
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
  const phraseFlags: number[][] = [];
  const entries: Entry[] = [];
  const idOf = (token: string) => {
    let id = ids.get(token);
    if (id === undefined) {
      ids.set(token, (id = vocabulary.length));
      vocabulary.push(token);
      entryLists.push([]);
      phraseFlags.push([]);
    }
    return id;
  };
  const add = (hit: Entry['hit'], phrases: string[], extra: string[]) => {
    const phraseTokens = phrases.map(tokens).filter((p) => p.length > 0);
    const i = entries.length;
    entries.push({ hit, phrases: phraseTokens.map((p) => Int32Array.from(p, idOf)), weight: KIND_WEIGHT[hit.kind] });
    const inPhrase = new Set(phraseTokens.flat());
    for (const token of new Set([...inPhrase, ...extra.flatMap(tokens)])) {
      entryLists[idOf(token)]!.push(i);
      phraseFlags[idOf(token)]!.push(inPhrase.has(token) ? 1 : 0);
    }
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
  return { entries, vocabulary, postings: entryLists.map((list) => Int32Array.from(list)), inPhrases: phraseFlags.map((flags) => Uint8Array.from(flags)), titleOrder };
}

/**
 * What of a query is read: a caller's longest sentence, typed as heard, is a
 * few hundred characters; a page pasted into the box is read by its
 * beginning, so every key press stays instant.
 */
export const MAX_QUERY_CHARS = 1_000;

export function search(index: SearchIndex, query: string, limit = 10): SearchHit[] {
  const q = withDirectoryWords([...new Set(tokens(query.slice(0, MAX_QUERY_CHARS)))]);
  if (q.length === 0) return [];
  const n = q.length;
  // Each query token is compared once with each distinct token of the index
  // (similar[token * n + j]). On the way, each entry's best match per query
  // token is gathered from the postings (best[entry * n + j]): that is its
  // "anywhere" coverage, and from it a bound on the score it could reach.
  const similar = new Float64Array(index.vocabulary.length * n);
  const best = new Float64Array(index.entries.length * n);
  // The same, from the entry's own phrases only (its description and hint say more than what it is).
  const bestInPhrases = new Float64Array(index.entries.length * n);
  const touched: number[] = [];
  index.vocabulary.forEach((token, t) => {
    for (let j = 0; j < n; j++) {
      const s = tokenSimilarity(q[j]!, token);
      if (s === 0) continue;
      similar[t * n + j] = s;
      const postings = index.postings[t]!;
      const inPhrases = index.inPhrases[t]!;
      for (let k = 0; k < postings.length; k++) {
        const i = postings[k]!;
        if (!hasAny(best, i, n)) touched.push(i);
        if (s > best[i * n + j]!) best[i * n + j] = s;
        if (inPhrases[k] && s > bestInPhrases[i * n + j]!) bestInPhrases[i * n + j] = s;
      }
    }
  });
  const weights = queryWordWeights(touched, best, n, index.entries.length);
  if (!weights) return [];
  const sentence = sentenceLikeness(weights);

  const candidates = touched.map((i) => {
    let sum = 0;
    let said = 0;
    for (let j = 0; j < n; j++) {
      sum += weights[j]! * best[i * n + j]!;
      said += weights[j]! * Math.max(bestInPhrases[i * n + j]!, HINT_WORD * best[i * n + j]!);
    }
    const anywhere = sum / n;
    const shared = said / n;
    // No phrase can explain more of the query than the whole entry does, nor cover more than all of itself.
    const bound = round(entryScore(phraseFit(anywhere, 1), anywhere, shared, sentence) * index.entries[i]!.weight + 1e-9);
    return { i, anywhere, shared, bound, order: index.titleOrder[i]! };
  });
  const byRank = (a: { score: number; order: number }, b: { score: number; order: number }) => b.score - a.score || a.order - b.order;
  candidates.sort((a, b) => b.bound - a.bound || a.order - b.order);

  // Score the most promising first, in the order the result is ranked; once
  // no remaining entry could pass the last of the best `limit`, stop. Bounds
  // are rounded as scores are, so the result is the one a full scan gives.
  const ranked: { i: number; score: number; order: number }[] = [];
  for (const { i, anywhere, shared, bound, order } of candidates) {
    const last = ranked.length >= limit ? ranked[limit - 1]! : null;
    if (bound < MIN_SCORE || (last && (bound < last.score || (bound === last.score && order > last.order)))) break;
    const e = index.entries[i]!;
    let fit = 0;
    for (const phrase of e.phrases) fit = Math.max(fit, phraseScore(similar, weights, n, phrase));
    if (fit === 0) continue;
    const score = round(entryScore(fit, anywhere, shared, sentence) * e.weight);
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
/**
 * An entry's score. For a few words: its best phrase's fit, with a little
 * credit for query words found anywhere in it. For a caller's whole sentence
 * (`sentence` towards 1), no phrase says most of it: what counts is how much
 * of the sentence's meaningful words the entry's phrases share (`shared`).
 */
const entryScore = (bestPhraseFit: number, anywhere: number, shared: number, sentence: number) =>
  (1 - sentence) * (0.85 * bestPhraseFit + 0.15 * anywhere) + sentence * (SENTENCE_PHRASE_FIT * bestPhraseFit + (1 - SENTENCE_PHRASE_FIT) * Math.min(1, shared * SENTENCE_SHARED_SCALE));
const SENTENCE_PHRASE_FIT = 0.2;
/** `shared` is a mean over all the query's words, most of which no entry has: scaled to the range a phrase's fit has. */
const SENTENCE_SHARED_SCALE = 4;
/** A word found only in an entry's description or hint counts for this much of one in its phrases. */
const HINT_WORD = 0.3;
/** Informative words up to which a query is a few words, and how many more make it a whole sentence. */
const SHORT_QUERY_WORDS = 2;
const SENTENCE_RAMP = 4;

/**
 * How much each query word tells entries apart (inverse document frequency
 * over the entries it matches, scaled so the weights of a query sum to its
 * length): a word no entry has weighs nothing — filler, a story's details —
 * and one in many entries little. Null when no word matches anything.
 */
function queryWordWeights(touched: number[], best: Float64Array, n: number, entries: number): Float64Array | null {
  const df = new Float64Array(n);
  for (const i of touched) for (let j = 0; j < n; j++) if (best[i * n + j]! > 0) df[j]!++;
  const weights = new Float64Array(n);
  let sum = 0;
  for (let j = 0; j < n; j++) {
    weights[j] = df[j]! === 0 ? 0 : Math.log(1 + entries / df[j]!);
    sum += weights[j]!;
  }
  if (sum === 0) return null;
  for (let j = 0; j < n; j++) weights[j] = (weights[j]! / sum) * n;
  return weights;
}

/** 0 for a query of a few meaningful words, rising to 1 for a whole sentence. */
function sentenceLikeness(weights: Float64Array): number {
  let informative = 0;
  for (const w of weights) if (w > 0) informative++;
  return Math.min(1, Math.max(0, (informative - SHORT_QUERY_WORDS) / SENTENCE_RAMP));
}

/** One phrase's fit; `similar[token * n + j]` is the similarity of a token to the query's j-th token. */
function phraseScore(similar: Float64Array, weights: Float64Array, n: number, phrase: Int32Array): number {
  // How much of the query the phrase explains: the mean over query tokens (by weight) of each one's best match in the phrase.
  let explained = 0;
  for (let j = 0; j < n; j++) {
    let top = 0;
    for (const t of phrase) top = Math.max(top, similar[t * n + j]!);
    explained += weights[j]! * top;
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
