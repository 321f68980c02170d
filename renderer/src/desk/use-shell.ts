import { useEffect } from 'react';
import type { ShellCommand } from '../../../shared/contract/shell-commands';
import { isDesktop } from '../api/platform';
import { useCallStore } from '../call/call-store';
import { followCall } from './desk-store';
import { runCommand } from '../keys/commands';

declare global {
  interface Window {
    shell?: { onCommand(listener: (command: ShellCommand) => void): void };
  }
}

/** What a global hotkey or the tray asks of the window (desktop only): the same as the window's own keys. */
export function handleShellCommand(command: ShellCommand): void {
  runCommand(command);
}

let subscribed = false;

/** Listens to the shell once, and keeps the tray's tooltip timer in step with the call. */
export function useShell(): void {
  useEffect(() => {
    if (subscribed || !window.shell) return;
    subscribed = true; // the preload offers no way to unsubscribe; one listener for the page's life
    window.shell.onCommand(handleShellCommand);
  }, []);
  const startedAt = useCallStore((s) => (s.state.phase === 'idle' ? null : s.state.call.startedAt));
  useEffect(() => {
    if (isDesktop()) followCall(startedAt);
  }, [startedAt]);
}
