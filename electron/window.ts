import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import type { Rect } from './overlay/placement';
import { hardenWebContents, secureWebPreferences, type BuildKind } from './security';

/**
 * The overlay: small, always on top (above full-screen programs too, as a
 * floating panel), frameless with its own drag strip and buttons, and kept
 * out of screen captures and screen sharing where the system allows.
 */
export function mainWindowOptions(preloadPath: string, bounds: Rect, build: BuildKind): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 340,
    minHeight: 420,
    title: 'Asystent Rozmów',
    alwaysOnTop: true,
    frame: false,
    show: false,
    skipTaskbar: false,
    backgroundColor: '#f3f5f8',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath, build),
  };
}

export interface MainWindowOptions extends BuildKind {
  preloadPath: string;
  /** The page, app://bundle/index.html (app-protocol.ts). */
  appUrl: string;
  bounds: Rect;
  /** Start in the tray only (the preference, or started at login with --hidden). */
  startHidden: boolean;
}

export function createMainWindow({ preloadPath, appUrl, bounds, startHidden, packaged }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath, bounds, { packaged }));
  hardenWebContents(window.webContents, appUrl, { packaged });
  // 'floating' keeps it above ordinary windows; 'screen-saver' would also cover the lock screen prompt.
  window.setAlwaysOnTop(true, 'floating');
  window.setContentProtection(true);
  if (!startHidden) window.once('ready-to-show', () => window.show());
  void window.loadURL(appUrl);
  return window;
}
