import { v7 as uuidv7 } from 'uuid';
import { create } from 'zustand';
import { callReducer, IDLE, type CallEvent, type CallState } from '../../../shared/call-machine';
import type { ChecklistDefinition } from '../../../shared/checklist';
import { getApi } from '../api/instance';
import { persistDraft } from './draft-writer';

interface CallStore {
  state: CallState;
  saving: boolean;
  saveError: unknown;
  /** Id of the call saved last, so the screen can confirm it. */
  lastSavedId: string | null;
  /** The one way to change the call: the shared reducer decides, the store only keeps the result. */
  dispatch(event: CallEvent): void;
  restore(state: CallState): void;
  startCall(checklist: ChecklistDefinition): void;
  save(): Promise<boolean>;
}

export const useCallStore = create<CallStore>()((set, get) => ({
  state: IDLE,
  saving: false,
  saveError: null,
  lastSavedId: null,

  dispatch(event) {
    const before = get().state;
    const after = callReducer(before, event);
    if (after === before) return;
    set({ state: after, saveError: null });
    persistDraft(after);
  },

  restore(state) {
    set({ state, saving: false, saveError: null });
  },

  startCall(checklist) {
    get().dispatch({ type: 'start', id: uuidv7(), direction: checklist.direction, checklist, at: Date.now() });
  },

  async save() {
    const { state, saving } = get();
    if (saving || state.phase !== 'wrap-up' || state.outcome === null) return false;
    set({ saving: true, saveError: null });
    try {
      const saved = await getApi().saveCall({ call: state.call, outcome: state.outcome, note: state.note });
      set({ saving: false, lastSavedId: saved.id });
      get().dispatch({ type: 'saved' });
      return true;
    } catch (error) {
      set({ saving: false, saveError: error });
      return false;
    }
  },
}));
