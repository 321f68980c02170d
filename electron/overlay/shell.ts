import type { BrowserWindow } from 'electron';
import type { Preferences } from '../../shared/settings/preferences';
import type { DesktopShell, HotkeyProblem } from '../services/app-services';
import type { HotkeyRegistry } from './hotkeys';
import type { AppTray } from './tray';

/**
 * The desktop app's side of the preferences and of the window's controls:
 * what the Node services cannot do themselves. The window and tray may not
 * exist yet when the preferences are first applied (start-up): they pick the
 * preferences up when they are made.
 */
export const OVERLAY_SIZE = {
  compact: { width: 380, height: 560 },
  expanded: { width: 460, height: 760 },
} as const;

/** Slightly see-through, never so much that the text gets hard to read. */
export const TRANSPARENT_OPACITY = 0.92;

export interface LoginItems {
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean; args?: string[] }): void;
}

export interface ShellParts {
  window(): BrowserWindow | null;
  tray(): AppTray | null;
  hotkeys: HotkeyRegistry;
  app: LoginItems;
}

export function createDesktopShell(parts: ShellParts): DesktopShell {
  return {
    apply(next: Preferences, previous: Preferences | null): HotkeyProblem[] {
      const problems = parts.hotkeys.apply(next.hotkeys, previous?.hotkeys ?? null);
      // The flag travels on the command line: started by the system at login, the app
      // knows to stay in the tray if the clerk asked for that.
      parts.app.setLoginItemSettings({ openAtLogin: next.startAtLogin, openAsHidden: next.startHidden, args: next.startHidden ? ['--hidden'] : [] });
      const window = parts.window();
      if (window) applyToWindow(window, next, previous);
      parts.tray()?.update({ language: next.language });
      return problems;
    },
    followCall(startedAt: number | null) {
      parts.tray()?.followCall(startedAt);
    },
    suspendHotkeys(suspended: boolean) {
      parts.hotkeys.suspend(suspended);
    },
    windowControl(action) {
      const window = parts.window();
      if (!window) return;
      if (action === 'minimize') window.minimize();
      else if (action === 'hide') window.hide();
    },
  };
}

/** What the preferences change on a window that is already open. */
export function applyToWindow(window: BrowserWindow, next: Preferences, previous: Preferences | null): void {
  window.setOpacity(next.transparent ? TRANSPARENT_OPACITY : 1);
  if (!previous || previous.compact !== next.compact) {
    const size = next.compact ? OVERLAY_SIZE.compact : OVERLAY_SIZE.expanded;
    window.setSize(size.width, size.height);
  }
}
