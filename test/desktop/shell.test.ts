import { spawnSync } from 'node:child_process';
import type { Menu, Tray } from 'electron';
import type { ElectronApplication, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SHELL_COMMAND_CHANNEL, type ShellCommand } from '../../shared/contract/shell-commands';
import { DEFAULT_HOTKEYS } from '../../shared/settings/preferences';
import { desktopSkipReason, firstRun, freshDesktopApps, windowVisible } from './desktop-app';

const unavailable = desktopSkipReason();

/**
 * A key press the system delivers as if typed: xdotool through the X server
 * (Xvfb on the hosted CI). Elsewhere no tool is trusted to do it, and the
 * test that needs one says so.
 */
const pressKeysReason = process.platform !== 'linux' ? 'a system-wide key press is only sent on Linux (xdotool under X)' : spawnSync('xdotool', ['version']).status === 0 ? null : 'xdotool is not installed';
if (!unavailable && pressKeysReason) console.warn(`[desktop] the real hotkey press is skipped: ${pressKeysReason}`);

/** Presses keys at the system level ("ctrl+alt+h"), so that only a global hotkey can catch them. */
function pressSystemKeys(keys: string): void {
  const result = spawnSync('xdotool', ['key', keys]);
  if (result.status !== 0) throw new Error(`xdotool key ${keys} failed: ${result.stderr}`);
}

/** xdotool's spelling of an accelerator from the preferences ("CommandOrControl+Alt+H" → "ctrl+alt+h"). */
function xdotoolKeys(accelerator: string): string {
  return accelerator
    .split('+')
    .map((part) => (part === 'CommandOrControl' ? 'ctrl' : part.toLowerCase()))
    .join('+');
}

/**
 * The tray is made inside the main process and kept to itself. Its menu is
 * rebuilt on every change (window shown or hidden, language), so the test
 * watches what menus the tray is given from now on, and can read and choose
 * from the one it shows. Nothing the app does changes: the real method runs.
 */
async function watchTrayMenus(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ Tray: TrayClass }) => {
    const given: { tray: Tray; menu: Menu }[] = [];
    (globalThis as Record<string, unknown>).__trayMenusGiven = given;
    const setContextMenu = TrayClass.prototype.setContextMenu;
    TrayClass.prototype.setContextMenu = function (this: Tray, menu: Menu | null) {
      if (menu) given.push({ tray: this, menu });
      return setContextMenu.call(this, menu);
    };
  });
}

/** The menu the tray shows now: its items' labels, and whether the tray icon is still there. */
function trayMenu(app: ElectronApplication): Promise<{ trayIconThere: boolean; labels: string[] } | null> {
  return app.evaluate(() => {
    const given = (globalThis as Record<string, unknown>).__trayMenusGiven as { tray: Tray; menu: Menu }[];
    const last = given.at(-1);
    if (!last) return null;
    return { trayIconThere: !last.tray.isDestroyed(), labels: last.menu.items.filter((item) => item.type !== 'separator').map((item) => item.label) };
  });
}

/** Chooses an item of the tray's menu, as a click on it would. */
async function chooseFromTray(app: ElectronApplication, label: string): Promise<void> {
  await app.evaluate((_electron, wanted) => {
    const given = (globalThis as Record<string, unknown>).__trayMenusGiven as { tray: Tray; menu: Menu }[];
    const item = given.at(-1)!.menu.items.find((candidate) => candidate.label === wanted);
    if (!item) throw new Error(`the tray's menu has no "${wanted}"`);
    (item.click as () => void)();
  }, label);
}

/** What the main process sends the window for a hotkey or a tray item (electron/main.ts, command()). */
async function sendShellCommand(app: ElectronApplication, command: ShellCommand): Promise<void> {
  await app.evaluate(({ BrowserWindow }, [channel, name]) => BrowserWindow.getAllWindows()[0]!.webContents.send(channel, name), [SHELL_COMMAND_CHANNEL, command] as const);
}

