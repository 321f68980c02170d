import { v7 as uuidv7 } from 'uuid';
import { create } from 'zustand';
import { callReducer, IDLE, type CallEvent, type CallState } from '../../../shared/call-machine';
import type { ChecklistDefinition } from '../../../shared/checklist';
import { wrapUpProblems, type WrapUpProblem } from '../../../shared/wrap-up';
import { getApi } from '../api/instance';
import { useCallbacksStore } from './callbacks-store';
import { persistDraft } from './draft-writer';

interface CallStore {
  state: CallState;
  saving: boolean;
  saveError: unknown;
  /** Id of the call saved last, so the screen can confirm it. */
  lastSavedId: string | null;
  /** What stopped the last attempt to save (shown as an alert), or null. */
  saveBlocked: WrapUpProblem[] | null;
  /** The one way to change the call: the shared reducer decides, the store only keeps the result. */
  dispatch(event: CallEvent): void;
  restore(state: CallState): void;
  /** Starts a call with this checklist (its direction is the call's), optionally returning an agreed callback. */
  startCall(checklist: ChecklistDefinition, callbackOf?: string): void;
  save(): Promise<boolean>;
}

export const useCallStore = create<CallStore>()((set, get) => ({
  state: IDLE,
  saving: false,
  saveError: null,
  lastSavedId: null,
  saveBlocked: null,

  dispatch(event) {
    const before = get().state;
    const after = callReducer(before, event);
    if (after === before) return;
    set({ state: after, saveError: null, saveBlocked: null });
    persistDraft(after);
  },

  restore(state) {
    set({ state, saving: false, saveError: null, saveBlocked: null });
  },

  startCall(checklist, callbackOf) {
    get().dispatch({ type: 'start', id: uuidv7(), checklist, at: Date.now(), callbackOf: callbackOf ?? null });
  },

  async save() {
    const { state, saving } = get();
    if (saving || state.phase !== 'wrap-up') return false;
    const problems = wrapUpProblems(state, Date.now());
    const outcome = state.outcome;
    if (problems.length > 0 || outcome === null) {
      set({ saveBlocked: problems });
      return false;
    }
    set({ saving: true, saveError: null });
    try {
      const saved = await getApi().saveCall({ call: state.call, outcome, note: state.note });
      set({ saving: false, lastSavedId: saved.id });
      get().dispatch({ type: 'saved' });
      // An agreed callback is created, or one is kept, by this save.
      void useCallbacksStore.getState().load();
      return true;
    } catch (error) {
      set({ saving: false, saveError: error });
      return false;
    }
  },
}));
