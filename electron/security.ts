import type { BrowserWindowConstructorOptions, Session, WebContents, WebFrameMain } from 'electron';
import { shell } from 'electron';

/**
 * The desktop security defaults in one place, each asserted by a test
 * against the real options and handlers (test/electron/security.test.ts).
 */
export function secureWebPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** Links the app may hand to the system browser: https only, to these hosts. */
export const EXTERNAL_LINK_HOSTS = ['www.praca.gov.pl', 'praca.gov.pl', 'lodz.praca.gov.pl'];

export function isAllowedExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && EXTERNAL_LINK_HOSTS.includes(url.hostname) && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** No navigation away from the app and no new windows; allow-listed links open in the system browser. */
export function hardenWebContents(contents: WebContents, appUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== appUrl) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** The app needs no camera, microphone, notifications from the page, or anything else: deny all. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Whether an IPC message comes from the app's own page: the top frame,
 * showing exactly the bundled index.html (query and hash ignored).
 */
export function isTrustedSender(frame: WebFrameMain | null | undefined, appUrl: string): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    const actual = new URL(frame.url);
    const expected = new URL(appUrl);
    return actual.protocol === expected.protocol && actual.host === expected.host && actual.pathname === expected.pathname;
  } catch {
    return false;
  }
}
