import { create } from 'zustand';
import type { JournalProblem } from '../../../shared/contract/api';
import type { CallSummary } from '../../../shared/journal/call-record';
import { getApi } from '../api/instance';

export const HISTORY_LIMIT = 50;

interface HistoryStore {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  calls: CallSummary[];
  /** The first few problems met, and how many there are in all. */
  problems: JournalProblem[];
  problemCount: number;
  error: unknown;
  load(): Promise<void>;
}

/** The clerk's recent calls, read back from the journal (not from memory), so what is shown is what was kept. */
export const useHistoryStore = create<HistoryStore>()((set) => ({
  status: 'idle',
  calls: [],
  problems: [],
  problemCount: 0,
  error: null,

  async load() {
    set({ status: 'loading', error: null });
    try {
      const { calls, problems, problemCount } = await getApi().listRecentCalls({ limit: HISTORY_LIMIT });
      set({ status: 'ready', calls, problems, problemCount });
    } catch (error) {
      set({ status: 'failed', error });
    }
  },
}));
