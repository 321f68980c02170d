import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { relative } from 'node:path';
import { ZodError, type z } from 'zod';
import {
  apiContract,
  describeIssues,
  isApiMethod,
  type ApiContract,
  type ApiEnvelope,
  type ApiErrorCode,
  type ApiMethod,
  type ApiOutput,
  type Notice,
  polishIssueMessages,
} from '../shared/contract/api';
import { IDLE } from '../shared/call/call-machine';
import { buildCallRecord, summarizeCall } from '../shared/journal/call-record';
import { verifyRecordedItems } from '../shared/call/checklist-catalog';
import { callForSaving, type CallForSavingProblem } from '../shared/call/call-for-saving';
import { maskIdentifiers } from '../shared/masking/masking';
import { storageError, unexpectedError } from './error-messages';
import { DataDirLostError } from './services/data-dir-lock';
import { buildCallbackChangeRecord } from '../shared/callbacks/callback-change-record';
import { checkContact, EMPTY_CONTACT, type CallbackContact, type CallbackContactInput, type ContactProblem, type StoredContact } from '../shared/callbacks/callback-contact';
import { CallbackFieldsSchema, callbackTimeProblem, closesCallback, mayConcernCallbacks, openCallbacks } from '../shared/callbacks/callbacks';
import { isCallRecord, type JournalRecord } from '../shared/journal/journal-record';
import { appointmentTimeProblem, routedAsListed } from '../shared/directory/routing';
import type { Profile } from '../shared/settings/profile';
import { buildRetentionRecord } from '../shared/journal/retention';
import { buildShiftRecord, shiftRecordedOn } from '../shared/journal/shift-record';
import { v7 as uuidv7 } from 'uuid';
import { countRecords, findExpired, removeFiles } from './services/retention';
import { writeFileAtomic } from './services/atomic-file';
import { LinePicker } from './services/line-picker';
import type { Directory, Glossary } from '../shared/directory/directory';
import { checkOfficeFile, keepLastGood } from './services/office-content';
import { missedItems, type RegisterRow } from '../shared/register/register';
import type { RegisterRowView } from '../shared/register/register-api';
import { problemView, type Register } from './services/register';
import { exportFileName, exportToFile, writeCsv, writeJsonl } from './services/register-export';
import { importJsonl, type ImportResult } from './services/import';
import { ImportFilingError } from './services/import-filer';
import { markTeamFolder } from './services/team-sync';
import { SerialQueue } from './services/serial-queue';
import { importsRoot, retentionPlaces, type AppServices } from './services/app-services';
import { UNREADABLE_SHOWN } from '../shared/register/register-api';
import type { Download } from './web';
import type { RegisterExportSchema } from '../shared/register/register-api';
import { monthOf, parseJournalLines } from './services/journal';

/** Callbacks are looked for in the newest months of the journal: an agreed callback is weeks away at most. */
const CALLBACK_MONTHS = 3;

/** An office file with many problems: the first few say enough to start fixing; the check command lists all. */
const MAX_PROBLEMS_SHOWN = 5;

/** An error meant for the person at the screen: its message is shown as-is. */
export class ServiceError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** The translation key the window says it with (serverErrors.<key>), and its values. */
    readonly key?: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }
}

type HandlerInput<M extends ApiMethod> = z.output<ApiContract[M]['input']>;
export type HandlerTable = { [M in ApiMethod]: (input: HandlerInput<M>) => Promise<ApiOutput<M>> };

