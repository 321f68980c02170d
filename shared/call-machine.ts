import { z } from 'zod';
import { ChecklistDefinitionSchema, itemApplies, type ChecklistDefinition, type ChecklistItem } from './checklist';
import { OUTCOMES, type Outcome } from './outcomes';

/**
 * The call as a pure state machine: idle → in-call → wrap-up → (saved) idle.
 *
 * Every event carries the clock reading it happened at (`at`, epoch ms), so
 * the reducer stays pure and replayable; the store supplies Date.now().
 * Events that make no sense in the current phase leave the state untouched.
 * The whole state is what draft.json holds, hence the zod schema.
 */
/** How much the clerk may type into the note. */
export const NOTE_MAX_LENGTH = 500;
/**
 * How long a note may be once masked: a token can be longer than what it
 * hides ("ABC123456" → "[nr dokumentu]"), and the draft and the record hold
 * the masked text.
 */
export const STORED_NOTE_MAX_LENGTH = 2 * NOTE_MAX_LENGTH;

const ItemStateSchema = z.object({
  done: z.boolean(),
  /** Offset of the latest tick from the call's start; null when never ticked. */
  atMs: z.number().int().min(0).nullable(),
  /** The latest tick came after `Zakończ rozmowę` (kept as a fact, not hidden). */
  atWrapUp: z.boolean(),
});
export type ItemState = z.infer<typeof ItemStateSchema>;

export const ActiveCallSchema = z.object({
  id: z.string().uuid(),
  direction: z.enum(['incoming', 'outgoing']),
  startedAt: z.number().int().min(0),
  endedAt: z.number().int().min(0).nullable(),
  checklist: ChecklistDefinitionSchema,
  items: z.record(z.string(), ItemStateSchema),
  personalData: z.boolean(),
});
export type ActiveCall = z.infer<typeof ActiveCallSchema>;

export const CallStateSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('idle') }),
  z.object({ phase: z.literal('in-call'), call: ActiveCallSchema }),
  z.object({
    phase: z.literal('wrap-up'),
    call: ActiveCallSchema,
    outcome: z.enum(OUTCOMES).nullable(),
    note: z.string().max(STORED_NOTE_MAX_LENGTH),
  }),
]);
export type CallState = z.infer<typeof CallStateSchema>;
export type Direction = ActiveCall['direction'];

export type CallEvent =
  | { type: 'start'; id: string; direction: Direction; checklist: ChecklistDefinition; at: number }
  | { type: 'toggle-item'; itemId: string; at: number }
  | { type: 'set-personal-data'; value: boolean }
  | { type: 'end'; at: number }
  | { type: 'resume' }
  | { type: 'set-outcome'; outcome: Outcome }
  | { type: 'set-note'; note: string }
  | { type: 'saved' }
  | { type: 'discard' };

export const IDLE: CallState = { phase: 'idle' };

export function callReducer(state: CallState, event: CallEvent): CallState {
  switch (event.type) {
    case 'start':
      if (state.phase !== 'idle') return state;
      return { phase: 'in-call', call: newCall(event) };
    case 'toggle-item':
      if (state.phase === 'idle') return state;
      return withCall(state, toggleItem(state.call, event.itemId, event.at, state.phase === 'wrap-up'));
    case 'set-personal-data':
      if (state.phase === 'idle' || state.call.personalData === event.value) return state;
      return withCall(state, { ...state.call, personalData: event.value });
    case 'end':
      if (state.phase !== 'in-call') return state;
      return {
        phase: 'wrap-up',
        call: { ...state.call, endedAt: Math.max(event.at, state.call.startedAt) },
        outcome: null,
        note: '',
      };
    case 'resume':
      if (state.phase !== 'wrap-up') return state;
      return { phase: 'in-call', call: { ...state.call, endedAt: null } };
    case 'set-outcome':
      if (state.phase !== 'wrap-up') return state;
      return { ...state, outcome: event.outcome };
    case 'set-note':
      if (state.phase !== 'wrap-up') return state;
      return { ...state, note: event.note.slice(0, NOTE_MAX_LENGTH) };
    case 'saved':
      return state.phase === 'wrap-up' && state.outcome !== null ? IDLE : state;
    case 'discard':
      return IDLE;
  }
}

function newCall(event: Extract<CallEvent, { type: 'start' }>): ActiveCall {
  const items: Record<string, ItemState> = {};
  for (const item of event.checklist.items) items[item.id] = { done: false, atMs: null, atWrapUp: false };
  return {
    id: event.id,
    direction: event.direction,
    startedAt: event.at,
    endedAt: null,
    checklist: event.checklist,
    items,
    personalData: false,
  };
}

function toggleItem(call: ActiveCall, itemId: string, at: number, atWrapUp: boolean): ActiveCall {
  // Own keys only: an id such as "constructor" must not reach Object.prototype.
  const current = Object.hasOwn(call.items, itemId) ? call.items[itemId] : undefined;
  if (!current) return call;
  const next: ItemState = current.done
    ? { done: false, atMs: null, atWrapUp: false }
    : { done: true, atMs: Math.max(0, Math.round(at - call.startedAt)), atWrapUp };
  return { ...call, items: { ...call.items, [itemId]: next } };
}

function withCall(state: Exclude<CallState, { phase: 'idle' }>, call: ActiveCall): CallState {
  return call === state.call ? state : { ...state, call };
}

// ---- derived facts -------------------------------------------------------

export interface ChecklistRow {
  item: ChecklistItem;
  state: ItemState;
  applies: boolean;
  /** The key that ticks it: 1–9 in the order shown. */
  key: number;
}

export function checklistRows(call: ActiveCall): ChecklistRow[] {
  return call.checklist.items.map((item, index) => ({
    item,
    state: call.items[item.id] ?? { done: false, atMs: null, atWrapUp: false },
    applies: itemApplies(item, call.personalData),
    key: index + 1,
  }));
}

/** Items that count for this call but were not ticked. */
export function missingItems(call: ActiveCall): ChecklistItem[] {
  return checklistRows(call)
    .filter((row) => row.applies && !row.state.done)
    .map((row) => row.item);
}

/** The item behind number key `key` (1-based), if any. */
export function itemForKey(call: ActiveCall, key: number): ChecklistItem | undefined {
  return call.checklist.items[key - 1];
}

export function elapsedMs(call: ActiveCall, now: number): number {
  return Math.max(0, (call.endedAt ?? now) - call.startedAt);
}

/** Checklist item id of the §6 pkt 6 greeting, which every call opens with. */
export const GREETING_ITEM_ID = 'greeting';

/** Until the greeting is ticked the call is in its greeting stage. */
export function callStage(call: ActiveCall): 'greeting' | 'in-progress' {
  const greeting = call.items[GREETING_ITEM_ID];
  return greeting && !greeting.done ? 'greeting' : 'in-progress';
}
