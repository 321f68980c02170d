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
