import { create } from 'zustand';
import type { ApiOutput } from '../../../shared/contract/api';
import { NO_FILTER, type RegisterFilter, type RegisterSort } from '../../../shared/register/register';
import type { RegisterRowView } from '../../../shared/register/register-api';
import { getApi } from '../api/instance';
import { saveDownload, uploadChosenFile } from '../api/client';
import { isDesktop } from '../api/platform';

type Page = ApiOutput<'queryRegister'>;
type ProblemsPage = ApiOutput<'listRegisterProblems'>;

/** Problems shown at first, and added by each "more": a folder of broken files can hold thousands. */
export const PROBLEMS_PAGE = 20;

/** Rows come in pages as the table scrolls to them; the summary comes with the first page of a new filter. */
export const PAGE_SIZE = 200;

interface RegisterStore {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: unknown;
  filter: RegisterFilter;
  sort: RegisterSort;
  total: number;
  /** Rows by their place in the filtered, sorted set; a place not loaded yet is missing. */
  rows: Map<number, RegisterRowView>;
  summary: Page['summary'];
  facets: Page['facets'];
  /** The problems loaded so far (a page at a time), and how many are listed and met in all. */
  problems: ProblemsPage['problems'];
  problemsListed: number;
  problemCount: number;
  unreadable: Page['unreadable'];
  unreadableCount: number;
  /** Bumped by every new filter or sort: answers to an older one are dropped. */
  generation: number;
  load(refresh?: boolean): Promise<void>;
  /** Loads the next page of problems. */
  moreProblems(): Promise<void>;
  setFilter(change: Partial<RegisterFilter>): void;
  resetFilter(): void;
  setSort(sort: RegisterSort): void;
  /** Loads the pages that hold rows first…last, if not loaded or loading yet. */
  ensureRows(first: number, last: number): void;
}

const requested = new Set<string>();

export const useRegisterStore = create<RegisterStore>()((set, get) => ({
  status: 'idle',
  error: null,
  filter: NO_FILTER,
  sort: { key: 'startedAt', descending: true },
  total: 0,
  rows: new Map(),
  summary: null,
  facets: { clerks: [], units: [], items: [] },
  problems: [],
  problemsListed: 0,
  problemCount: 0,
  unreadable: [],
  unreadableCount: 0,
  generation: 0,

  async load(refresh = true) {
    const generation = get().generation + 1;
    requested.clear();
    set({ status: 'loading', error: null, generation });
    const { filter, sort } = get();
    try {
      const page = await getApi().queryRegister({ filter, sort, offset: 0, limit: PAGE_SIZE, refresh, withSummary: true });
      if (get().generation !== generation) return;
      const rows = new Map<number, RegisterRowView>();
      page.rows.forEach((row, i) => rows.set(i, row));
      requested.add(`${generation}:0`);
      set({ status: 'ready', total: page.total, rows, summary: page.summary, facets: page.facets, problemCount: page.problemCount, unreadable: page.unreadable, unreadableCount: page.unreadableCount });
      if (refresh || get().problems.length === 0) {
        const first = page.problemCount > 0 ? await getApi().listRegisterProblems({ offset: 0, limit: PROBLEMS_PAGE }) : null;
        if (get().generation === generation) set({ problems: first?.problems ?? [], problemsListed: first?.listed ?? 0 });
      }
    } catch (error) {
      if (get().generation === generation) set({ status: 'failed', error });
    }
  },

  async moreProblems() {
    const { problems } = get();
    const next = await getApi().listRegisterProblems({ offset: problems.length, limit: PROBLEMS_PAGE });
    set((s) => ({ problems: [...s.problems, ...next.problems], problemsListed: next.listed, problemCount: next.count }));
  },

  setFilter(change) {
    set((s) => ({ filter: { ...s.filter, ...change } }));
    void get().load(false);
  },

  resetFilter() {
    set({ filter: NO_FILTER });
    void get().load(false);
  },

  setSort(sort) {
    set({ sort });
    void get().load(false);
  },

  ensureRows(first, last) {
    const { generation, filter, sort, total } = get();
    for (let page = Math.floor(first / PAGE_SIZE); page * PAGE_SIZE <= Math.min(last, total - 1); page++) {
      const key = `${generation}:${page}`;
      if (requested.has(key)) continue;
      requested.add(key);
      const offset = page * PAGE_SIZE;
      getApi()
        .queryRegister({ filter, sort, offset, limit: PAGE_SIZE, refresh: false, withSummary: false })
        .then((result) => {
          if (get().generation !== generation) return;
          set((s) => {
            const rows = new Map(s.rows);
            result.rows.forEach((row, i) => rows.set(offset + i, row));
            return { rows };
          });
        })
        .catch(() => requested.delete(key)); // scrolled to again, it is asked for again
    }
  },
}));

/**
 * Imports a clerk's export the person picks — on the desktop in the service's
 * open dialog, in a browser uploaded first — and reads the register again.
 * The path said is the file's name as the person knows it; null: cancelled.
 */
export async function importRecords(): Promise<ApiOutput<'importRecords'>> {
  const uploaded = isDesktop() ? null : await uploadChosenFile();
  if (!isDesktop() && !uploaded) return { path: null, imported: 0, otherRecords: 0, duplicates: 0, conflicts: 0, masked: 0, rejected: [], rejectedCount: 0 };
  const result = await getApi().importRecords({ path: null, upload: uploaded?.upload ?? null });
  if (result.path) await useRegisterStore.getState().load(true);
  return uploaded && result.path ? { ...result, path: uploaded.name } : result;
}

/** The register as it is filtered and sorted now, to a file the person chooses (a save dialog, or the browser's download); where it went, null: cancelled. */
export async function exportRegister(format: 'csv' | 'jsonl'): Promise<{ path: string | null; rows: number }> {
  const { filter, sort } = useRegisterStore.getState();
  const { path, download, rows } = await getApi().exportRegister({ filter, sort, format, path: null });
  return { path: download ? await saveDownload(download) : path, rows };
}

/** The summary and charts printed: to a PDF the person saves (desktop), or by the browser's own printing. Where the PDF went, if anywhere. */
export async function printReport(suggestedName: string): Promise<{ path: string | null }> {
  const { path, printInWindow } = await getApi().printReport({ suggestedName });
  if (printInWindow) window.print();
  return { path };
}

/** One call of the register, whole, for its dialog. */
export function openRegisterCall(id: string): Promise<ApiOutput<'registerCall'>> {
  return getApi().registerCall({ id });
}
