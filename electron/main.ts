import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Notification, session } from 'electron';
import { defaultDataDir } from './data-dir';
import { createHandlers } from './handlers';
import { registerIpcHandlers } from './ipc';
import { hardenSession } from './security';
import { openAppServices, type AppServices } from './services/app-services';
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

function resourcesDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
}

async function start(): Promise<void> {
  const appUrl = pathToFileURL(join(here, '../renderer/index.html')).href;
  hardenSession(session.defaultSession);
  services = await openAppServices(dataDir, resourcesDir(), { notifier: showNotification, chooseSavePath, chooseOpenPath, printToPdf });
  registerIpcHandlers(ipcMain, createHandlers(services), appUrl);
  mainWindow = createMainWindow(join(here, '../preload/index.cjs'), appUrl);
  mainWindow.on('closed', () => (mainWindow = null));
}

/** A desktop notification where the system offers them; false tells the window to show it itself. */
function showNotification(title: string, body: string): boolean {
  if (!Notification.isSupported()) return false;
  new Notification({ title, body }).show();
  return true;
}

/** The system's save dialog, over the app's window; null when the person cancels. */
async function chooseSavePath(suggestedName: string): Promise<string | null> {
  const extension = suggestedName.slice(suggestedName.lastIndexOf('.') + 1);
  const options = {
    title: 'Zapisz eksport rejestru',
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

/** The system's open dialog, for a clerk's exported file to import; null when the person cancels. */
async function chooseOpenPath(): Promise<string | null> {
  const options = {
    title: 'Importuj rozmowy z pliku',
    properties: ['openFile' as const],
    filters: [{ name: 'JSON Lines', extensions: ['jsonl'] }],
  };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]!;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.whenReady().then(start).catch((error: Error) => {
    dialog.showErrorBox('Asystent Rozmów nie może się uruchomić', error.message);
    app.exit(1);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!services) return;
    event.preventDefault();
    const closing = services;
    services = null;
    void closing.close().finally(() => app.exit(0));
  });
}
