import type { ActiveCall } from './call-machine';
import type { ChecklistItem } from './checklist';
import { factsOfCall, hadConversation, itemAppliesTo, type CallFacts } from './applicability';
import { GREETING_ITEM_ID, ownItem, UNTICKED, type ItemState } from './call-items';

/**
 * Honest compliance, without audio: when an item was ticked says whether it
 * was done during the call or remembered afterwards. Items ticked after
 * `Zakończ rozmowę`, or in a burst at the very end, keep their tick and are
 * marked as ticked at wrap-up.
 */
export const GREETING_DEADLINE_MS = 30_000;
/** A burst: at least this many ticks… */
export const BURST_MIN_ITEMS = 3;
/** …within this span of each other… */
export const BURST_WINDOW_MS = 3_000;
/** …in this last part of the call, and in its second half (a short call's first seconds are not its end). */
export const BURST_TAIL_MS = 15_000;

/** Marks the ticks of a late burst as ticked at wrap-up. Needs `endedAt`. */
export function markLateBurst(call: ActiveCall): ActiveCall {
  if (call.endedAt === null) return call;
  const duration = call.endedAt - call.startedAt;
  const tailStart = Math.max(duration - BURST_TAIL_MS, duration / 2);
  const late = Object.entries(call.items)
    .filter(([, s]) => s.done && !s.atWrapUp && s.atMs !== null && s.atMs >= tailStart)
    .sort((a, b) => a[1].atMs! - b[1].atMs!);
  const marked = new Set<string>();
  for (let first = 0; first < late.length; first++) {
    let last = first;
    while (last + 1 < late.length && late[last + 1]![1].atMs! - late[first]![1].atMs! <= BURST_WINDOW_MS) last++;
    if (last - first + 1 >= BURST_MIN_ITEMS) for (let i = first; i <= last; i++) marked.add(late[i]![0]);
  }
  if (marked.size === 0) return call;
  const items: Record<string, ItemState> = { ...call.items };
  for (const id of marked) items[id] = { ...items[id]!, atWrapUp: true };
  return { ...call, items };
}

/**
 * Back in the call after a wrap-up: marks that a burst set are lifted (the
 * next end judges again); ticks made after the end keep theirs.
 */
export function clearBurstMarks(call: ActiveCall): ActiveCall {
  if (call.endedAt === null) return call;
  const duration = call.endedAt - call.startedAt;
  let changed = false;
  const items: Record<string, ItemState> = { ...call.items };
  for (const [id, state] of Object.entries(call.items)) {
    if (state.done && state.atWrapUp && state.atMs !== null && state.atMs < duration) {
      items[id] = { ...state, atWrapUp: false };
      changed = true;
    }
  }
  return changed ? { ...call, items } : call;
}

export interface Adherence {
  /** Weighted share of the applicable items that were done, 0–1; null when nothing applied. */
  score: number | null;
  /** The greeting was ticked during the call within its first 30 seconds. */
  greetingWithin30s: boolean;
  /** How many of the done items were ticked at wrap-up (after the end, or in a late burst). */
  ticksAtWrapUp: number;
}

interface ItemFacts {
  item: Pick<ChecklistItem, 'id' | 'weight' | 'appliesWhen'>;
  state: ItemState;
}

/**
 * The score and its marks over items and their ticks. `applies` says which
 * items count (applicability.ts); `conversation`: whether there was one to
 * judge — without one, the greeting is not "late", there was none to give.
 */
export function adherenceOf(items: ItemFacts[], applies: (item: ItemFacts['item']) => boolean, conversation: boolean): Adherence {
  let applicable = 0;
  let done = 0;
  let ticksAtWrapUp = 0;
  let greetingWithin30s = false;
  for (const { item, state } of items) {
    if (state.done && state.atWrapUp) ticksAtWrapUp++;
    if (item.id === GREETING_ITEM_ID) {
      greetingWithin30s = conversation && state.done && !state.atWrapUp && state.atMs !== null && state.atMs <= GREETING_DEADLINE_MS;
    }
    if (!applies(item)) continue;
    applicable += item.weight;
    if (state.done) done += item.weight;
  }
  return { score: applicable === 0 ? null : done / applicable, greetingWithin30s, ticksAtWrapUp };
}

/** The score and its marks of a call with these facts (applicability.ts decides what counts). */
export function adherenceForFacts(items: ItemFacts[], facts: CallFacts): Adherence {
  return adherenceOf(items, (item) => itemAppliesTo(item, facts), hadConversation(facts));
}

export function callAdherence(call: ActiveCall): Adherence {
  return adherenceForFacts(
    call.checklist.items.map((item) => ({ item, state: ownItem(call, item.id) ?? UNTICKED })),
    factsOfCall(call),
  );
}
