import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, afterEach, expect } from 'vitest';
import { defaultDataDir } from '../../electron/data-dir';

/**
 * The built desktop app, started for real in Electron and driven through
 * Playwright's Electron support. Every test gets its own app on its own
 * empty data directory, closed after the test the way the clerk quits it.
 */

/** The project's root: Electron is pointed at it, as `npm start` does, so package.json's main (out/main/index.js) starts. */
export const APP_ROOT = resolve('.');
export const MAIN_ENTRY = join(APP_ROOT, 'out', 'main', 'index.js');
export const PRELOAD_ENTRY = join(APP_ROOT, 'out', 'preload', 'index.cjs');

const require = createRequire(import.meta.url);

/**
 * The path `require('electron')` gives, worked out without requiring it:
 * since Electron 42 that require downloads the binary when it is missing,
 * and a test must not start a download (or hang without a network) just to
 * find out that it cannot run. null when the binary is not there.
 */
export function electronBinary(): string | null {
  let electronDir: string;
  try {
    electronDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(electronDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  // The same override the electron package itself honours.
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, name ?? (process.platform === 'win32' ? 'electron.exe' : 'electron')) : name ? join(electronDir, 'dist', name) : null;
  return binary && existsSync(binary) ? binary : null;
}

/** Why the desktop tests cannot run here, or null when they can. */
export function desktopUnavailableReason(): string | null {
  if (!electronBinary()) return 'no Electron binary in node_modules/electron (fetch it with: node scripts/start.mjs --check-electron)';
  if (!existsSync(MAIN_ENTRY) || !existsSync(PRELOAD_ENTRY)) return 'the app is not built (run npm run build)';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'no display to open a window on (on Linux, run under xvfb-run)';
  return null;
}

/**
 * Why this machine skips the desktop tests, or null when it runs them. Where
 * they are required (the hosted CI, DESKTOP_REQUIRED=1) a missing binary is
 * an error, not a skip; a skip is said in the output.
 */
export function desktopSkipReason(): string | null {
  const unavailable = desktopUnavailableReason();
  if (unavailable && process.env.DESKTOP_REQUIRED) throw new Error(`Desktop tests are required here but cannot run: ${unavailable}`);
  if (unavailable) console.warn(`[desktop] skipped: ${unavailable}`);
  return unavailable;
}

/**
 * Chromium will not start its sandbox as root on Linux (a container's root
 * user); there, and only there, Playwright's --no-sandbox is left in, and the
 * test of the OS-level sandbox says it cannot be checked.
 */
export const OS_SANDBOX_POSSIBLE = !(process.platform === 'linux' && process.getuid?.() === 0);

export interface DesktopApp {
  app: ElectronApplication;
  /** The overlay's page. */
  window: Page;
  /** Where this app keeps the journal, settings and draft. */
  dataDir: string;
}

/**
 * The environment for one app: everything the tests have, except what would
 * turn Electron into plain Node, and the per-user folders moved into a new
 * temporary folder, so the data directory (electron/data-dir.ts) is a fresh
 * one and the clerk's real records are never touched.
 */
function appEnvironment(root: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE' && key !== 'NODE_OPTIONS') env[key] = value;
  }
  env.XDG_CONFIG_HOME = root; // Linux: the data directory, and Electron's own profile too
  env.APPDATA = root; // Windows: the data directory
  if (process.platform === 'darwin') env.HOME = root;
  return env;
}

/** Ends an app that did not quit: on Windows Playwright starts it through a shell, so the whole tree goes. */
function kill(app: ElectronApplication): void {
  const child = app.process();
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (process.platform === 'win32' && child.pid) spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F']);
  else child.kill('SIGKILL');
}

/**
 * Quits as the tray's "Zakończ program" does (app.quit: the services flush,
 * the hotkeys and the tray go), and waits until the process has ended.
 */
export async function quit(app: ElectronApplication): Promise<void> {
  const child = app.process();
  if (child.exitCode !== null || child.signalCode !== null) return;
  const ended = new Promise<void>((done) => child.once('exit', () => done()));
  await app.evaluate(({ app: electronApp }) => void setImmediate(() => electronApp.quit())).catch(() => undefined);
  await ended;
  await app.close().catch(() => undefined); // Playwright's side of the connection; the app is already gone
}

/**
 * For a file's tests: `launch()` starts the built app on a new data
 * directory; each app is quit after its test, and anything still running
 * when the file ends (a test that failed half-way) is ended.
 */
export function freshDesktopApps(prefix: string): { launch(extraArgs?: string[]): Promise<DesktopApp> } {
  const running: ElectronApplication[] = [];
  afterEach(async () => {
    for (const app of running.splice(0)) {
      try {
        await quit(app);
      } finally {
        kill(app);
      }
    }
  });
  afterAll(() => {
    for (const app of running.splice(0)) kill(app);
  });
  return {
    async launch(extraArgs = []) {
      const root = mkdtempSync(join(tmpdir(), prefix));
      const env = appEnvironment(root);
      const app = await _electron.launch({
        executablePath: electronBinary()!,
        args: [APP_ROOT, ...extraArgs],
        cwd: APP_ROOT,
        env,
        chromiumSandbox: OS_SANDBOX_POSSIBLE,
        timeout: 60_000,
      });
      running.push(app);
      const window = await app.firstWindow();
      await window.waitForLoadState('domcontentloaded');
      return { app, window, dataDir: defaultDataDir(env, process.platform) };
    },
  };
}

/** Whether the overlay window is on screen (shown, not minimised). */
export function windowVisible(app: ElectronApplication): Promise<boolean> {
  return app.evaluate(({ BrowserWindow }) => {
    const [window] = BrowserWindow.getAllWindows();
    return Boolean(window && window.isVisible() && !window.isMinimized());
  });
}

/** The first start as a clerk, in the app's own window: the profile, then the readiness check skipped for today. */
export async function firstRun(window: Page): Promise<void> {
  await expect.poll(() => window.getByRole('heading', { name: 'Profil pracownika' }).isVisible()).toBe(true);
  await window.getByLabel('Imię').fill('Ewa');
  await window.getByLabel('Nazwisko').fill('Zielińska');
  await window.getByLabel('Komórka organizacyjna').fill('Centrum Aktywizacji Zawodowej');
  await window.getByRole('button', { name: 'Zapisz profil' }).click();
  await expect.poll(() => window.getByRole('heading', { name: 'Gotowość do dyżuru' }).isVisible()).toBe(true);
  await window.getByRole('button', { name: 'Pomiń dziś' }).click();
  await expect.poll(() => window.getByRole('button', { name: /Połączenie przychodzące/ }).isVisible()).toBe(true);
}

/** The journal's month files (`calls/<clerk>/<YYYY-MM>.jsonl`), relative to the data directory. */
export function journalFiles(dataDir: string): string[] {
  const calls = join(dataDir, 'calls');
  if (!existsSync(calls)) return [];
  return readdirSync(calls).flatMap((clerk) =>
    readdirSync(join(calls, clerk))
      .filter((name) => name.endsWith('.jsonl'))
      .map((name) => `calls/${clerk}/${name}`),
  );
}

/** The call records in the journal, each one line of a month file. */
export function journalCalls(dataDir: string): Record<string, unknown>[] {
  return journalFiles(dataDir)
    .flatMap((file) => readFileSync(join(dataDir, file), 'utf8').split('\n'))
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((record) => record.type === 'call');
}
