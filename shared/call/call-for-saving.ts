import type { ActiveCall } from './call-machine';
import type { ChecklistCatalog } from './checklist-catalog';
import { UNTICKED, ownItem, type ItemState } from './call-items';
import { markLateBurst } from './compliance';
import { EARLIEST_RECORD_YEAR } from '../journal/record-base';

/**
 * The call a save may store, built on the service's side from what the window
 * sends: the checklist comes from the catalog (by id and version), and of the
 * window's checklist only the ticks of known items are taken, with their
 * times. A call the window could not have produced is refused whole — nothing
 * about it is guessed or repaired.
 */

/** A call lasting longer than this is not one call: a call window left open over a weekend, or a forged time. */
export const LONGEST_CALL_MS = 24 * 60 * 60 * 1000;
/** The oldest a call being saved may be: a draft kept over a long leave is still saved; a call from a year ago is not. */
export const OLDEST_CALL_MS = 31 * 24 * 60 * 60 * 1000;
/** How far the window's clock readings may run ahead of the service's (they are one computer's clock; a little slack for the trip). */
export const CLOCK_SLACK_MS = 5 * 60 * 1000;

export type CallForSavingProblem =
  | 'unknown-checklist'
  | 'unknown-item'
  | 'clock-before-records'
  | 'starts-in-future'
  | 'ends-in-future'
  | 'starts-long-ago'
  | 'ends-before-start'
  | 'too-long'
  | 'tick-outside-call';

export function callForSaving(call: ActiveCall, catalog: ChecklistCatalog, now: number): { call: ActiveCall } | { problem: CallForSavingProblem } {
  const definition = catalog.get(call.checklist.id, call.checklist.version);
  if (!definition || definition.direction !== call.direction) return { problem: 'unknown-checklist' };
  const known = new Set(definition.items.map((i) => i.id));
  if (Object.keys(call.items).some((id) => !known.has(id))) return { problem: 'unknown-item' };
  // A computer's clock set years back would file the call where no register looks.
  if (new Date(Math.min(call.startedAt, now)).getUTCFullYear() < EARLIEST_RECORD_YEAR) return { problem: 'clock-before-records' };
  if (call.startedAt > now + CLOCK_SLACK_MS) return { problem: 'starts-in-future' };
  if (call.endedAt !== null && call.endedAt > now + CLOCK_SLACK_MS) return { problem: 'ends-in-future' };
  // A call is saved the day it is made, or after a few days away at the most: one from months ago is not a call being wrapped up.
  if (call.startedAt < now - OLDEST_CALL_MS) return { problem: 'starts-long-ago' };
  const endedAt = call.endedAt ?? now;
  if (endedAt < call.startedAt) return { problem: 'ends-before-start' };
  if (endedAt - call.startedAt > LONGEST_CALL_MS) return { problem: 'too-long' };
  const duration = endedAt - call.startedAt;
  // Ticks happen between the start and this save; one after the end was made at wrap-up and says so.
  const latest = now + CLOCK_SLACK_MS - call.startedAt;
  const items: Record<string, ItemState> = {};
  for (const item of definition.items) {
    const state = ownItem(call, item.id) ?? UNTICKED;
    if (state.done) {
      if (state.atMs === null || state.atMs > latest || (state.atMs > duration && !state.atWrapUp)) return { problem: 'tick-outside-call' };
      items[item.id] = { done: true, atMs: state.atMs, atWrapUp: state.atWrapUp };
    } else items[item.id] = UNTICKED;
  }
  // The end marks a late burst of ticks; marked again here so a window cannot leave it out.
  return { call: markLateBurst({ ...call, checklist: definition, items, endedAt }) };
}
