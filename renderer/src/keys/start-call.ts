import { checklistFor, useAppStore } from '../desk/app-store';
import { useCallStore, type OpenCallback } from '../call/call-store';

/** Starts a call from the idle screen (F2/F3, a global hotkey, the tray, a callback's *Zadzwoń teraz*); does nothing during a call. */
export function startDirection(direction: 'incoming' | 'outgoing', callback?: OpenCallback): void {
  const { state, startCall } = useCallStore.getState();
  const checklist = checklistFor(direction);
  if (state.phase !== 'idle' || !checklist || !useAppStore.getState().profile) return;
  useAppStore.getState().setView('call');
  startCall(checklist, callback);
}