/** The one implementation of shared/api.ts; the IPC and HTTP adapters only carry calls to it. */
export function createHandlers(services: AppServices): HandlerTable {
  // Re-read after every save: only the lines appended since the last time are read.
  const callbackCalls = new LinePicker(services.journal, mayConcernCallbacks, CallbackFieldsSchema);

  /** The open callbacks with whom to call; contacts past their keeping or of closed callbacks are purged first. */
  async function callbacksWithContacts() {
    const profile = services.settings.profile;
    if (!profile) return [];
    const open = openCallbacks(await callbackCalls.fromLastMonths(profile.clerkId, CALLBACK_MONTHS));
    const keepDays = services.settings.preferences.callbackContactDays;
    // A purge that cannot write now is tried at the next listing; the list itself does not wait on it.
    await services.callbackContacts
      .purge(new Set(open.map((c) => c.id)), Date.now(), keepDays)
      .catch((error: Error) => console.error(`[callback-contacts] not purged: ${error.message}`));
    // A store that cannot be read (a folder in its place, say) leaves the callbacks listed without whom to call, not the list down.
    const contacts = await services.callbackContacts.all().catch((error: Error) => {
      console.error(`[callback-contacts] not read: ${error.message}`);
      return new Map<string, StoredContact>();
    });
    return open.map((c) => {
      const kept = contacts.get(c.id);
      return { ...c, contact: kept ? { phone: kept.phone, name: kept.name, honorific: kept.honorific, spokenName: kept.spokenName, caseRef: kept.caseRef } : null };
    });
  }
  return {
    async getAppState() {
      // What happened at start is said once, not again at every reload.
      const notices: Notice[] = services.startupNotices.splice(0);
      const { state, setAsideAs } = await services.draftStore.load();
      if (setAsideAs) notices.push({ code: 'draft-corrupt', file: setAsideAs });
      // Read now, so an unreadable store of whom to call back is said at start, not found out from a list without numbers.
      await services.callbackContacts.all().catch((error: Error) => console.error(`[callback-contacts] not read: ${error.message}`));
      const contactsAside = services.callbackContacts.takeSetAside();
      if (contactsAside) notices.push({ code: 'callback-contacts-corrupt', file: contactsAside });
      let draft = state;
      const profile = services.settings.profile;
      // A draft whose call is already in the journal was saved just before a
      // crash; restoring it would invite a second copy of the same call.
      if (draft.phase !== 'idle' && profile && (await services.journal.has(profile.clerkId, draft.call.id))) {
        await services.draftStore.clear();
        draft = IDLE;
      }
      if (draft.phase !== 'idle') notices.push({ code: 'draft-restored' });
      const { checklists, shiftChecklist, scripts, directory, glossary } = services.content;
      const shiftToday = profile ? await shiftDoneToday(services, profile) : false;
      const { officeFiles } = services.settings;
      const team = { teamFolder: services.settings.teamFolder, retentionMonths: services.settings.retentionMonths };
      const { preferences } = services.settings;
      const hotkeyProblems = services.hotkeyProblems.splice(0);
      const journalAlerts = services.alerts.list();
      return { profile, checklists, shiftChecklist, scripts, directory, glossary, officeFiles, contentSources: services.contentSources, team, preferences, hotkeyProblems, shiftToday, draft, notices, journalAlerts };
    },

    async acknowledgeJournalAlerts({ ids }) {
      await services.alerts.acknowledge(ids);
      return services.alerts.list();
    },

    async saveProfile(input) {
      const profile = { clerkId: services.settings.profile?.clerkId ?? randomUUID(), ...input };
      services.settings = await services.settingsStore.update(services.settings, { profile });
      return profile;
    },

    async savePreferences(next) {
      const previous = services.settings.preferences;
      const hotkeyProblems = services.shell?.apply(next, previous) ?? [];
      // A refused hotkey is not saved: the one that still works is.
      const hotkeys = { ...next.hotkeys };
      for (const problem of hotkeyProblems) hotkeys[problem.action] = problem.kept ?? previous.hotkeys[problem.action];
      services.settings = await services.settingsStore.update(services.settings, { preferences: { ...next, hotkeys } });
      return { preferences: services.settings.preferences, hotkeyProblems };
    },

    async windowControl({ action }) {
      services.shell?.windowControl(action);
      return { ok: true as const };
    },

    async suspendHotkeys({ suspended }) {
      services.shell?.suspendHotkeys(suspended);
      return { ok: true as const };
    },

    async followCall({ startedAt }) {
      services.shell?.followCall(startedAt);
      return { ok: true as const };
    },

    async saveOfficeFiles(officeFiles) {
      // Both files are checked before anything changes: a setting that points
      // at a broken file would only fail again at the next start.
      const checks = await Promise.all(
        (['directory', 'glossary'] as const).map(async (kind) => {
          const file = officeFiles[kind];
          return { kind, check: file ? await checkOfficeFile(kind, file) : null };
        }),
      );
      const failed = checks.flatMap(({ check }) => (check && !check.ok ? [check] : []));
      const problems = failed.flatMap((c) => c.problems);
      if (problems.length > 0) {
        const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);
        // Each check lists its first problems and counts them all.
        const rest = failed.reduce((n, c) => n + c.problemCount, 0) - shown.length;
        throw new ServiceError('bad-input', [...shown, ...(rest > 0 ? [`… i ${rest} ${rest === 1 ? 'dalszy problem' : 'dalszych problemów'}`] : [])].join('\n'));
      }
      services.settings = await services.settingsStore.update(services.settings, { officeFiles });
      for (const { kind, check } of checks) {
        if (check?.ok) await keepLastGood(services.dataDir, kind, check.text).catch((error: Error) => console.error(`[office-content] last good copy not kept: ${error.message}`));
      }
      const [directory, glossary] = checks;
      services.content = {
        ...services.content,
        directory: directory!.check?.ok ? (directory!.check.value as Directory) : services.builtIn.directory,
        glossary: glossary!.check?.ok ? (glossary!.check.value as Glossary) : services.builtIn.glossary,
      };
      services.contentSources = { directory: officeFiles.directory ? 'office' : 'built-in', glossary: officeFiles.glossary ? 'office' : 'built-in' };
      return { directory: services.content.directory, glossary: services.content.glossary, officeFiles: services.settings.officeFiles, contentSources: services.contentSources };
    },

    async saveDraft({ state }) {
      await services.draftStore.save(state);
      return { ok: true as const };
    },

    async saveCall(input) {
      const profile = requireProfile(services);
      const now = Date.now();
      let contact: CallbackContact | null = null;
      if (input.outcome === 'callback') {
        const problem = callbackTimeProblem(input.call.callback?.dueAt ?? null, now);
        if (problem) throw new ServiceError('bad-input', CALLBACK_PROBLEMS[problem], `callback.${problem}`);
        contact = checkedContact(input.contact ?? null);
      }
      const invitation = input.call.invitation;
      if (invitation && appointmentTimeProblem(invitation.appointmentAt, invitation.at)) {
        throw new ServiceError('bad-input', 'Termin wizyty w Urzędzie już minął — wybierz termin w przyszłości albo zostaw go pusty.', 'appointmentPast');
      }
      // What is scored comes from the service's own checklist; the window's call gives only its ticks and times.
      const checked = callForSaving(input.call, services.checklists, now);
      if ('problem' in checked) throw callRefused(checked.problem);
      const record = buildCallRecord({ ...input, call: routedAsListed(checked.call, services.content.directory) }, profile, now);
      // Whom to call is kept before the call that agrees the callback: a contact whose call did not land is let go later, a callback without its contact could not be acted on.
      if (contact && record.callback) await services.callbackContacts.put(record.id, contact, record.callback.dueAt, now);
      const saved = await services.journal.append(record);
      // A retried save gets the stored call back; an id some other record holds saves nothing, and the draft stays.
      if (!isCallRecord(saved)) throw idTaken();
      await copyToTeam(services, saved);
      // The earlier callback is done unless nobody (or somebody else) answered: then it was an attempt, and stays open with its contact.
      if (saved.callbackOf && closesCallback(saved)) {
        await services.callbackContacts.remove(saved.callbackOf).catch((error: Error) => console.error(`[callback-contacts] not removed: ${error.message}`));
      }
      // The call is on disk now; a draft that cannot be removed (a virus
      // scanner holding it, say) is recognised as saved at the next start.
      await services.draftStore.clear().catch((error: Error) => console.error(`[draft] not removed: ${error.message}`));
      return summarizeCall(saved);
    },

    async saveShift(input) {
      const profile = requireProfile(services);
      const saved = await services.journal.append(buildShiftRecord(input, services.content.shiftChecklist, profile, Date.now()));
      if (saved.type !== 'shift') throw idTaken();
      await copyToTeam(services, saved);
      return { ok: true as const };
    },

    async listCallbacks() {
      return { callbacks: await callbacksWithContacts() };
    },

    async changeCallback(input) {
      const profile = requireProfile(services);
      const now = Date.now();
      const open = openCallbacks(await callbackCalls.fromLastMonths(profile.clerkId, CALLBACK_MONTHS));
      if (!open.some((c) => c.id === input.callbackOf)) {
        throw new ServiceError('bad-input', 'To oddzwonienie nie jest już otwarte — lista zostanie odświeżona.', 'callbackNotOpen');
      }
      if (input.change === 'rescheduled') {
        const problem = callbackTimeProblem(input.dueAt, now);
        if (problem) throw new ServiceError('bad-input', CALLBACK_PROBLEMS[problem], `callback.${problem}`);
      }
      const saved = await services.journal.append(buildCallbackChangeRecord(input, profile, now));
      if (saved.type !== 'callback-change') throw idTaken();
      await copyToTeam(services, saved);
      if (saved.change === 'rescheduled' && saved.dueAt) await services.callbackContacts.reschedule(saved.callbackOf, saved.dueAt);
      else await services.callbackContacts.remove(saved.callbackOf);
      return { callbacks: await callbacksWithContacts() };
    },

    async notify({ title, body }) {
      return { shown: services.notifier ? services.notifier(title, body) : false };
    },

    async saveTeamSettings({ teamFolder, retentionMonths }) {
      if (teamFolder) {
        await requireReachableFolder(teamFolder);
        await markTeamFolder(teamFolder);
      }
      const switchedOn = teamFolder !== null && teamFolder !== services.settings.teamFolder;
      services.settings = await services.settingsStore.update(services.settings, { teamFolder, retentionMonths });
      await services.team.setFolder(teamFolder);
      const profile = services.settings.profile;
      // Switched on (or moved): what this clerk saved lately goes to the new folder too.
      if (switchedOn && profile) await services.team.reconcile(services.journal, profile.clerkId);
      return services.team.deliver();
    },

    async applyRetention({ months }) {
      const profile = requireProfile(services);
      const named = new Set(months);
      // Only what the person was told about, and only what is still past retention now.
      const files = (await findExpired(retentionPlaces(services.dataDir, services.settings), new Date(), services.settings.retentionMonths)).filter((f) => named.has(f.month));
      if (files.length === 0) return { removed: [], notRemoved: [] };
      // Recorded before removing: a crash in between leaves files still to remove
      // (offered again at the next start), never a gap without a record.
      const { counted, unreadable } = await countRecords(files);
      const listed = counted.map(({ file, records }) => ({ copy: file.copy, clerkId: file.clerkId, month: file.month, records }));
      if (listed.length > 0) {
        const saved = await services.journal.append(buildRetentionRecord(uuidv7(), listed, services.settings.retentionMonths, profile, Date.now()));
        await copyToTeam(services, saved);
      }
      // What cannot be read or removed (no rights, a share gone) is said, and offered again at the next start.
      const failed = [...unreadable, ...(await removeFiles(counted.map((c) => c.file)))];
      const kept = new Set(failed.map(({ file }) => file.path));
      return {
        removed: listed.filter((_, i) => !kept.has(counted[i]!.file.path)),
        notRemoved: failed.map(({ file, code }) => ({ copy: file.copy, clerkId: file.clerkId, month: file.month, code })),
      };
    },

    async getTeamStatus() {
      return services.team.deliver();
    },

    async queryRegister({ filter, sort, offset, limit, refresh, withSummary }) {
      const register = await services.register.ensureLoaded(refresh);
      const rows = register.select(filter, sort);
      return {
        total: rows.length,
        offset,
        rows: rows.slice(offset, offset + limit).map((row) => rowView(register, row)),
        summary: withSummary ? register.summary(filter, sort, Date.now()) : null,
        facets: register.facets(),
        problemCount: register.problemCount,
        unreadable: register.folderTroubles.slice(0, UNREADABLE_SHOWN).map(({ folder, root, message }) => ({ folder, path: root, code: message })),
        unreadableCount: register.folderTroubles.length,
      };
    },

    async listRegisterProblems({ offset, limit }) {
      const register = await services.register.ensureLoaded();
      const listed = register.problems;
      return {
        listed: listed.length,
        count: register.problemCount,
        offset,
        problems: listed.slice(offset, offset + limit).map(problemView),
      };
    },

    async registerCall({ id }) {
      const register = await services.register.ensureLoaded();
      // Not found as it was read: its copy changed since (a clerk's app appended, a hand edited it) — read the folders again, then once more.
      const call = (await register.openCall(id)) ?? (await (await services.register.ensureLoaded(true)).openCall(id));
      if (!call) throw new ServiceError('bad-input', 'Tej rozmowy nie ma już w rejestrze w tej postaci — odśwież rejestr.', 'registerCallGone');
      return call;
    },

    async exportRegister({ filter, sort, format, path }) {
      const register = await services.register.ensureLoaded();
      if (path !== null && !services.callerPaths) throw new ServiceError('forbidden', 'Miejsce zapisu eksportu wybiera się w oknie zapisu.', 'exportPathFromDialog');
      let target = path;
      if (target === null) {
        if (!services.chooseSavePath) throw new ServiceError('bad-input', 'Podaj ścieżkę pliku eksportu.', 'exportPathNeeded');
        target = await services.chooseSavePath(exportFileName(format, new Date()));
        if (target === null) return { path: null, rows: 0 };
      }
      const rows = register.select(filter, sort);
      try {
        await exportToFile(register, rows, format, target);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code) throw exportError(code, target);
        throw error;
      }
      return { path: target, rows: rows.length };
    },

    async printReport({ suggestedName }) {
      if (!services.printToPdf || !services.chooseSavePath) throw new ServiceError('bad-input', 'Drukowanie do PDF jest dostępne w aplikacji na komputerze; w przeglądarce użyj jej drukowania.', 'printDesktopOnly');
      const path = await services.chooseSavePath(suggestedName);
      if (path === null) return { path: null };
      const pdf = await services.printToPdf();
      try {
        await writeFileAtomic(path, pdf);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code) throw exportError(code, path);
        throw error;
      }
      return { path };
    },

    async importRecords({ path }) {
      if (path !== null && !services.callerPaths) throw new ServiceError('forbidden', 'Plik do importu wybiera się w oknie otwierania.', 'importPathFromDialog');
      let file = path;
      if (file === null) {
        if (!services.chooseOpenPath) throw new ServiceError('bad-input', 'Podaj ścieżkę pliku do importu.', 'importPathNeeded');
        file = await services.chooseOpenPath();
        if (file === null) return { path: null, imported: 0, otherRecords: 0, duplicates: 0, conflicts: 0, masked: 0, rejected: [], rejectedCount: 0 };
      }
      return { path: file, ...(await importFile(services, file)) };
    },

    async listRecentCalls({ limit }) {
      const profile = services.settings.profile;
      if (!profile) return { calls: [], problems: [], problemCount: 0 };
      const { records, problems, problemCount } = await services.journal.recent(profile.clerkId, limit);
      // Masked as shown: a record written before masking knew a way of typing an identifier shows none either.
      const calls = records.filter(isCallRecord).map((record) => {
        // Read with today's rule of what applies, as the register reads it: a call stored before it shows the same figures.
        const { items, adherence } = verifyRecordedItems(record, services.checklists);
        const call = summarizeCall({ ...record, items, adherence });
        return { ...call, note: maskIdentifiers(call.note).text };
      });
      return { calls, problems, problemCount };
    },
  };
}

