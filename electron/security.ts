import type { BrowserWindowConstructorOptions, Session, WebContents, WebFrameMain } from 'electron';
import { shell } from 'electron';

/**
 * The desktop security defaults in one place, each asserted by a test
 * against the real options and handlers (test/electron/security.test.ts).
 */
export interface BuildKind {
  /** app.isPackaged: an installed build, where the developer tools are off. */
  packaged: boolean;
}

export function secureWebPreferences(preloadPath: string, { packaged }: BuildKind): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
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
    devTools: !packaged,
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

/**
 * Whether `raw` is the app's own page: same scheme, host and path as
 * `appUrl` (app://bundle/index.html), no credentials, port or query; the
 * fragment is ignored. The same file over file://, or any other page, is not.
 */
export function isAppPage(raw: string, appUrl: string): boolean {
  try {
    const actual = new URL(raw);
    const expected = new URL(appUrl);
    return (
      actual.protocol === expected.protocol &&
      actual.host === expected.host &&
      actual.pathname === expected.pathname &&
      actual.username === '' &&
      actual.password === '' &&
      actual.search === ''
    );
  } catch {
    return false;
  }
}

/**
 * No navigation away from the app (top frame or any sub-frame: the app has
 * none, so every sub-frame navigation is refused), no redirects, webviews or
 * new windows; allow-listed links open in the system browser. In a packaged
 * build the developer tools are closed should they ever open.
 */
export function hardenWebContents(contents: WebContents, appUrl: string, { packaged }: BuildKind): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppPage(url, appUrl)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (details) => {
    if (!details.isMainFrame || !isAppPage(details.url, appUrl)) details.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (packaged) contents.on('devtools-opened', () => contents.closeDevTools());
}

/** The app needs no camera, microphone, notifications from the page, or anything else: deny all. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Whether an IPC message comes from the app's own page: the top frame,
 * showing the bundled index.html over app:// (see isAppPage).
 */
export function isTrustedSender(frame: WebFrameMain | null | undefined, appUrl: string): boolean {
  if (!frame || frame.parent !== null) return false;
  return isAppPage(frame.url, appUrl);
}
