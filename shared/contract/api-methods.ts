/**
 * The API's method names alone, without their schemas, for the preload
 * script: it only forwards calls, and a sandboxed preload should stay small.
 * shared/api.ts checks at compile time that this list matches the contract.
 */
export const API_METHOD_NAMES = [
  'getAppState',
  'saveProfile',
  'saveOfficeFiles',
  'openDirectoryEditor',
  'saveDirectoryEdits',
  'exportDirectoryTable',
  'importDirectoryTable',
  'countSearchMiss',
  'searchMissReport',
  'savePreferences',
  'windowControl',
  'suspendHotkeys',
  'followCall',
  'saveDraft',
  'saveCall',
  'saveShift',
  'listCallbacks',
  'changeCallback',
  'notify',
  'listRecentCalls',
  'queryRegister',
  'listRegisterProblems',
  'registerCall',
  'acknowledgeJournalAlerts',
  'saveTeamSettings',
  'getTeamStatus',
  'applyRetention',
  'exportRegister',
  'importRecords',
  'printReport',
] as const;
export type ApiMethodName = (typeof API_METHOD_NAMES)[number];

/** IPC channel of a method. */
export function ipcChannel(method: string): string {
  return `api:${method}`;
}