/** An export of the register to stream as a browser download (web mode's way of saving a file). */
export function createExportDownload(services: AppServices): (input: z.output<typeof RegisterExportSchema>) => Promise<Download> {
  return async ({ filter, sort, format }) => {
    const register = await services.register.ensureLoaded();
    const rows = register.select(filter, sort);
    return {
      fileName: exportFileName(format, new Date()),
      contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      rows: rows.length,
      write: (out) => (format === 'csv' ? writeCsv : writeJsonl)(register, rows, out),
    };
  };
}

/**
 * The record is safe in the local journal; its copy for the team folder is
 * queued and sent in the background. Neither step may fail the save: an
 * outbox that cannot be written is caught up with at the next start.
 */
async function copyToTeam(services: AppServices, record: JournalRecord): Promise<void> {
  if (!services.settings.teamFolder) return;
  try {
    await services.team.enqueue(record);
  } catch (error) {
    console.error(`[team] outbox not written for ${record.id}: ${(error as Error).message}`);
  }
  void services.team.deliver();
}

async function requireReachableFolder(folder: string): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ServiceError('bad-input', `Folder ${folder} nie istnieje albo udział sieciowy nie jest podłączony.`, 'teamFolderMissing', { folder });
    const why = code ?? (error as Error).message;
    throw new ServiceError('bad-input', `Folder ${folder} jest niedostępny (${why}).`, 'teamFolderUnreachable', { folder, code: why });
  }
  if (!stat.isDirectory()) throw new ServiceError('bad-input', `${folder} to plik, a nie folder.`, 'teamFolderIsFile', { folder });
}

