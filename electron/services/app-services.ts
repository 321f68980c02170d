import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Notice } from '../../shared/contract/api';
import type { z } from 'zod';
import type { HotkeyProblemSchema } from '../../shared/contract/api';
import type { Directory, Glossary } from '../../shared/directory/directory';
import type { Preferences } from '../../shared/settings/preferences';
import type { ContentSource } from '../../shared/settings/office-files';
import type { ChecklistCatalog } from '../../shared/call/checklist-catalog';
import { removeLeftoverTempFiles } from './atomic-file';
import { loadChecklistCatalog } from './checklist-archive';
import { JournalAlerts } from './journal-alerts';
import { loadContent, type Content } from './content';
import { DataDirLock } from './data-dir-lock';
import { DraftStore } from './draft-store';
import { CallJournal } from './journal';
import { SearchMisses } from './search-misses';
import { BrowserExchange, dialogExchange, type FileExchange, type OpenPathChooser, type SavePathChooser } from './file-exchange';
import { callsDir } from './journal-layout';
import { OfficeContent } from './office-content';
import { MonthReaders } from './month-readers';
import { Register, type RegisterFolder } from './register';
import { RegisterIndex } from './register-index';
import { firstKeptMonth } from '../../shared/journal/retention';
import { findExpired, type RetentionPlaces } from './retention';
import { TeamSync, teamTargetOf } from './team-sync';
import { FolderRegisterReader, type RegisterReader } from './register-reader';
import { DatabaseRegister } from './postgres/pg-register';
import { CallbackContactStore } from './callback-contacts';
import { SettingsStore, type Settings } from './settings-store';

/**
 * Everything the Node side keeps for one data directory, opened once at start.
 * Both transports (IPC and web mode) serve the same instance through the one
 * handler table.
 */
export interface AppServices {
  dataDir: string;
  settingsStore: SettingsStore;
  draftStore: DraftStore;
  /** Whom to call for each open callback: on this computer only. */
  callbackContacts: CallbackContactStore;
  journal: CallJournal;
  /** The content in use: the office's directory and glossary where chosen and valid (held, and swapped, by `officeContent`). */
  readonly content: Content;
  officeContent: OfficeContent;
  /** Every checklist version calls are scored against (those in use and the archived ones). */
  checklists: ChecklistCatalog;
  /** Problems found in the clerk's own journal and its team copy, until acknowledged. */
  alerts: JournalAlerts;
  /** Throws when this app may no longer write: another took the data directory over while it was paused. */
  assertWritable: () => Promise<void>;
  readonly contentSources: { directory: ContentSource; glossary: ContentSource };
  /** The examples shipped with the app, used where an office has no file of its own. */
  readonly builtIn: { directory: Directory; glossary: Glossary };
  /** Shows a desktop notification; absent in web mode, where the window shows it. */
  notifier: Notifier | null;
  /** How files move between the person and the app: the system's dialogs on the desktop, the browser's download and upload in web mode. */
  files: FileExchange;
  /**
   * Whether an export or import may name its file in the call itself. Off in
   * the app: the page (even one that was tampered with) never picks a path on
   * disk — the save and open dialogs and the browser do. On for tests and tools.
   */
  callerPaths: boolean;
  /** The desktop overlay's window, tray and global hotkeys; absent in web mode. */
  shell: DesktopShell | null;
  /** Global hotkeys refused at start (another program holds them), said once: the first call takes them. */
  takeHotkeyProblems(): HotkeyProblem[];
  /** The calls of every clerk in the folders this app reads, for the team lead's register. */
  register: Register;
  /** What the register's handlers read: the team database when team mode is on one (all of it stays there), else the folders (`register`). */
  registerReader(): RegisterReader;
  /** Copies of saved records on their way to the team folder or database. */
  team: TeamSync;
  /** The searches clerks left without a result, counted for the lead's report. */
  searchMisses: SearchMisses;
  /** Current settings, as the settings store holds them (it alone changes them). */
  readonly settings: Settings;
  /** What happened at start that the person should hear about, said once: the first call takes them. */
  takeStartupNotices(): Notice[];
  close(): Promise<void>;
}

/** How often records waiting for the team folder are tried again. */
export const TEAM_RETRY_MS = 30_000;

/** Where calls imported from clerks' files are kept, in the journal's layout. */
export function importsRoot(dataDir: string): string {
  return join(dataDir, 'imports');
}

/** Where the register keeps what it verified between openings (register-index.ts): on this computer only. */
export function registerIndexDir(dataDir: string): string {
  return join(dataDir, 'cache', 'register');
}

/** Where web mode writes an upload while it arrives (removed once imported). */
export function uploadsDir(dataDir: string): string {
  return join(importsRoot(dataDir), 'incoming');
}

