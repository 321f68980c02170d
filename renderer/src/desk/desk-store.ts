import { create } from 'zustand';
import type { ApiInput, ApiOutput } from '../../../shared/contract/api';
import { getApi } from '../api/instance';

/**
 * What happens at the clerk's desk around the call, kept only in the window
 * (nothing of it is a record): the content hidden for privacy, a client
 * waiting in person, the de-escalation card open.
 */
interface DeskStore {
  /** The window shows a neutral screen: someone may be looking (§6 pkt 5, §6 pkt 2). */
  hidden: boolean;
  /** When the client being served in person began waiting for the phone call to end; null: nobody waiting. */
  clientWaitingSince: number | null;
  deescalationOpen: boolean;
  toggleHidden(): void;
  toggleClientWaiting(now?: number): void;
  toggleDeescalation(): void;
}

export const useDeskStore = create<DeskStore>()((set) => ({
  hidden: false,
  clientWaitingSince: null,
  deescalationOpen: false,
  toggleHidden: () => set((s) => ({ hidden: !s.hidden })),
  toggleClientWaiting: (now = Date.now()) => set((s) => ({ clientWaitingSince: s.clientWaitingSince === null ? now : null })),
  toggleDeescalation: () => set((s) => ({ deescalationOpen: !s.deescalationOpen })),
}));

/** The overlay's own title-bar buttons (desktop). */
export function windowControl(action: ApiInput<'windowControl'>['action']): void {
  void getApi().windowControl({ action });
}

/** Keeps the tray's tooltip timer in step with the call (desktop); a failure changes nothing. */
export function followCall(startedAt: number | null): void {
  void getApi().followCall({ startedAt }).catch(() => undefined);
}

/** The start-of-day readiness check, done or skipped. */
export function saveShift(input: ApiInput<'saveShift'>): Promise<ApiOutput<'saveShift'>> {
  return getApi().saveShift(input);
}

/** Removes the months past retention the person was told about and agreed to. */
export function applyRetention(months: string[]): Promise<ApiOutput<'applyRetention'>> {
  return getApi().applyRetention({ months });
}