/** An uploaded file (web mode), imported as if opened in a dialog: the reply names the file as the person knows it. */
export function createImportUpload(services: AppServices): (file: string) => Promise<ApiEnvelope<unknown>> {
  return async (file) => {
    try {
      return { ok: true, result: { path: null, ...(await importFile(services, file)) } };
    } catch (error) {
      if (error instanceof DataDirLostError) return { ok: false, error: { code: 'storage', message: error.message, key: 'dataDirLost' } };
      if (!(error instanceof ServiceError)) {
        console.error('[import] upload failed:', error);
        return { ok: false, error: { code: 'internal', message: 'Nie udało się zaimportować przesłanego pliku.', key: 'internal' } };
      }
      const params = error.params ? { ...error.params, file: UPLOADED } : undefined;
      return { ok: false, error: { code: error.code, message: error.message.replaceAll(file, UPLOADED), ...(error.key ? { key: error.key } : {}), ...(params ? { params } : {}) } };
    }
  };
}

/** How an upload is named in messages: the temporary file's path means nothing to the person. */
const UPLOADED = 'Przesłany plik';

/** One import at a time: two at once could both find a call new and file it twice. */
const importQueues = new WeakMap<AppServices, SerialQueue>();

/** Imports a clerk's export into the register; what cannot be read is named, and the register is read afresh. */
export function importFile(services: AppServices, file: string): Promise<ImportResult> {
  let queue = importQueues.get(services);
  if (!queue) importQueues.set(services, (queue = new SerialQueue()));
  return queue.run(() => importNow(services, file));
}

