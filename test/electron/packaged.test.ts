import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeWebContents, frameNavigation, type FakeElectron } from '../helpers/fake-electron';

/**
 * The built main process as an installed build starts it: app.isPackaged is
 * true and the editable content sits in process.resourcesPath/resources (the
 * extraResources beside app.asar, test/repo/packaging.test.ts). No menu, no
 * developer tools, the page still from app://.
 */
const fake: FakeElectron = vi.hoisted(() => ({}) as FakeElectron);
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('../helpers/fake-electron');
  Object.assign(fake, createFakeElectron());
  fake.app.isPackaged = true;
  return fake;
});

const configHome = mkdtempSync(join(tmpdir(), 'packaged-'));
process.env.XDG_CONFIG_HOME = configHome;
process.env.APPDATA = configHome;
// Where Electron puts resources/ of the installed app: a copy of the repository's content, so a
// lookup through the app's own folder (app.getAppPath(), the repository here) would show.
const resourcesPath = mkdtempSync(join(tmpdir(), 'resources-path-'));
cpSync('resources', join(resourcesPath, 'resources'), { recursive: true });
(process as { resourcesPath?: string }).resourcesPath = resourcesPath;

const BUILT_MAIN = '../../out/main/index.js';
if (!existsSync(fileURLToPath(new URL(BUILT_MAIN, import.meta.url)))) throw new Error('out/main/index.js is missing: run npm run build');
await import(/* @vite-ignore */ BUILT_MAIN);
// The main opens its services before its window: on a busy machine that is more than vi.waitFor's default second.
await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1), { timeout: 15_000 });
const window = FakeBrowserWindow.created[0]!;

afterAll(async () => {
  fake.app.emit('will-quit', { preventDefault: () => undefined });
  await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalled(), { timeout: 15_000 });
});

describe('the built app, packaged', () => {
  it('removes the application menu (no reload or developer-tools shortcuts)', () => {
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    // macOS (not shipped, but run there while developing) keeps the app and Edit menus its copy and paste keys need.
    if (process.platform === 'darwin') expect(fake.Menu.applicationMenu).toEqual({ template: [{ role: 'appMenu' }, { role: 'editMenu' }] });
    else expect(fake.Menu.applicationMenu).toBeNull();
  });

  it('turns the developer tools off in the window, and closes them should they open in any webContents', () => {
    expect((window.options.webPreferences as { devTools: boolean }).devTools).toBe(false);
    window.webContents.openDevTools();
    expect(window.webContents.closeDevTools).toHaveBeenCalled();
    expect(window.webContents.isDevToolsOpened()).toBe(false);
    const other = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, other);
    other.openDevTools();
    expect(other.isDevToolsOpened()).toBe(false);
  });

  it('shows the page from app://, served from the build, and guards its frames as in development', async () => {
    expect(window.loadedUrl).toBe('app://bundle/index.html');
    const page = await fake.protocol.handlers.get('app')!({ url: 'app://bundle/index.html', method: 'GET' });
    expect(page.status).toBe(200);
    const framed = frameNavigation('app://bundle/index.html', false);
    window.webContents.emit('will-frame-navigate', framed);
    expect(framed.preventDefault).toHaveBeenCalled();
  });

  it('reads the content and the tray icon from process.resourcesPath/resources, where the installer puts them', async () => {
    expect(fake.nativeImage.createFromPath).toHaveBeenCalledWith(join(resourcesPath, 'resources', 'tray.png'));
    const state = (await fake.ipcHandlers.get('api:getAppState')!({ sender: window.webContents, senderFrame: { url: 'app://bundle/index.html', parent: null } }, {})) as {
      ok: boolean;
      result: { checklists: unknown[] };
    };
    expect(state.ok).toBe(true);
    expect(state.result.checklists.length).toBeGreaterThan(0);
  });
});