const greeting = (window: Page) => window.getByRole('region', { name: 'Powitanie' });
const privacyScreenUp = (window: Page) => window.getByRole('button', { name: /Pokaż okno/ }).isVisible();
/** All the text on screen, the title bar's two glyph buttons (minimise, hide) left out. */
const screenText = async (window: Page) => (await window.innerText('body')).replace(/[‒×\s]+/g, ' ').trim();

describe.skipIf(unavailable)('the desktop shell: tray, global hotkeys, privacy screen', () => {
  const apps = freshDesktopApps('asystent-desktop-shell-');

  it('the tray icon is there; hidden to the tray, its menu offers the window back, and a call started from it brings the window with the call', async () => {
    const { app, window } = await apps.launch();
    await watchTrayMenus(app);
    await firstRun(window);

    await window.getByRole('button', { name: 'Ukryj do zasobnika (aplikacja działa dalej)' }).click();
    await expect.poll(() => windowVisible(app)).toBe(false);
    await expect.poll(() => trayMenu(app)).toEqual({ trayIconThere: true, labels: ['Połączenie przychodzące', 'Połączenie wychodzące', 'Pokaż okno', 'Zakończ program'] });

    await chooseFromTray(app, 'Połączenie przychodzące');
    await expect.poll(() => windowVisible(app)).toBe(true);
    await expect.poll(() => greeting(window).isVisible()).toBe(true);
    await expect.poll(() => trayMenu(app)).toEqual({ trayIconThere: true, labels: ['Połączenie przychodzące', 'Połączenie wychodzące', 'Ukryj okno', 'Zakończ program'] });
  });

  it('the default global hotkeys are registered with the system, each of them, and nothing else answers', async () => {
    const { app } = await apps.launch();
    const accelerators = Object.values(DEFAULT_HOTKEYS);
    await expect.poll(() => app.evaluate(({ globalShortcut }, wanted) => wanted.filter((accelerator) => globalShortcut.isRegistered(accelerator)), accelerators)).toEqual(accelerators);
    // A combination the app does not use reads as free: the answer above is not just "yes" to anything.
    expect(await app.evaluate(({ globalShortcut }) => globalShortcut.isRegistered('CommandOrControl+Alt+Shift+F24'))).toBe(false);
  });

  it('the privacy command (what its hotkey sends) leaves nothing of the call on screen; F9 in the window brings it all back, the call still going', async () => {
    const { app, window } = await apps.launch();
    await firstRun(window);
    await window.keyboard.press('F2');
    await expect.poll(() => greeting(window).isVisible()).toBe(true);

    await sendShellCommand(app, 'toggle-privacy');
    await expect.poll(() => privacyScreenUp(window)).toBe(true);
    expect(await screenText(window)).toBe('Pokaż okno F9');

    await window.keyboard.press('F9');
    await expect.poll(() => greeting(window).isVisible()).toBe(true);
    expect(await privacyScreenUp(window)).toBe(false);
  });

  it.skipIf(pressKeysReason)('pressed on the keyboard while the window is in the tray, the privacy hotkey hides the content without showing the window; the window hotkey shows it still private, and privacy again brings the call back', async () => {
    const { app, window } = await apps.launch();
    await firstRun(window);
    await window.keyboard.press('F2');
    await expect.poll(() => greeting(window).isVisible()).toBe(true);
    await window.getByRole('button', { name: 'Ukryj do zasobnika (aplikacja działa dalej)' }).click();
    await expect.poll(() => windowVisible(app)).toBe(false);

    pressSystemKeys(xdotoolKeys(DEFAULT_HOTKEYS.privacy));
    await expect.poll(() => privacyScreenUp(window)).toBe(true);
    expect(await windowVisible(app)).toBe(false); // someone is looking: the window does not jump forward

    pressSystemKeys(xdotoolKeys(DEFAULT_HOTKEYS.toggleWindow));
    await expect.poll(() => windowVisible(app)).toBe(true);
    expect(await screenText(window)).toBe('Pokaż okno F9');

    pressSystemKeys(xdotoolKeys(DEFAULT_HOTKEYS.privacy));
    await expect.poll(() => greeting(window).isVisible()).toBe(true);
  });
});