async function importNow(services: AppServices, file: string): Promise<ImportResult> {
  const register = await services.register.ensureLoaded(true);
  let result: ImportResult;
  try {
    result = await importJsonl(file, importsRoot(services.dataDir), register, { beforeWrite: services.assertWritable });
  } catch (error) {
    if (error instanceof ImportFilingError) {
      // Not the chosen file's fault: where the import files what it reads. Imported calls are not filed twice when the import is repeated.
      const place = relative(services.dataDir, error.target);
      throw new ServiceError(
        'storage',
        `Nie udało się zapisać zaimportowanych rozmów do ${place} (${error.code}). Usuń lub przenieś ten plik i zaimportuj ponownie — to, co już zaimportowano, nie zostanie zdublowane.`,
        'importCannotFile',
        { place, code: error.code },
      );
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ServiceError('bad-input', `Nie ma takiego pliku: ${file}.`, 'importNoFile', { file });
    if (code === 'EACCES' || code === 'EPERM') throw new ServiceError('bad-input', `Brak uprawnień do odczytu: ${file}.`, 'importNoAccess', { file });
    if (code === 'EISDIR') throw new ServiceError('bad-input', `${file} to folder — wskaż plik .jsonl.`, 'importIsFolder', { file });
    if (code === 'ENOTREGULAR') throw new ServiceError('bad-input', `${file} to nie jest zwykły plik — wskaż plik .jsonl zapisany na dysku.`, 'importNotRegular', { file });
    throw error;
  }
  if (result.imported === 0 && result.otherRecords === 0 && result.duplicates === 0 && result.conflicts === 0 && result.rejectedCount > 0) {
    throw new ServiceError('bad-input', `${file}: to nie jest eksport rozmów z Asystenta Rozmów (żaden wiersz nie jest zapisem rozmowy). Nic nie zaimportowano.`, 'importNotExport', { file });
  }
  await register.refresh();
  return result;
}


function rowView(register: Register, row: RegisterRow): RegisterRowView {
  return {
    id: row.id,
    clerkName: row.clerkName,
    startedAt: new Date(row.startedAt).toISOString(),
    direction: row.direction,
    durationSec: row.durationSec,
    outcome: row.outcome,
    // Masked when the row was made (shared/register.ts), as the charts and filter lists show it.
    routedTo: row.routedTo?.unitName ?? null,
    missed: missedItems(row),
    score: row.score,
    note: maskIdentifiers(row.note).text,
    integrity: register.integrityOf(row),
  };
}

function exportError(code: string, path: string): ServiceError {
  const key = ['EACCES', 'EPERM', 'EROFS'].includes(code) ? 'exportNoAccess' : ['ENOENT', 'ENOTDIR'].includes(code) ? 'exportNoFolder' : code === 'ENOSPC' ? 'exportDiskFull' : code === 'EISDIR' ? 'exportIsFolder' : 'exportFailed';
  return new ServiceError('storage', exportProblem(code, path), key, { path, code });
}

function exportProblem(code: string, path: string): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `Brak uprawnień do zapisu: ${path}. Wybierz inny folder, np. Dokumenty.`;
    case 'ENOENT':
    case 'ENOTDIR':
      return `Nie ma takiego folderu: ${path}. Wybierz istniejący folder.`;
    case 'ENOSPC':
      return `Brak miejsca na dysku dla ${path}. Zwolnij miejsce albo wybierz inny dysk.`;
    case 'EISDIR':
      return `${path} to folder — podaj nazwę pliku.`;
    default:
      return `Nie udało się zapisać eksportu do ${path} (${code}). Spróbuj ponownie.`;
  }
}

