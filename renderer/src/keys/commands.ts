import type { ShellCommand } from '../../../shared/contract/shell-commands';
import { useCallStore } from '../call/call-store';
import { useDeskStore } from '../desk/desk-store';
import { KEYS } from './keys';
import { startDirection } from './start-call';

/**
 * The commands a key can give, whoever gives it: the window's own keys
 * (F2, F3, F4, F9), a global hotkey or the tray (sent by the desktop shell).
 * One table and one handler, so the window's key and the hotkey for the same
 * thing cannot come to do different things.
 */
export const KEY_COMMANDS: Readonly<Record<string, ShellCommand>> = {
  [KEYS.startIncoming]: 'start-incoming',
  [KEYS.startOutgoing]: 'start-outgoing',
  [KEYS.endCall]: 'end-call',
  [KEYS.hide]: 'toggle-privacy',
};

/** Does what the command asks, if it applies now; whether it did. */
export function runCommand(command: ShellCommand): boolean {
  const desk = useDeskStore.getState();
  if (command === 'toggle-privacy') {
    desk.toggleHidden();
    return true;
  }
  // While the content is hidden nothing changes under it.
  if (desk.hidden) return false;
  const { state, dispatch } = useCallStore.getState();
  if (command === 'end-call') {
    if (state.phase !== 'in-call') return false;
    dispatch({ type: 'end', at: Date.now() });
    return true;
  }
  if (state.phase !== 'idle') return false;
  startDirection(command === 'start-incoming' ? 'incoming' : 'outgoing');
  return true;
}
