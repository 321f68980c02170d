import type { ApiMethod } from '../shared/contract/api';

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

export interface ErrorText {
  message: string;
  key: string;
}

/** A file-system error (errno code) met by `method`, at `path` when known. */
export function storageError(method: ApiMethod, errno: string, path?: string): ErrorText {
  const kind = METHOD_KINDS[method];
  // Trying again cannot help: the month's file, or the clerk's folder, is something else under its name.
  const misplaced = path !== undefined && (errno === 'ENOTREGULAR' || errno === 'EISDIR' || errno === 'ENOTDIR');
  if (kind === 'call' && errno === 'EFBIG' && path !== undefined) {
    return { key: 'journalTooLarge', message: `${path} jest większy niż jakikolwiek miesiąc rozmów (ponad 1 GB) — zapis nie będzie możliwy, dopóki IT go nie przeniesie. Rozmowa czeka w oknie.` };
  }
  if (kind === 'read' && errno === 'EFBIG' && path !== undefined) {
    return { key: 'readTooLarge', message: `${path} jest większy niż jakikolwiek miesiąc rozmów (ponad 1 GB) — nie zostanie odczytany, dopóki IT go nie przeniesie.` };
  }
  if (kind === 'call' && misplaced && path.endsWith('.jsonl')) {
    return { key: 'journalNotAFile', message: `${path} nie jest zwykłym plikiem — zapis nie będzie możliwy, dopóki IT go nie usunie lub nie przeniesie. Rozmowa czeka w oknie.` };
  }
  if (kind === 'call' && misplaced) {
    return { key: 'journalNotAFolder', message: `${path} nie jest folderem — zapis nie będzie możliwy, dopóki IT go nie usunie lub nie przeniesie. Rozmowa czeka w oknie.` };
  }
  if (kind === 'read' && misplaced) {
    return { key: 'readMisplaced', message: `${path} nie jest tym, czym być powinien (plikiem lub folderem dziennika) — IT musi go usunąć lub przenieść; ponawianie nie pomoże.` };
  }
  if (kind === 'read') return { key: 'readFailed', message: `Nie udało się odczytać danych z dysku (${errno}). Nic nie zostało zmienione — spróbuj ponownie.` };
  const full = errno === 'ENOSPC';
  const denied = ['EACCES', 'EPERM', 'EROFS'].includes(errno);
  if (kind === 'call') {
    if (full) return { key: 'diskFull', message: 'Brak miejsca na dysku. Rozmowa czeka w oknie — zwolnij miejsce i zapisz ponownie.' };
    if (denied) return { key: 'noWriteAccess', message: 'Brak uprawnień do zapisu w folderze danych. Rozmowa czeka w oknie — poproś IT o dostęp i zapisz ponownie.' };
    return { key: 'diskError', message: `Błąd zapisu na dysku (${errno}). Rozmowa czeka w oknie — spróbuj zapisać ponownie.` };
  }
  if (full) return { key: 'writeDiskFull', message: 'Brak miejsca na dysku. Nic nie zostało zapisane — zwolnij miejsce i spróbuj ponownie.' };
  if (denied) return { key: 'writeNoAccess', message: 'Brak uprawnień do zapisu w folderze danych. Nic nie zostało zapisane — poproś IT o dostęp.' };
  return { key: 'writeFailed', message: `Błąd zapisu na dysku (${errno}). Nic nie zostało zapisane — spróbuj ponownie.` };
}

/** An error nobody foresaw, met by `method`. */
export function unexpectedError(method: ApiMethod): ErrorText {
  switch (METHOD_KINDS[method]) {
    case 'call':
      return { key: 'internal', message: 'Wystąpił nieoczekiwany błąd. Rozmowa czeka w oknie — spróbuj ponownie; jeśli błąd wróci, zgłoś go do IT.' };
    case 'read':
      return { key: 'internalRead', message: 'Wystąpił nieoczekiwany błąd przy odczycie danych. Nic nie zostało zmienione — spróbuj ponownie; jeśli błąd wróci, zgłoś go do IT.' };
    default:
      return { key: 'internalWrite', message: 'Wystąpił nieoczekiwany błąd. Nic nie zostało zapisane — spróbuj ponownie; jeśli błąd wróci, zgłoś go do IT.' };
  }
}