function requireProfile(services: AppServices): Profile {
  const profile = services.settings.profile;
  if (!profile) throw new ServiceError('no-profile', 'Najpierw zapisz profil.', 'noProfile');
  return profile;
}

/** On every start: only this month's shift lines are parsed, not its calls. */
async function shiftDoneToday(services: AppServices, profile: Profile): Promise<boolean> {
  const now = new Date();
  // A month file that cannot be read must not stop the start: the check is offered again, and the alerts name the file.
  const scan = await services.journal.scanMonth(profile.clerkId, monthOf(now)).catch(() => null);
  if (!scan) return false;
  const { records } = parseJournalLines(
    scan.lines.filter((l) => l.type === 'shift'),
    scan.file,
  );
  return shiftRecordedOn(records, now);
}

const CALL_REFUSED: Record<CallForSavingProblem, string> = {
  'unknown-checklist': 'Ta rozmowa ma listę kontrolną, której aplikacja nie zna (zmieniona w trakcie?). Nic nie zapisano — odrzuć ją i zacznij od nowa.',
  'unknown-item': 'Rozmowa ma punkty spoza swojej listy kontrolnej. Nic nie zapisano — odrzuć ją i zacznij od nowa.',
  'clock-before-records': 'Zegar komputera wskazuje datę sprzed 2000 roku — popraw datę i zapisz ponownie. Rozmowa czeka w oknie.',
  'starts-in-future': 'Początek rozmowy jest w przyszłości — sprawdź zegar komputera. Nic nie zapisano.',
  'ends-in-future': 'Koniec rozmowy jest w przyszłości — sprawdź zegar komputera. Nic nie zapisano.',
  'starts-long-ago': 'Ta rozmowa zaczęła się ponad miesiąc temu — to nie jest rozmowa do podsumowania. Nic nie zapisano — odrzuć ją.',
  'ends-before-start': 'Koniec rozmowy jest przed jej początkiem — sprawdź zegar komputera. Nic nie zapisano.',
  'too-long': 'Rozmowa trwa ponad dobę — to nie może być jedna rozmowa. Nic nie zapisano — odrzuć ją i zacznij od nowa.',
  'tick-outside-call': 'Zaznaczenie punktu ma czas spoza rozmowy. Nic nie zapisano — odrzuć ją i zacznij od nowa.',
};

