import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, globalShortcut, ipcMain, Menu, nativeImage, Notification, powerMonitor, protocol, screen, session, Tray } from 'electron';
import type { HotkeyAction } from '../shared/settings/preferences';
import { HOTKEY_COMMANDS, SHELL_COMMAND_CHANNEL, type ShellCommand } from '../shared/contract/shell-commands';
import { APP_PAGE_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { defaultDataDir } from './data-dir';
import { createHandlers } from './handlers';
import { registerIpcHandlers } from './ipc';
import { hardenSession, hardenWebContents } from './security';
import { openAppServices, type AppServices } from './services/app-services';
import { builtMonthReader } from './services/month-readers';
import type { TakenKind } from './services/file-exchange';
import { HotkeyRegistry } from './overlay/hotkeys';
import { placeWindow, rememberBounds } from './overlay/placement';
import { applyToWindow, createDesktopShell, OVERLAY_SIZE } from './overlay/shell';
import { AppTray } from './overlay/tray';
import { loadWindowState, saveWindowState } from './overlay/window-state-store';
import { createMainWindow } from './window';

/**
 * The desktop app's lifecycle: thin wiring of the services, IPC and the
 * overlay window. Everything with rules in it lives in services/ or shared/.
 */
// The journal lives in its own data directory, shared with web mode; Chromium's
// caches and storage stay in Electron's userData, away from the clerk's records.
const dataDir = defaultDataDir();
const here = dirname(fileURLToPath(import.meta.url));

let services: AppServices | null = null;
let mainWindow: BrowserWindow | null = null;
let tray: AppTray | null = null;
/** Set once the clerk chose to quit (tray, or the system ending the session): closing the window then really closes it. */
let quitting = false;

function resourcesDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
}

async function start(): Promise<void> {
  // The page comes from app://bundle/ (app-protocol.ts), never file://: only
  // the built renderer folder is served, each answer with the CSP header.
  const appUrl = APP_PAGE_URL;
  const packaged = app.isPackaged;
  protocol.handle(APP_SCHEME, createAppProtocolHandler(join(here, '../renderer')));
  hardenSession(session.defaultSession);
  // An installed build has no menu (and so none of the default menu's reload
  // and developer-tools shortcuts); macOS keeps the app and Edit menus, which
  // its copy and paste keys need. Development keeps Electron's default menu.
  if (packaged) Menu.setApplicationMenu(process.platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]) : null);
  // Every webContents, not just the overlay's: should anything ever open
  // another (a devtools or print view, a future window), it gets the same
  // navigation and new-window denial without anyone remembering to add it.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrl, { packaged }));
  const hotkeys = new HotkeyRegistry(globalShortcut, onHotkey);
  const shell = createDesktopShell({ window: () => mainWindow, tray: () => tray, hotkeys, app });
  services = await openAppServices(dataDir, resourcesDir(), { notifier: showNotification, chooseSavePath, chooseOpenPath, printToPdf, shell, monthReaderScript: builtMonthReader(import.meta.url) });
  registerIpcHandlers(ipcMain, createHandlers(services), appUrl, () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null));

  const preferences = services.settings.preferences;
  let windowState = await loadWindowState(dataDir);
  const displays = screen.getAllDisplays().map((d) => ({ id: d.id, workArea: d.workArea }));
  const primary = screen.getPrimaryDisplay();
  const bounds = placeWindow(windowState, displays, { id: primary.id, workArea: primary.workArea }, preferences.compact ? OVERLAY_SIZE.compact : OVERLAY_SIZE.expanded);
  const startHidden = preferences.startHidden || process.argv.includes('--hidden');
  mainWindow = createMainWindow({ preloadPath: join(here, '../preload/index.cjs'), appUrl, bounds, startHidden, packaged });
  applyToWindow(mainWindow, preferences, preferences);

  // Remembered where it comes to rest, per display; written once the moving stops.
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  const remember = () => {
    if (!mainWindow) return;
    const current = mainWindow.getBounds();
    windowState = rememberBounds(windowState, screen.getDisplayMatching(current).id, current);
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void saveWindowState(dataDir, windowState).catch(() => undefined), 500);
  };
  mainWindow.on('moved', remember);
  mainWindow.on('resized', remember);
  // The close button keeps the app in the tray: calls and reminders go on; the tray's menu quits.
  mainWindow.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    mainWindow?.hide();
  });
  mainWindow.on('show', () => tray?.update({ windowVisible: true }));
  mainWindow.on('hide', () => tray?.update({ windowVisible: false }));
  mainWindow.on('closed', () => (mainWindow = null));
  // Windows ends a session (shut down, restart, log off) without before-quit:
  // let the window close and the services flush, and keep the last position.
  mainWindow.on('session-end', () => {
    quitting = true;
    if (saveTimer) void saveWindowState(dataDir, windowState).catch(() => undefined);
    void services?.close();
  });
  powerMonitor.on('shutdown', () => {
    quitting = true;
    app.quit();
  });
  app.on('before-quit', () => {
    if (saveTimer) void saveWindowState(dataDir, windowState).catch(() => undefined);
  });

  tray = new AppTray({ Tray, Menu }, nativeImage.createFromPath(join(resourcesDir(), 'tray.png')), {
    startIncoming: () => onHotkey('startIncoming'),
    startOutgoing: () => onHotkey('startOutgoing'),
    toggleWindow,
    quit: () => app.quit(),
  });
  tray.update({ language: preferences.language, windowVisible: !startHidden });
}