/** Where an import keeps records whose id the register holds with other content. */
export function importConflictsRoot(dataDir: string): string {
  return join(importsRoot(dataDir), 'conflicts');
}

/** Every copy retention prunes: this computer's journal, the imports (and their conflicts), this clerk's team copy. */
export function retentionPlaces(dataDir: string, settings: Settings): RetentionPlaces {
  const clerkId = settings.profile?.clerkId;
  return {
    dataDir,
    importsRoots: [importsRoot(dataDir), importConflictsRoot(dataDir)],
    team: settings.teamFolder && clerkId ? { folder: settings.teamFolder, clerkId } : null,
  };
}

function registerFolders(dataDir: string, teamFolder: string | null): RegisterFolder[] {
  const folders: RegisterFolder[] = [{ kind: 'local', root: dataDir }];
  if (teamFolder) folders.push({ kind: 'team', root: teamFolder });
  folders.push({ kind: 'import', root: importsRoot(dataDir) }, { kind: 'import', root: importConflictsRoot(dataDir), conflicts: true });
  return folders;
}

export type Notifier = (title: string, body: string) => boolean;

export type HotkeyProblem = z.infer<typeof HotkeyProblemSchema>;

/** What the desktop app does with preferences that the Node services cannot: the window, login items, global hotkeys. */
export interface DesktopShell {
  /**
   * Applies the preferences to the overlay and registers the hotkeys that
   * changed. A hotkey the system refuses is reported, with the one kept.
   */
  apply(next: Preferences, previous: Preferences | null): HotkeyProblem[];
  /** Shows the current call's time in the tray's tooltip; null between calls. */
  followCall(startedAt: number | null): void;
  /** Lets go of the global hotkeys while the clerk presses a new one in settings (or takes them back). */
  suspendHotkeys(suspended: boolean): void;
  /** The window's own title-bar buttons (the overlay is frameless). */
  windowControl(action: WindowAction): void;
}

export type WindowAction = 'minimize' | 'hide';
export type { OpenPathChooser, SavePathChooser };

export interface OpenOptions {
  notifier?: Notifier | null;
  /** The desktop's dialogs; without them files move the browser's way (web mode). */
  chooseSavePath?: SavePathChooser | null;
  chooseOpenPath?: OpenPathChooser | null;
  printToPdf?: (() => Promise<Uint8Array>) | null;
  shell?: DesktopShell | null;
  callerPaths?: boolean;
  /** Called when another (or a just-crashed) app holds the data directory and opening waits for it. */
  onWaitForLock?: () => void;
  /**
   * The built month-reading-worker.js beside the entry that opens the
   * services: the register reads whole month files in worker threads with
   * it. None: it reads them itself, one after another.
   */
  monthReaderScript?: string | URL | null;
}

