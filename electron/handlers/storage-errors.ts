import type { ApiMethod } from '../../shared/contract/api';
import type { ServiceErrorKey } from '../../shared/contract/service-errors';

/**
 * What the person hears when a method fails for a reason that is not theirs
 * (the disk, a bug): said for what the method was doing. "The call waits in
 * the window" is true of a save and false of the history; a failed read
 * changed nothing, and says so.
 */
type MethodKind = 'call' | 'read' | 'write';

const METHOD_KINDS: Record<ApiMethod, MethodKind> = {
  saveCall: 'call',
  saveDraft: 'call',
  getAppState: 'read',
  listCallbacks: 'read',
  listRecentCalls: 'read',
  queryRegister: 'read',
  listRegisterProblems: 'read',
  registerCall: 'read',
  getTeamStatus: 'read',
  exportRegister: 'write',
  printReport: 'write',
  importRecords: 'write',
  saveProfile: 'write',
  saveOfficeFiles: 'write',
  openDirectoryEditor: 'read',
  saveDirectoryEdits: 'write',
  exportDirectoryTable: 'write',
  importDirectoryTable: 'read',
  countSearchMiss: 'write',
  searchMissReport: 'read',
  savePreferences: 'write',
  saveTeamSettings: 'write',
  saveShift: 'write',
  changeCallback: 'write',
  applyRetention: 'write',
  acknowledgeJournalAlerts: 'write',
  windowControl: 'write',
  suspendHotkeys: 'write',
  followCall: 'write',
  notify: 'write',
};

/** Which text of the catalogue says it; its values are the errno code and, where named, the path. */
export type StorageErrorKey = Extract<ServiceErrorKey, 'journalTooLarge' | 'readTooLarge' | 'journalNotAFile' | 'journalNotAFolder' | 'readMisplaced' | 'readFailed' | 'diskFull' | 'noWriteAccess' | 'diskError' | 'writeDiskFull' | 'writeNoAccess' | 'writeFailed'>;
export type UnexpectedErrorKey = Extract<ServiceErrorKey, 'internal' | 'internalRead' | 'internalWrite'>;

/** The texts that name the path: said only when the error has one. */
export const PATH_NAMED: ReadonlySet<StorageErrorKey> = new Set(['journalNotAFile', 'journalNotAFolder', 'readMisplaced', 'journalTooLarge', 'readTooLarge']);

/** A file-system error (errno code) met by `method`, at `path` when known. */
export function storageError(method: ApiMethod, errno: string, path?: string): StorageErrorKey {
  const kind = METHOD_KINDS[method];
  // Trying again cannot help: the month's file, or the clerk's folder, is something else under its name.
  const misplaced = path !== undefined && (errno === 'ENOTREGULAR' || errno === 'EISDIR' || errno === 'ENOTDIR');
  if (kind === 'call' && errno === 'EFBIG' && path !== undefined) {
    return 'journalTooLarge';
  }
  if (kind === 'read' && errno === 'EFBIG' && path !== undefined) {
    return 'readTooLarge';
  }
  if (kind === 'call' && misplaced && path.endsWith('.jsonl')) {
    return 'journalNotAFile';
  }
  if (kind === 'call' && misplaced) {
    return 'journalNotAFolder';
  }
  if (kind === 'read' && misplaced) {
    return 'readMisplaced';
  }
  if (kind === 'read') return 'readFailed';
  const full = errno === 'ENOSPC';
  const denied = ['EACCES', 'EPERM', 'EROFS'].includes(errno);
  if (kind === 'call') {
    if (full) return 'diskFull';
    if (denied) return 'noWriteAccess';
    return 'diskError';
  }
  if (full) return 'writeDiskFull';
  if (denied) return 'writeNoAccess';
  return 'writeFailed';
}

/** An error nobody foresaw, met by `method`. */
export function unexpectedError(method: ApiMethod): UnexpectedErrorKey {
  switch (METHOD_KINDS[method]) {
    case 'call':
      return 'internal';
    case 'read':
      return 'internalRead';
    default:
      return 'internalWrite';
  }
}
