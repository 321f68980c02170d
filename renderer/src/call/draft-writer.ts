import type { CallState } from '../../../shared/call/call-machine';
import { getApi } from '../api/instance';
import { afterNextPaint } from './frames';

/**
 * Sends the call in progress to draft.json after every change. Only one write
 * is in flight at a time and only the newest state waits behind it, so fast
 * typing costs one write per round trip, never a queue of stale states.
 */
let inFlight = false;
let pending: CallState | null = null;
let report: (error: unknown | null) => void = () => undefined;

export function persistDraft(state: CallState): void {
  const idle = !inFlight && !pending;
  pending = state;
  if (idle) {
    inFlight = true;
    // The write waits for the frame that shows the change: serialising the
    // call and starting a request cost a few milliseconds that must not delay
    // the greeting appearing. A frame later the state is on its way to disk.
    afterNextPaint(() => void flush());
  }
}

/** Called with the error after a failed write, and with null after the next write that succeeds. */
export function onDraftWrite(handler: (error: unknown | null) => void): void {
  report = handler;
}

async function flush(): Promise<void> {
  while (pending) {
    const state = pending;
    pending = null;
    try {
      await getApi().saveDraft({ state });
      report(null);
    } catch (error) {
      report(error);
    }
  }
  inFlight = false;
  for (const resolve of idleWaiters.splice(0)) resolve();
}

const idleWaiters: (() => void)[] = [];

/** For tests: resolves once every queued write has been sent. */
export function draftIdle(): Promise<void> {
  if (!inFlight && !pending) return Promise.resolve();
  return new Promise((resolve) => idleWaiters.push(resolve));
}