export async function openAppServices(dataDir: string, resourcesDir: string, options: OpenOptions = {}): Promise<AppServices> {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const lock = await DataDirLock.acquire(dataDir, options.onWaitForLock);
  try {
    // Where atomic writes happen: settings, draft and window state at the top, the team copies in the outbox.
    await removeLeftoverTempFiles(dataDir);
    await removeLeftoverTempFiles(join(dataDir, 'outbox'));
    // An upload a killed process never got to import (or remove) holds a clerk's raw export: it goes.
    await fs.rm(uploadsDir(dataDir), { recursive: true, force: true }).catch((error: Error) => console.error(`[import] uploads left not removed: ${error.message}`));
    const assertWritable = () => lock.assertOwned();
    const settingsStore = new SettingsStore(dataDir, assertWritable);
    const draftStore = new DraftStore(dataDir, assertWritable);
    const callbackContacts = new CallbackContactStore(dataDir, assertWritable);
    const alerts = await JournalAlerts.open(dataDir, assertWritable);
    const journal = new CallJournal(dataDir, { createBase: true, beforeWrite: assertWritable, onTrouble: (t) => void alerts.raise('local', t) });
    const shipped = await loadContent(resourcesDir);
    const checklists = await loadChecklistCatalog(resourcesDir, [...shipped.checklists, shipped.shiftChecklist]);
    const { settings, setAsideAs } = await settingsStore.load();
    const startupNotices: Notice[] = setAsideAs ? [{ code: 'settings-corrupt', file: setAsideAs }] : [];
    const { content: officeContent, notices: contentNotices } = await OfficeContent.open(shipped, settings.officeFiles, dataDir);
    startupNotices.push(...contentNotices);
    const expired = await findExpired(retentionPlaces(dataDir, settings), new Date(), settings.retentionMonths).catch((error: Error) => {
      console.error(`[retention] not checked: ${error.message}`);
      return [];
    });
    if (expired.length > 0) {
      startupNotices.push({ code: 'retention-due', months: [...new Set(expired.map((f) => f.month))], more: expired.length, retentionMonths: settings.retentionMonths });
    }
    // Problems in the clerk's own journal are told at start, and stay until acknowledged.
    if (settings.profile) await removeLeftoverTempFiles(join(callsDir(dataDir), settings.profile.clerkId));
    if (settings.profile) {
      // This month's file is opened now, not at the first save: a torn last line is set aside (and said) at start.
      await journal.openExisting(settings.profile.clerkId, new Date()).catch((error: Error) => console.error(`[journal] this month not opened: ${error.message}`));
      await alerts.checkJournal(journal, settings.profile.clerkId).catch((error: Error) => console.error(`[alerts] journal not checked: ${error.message}`));
    }
    const monthReaders = options.monthReaderScript ? new MonthReaders(options.monthReaderScript) : null;
    const register = new Register(
      () => registerFolders(dataDir, services.settings.teamFolder),
      () => checklists,
      new RegisterIndex(registerIndexDir(dataDir), assertWritable),
      monthReaders,
    );
    // What the register kept of months past retention goes, whether or not their files are removed yet.
    await register.forgetBefore(firstKeptMonth(new Date(), settings.retentionMonths)).catch((error: Error) => console.error(`[register] index not pruned: ${error.message}`));
    const team = new TeamSync(dataDir, teamTargetOf(settings), { beforeWrite: assertWritable, onTrouble: (t) => void alerts.raise('team', t) });
    const hotkeyProblems = options.shell ? options.shell.apply(settings.preferences, null) : [];
    // Retries in the background while records wait; a timer that never keeps the process alive.
    const retry = setInterval(() => void team.deliver(), TEAM_RETRY_MS);
    retry.unref();
    const folderReader = new FolderRegisterReader(register);
    const searchMisses = new SearchMisses({
      dataDir,
      clerkId: () => services.settings.profile?.clerkId ?? null,
      teamFolder: () => services.settings.teamFolder,
      teamDatabase: () => services.settings.teamDatabase,
      beforeWrite: assertWritable,
    });
    // The register on the team database, made for the database set (a new one when it changes).
    let databaseRegister: { key: string; reader: DatabaseRegister } | null = null;
    const closeDatabaseRegister = async () => {
      const open = databaseRegister;
      databaseRegister = null;
      await open?.reader.close();
    };
    const services: AppServices = {
      dataDir,
      settingsStore,
      draftStore,
      callbackContacts,
      journal,
      get content() {
        return officeContent.content;
      },
      officeContent,
      checklists,
      alerts,
      assertWritable,
      get contentSources() {
        return officeContent.sources;
      },
      get builtIn() {
        return officeContent.builtIn;
      },
      notifier: options.notifier ?? null,
      // The desktop gives both dialogs (a test may give one: the other is then a cancelled dialog).
      files:
        options.chooseSavePath || options.chooseOpenPath
          ? dialogExchange({ save: options.chooseSavePath ?? (async () => null), open: options.chooseOpenPath ?? (async () => null), printToPdf: options.printToPdf ?? null })
          : new BrowserExchange(uploadsDir(dataDir)),
      shell: options.shell ?? null,
      callerPaths: options.callerPaths ?? false,
      takeHotkeyProblems: () => hotkeyProblems.splice(0),
      register,
      registerReader() {
        const database = services.settings.teamDatabase;
        if (!database) {
          if (databaseRegister) void closeDatabaseRegister();
          return folderReader;
        }
        const key = JSON.stringify(database);
        if (databaseRegister?.key !== key) {
          void databaseRegister?.reader.close();
          databaseRegister = { key, reader: new DatabaseRegister(database, () => checklists) };
        }
        return databaseRegister.reader;
      },
      team,
      searchMisses,
      get settings() {
        return settingsStore.current;
      },
      takeStartupNotices: () => startupNotices.splice(0),
      async close() {
        clearInterval(retry);
        await searchMisses.close();
        await team.close();
        await closeDatabaseRegister();
        await monthReaders?.close();
        await journal.close();
        // What was raised in passing is on disk before the folder is let go.
        await alerts.settled();
        await lock.release();
      },
    };
    // What the register kept of a folder it no longer reads (a team folder changed or switched off) goes.
    await register.forgetFoldersNotRead();
    // The first delivery with the folder there catches up with what the outbox missed.
    team.catchUpFrom(journal, () => services.settings.profile?.clerkId ?? null);
    if (teamTargetOf(settings)) void team.deliver();
    return services;
  } catch (error) {
    await lock.release();
    throw error;
  }
}
