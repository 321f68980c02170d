import { useEffect } from 'react';
import type { ShellCommand } from '../../../shared/contract/shell-commands';
import { isDesktop } from '../api/platform';
import { useCallStore } from '../call/call-store';
import { followCall, useDeskStore } from './desk-store';
import { startDirection } from '../keys/use-hotkeys';

declare global {
  interface Window {
    shell?: { onCommand(listener: (command: ShellCommand) => void): void };
  }
}

/** What a global hotkey or the tray asks of the window (desktop only): the same as the window's own keys. */
export function handleShellCommand(command: ShellCommand): void {
  const { state, dispatch } = useCallStore.getState();
  if (command === 'toggle-privacy') useDeskStore.getState().toggleHidden();
  // While the content is hidden nothing changes under it, as with the window's own keys.
  else if (useDeskStore.getState().hidden) return;
  else if (command === 'start-incoming') startDirection('incoming');
  else if (command === 'start-outgoing') startDirection('outgoing');
  else if (command === 'end-call' && state.phase === 'in-call') dispatch({ type: 'end', at: Date.now() });
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
