import { create } from 'zustand';
import type { Notice } from '../../../shared/api';
import type { ChecklistDefinition } from '../../../shared/checklist';
import type { Profile } from '../../../shared/profile';
import { getApi } from '../api/instance';
import { useCallStore } from './call-store';

export type View = 'call' | 'history' | 'profile';

interface AppState {
  status: 'loading' | 'ready' | 'failed';
  profile: Profile | null;
  checklists: ChecklistDefinition[];
  notices: Notice[];
  view: View;
  toast: string | null;
  /** Set while the call in progress cannot be written to draft.json. */
  draftError: unknown;
  load(): Promise<void>;
  profileSaved(profile: Profile): void;
  setView(view: View): void;
  dismissNotice(index: number): void;
  showToast(text: string | null): void;
  setDraftError(error: unknown): void;
}

/** What the app knows at start (profile, checklists, notices) and which view is open. */
export const useAppStore = create<AppState>()((set) => ({
  status: 'loading',
  profile: null,
  checklists: [],
  notices: [],
  view: 'call',
  toast: null,
  draftError: null,

  async load() {
    set({ status: 'loading' });
    try {
      const state = await getApi().getAppState({});
      useCallStore.getState().restore(state.draft);
      set({
        status: 'ready',
        profile: state.profile,
        checklists: state.checklists,
        notices: state.notices,
        view: state.profile ? 'call' : 'profile',
      });
    } catch {
      set({ status: 'failed' });
    }
  },

  profileSaved(profile) {
    set({ profile, view: 'call' });
  },

  setView(view) {
    set({ view });
  },

  dismissNotice(index) {
    set((s) => ({ notices: s.notices.filter((_, i) => i !== index) }));
  },

  showToast(text) {
    set({ toast: text });
  },

  setDraftError(error) {
    set({ draftError: error });
  },
}));
