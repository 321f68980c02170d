import { create } from 'zustand';
import type { ApiOutput, JournalProblem } from '../../../shared/api';
import { getApi } from '../api/instance';

type CallSummary = ApiOutput<'listRecentCalls'>['calls'][number];

export const HISTORY_LIMIT = 50;

interface HistoryStore {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  calls: CallSummary[];
  problems: JournalProblem[];
  error: unknown;
  load(): Promise<void>;
}

/** The clerk's recent calls, read back from the journal (not from memory), so what is shown is what was kept. */
export const useHistoryStore = create<HistoryStore>()((set) => ({
  status: 'idle',
  calls: [],
  problems: [],
  error: null,

  async load() {
    set({ status: 'loading', error: null });
    try {
      const { calls, problems } = await getApi().listRecentCalls({ limit: HISTORY_LIMIT });
      set({ status: 'ready', calls, problems });
    } catch (error) {
      set({ status: 'failed', error });
    }
  },
}));
