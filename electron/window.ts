import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { hardenWebContents, secureWebPreferences } from './security';

/** The overlay: small, always on top, beside whatever phone the clerk uses. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 460,
    height: 760,
    minWidth: 360,
    minHeight: 480,
    title: 'Asystent Rozmów',
    alwaysOnTop: true,
    show: false,
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

export function createMainWindow(preloadPath: string, appUrl: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  hardenWebContents(window.webContents, appUrl);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appUrl);
  return window;
}
