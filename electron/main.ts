import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
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
app.setPath('userData', defaultDataDir());

const here = dirname(fileURLToPath(import.meta.url));

let services: AppServices | null = null;
let mainWindow: BrowserWindow | null = null;

function resourcesDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
}

async function start(): Promise<void> {
  const appUrl = pathToFileURL(join(here, '../renderer/index.html')).href;
  hardenSession(session.defaultSession);
  services = await openAppServices(app.getPath('userData'), resourcesDir());
  registerIpcHandlers(ipcMain, createHandlers(services), appUrl);
  mainWindow = createMainWindow(join(here, '../preload/index.cjs'), appUrl);
  mainWindow.on('closed', () => (mainWindow = null));
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