/** A call the window could not have produced: refused whole, with what is wrong. */
function callRefused(problem: CallForSavingProblem): ServiceError {
  return new ServiceError('bad-input', CALL_REFUSED[problem], `callRefused.${problem}`);
}

function idTaken(): ServiceError {
  return new ServiceError('bad-input', 'Ten identyfikator ma już inny zapis w dzienniku. Nic nie zapisano — zacznij od nowa.', 'idTaken');
}

/** Whom to call back, checked: a callback nobody can act on is refused with what to fill in. */
function checkedContact(input: CallbackContactInput | null): CallbackContact {
  const check = checkContact(input ?? EMPTY_CONTACT);
  if (check.ok) return check.contact;
  const [field, problem] = Object.entries(check.problems)[0]!;
  throw new ServiceError('bad-input', CONTACT_PROBLEMS[problem], `contact.${problem}`, { field });
}

const CONTACT_PROBLEMS: Record<ContactProblem, string> = {
  phoneRequired: 'Oddzwonienie wymaga numeru telefonu, pod który zadzwonić.',
  phoneInvalid: 'To nie jest numer telefonu — wpisz 9 cyfr (np. 600 700 800) albo numer z +kodem kraju.',
  nameInvalid: 'Imię i nazwisko może zawierać tylko litery, spacje, łączniki i apostrofy.',
  caseRefInvalid: 'Znak sprawy nie może zawierać znaków < > { }.',
  tooLong: 'Wpis jest za długi.',
};

