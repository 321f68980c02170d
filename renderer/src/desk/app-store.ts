import { create } from 'zustand';
import type { ApiOutput } from '../../../shared/contract/api';
import type { Notice } from '../../../shared/contract/api';
import type { ChecklistDefinition } from '../../../shared/call/checklist';
import type { Directory, Glossary } from '../../../shared/directory/directory';
import { NO_OFFICE_FILES, type ContentSource, type OfficeFiles } from '../../../shared/settings/office-files';
import { DEFAULT_RETENTION_MONTHS, type TeamStatus } from '../../../shared/settings/team-settings';
import type { SavedTeam } from '../settings/team-form-values';
import { DEFAULT_PREFERENCES, type Preferences } from '../../../shared/settings/preferences';
import type { HotkeyProblemSchema } from '../../../shared/contract/api';
import type { z } from 'zod';
import { applyLanguage } from '../i18n';
import { buildSearchIndex, type SearchIndex } from '../../../shared/directory/search';
import type { Profile } from '../../../shared/settings/profile';
import type { Scripts } from '../../../shared/call/scripts';
import { ApiError } from '../api/client';
import { getApi } from '../api/instance';
import { useCallStore } from '../call/call-store';

export type View = 'call' | 'shift' | 'callbacks' | 'history' | 'register' | 'directory' | 'settings';

interface AppState {
  status: 'loading' | 'ready' | 'failed';
  /** Web mode: the service refused the page's key (no address with #token=…, or an old one) — retrying cannot help. */
  startRefused: boolean;
  profile: Profile | null;
  checklists: ChecklistDefinition[];
  shiftChecklist: ChecklistDefinition | null;
  scripts: Scripts | null;
  directory: Directory | null;
  glossary: Glossary | null;
  /** Built once when the directory arrives; searching it takes well under a millisecond. */
  searchIndex: SearchIndex | null;
  /** The office's own directory and glossary files, as set; and where the ones in use came from. */
  officeFiles: OfficeFiles;
  contentSources: { directory: ContentSource; glossary: ContentSource } | null;
  team: SavedTeam;
  preferences: Preferences;
  /** Global hotkeys the system refused, to tell the clerk once. */
  hotkeyProblems: z.infer<typeof HotkeyProblemSchema>[];
  /** How copies to the team folder or database are doing; null until first asked (or with team mode off). */
  teamStatus: TeamStatus | null;
  /** The day (toDateString) whose shift-readiness check is recorded. */
  shiftDay: string | null;
  notices: Notice[];
  /** Problems in the clerk's own journal, shown until acknowledged (also across restarts). */
  journalAlerts: ApiOutput<'acknowledgeJournalAlerts'>;
  view: View;
  toast: string | null;
  /** Set while the call in progress cannot be written to draft.json. */
  draftError: unknown;
  load(): Promise<void>;
  profileSaved(profile: Profile): void;
  contentReplaced(content: { directory: Directory; glossary: Glossary; officeFiles: OfficeFiles; contentSources: { directory: ContentSource; glossary: ContentSource } }): void;
  shiftRecorded(): void;
  preferencesSaved(preferences: Preferences, hotkeyProblems: z.infer<typeof HotkeyProblemSchema>[]): void;
  teamStatusChanged(status: TeamStatus, saved?: SavedTeam): void;
  setView(view: View): void;
  dismissNotice(index: number): void;
  acknowledgeAlerts(ids: string[]): Promise<void>;
  showToast(text: string | null): void;
  setDraftError(error: unknown): void;
}

/** What the app knows at start (profile, content, notices) and which view is open. */
export const useAppStore = create<AppState>()((set, get) => ({
  status: 'loading',
  startRefused: false,
  profile: null,
  checklists: [],
  shiftChecklist: null,
  scripts: null,
  directory: null,
  glossary: null,
  searchIndex: null,
  officeFiles: NO_OFFICE_FILES,
  contentSources: null,
  team: { teamFolder: null, teamDatabase: null, retentionMonths: DEFAULT_RETENTION_MONTHS },
  teamStatus: null,
  preferences: DEFAULT_PREFERENCES,
  hotkeyProblems: [],
  shiftDay: null,
  notices: [],
  journalAlerts: { alerts: [], more: 0 },
  view: 'call',
  toast: null,
  draftError: null,

  async load() {
    set({ status: 'loading' });
    try {
      const state = await getApi().getAppState({});
      useCallStore.getState().restore(state.draft);
      applyPreferences(state.preferences);
      const shiftDay = state.shiftToday ? new Date().toDateString() : null;
      set({
        status: 'ready',
        profile: state.profile,
        checklists: state.checklists,
        shiftChecklist: state.shiftChecklist,
        scripts: state.scripts,
        directory: state.directory,
        glossary: state.glossary,
        searchIndex: buildSearchIndex(state.directory, state.glossary),
        officeFiles: state.officeFiles,
        contentSources: state.contentSources,
        team: state.team,
        preferences: state.preferences,
        hotkeyProblems: state.hotkeyProblems,
        shiftDay,
        notices: state.notices,
        journalAlerts: state.journalAlerts,
        // First thing of the day: the readiness check, unless a call is being restored.
        view: !state.profile ? 'settings' : state.draft.phase === 'idle' && !shiftDay ? 'shift' : 'call',
      });
    } catch (error) {
      set({ status: 'failed', startRefused: error instanceof ApiError && error.code === 'forbidden' });
    }
  },

  profileSaved(profile) {
    set({ profile, view: get().shiftDay === new Date().toDateString() ? 'call' : 'shift' });
  },

  contentReplaced({ directory, glossary, officeFiles, contentSources }) {
    set({ directory, glossary, officeFiles, contentSources, searchIndex: buildSearchIndex(directory, glossary) });
  },

  teamStatusChanged(teamStatus, saved) {
    set(saved ? { teamStatus, team: saved } : { teamStatus });
  },

  preferencesSaved(preferences, hotkeyProblems) {
    applyPreferences(preferences);
    set({ preferences, hotkeyProblems });
  },

  shiftRecorded() {
    set({ shiftDay: new Date().toDateString(), view: 'call' });
  },

  setView(view) {
    set({ view });
  },

  async acknowledgeAlerts(ids) {
    set({ journalAlerts: await getApi().acknowledgeJournalAlerts({ ids }) });
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

/** The call checklist for a direction. */
export function checklistFor(direction: 'incoming' | 'outgoing'): ChecklistDefinition | undefined {
  return useAppStore.getState().checklists.find((c) => c.direction === direction);
}

/** Whether today's readiness check is recorded (the day rolls over while the app stays open). */
export function shiftDoneToday(shiftDay: string | null): boolean {
  return shiftDay === new Date().toDateString();
}

/** What the page itself does with the preferences: language and text size. */
function applyPreferences(preferences: Preferences): void {
  applyLanguage(preferences.language);
  document.documentElement.classList.toggle('large-text', preferences.largeText);
}

/** Asks how the copies to the team folder or database are doing (each ask is also a delivery attempt); the service unreachable is said elsewhere. */
export async function refreshTeamStatus(): Promise<void> {
  const status = await getApi().getTeamStatus({}).catch(() => null);
  if (status) useAppStore.getState().teamStatusChanged(status);
}
