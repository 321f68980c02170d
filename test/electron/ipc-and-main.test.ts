import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { API_METHOD_NAMES } from '../../shared/contract/api-methods';
import { DEFAULT_HOTKEYS } from '../../shared/settings/preferences';
import { SERVICE_ERRORS } from '../../shared/contract/service-errors';
import { CONTENT_SECURITY_POLICY } from '../../electron/content-policy';
import { FakeBrowserWindow, FakeNotification, FakeTray, FakeWebContents, frameNavigation, SECURE_WEB_PREFERENCES, type FakeElectron } from '../helpers/fake-electron';

const fake: FakeElectron = vi.hoisted(() => ({}) as FakeElectron);
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('../helpers/fake-electron');
  Object.assign(fake, createFakeElectron());
  return fake;
});

// The default data directory follows XDG_CONFIG_HOME on Linux; point it at a temp folder.
const configHome = mkdtempSync(join(tmpdir(), 'main-'));
process.env.XDG_CONFIG_HOME = configHome;
process.env.APPDATA = configHome;
const dataDir = join(configHome, 'asystent-rozmow');

/**
 * The built main process (out/main/index.js, what `npm start` runs) started
 * against the fake electron: it must wire the services to IPC for every API
 * method, refuse foreign senders, and open the overlay window on the bundled
 * page. `npm test` builds first.
 */
const BUILT_MAIN = '../../out/main/index.js';
if (!existsSync(fileURLToPath(new URL(BUILT_MAIN, import.meta.url)))) throw new Error('out/main/index.js is missing: run npm run build');
await import(/* @vite-ignore */ BUILT_MAIN);
// The main opens its services before its window: on a busy machine that is more than vi.waitFor's default second.
await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1), { timeout: 15_000 });
const window = FakeBrowserWindow.created[0]!;
const appUrl = window.loadedUrl!;

afterAll(async () => {
  // Let main.ts close its services (and release the data-directory lock).
  fake.app.emit('will-quit', { preventDefault: () => undefined });
  await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalled(), { timeout: 15_000 });
});

/** A message on `channel` as Electron delivers it: from the overlay's top frame unless a test says otherwise. */
function invoke(channel: string, payload: unknown, frame: unknown = { url: appUrl, parent: null }, sender: unknown = window.webContents) {
  const handler = fake.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ sender, senderFrame: frame }, payload) as Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }>;
}

