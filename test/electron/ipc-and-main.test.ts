import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { API_METHOD_NAMES } from '../../shared/api-methods';
import { DEFAULT_HOTKEYS } from '../../shared/preferences';
import { FakeBrowserWindow, FakeNotification, FakeTray, type FakeElectron } from '../helpers/fake-electron';

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
await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1));
const window = FakeBrowserWindow.created[0]!;
const appUrl = window.loadedUrl!;

afterAll(async () => {
  // Let main.ts close its services (and release the data-directory lock).
  fake.app.emit('will-quit', { preventDefault: () => undefined });
  await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalled());
});

function invoke(channel: string, payload: unknown, frame: unknown = { url: appUrl, parent: null }) {
  const handler = fake.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ senderFrame: frame }, payload) as Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }>;
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

  it('loads the bundled page from the build with the preload script, both of which exist', () => {
    expect(appUrl).toMatch(/^file:\/\/.*\/out\/renderer\/index\.html$/);
    expect(existsSync(fileURLToPath(appUrl))).toBe(true);
    const preload = (window.options.webPreferences as { preload: string }).preload;
    expect(preload).toMatch(/out[\\/]preload[\\/]index\.cjs$/);
    expect(existsSync(preload)).toBe(true);
  });

  it('registers exactly one IPC handler per API method', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(API_METHOD_NAMES.map((m) => `api:${m}`).sort());
  });

  it('answers the app page through the shared handlers', async () => {
    const reply = await invoke('api:getAppState', {});
    expect(reply.ok).toBe(true);
    expect((reply.result as { checklists: unknown[] }).checklists.length).toBeGreaterThan(0);
  });

  it('refuses every channel to a foreign frame, and to a sub-frame of the app', async () => {
    for (const method of API_METHOD_NAMES) {
      const foreign = await invoke(`api:${method}`, {}, { url: 'https://evil.example/', parent: null });
      expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const sub = await invoke(`api:${method}`, {}, { url: appUrl, parent: { url: appUrl } });
      expect(sub).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
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
    expect(cancelled).toEqual({ ok: true, result: { path: null, rows: 0 } });
    expect(readdirSync(documents)).toHaveLength(1);
  });

  it('prints the report to a PDF where the person chooses, on A4 with backgrounds for the charts', async () => {
    const documents = mkdtempSync(join(tmpdir(), 'documents-'));
    fake.app.setPath('documents', documents);
    const printed = await invoke('api:printReport', { suggestedName: 'raport-rozmow.pdf' });
    expect(printed).toEqual({ ok: true, result: { path: join(documents, 'raport-rozmow.pdf') } });
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
