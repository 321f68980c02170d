import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { API_METHOD_NAMES } from '../../shared/contract/api-methods';
import { EMPTY_WINDOW_STATE, placeWindow } from '../../electron/overlay/placement';
import { OVERLAY_SIZE } from '../../electron/overlay/shell';
import { mainWindowOptions } from '../../electron/window';
import { desktopSkipReason, freshDesktopApps, OS_SANDBOX_POSSIBLE, PRELOAD_ENTRY } from './desktop-app';

// electron/window.ts is imported only for the options it builds, to compare
// them with what the real window reports. Its `electron` import would, in this
// Node process, be the npm package (which downloads a binary when asked for
// one): a stand-in with nothing in it is enough for a function that builds a
// plain object.
vi.mock('electron', () => ({ BrowserWindow: class {}, shell: {} }));

const unavailable = desktopSkipReason();

/** What Electron keeps of a window's webPreferences (not in its typings, but there at run time). */
type ReportedPreferences = Record<string, unknown>;

/**
 * The overlay window as Electron really made it, and the page's view of the
 * preload bridge from inside the sandbox. test/electron checks the same
 * wiring against a stand-in for Electron; here the real one answers.
 */
describe.skipIf(unavailable)('the desktop window, in Electron', () => {
  const apps = freshDesktopApps('asystent-desktop-window-');

  it('has the options electron/window.ts asks for, as Electron reports them: sandboxed, isolated, no Node, on top, out of captures, in the top-right corner', async () => {
    const { app } = await apps.launch();
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible() ?? false)).toBe(true);
    const real = await app.evaluate(({ BrowserWindow, screen }) => {
      const windows = BrowserWindow.getAllWindows();
      const window = windows[0]!;
      const contents = window.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> | null; getURL(): string };
      const primary = screen.getPrimaryDisplay();
      return {
        count: windows.length,
        url: contents.getURL(),
        preferences: contents.getLastWebPreferences(),
        alwaysOnTop: window.isAlwaysOnTop(),
        minimumSize: window.getMinimumSize(),
        title: window.getTitle(),
        backgroundColor: window.getBackgroundColor(),
        menuBarAutoHide: process.platform === 'darwin' ? null : window.isMenuBarAutoHide(),
        contentProtected: process.platform === 'linux' ? null : window.isContentProtected(),
        bounds: window.getBounds(),
        contentBounds: window.getContentBounds(),
        opacity: window.getOpacity(),
        displays: screen.getAllDisplays().map((d) => ({ id: d.id, workArea: d.workArea })),
        primary: { id: primary.id, workArea: primary.workArea },
      };
    });

    const expected = mainWindowOptions(PRELOAD_ENTRY, { x: 0, y: 0, width: 0, height: 0 }, { packaged: false });
    const wanted = expected.webPreferences as ReportedPreferences;
    const reported = real.preferences as ReportedPreferences;
    expect(real.count).toBe(1);
    expect(real.url).toBe('app://bundle/index.html');
    // The three that make the page safe must be reported; every other one Electron reports must match too.
    for (const key of ['sandbox', 'contextIsolation', 'nodeIntegration']) expect(reported[key], key).toBe(wanted[key]);
    const both = Object.keys(wanted).filter((key) => key !== 'preload' && key in reported);
    expect(Object.fromEntries(both.map((key) => [key, reported[key]]))).toEqual(Object.fromEntries(both.map((key) => [key, wanted[key]])));
    if (typeof reported.preload === 'string') expect(reported.preload).toBe(PRELOAD_ENTRY);

    expect(real.alwaysOnTop).toBe(expected.alwaysOnTop);
    expect(real.minimumSize).toEqual([expected.minWidth, expected.minHeight]);
    expect(real.title).toBe(expected.title);
    expect(real.backgroundColor.toLowerCase()).toBe(expected.backgroundColor);
    if (real.menuBarAutoHide !== null) expect(real.menuBarAutoHide).toBe(expected.autoHideMenuBar);
    // Content protection is a Windows and macOS feature; Linux has no such thing to ask about.
    if (real.contentProtected !== null) expect(real.contentProtected).toBe(true);
    expect(real.opacity).toBe(1); // not see-through by default
    // Frameless: no title bar or border around the page (on Windows this is what tells a frame apart).
    expect(real.contentBounds).toEqual(real.bounds);
    // Where the placement rules put a first start, and the compact size, on this machine's real screen.
    expect(real.bounds).toEqual(placeWindow(EMPTY_WINDOW_STATE, real.displays, real.primary, OVERLAY_SIZE.compact));
  });

  it('the page gets `api` (exactly the contract’s methods, answering over IPC) and `shell`, and no Node: no require, process, module or Buffer', async () => {
    const { window } = await apps.launch();
    await expect.poll(() => window.getByRole('heading', { name: 'Profil pracownika' }).isVisible()).toBe(true);
    const surface = await window.evaluate(() => {
      const page = globalThis as unknown as Record<string, unknown> & { api: Record<string, unknown>; shell: Record<string, unknown> };
      return {
        api: Object.keys(page.api).sort(),
        apiFunctions: Object.values(page.api).every((value) => typeof value === 'function'),
        apiFrozen: Object.isFrozen(page.api),
        shell: Object.keys(page.shell),
        node: ['require', 'process', 'module', 'exports', 'Buffer', 'global', '__dirname', 'electron', 'ipcRenderer'].filter((name) => typeof page[name] !== 'undefined'),
      };
    });
    expect(surface).toEqual({ api: [...API_METHOD_NAMES].sort(), apiFunctions: true, apiFrozen: true, shell: ['onCommand'], node: [] });

    // A call through the bridge gets the handler's envelope and nothing else (no IPC event object).
    const reply = await window.evaluate(() => (globalThis as unknown as { api: { getAppState(payload: object): Promise<Record<string, unknown>> } }).api.getAppState({}));
    expect(Object.keys(reply).sort()).toEqual(['ok', 'result']);
    expect(reply).toMatchObject({ ok: true, result: { profile: null } });
    // The bridge checks its input like the server does.
    const refused = await window.evaluate(() => (globalThis as unknown as { api: { saveProfile(payload: object): Promise<Record<string, unknown>> } }).api.saveProfile({ firstName: 1 }));
    expect(refused).toMatchObject({ ok: false });
  });

  it.skipIf(!OS_SANDBOX_POSSIBLE)('the page’s renderer process is sandboxed by the operating system, not only by its settings', async () => {
    const { app, window } = await apps.launch();
    await expect.poll(() => window.getByRole('heading', { name: 'Profil pracownika' }).isVisible()).toBe(true);
    const renderer = await app.evaluate(({ app: electronApp, BrowserWindow }) => {
      const pid = BrowserWindow.getAllWindows()[0]!.webContents.getOSProcessId();
      return { pid, sandboxed: electronApp.getAppMetrics().find((metric) => metric.pid === pid)?.sandboxed ?? null };
    });
    if (process.platform === 'linux') {
      // Electron reports this only on Windows and macOS; on Linux the kernel says it: a seccomp-bpf filter on the process.
      expect(readFileSync(`/proc/${renderer.pid}/status`, 'utf8')).toMatch(/^Seccomp:\s+2$/m);
    } else {
      expect(renderer.sandboxed).toBe(true);
    }
  });
});

if (!OS_SANDBOX_POSSIBLE && !unavailable) console.warn('[desktop] the OS-level sandbox check is skipped: Chromium does not sandbox as root on Linux');