const CALLBACK_PROBLEMS = {
  required: 'Wynik „Oddzwonienie” wymaga terminu ponownego telefonu.',
  invalid: 'Termin oddzwonienia jest nieprawidłowy.',
  past: 'Termin oddzwonienia już minął — wybierz termin w przyszłości.',
  'too-far': 'Termin oddzwonienia jest dalej niż za rok — sprawdź datę.',
} as const;

/**
 * Validates a call's input, runs the handler and wraps the outcome in an
 * envelope. Shared by both transports so they cannot drift apart: the same
 * bad payload gets the same answer over IPC and over HTTP.
 */
export async function dispatch(handlers: HandlerTable, method: string, payload: unknown): Promise<ApiEnvelope<unknown>> {
  if (!isApiMethod(method)) return fail('bad-input', `Nieznana metoda: ${method}`);
  const contract = apiContract[method];
  const parsed = contract.input.safeParse(payload ?? {}, { error: polishIssueMessages });
  if (!parsed.success) return fail('bad-input', describeIssues(parsed.error));
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>;
    const result = await handler(parsed.data);
    return { ok: true, result: contract.output.parse(result) };
  } catch (error) {
    if (error instanceof ServiceError) return fail(error.code, error.message, error.key, error.params);
    if (error instanceof DataDirLostError) return fail('storage', error.message, 'dataDirLost');
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      const path = (error as { path?: unknown }).path;
      const text = storageError(method, code, typeof path === 'string' ? path : undefined);
      const named = ['journalNotAFile', 'journalNotAFolder', 'readMisplaced', 'journalTooLarge', 'readTooLarge'].includes(text.key) && typeof path === 'string';
      return fail('storage', text.message, text.key, { code, ...(named ? { path } : {}) });
    }
    if (error instanceof ZodError) {
      // A record the journal refuses (a clock far off, a value out of bounds): said, not an internal error.
      return fail('bad-input', `Zapis jest niepoprawny i nie został zapisany: ${describeIssues(error)}`, 'recordInvalid', { detail: describeIssues(error) });
    }
    console.error(`[api] ${method} failed:`, error);
    const text = unexpectedError(method);
    return fail('internal', text.message, text.key);
  }
}

function fail(code: ApiErrorCode, message: string, key?: string, params?: Record<string, string | number>): ApiEnvelope<never> {
  return { ok: false, error: { code, message, ...(key ? { key } : {}), ...(params ? { params } : {}) } };
}
