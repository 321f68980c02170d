import { v7 as uuidv7 } from 'uuid';
import { create } from 'zustand';
import type { ApiOutput } from '../../../shared/contract/api';
import { getApi } from '../api/instance';

type Callback = ApiOutput<'listCallbacks'>['callbacks'][number];

interface CallbacksStore {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  callbacks: Callback[];
  error: unknown;
  /** Ids already announced in this session, so a due callback rings once. */
  announced: Set<string>;
  /** Ids whose in-window reminder the clerk closed. */
  dismissed: Set<string>;
  load(): Promise<void>;
  /** Moves a callback to another time (dueAt) or calls it off (null); throws what the service refused. */
  change(callbackOf: string, dueAt: number | null): Promise<void>;
  markAnnounced(id: string): void;
  dismiss(id: string): void;
}

/** The clerk's open callbacks, read from the journal (an agreed callback is a saved call). */
export const useCallbacksStore = create<CallbacksStore>()((set) => ({
  status: 'idle',
  callbacks: [],
  error: null,
  announced: new Set(),
  dismissed: new Set(),

  async load() {
    set((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading', error: null }));
    try {
      const { callbacks } = await getApi().listCallbacks({});
      set({ status: 'ready', callbacks });
    } catch (error) {
      set({ status: 'failed', error });
    }
  },

  async change(callbackOf, dueAt) {
    const input = dueAt === null ? { id: uuidv7(), callbackOf, change: 'cancelled' as const } : { id: uuidv7(), callbackOf, change: 'rescheduled' as const, dueAt };
    const { callbacks } = await getApi().changeCallback(input);
    // A moved callback rings again at its new time.
    set((s) => {
      const announced = new Set(s.announced);
      const dismissed = new Set(s.dismissed);
      announced.delete(callbackOf);
      dismissed.delete(callbackOf);
      return { status: 'ready', callbacks, announced, dismissed };
    });
  },

  markAnnounced(id) {
    set((s) => ({ announced: new Set(s.announced).add(id) }));
  },

  dismiss(id) {
    set((s) => ({ dismissed: new Set(s.dismissed).add(id) }));
  },
}));

/** A desktop notification of a callback due (the window shows it anyway; a refused notification changes nothing). */
export function notifyCallbackDue(title: string, body: string): void {
  void getApi().notify({ title, body }).catch(() => undefined);
}
