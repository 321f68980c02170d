import type { HotkeyAction } from '../settings/preferences';

/**
 * What the desktop shell (a global hotkey, the tray menu) asks of the window:
 * the same actions the window's own keys do. Sent over one IPC channel; the
 * preload passes on nothing but these names.
 */
export const SHELL_COMMANDS = ['start-incoming', 'start-outgoing', 'end-call', 'toggle-privacy'] as const;
export type ShellCommand = (typeof SHELL_COMMANDS)[number];
export const SHELL_COMMAND_CHANNEL = 'shell:command';

export function isShellCommand(value: unknown): value is ShellCommand {
  return typeof value === 'string' && (SHELL_COMMANDS as readonly string[]).includes(value);
}

/**
 * What each global hotkey asks of the window (showing and hiding the window
 * itself is the shell's own), and whether the window comes forward for it:
 * a call started does; privacy and ending a call do not (someone is looking,
 * or the clerk is busy elsewhere).
 */
export const HOTKEY_COMMANDS: Record<Exclude<HotkeyAction, 'toggleWindow'>, { command: ShellCommand; show: boolean }> = {
  startIncoming: { command: 'start-incoming', show: true },
  startOutgoing: { command: 'start-outgoing', show: true },
  endCall: { command: 'end-call', show: false },
  privacy: { command: 'toggle-privacy', show: false },
};
