import type { ApiInput } from '../../../shared/contract/api';
import { getApi } from '../api/instance';

/**
 * What the settings forms ask of the service. The forms keep their own
 * field state and messages; what a save changes for the rest of the window
 * goes into the app store (desk/app-store.ts) from the form that saved it.
 */
export const settingsActions = {
  saveProfile: (input: ApiInput<'saveProfile'>) => getApi().saveProfile(input),
  saveOfficeFiles: (input: ApiInput<'saveOfficeFiles'>) => getApi().saveOfficeFiles(input),
  savePreferences: (input: ApiInput<'savePreferences'>) => getApi().savePreferences(input),
  saveTeamSettings: (input: ApiInput<'saveTeamSettings'>) => getApi().saveTeamSettings(input),
  /** The global hotkeys let go while a new one is pressed in its field, and taken back after; a failure changes nothing. */
  suspendHotkeys: (suspended: boolean) => void getApi().suspendHotkeys({ suspended }).catch(() => undefined),
};
