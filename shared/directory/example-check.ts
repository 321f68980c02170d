import type { Directory, Glossary } from './directory';
import { buildSearchIndex, search, type SearchHit } from './search';

/**
 * The directory's own regression test: every example sentence a matter
 * keeps (what callers said, written down by the lead) must find that matter
 * first with the search the clerks use. Run on every save of the editor,
 * so a keyword added to one matter that pulls another's callers away is
 * seen before the clerks meet it.
 */
export interface ExampleMiss {
  matterId: string;
  matterTitle: string;
  example: string;
  /** Where the matter came (2 = second); null when it was not among the first {@link RANKS_LOOKED_AT}. */
  rank: number | null;
  /** What came first instead; null when the sentence finds nothing at all. */
  first: Pick<SearchHit, 'kind' | 'id' | 'title'> | null;
}

export interface ExampleCheck {
  checked: number;
  misses: ExampleMiss[];
}

/** How far down the hits a moved example is looked for: the search panel shows eight. */
export const RANKS_LOOKED_AT = 8;

export function exampleMisses(directory: Directory, glossary: Glossary): ExampleCheck {
  const steps = checkingExamples(directory, glossary);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link exampleMisses} in steps, one matter at a time: a directory of
 * thousands of examples takes a second or two, and the window's caller
 * lets the screen breathe between steps.
 */
export function* checkingExamples(directory: Directory, glossary: Glossary): Generator<void, ExampleCheck, void> {
  const index = buildSearchIndex(directory, glossary);
  let checked = 0;
  const misses: ExampleMiss[] = [];
  for (const matter of directory.matters) {
    if (matter.examples.length > 0) yield;
    for (const example of matter.examples) {
      checked++;
      const hits = search(index, example, RANKS_LOOKED_AT);
      const at = hits.findIndex((hit) => hit.kind === 'matter' && hit.id === matter.id);
      if (at === 0) continue;
      const first = hits[0];
      misses.push({ matterId: matter.id, matterTitle: matter.title, example, rank: at < 0 ? null : at + 1, first: first ? { kind: first.kind, id: first.id, title: first.title } : null });
    }
  }
  return { checked, misses };
}
