import { z } from 'zod';
import type { ActiveCall } from './call-machine';

/**
 * The state of one checklist item in a call, and the two ways it changes.
 * Kept apart from the reducer so the outbound script and the compliance rules
 * can tick items without importing the reducer (no import cycle).
 */
export const ItemStateSchema = z.object({
  done: z.boolean(),
  /** Offset of the latest tick from the call's start; null when never ticked. */
  atMs: z.number().int().min(0).nullable(),
  /**
   * The tick came after `Zakończ rozmowę`, or in a burst of ticks at the very
   * end: recorded as done, and marked as ticked at wrap-up.
   */
  atWrapUp: z.boolean(),
});
export type ItemState = z.infer<typeof ItemStateSchema>;

/** Checklist item id of the §6 pkt 6 greeting, which every call opens with. */
export const GREETING_ITEM_ID = 'greeting';
/** Outbound: ticked by the answer to "Czy rozmawiam z …?" (outbound.ts). */
export const IDENTITY_ITEM_ID = 'identity-confirmed';
/** Outbound: ticked by the answer to "Czy to dobry moment?" (outbound.ts). */
export const GOOD_MOMENT_ITEM_ID = 'good-moment-asked';

export const UNTICKED: ItemState = { done: false, atMs: null, atWrapUp: false };

// Own keys only: an id such as "constructor" must not reach Object.prototype.
export function ownItem(call: Pick<ActiveCall, 'items'>, itemId: string): ItemState | undefined {
  return Object.hasOwn(call.items, itemId) ? call.items[itemId] : undefined;
}

export function toggleItem(call: ActiveCall, itemId: string, at: number, atWrapUp: boolean): ActiveCall {
  const current = ownItem(call, itemId);
  if (!current) return call;
  const next: ItemState = current.done
    ? UNTICKED
    : { done: true, atMs: Math.max(0, Math.round(at - call.startedAt)), atWrapUp };
  return { ...call, items: { ...call.items, [itemId]: next } };
}

/** Ticks an item if it is on the checklist and not ticked yet (answers in the outbound script do this). */
export function tickIfOpen(call: ActiveCall, itemId: string, at: number): ActiveCall {
  const current = ownItem(call, itemId);
  return current && !current.done ? toggleItem(call, itemId, at, false) : call;
}

/**
 * Puts back an item's tick as it was before the clerk unticked it (undo): the
 * same time, the same wrap-up mark. Only a tick, only over an unticked item,
 * and never later than the call has run.
 */
export function restoreItem(call: ActiveCall, itemId: string, item: ItemState, now: number): ActiveCall {
  const current = ownItem(call, itemId);
  if (!current || current.done || !item.done || item.atMs === null || item.atMs > now - call.startedAt) return call;
  return { ...call, items: { ...call.items, [itemId]: { done: true, atMs: item.atMs, atWrapUp: item.atWrapUp } } };
}

/** Unticks an item if it is ticked (an outbound answer taken back does this). */
export function untickIfDone(call: ActiveCall, itemId: string): ActiveCall {
  const current = ownItem(call, itemId);
  return current?.done ? { ...call, items: { ...call.items, [itemId]: UNTICKED } } : call;
}