describe('main process wiring', () => {
  it('keeps the journal in the shared data directory, apart from Chromium userData, and asks for a single instance', () => {
    expect(existsSync(join(dataDir, 'app.lock'))).toBe(true);
    expect(fake.app.setPath).not.toHaveBeenCalled();
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalled();
  });

  it('shows a due callback as a desktop notification where the system supports it, and says when it cannot', async () => {
    FakeNotification.shown = [];
    expect(await invoke('api:notify', { title: 'Czas oddzwonić', body: '10:30 — staż' })).toMatchObject({ ok: true, result: { shown: true } });
    expect(FakeNotification.shown).toEqual([{ title: 'Czas oddzwonić', body: '10:30 — staż' }]);
    FakeNotification.supported = false;
    expect(await invoke('api:notify', { title: 'Czas oddzwonić', body: 'x' })).toMatchObject({ ok: true, result: { shown: false } });
    FakeNotification.supported = true;
  });

  it('loads the bundled page from app://bundle/ (not file://) with the preload script, which exists', () => {
    expect(appUrl).toBe('app://bundle/index.html');
    const preload = (window.options.webPreferences as { preload: string }).preload;
    expect(preload).toMatch(/out[\\/]preload[\\/]index\.cjs$/);
    expect(existsSync(preload)).toBe(true);
  });

  it('makes app:// a standard, secure scheme before ready, and serves it after ready', () => {
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    // Called while the module loads: before whenReady() was even asked (the fake throws if called after ready).
    expect(fake.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(fake.app.whenReady.mock.invocationCallOrder[0]!);
    expect([...fake.protocol.handlers.keys()]).toEqual(['app']);
  });

  it('serves the built page and its assets from out/renderer over app://, each with the CSP header and its type', async () => {
    const serve = fake.protocol.handlers.get('app')!;
    const page = await serve({ url: appUrl, method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const html = await page.text();
    expect(html).toBe(readFileSync('out/renderer/index.html', 'utf8'));
    const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const response = await serve({ url: `app://bundle/${asset}`, method: 'GET' });
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('content-type'), asset).toBe(asset.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    // Nothing of the build but the renderer folder: not the main process, not the preload, not package.json.
    for (const url of ['app://bundle/../main/index.js', 'app://bundle/%2e%2e/main/index.js', 'app://bundle/..%2fpreload/index.cjs', 'app://bundle/..\\..\\package.json', 'app://other/index.html', 'app://bundle/index.html?x']) {
      const refused = await serve({ url, method: 'GET' });
      expect(refused.status, url).toBe(404);
      expect(refused.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('registers exactly one IPC handler per API method', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(API_METHOD_NAMES.map((m) => `api:${m}`).sort());
  });

  it('answers the app page through the shared handlers', async () => {
    const reply = await invoke('api:getAppState', {});
    expect(reply.ok).toBe(true);
    expect((reply.result as { checklists: unknown[] }).checklists.length).toBeGreaterThan(0);
  });

  it('listens on no IPC channel but the API methods (so the sender check below covers every one)', () => {
    expect([...fake.ipcListeners.keys()]).toEqual([]);
    expect(fake.ipcMain.on).not.toHaveBeenCalled();
    expect(fake.ipcMain.once).not.toHaveBeenCalled();
    expect(fake.ipcMain.addListener).not.toHaveBeenCalled();
  });

  it('refuses every channel it answers to a foreign page, a sub-frame of the app, a gone frame and another webContents', async () => {
    const foreignSenders: [string, unknown, unknown][] = [
      ['another site in the top frame', { url: 'https://evil.example/', parent: null }, window.webContents],
      ['another page of the app origin in the top frame', { url: appUrl.replace(/index\.html$/, 'evil.html'), parent: null }, window.webContents],
      ['the built page itself over file://', { url: pathToFileURL('out/renderer/index.html').href, parent: null }, window.webContents],
      ['the app page with a query', { url: `${appUrl}?x=1`, parent: null }, window.webContents],
      ['the app page on another host of the scheme', { url: 'app://evil/index.html', parent: null }, window.webContents],
      ['the app page served over http', { url: `http://127.0.0.1${new URL(appUrl).pathname}`, parent: null }, window.webContents],
      ['a sub-frame showing the app page', { url: appUrl, parent: { url: appUrl } }, window.webContents],
      ['a sub-frame showing another site', { url: 'https://evil.example/', parent: { url: appUrl } }, window.webContents],
      ['a frame already gone (navigated or destroyed)', null, window.webContents],
      ['another webContents showing the app page', { url: appUrl, parent: null }, new FakeWebContents()],
      ['no webContents at all', { url: appUrl, parent: null }, null],
    ];
    const channels = [...fake.ipcHandlers.keys()];
    expect(channels.length).toBe(API_METHOD_NAMES.length);
    for (const channel of channels) {
      for (const [who, frame, sender] of foreignSenders) {
        const reply = await invoke(channel, {}, frame, sender);
        expect(reply, `${channel} from ${who}`).toEqual({ ok: false, error: { code: 'forbidden', message: SERVICE_ERRORS.transport.foreignSender, key: 'transport.foreignSender' } });
      }
    }
  });

  it('once the window is destroyed, its webContents is no longer trusted (and asking does not throw)', async () => {
    window.destroyed = true;
    try {
      expect(await invoke('api:getAppState', {})).toEqual({ ok: false, error: { code: 'forbidden', message: SERVICE_ERRORS.transport.foreignSender, key: 'transport.foreignSender' } });
    } finally {
      window.destroyed = false;
    }
    expect(await invoke('api:getAppState', {})).toMatchObject({ ok: true });
  });

  it('a refused message changes nothing: no profile saved, the window not hidden', async () => {
    const profile = { firstName: 'Jan', lastName: 'Obcy', role: 'pracownik', unit: 'Kancelaria', officeName: 'PUP' };
    window.show();
    await invoke('api:saveProfile', profile, { url: 'https://evil.example/', parent: null });
    await invoke('api:windowControl', { action: 'hide' }, { url: appUrl, parent: null }, new FakeWebContents());
    expect(((await invoke('api:getAppState', {})).result as { profile: unknown }).profile).toBeNull();
    expect(window.isVisible()).toBe(true);
    const settings = join(dataDir, 'settings.json');
    expect(existsSync(settings) ? readFileSync(settings, 'utf8') : '').not.toContain('Obcy');
  });

  it('validates payloads: a bad profile is refused with the reason', async () => {
    const reply = await invoke('api:saveProfile', { firstName: 'Jan2', lastName: 'Kowalski', role: 'szef', unit: 'X', officeName: 'Y' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(reply.error?.message).toContain('firstName: digits');
  });

  it('focuses the running window when the app is started again', () => {
    const focus = vi.spyOn(window, 'focus');
    fake.app.emit('second-instance');
    expect(focus).toHaveBeenCalled();
  });

  it('an export asks where to save with the system dialog, writes there, and a cancelled dialog writes nothing', async () => {
    const documents = mkdtempSync(join(tmpdir(), 'documents-'));
    fake.app.setPath('documents', documents);
    const filter = {};
    const sort = { key: 'startedAt', descending: true };
    const saved = await invoke('api:exportRegister', { filter, sort, format: 'csv', path: null });
    expect(saved).toMatchObject({ ok: true, result: { path: expect.stringMatching(/rejestr-rozmow-.*\.csv$/), rows: 0 } });
    const path = (saved.result as { path: string }).path;
    expect(path.startsWith(documents)).toBe(true);
    expect(readFileSync(path, 'utf8')).toMatch(/^\uFEFFData rozpoczęcia;Pracownik;/);
    const [parent, options] = fake.dialog.showSaveDialog.mock.calls.at(-1)!;
    expect(parent).toBe(window);
    expect(options).toMatchObject({ filters: [{ extensions: ['csv'] }] });

    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: undefined });
    const cancelled = await invoke('api:exportRegister', { filter, sort, format: 'jsonl', path: null });
    expect(cancelled).toEqual({ ok: true, result: { path: null, download: null, rows: 0 } });
    expect(readdirSync(documents)).toHaveLength(1);
  });

  it('prints the report to a PDF where the person chooses, on A4 with backgrounds for the charts', async () => {
    const documents = mkdtempSync(join(tmpdir(), 'documents-'));
    fake.app.setPath('documents', documents);
    const printed = await invoke('api:printReport', { suggestedName: 'raport-rozmow.pdf' });
    expect(printed).toEqual({ ok: true, result: { path: join(documents, 'raport-rozmow.pdf'), printInWindow: false } });
    expect(readFileSync(join(documents, 'raport-rozmow.pdf'), 'utf8')).toBe('%PDF-1.7 raport');
    expect(window.webContents.printOptions).toMatchObject({ pageSize: 'A4', printBackground: true });
    const refused = await invoke('api:printReport', { suggestedName: '../../etc/passwd' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  it('opens a frameless overlay, always on top, kept out of screen captures, on screen in the top-right corner', () => {
    expect(window.options).toMatchObject({ frame: false, alwaysOnTop: true, x: 1920 - 380 - 16, y: 16, width: 380, height: 560 });
    expect(window.alwaysOnTopLevel).toBe('floating');
    expect(window.contentProtection).toBe(true);
  });

  it('registers the global hotkeys; privacy hides the content without bringing the window forward; a call brings it', () => {
    expect([...fake.globalShortcut.registered.keys()].sort()).toEqual(Object.values(DEFAULT_HOTKEYS).sort());
    window.hide();
    fake.globalShortcut.press(DEFAULT_HOTKEYS.privacy);
    expect(window.webContents.sent.at(-1)).toEqual(['shell:command', 'toggle-privacy']);
    expect(window.isVisible()).toBe(false);
    fake.globalShortcut.press(DEFAULT_HOTKEYS.startIncoming);
    expect(window.webContents.sent.at(-1)).toEqual(['shell:command', 'start-incoming']);
    expect(window.isVisible()).toBe(true);
  });

  it('puts a tray icon with the call actions; the close button hides to the tray instead of quitting', () => {
    const tray = FakeTray.created.at(-1)!;
    expect(tray.menu.map((i) => i.label).filter(Boolean)).toEqual(['Połączenie przychodzące', 'Połączenie wychodzące', 'Ukryj okno', 'Zakończ program']);
    tray.menu.find((i) => i.label === 'Połączenie wychodzące')!.click!();
    expect(window.webContents.sent.at(-1)).toEqual(['shell:command', 'start-outgoing']);
    const close = { preventDefault: vi.fn() };
    window.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    expect(window.isVisible()).toBe(false);
    expect(tray.menu.some((i) => i.label === 'Pokaż okno')).toBe(true);
  });

  it('follows a call in the tray tooltip; the title-bar buttons minimise and hide', async () => {
    const tray = FakeTray.created.at(-1)!;
    expect(await invoke('api:followCall', { startedAt: Date.now() - 5_000 })).toEqual({ ok: true, result: { ok: true } });
    expect(tray.tooltip).toMatch(/^Asystent Rozmów — rozmowa 0:0[5-6]$/);
    await invoke('api:followCall', { startedAt: null });
    expect(tray.tooltip).toBe('Asystent Rozmów');
    window.show();
    await invoke('api:windowControl', { action: 'minimize' });
    expect(window.isMinimized()).toBe(true);
    await invoke('api:windowControl', { action: 'hide' });
    expect(window.isVisible()).toBe(false);
  });

  it('a refused hotkey in settings is reported and the working one kept', async () => {
    fake.globalShortcut.taken.add('CommandOrControl+Alt+Q');
    const state = (await invoke('api:getAppState', {})).result as { preferences: Record<string, unknown> };
    const next = { ...state.preferences, hotkeys: { ...DEFAULT_HOTKEYS, endCall: 'CommandOrControl+Alt+Q' } };
    const saved = await invoke('api:savePreferences', next);
    expect(saved).toMatchObject({ ok: true, result: { hotkeyProblems: [{ action: 'endCall', refused: 'CommandOrControl+Alt+Q', kept: DEFAULT_HOTKEYS.endCall }] } });
    expect((saved.result as { preferences: { hotkeys: { endCall: string } } }).preferences.hotkeys.endCall).toBe(DEFAULT_HOTKEYS.endCall);
    expect(fake.globalShortcut.registered.has(DEFAULT_HOTKEYS.endCall)).toBe(true);
  });
});

/**
 * The security defaults as the built app actually installs them — not only
 * as electron/security.ts would if called (security.test.ts). These run last
 * in this file, after the exports, the PDF print and the notifications above
 * had their chance to open anything.
 */
describe('the built app: windows, navigation and permissions', () => {
  it('opens one window only (printing and exports open none), sandboxed, isolated, without Node', () => {
    expect(FakeBrowserWindow.created).toEqual([window]);
    for (const opened of FakeBrowserWindow.created) {
      expect(opened.options.webPreferences).toMatchObject(SECURE_WEB_PREFERENCES);
      // Anything not listed would be a setting someone turned on without this test knowing.
      expect(Object.keys(opened.options.webPreferences as object).sort()).toEqual(
        ['allowRunningInsecureContent', 'contextIsolation', 'devTools', 'nodeIntegration', 'nodeIntegrationInSubFrames', 'nodeIntegrationInWorker', 'preload', 'sandbox', 'spellcheck', 'webSecurity', 'webviewTag'],
      );
    }
  });

  it('while developing (not packaged) keeps the default menu and the developer tools (packaged.test.ts: the installed build)', () => {
    expect(fake.app.isPackaged).toBe(false);
    expect(fake.Menu.setApplicationMenu).not.toHaveBeenCalled();
    expect((window.options.webPreferences as { devTools: boolean }).devTools).toBe(true);
    window.webContents.openDevTools();
    expect(window.webContents.closeDevTools).not.toHaveBeenCalled();
    window.webContents.closeDevTools();
  });

  it('no frame of the window may navigate anywhere but the top frame to the app page (will-frame-navigate)', () => {
    const contents = window.webContents;
    for (const url of ['https://evil.example/', pathToFileURL('out/renderer/index.html').href, APP_PAGE_SIBLING(), appUrl]) {
      const sub = frameNavigation(url, false);
      contents.emit('will-frame-navigate', sub);
      expect(sub.preventDefault, `sub-frame to ${url}`).toHaveBeenCalled();
      const top = frameNavigation(url, true);
      contents.emit('will-frame-navigate', top);
      expect(top.preventDefault, `top frame to ${url}`).toHaveBeenCalledTimes(url === appUrl ? 0 : 1);
    }
  });

  it("the window's page cannot navigate away, open a window or attach a webview; only allow-listed links reach the system browser", () => {
    const contents = window.webContents;
    const away = { preventDefault: vi.fn() };
    contents.emit('will-navigate', away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    contents.emit('will-redirect', redirect, 'https://evil.example/');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
    fake.shell.openExternal.mockClear();
    for (const url of ['https://evil.example/', 'http://www.praca.gov.pl/', 'file:///etc/passwd', APP_PAGE_SIBLING(), 'https://www.praca.gov.pl/eurzad']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.shell.openExternal.mock.calls).toEqual([['https://www.praca.gov.pl/eurzad']]);
  });

  it('any other webContents that ever appears gets the same denial', () => {
    const other = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, other);
    const away = { preventDefault: vi.fn() };
    other.emit('will-navigate', away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const framed = frameNavigation('https://evil.example/', false);
    other.emit('will-frame-navigate', framed);
    expect(framed.preventDefault).toHaveBeenCalled();
    expect(other.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check of the session (camera, microphone, screen, location, devices…)', () => {
    const { permissionRequestHandler, permissionCheckHandler } = fake.session.defaultSession;
    expect(permissionRequestHandler).toBeTypeOf('function');
    expect(permissionCheckHandler).toBeTypeOf('function');
    // Electron's permission names, and a made-up one: the default is a refusal, not a list.
    const permissions = [
      'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'geolocation', 'idle-detection', 'media',
      'mediaKeySystem', 'midi', 'midiSysex', 'notifications', 'pointerLock', 'keyboardLock', 'openExternal', 'speaker-selection',
      'storage-access', 'top-level-storage-access', 'window-management', 'fileSystem', 'hid', 'serial', 'usb', 'bluetooth', 'unknown', 'made-up',
    ];
    for (const permission of permissions) {
      const callback = vi.fn();
      permissionRequestHandler!(window.webContents, permission, callback, { requestingUrl: appUrl });
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(permissionCheckHandler!(window.webContents, permission, appUrl, {}), permission).toBe(false);
    }
  });
});

/** A page beside the app's own: same folder, another file. */
function APP_PAGE_SIBLING() {
  return appUrl.replace(/index\.html$/, 'other.html');
}