/** Sends a command to the window (and, for starting a call, brings it forward). */
function command(name: ShellCommand, show: boolean): void {
  if (!mainWindow) return;
  if (show) showWindow();
  mainWindow.webContents.send(SHELL_COMMAND_CHANNEL, name);
}

function showWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function toggleWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isVisible() && !mainWindow.isMinimized()) mainWindow.hide();
  else showWindow();
}

function onHotkey(action: HotkeyAction): void {
  if (action === 'toggleWindow') return toggleWindow();
  const { command: name, show } = HOTKEY_COMMANDS[action];
  command(name, show);
}

/** A desktop notification where the system offers them; false tells the window to show it itself. */
function showNotification(title: string, body: string): boolean {
  if (!Notification.isSupported()) return false;
  new Notification({ title, body }).show();
  return true;
}

/** The system's save dialog, over the app's window; null when the person cancels. */
async function chooseSavePath(suggestedName: string, title?: string): Promise<string | null> {
  const extension = suggestedName.slice(suggestedName.lastIndexOf('.') + 1);
  const options = {
    title: title ?? 'Zapisz eksport rejestru',
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [{ name: extension === 'csv' ? 'Arkusz CSV' : 'JSON Lines', extensions: [extension] }],
  };
  const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** The window's page as an A4 PDF; the page's print styles leave the summary and charts. */
async function printToPdf(): Promise<Uint8Array> {
  if (!mainWindow) throw new Error('no window to print');
  return mainWindow.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
}

/** The system's open dialog: a clerk's exported calls, or a directory table from a spreadsheet; null when the person cancels. */
async function chooseOpenPath(what: TakenKind): Promise<string | null> {
  const options = {
    title: what === 'calls' ? 'Importuj rozmowy z pliku' : 'Wczytaj tabelę katalogu z arkusza',
    properties: ['openFile' as const],
    filters: [what === 'calls' ? { name: 'JSON Lines', extensions: ['jsonl'] } : { name: 'Arkusz CSV', extensions: ['csv', 'txt'] }],
  };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]!;
}

// Before `ready`, and only once: app:// becomes a standard, secure scheme.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  app.whenReady().then(start).catch((error: Error) => {
    dialog.showErrorBox('Asystent Rozmów nie może się uruchomić', error.message);
    app.exit(1);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => (quitting = true));
  app.on('will-quit', (event) => {
    globalShortcut.unregisterAll();
    tray?.destroy();
    tray = null;
    if (!services) return;
    event.preventDefault();
    const closing = services;
    services = null;
    void closing.close().finally(() => app.exit(0));
  });
}
