import { create } from 'zustand';
import type { ApiOutput } from '../../../shared/contract/api';
import { getApi } from '../api/instance';

/** The lead's report of searches left without a result, for one month. */
export type MissesShown = { month: string; report: ApiOutput<'searchMissReport'> | null; error: unknown };

interface MissesState {
  shown: MissesShown | null;
  /** Asks for the month's report (what is asked last is what is shown). */
  load(month: string): Promise<void>;
}

/** *Czego szukano bez skutku*: the month's report the directory editor shows (MissesCard.tsx). */
export const useMissesStore = create<MissesState>()((set, get) => ({
  shown: null,

  async load(month) {
    set({ shown: { month, report: null, error: null } });
    try {
      const report = await getApi().searchMissReport({ month });
      if (get().shown?.month === month) set({ shown: { month, report, error: null } });
    } catch (error) {
      if (get().shown?.month === month) set({ shown: { month, report: null, error } });
    }
  },
}));
