import { z } from 'zod';
import { lowerCaseUuid } from '../journal/ids';
import { ChecklistDefinitionSchema, type ChecklistDefinition, type ChecklistItem } from './checklist';
import { factsOfCall, itemAppliesTo } from './applicability';
import { GREETING_ITEM_ID, ItemStateSchema, ownItem, restoreItem, toggleItem, UNTICKED, type ItemState } from './call-items';
import { clearBurstMarks, markLateBurst } from './compliance';
import { OUTCOMES, type Outcome } from './outcomes';
import { answerGoodMoment, answerPerson, OutboundSchema, suggestedOutcome, type PersonAnswer } from './outbound';

/**
 * The call as a pure state machine: idle → in-call → wrap-up → (saved) idle.
 *
 * Every event carries the clock reading it happened at (`at`, epoch ms), so
 * the reducer stays pure and replayable; the store supplies Date.now().
 * Events that make no sense in the current phase leave the state untouched
 * (the very same object). The whole state is what draft.json holds, hence the
 * zod schema.
 */

/** How much the clerk may type into the note. */
export const NOTE_MAX_LENGTH = 500;
/**
 * How long a note may be once masked: a token can be longer than what it
 * hides ("ABC123456" → "[nr dokumentu]"), and the draft and the record hold
 * the masked text.
 */
export const STORED_NOTE_MAX_LENGTH = 2 * NOTE_MAX_LENGTH;
export const CALLBACK_REFERENCE_MAX_LENGTH = 120;
/** Clock readings past the year 9999 cannot be written as dates; refuse them at the door. */
export const LATEST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59);
const time = () => z.number().int().min(0).max(LATEST_TIME);

export const CallbackPlanSchema = z.object({
  /** When the clerk agreed to call back (epoch ms). */
  dueAt: time(),
  /** A short reference the clerk typed; masked before it is stored. */
  reference: z.string().max(2 * CALLBACK_REFERENCE_MAX_LENGTH),
});
export type CallbackPlan = z.infer<typeof CallbackPlanSchema>;

export const ActiveCallSchema = z.object({
  id: lowerCaseUuid(),
  direction: z.enum(['incoming', 'outgoing']),
  startedAt: time(),
  endedAt: time().nullable(),
  checklist: ChecklistDefinitionSchema,
  items: z.record(z.string(), ItemStateSchema),
  personalData: z.boolean(),
  /** The outbound script's progress; null for incoming calls. */
  outbound: OutboundSchema.nullable(),
  /** A callback agreed during this call. */
  callback: CallbackPlanSchema.nullable(),
  /** The earlier call whose agreed callback this call is. */
  callbackOf: lowerCaseUuid().nullable(),
  /** Where the caller was routed (§6 pkt 6), and when. */
  routedTo: z
    .object({ unitId: z.string().min(1).max(80), unitName: z.string().min(1).max(160), external: z.boolean(), at: time() })
    .nullable()
    .default(null),
  /** The caller was invited to the office (§6 pkt 6), with an appointment if one was made. */
  invitation: z
    .object({
      appointmentAt: time().nullable(),
      at: time(),
      /** The matter whose card invited: its card says the invitation is noted, another matter's does not. */
      matterId: z.string().max(80).optional(),
    })
    .nullable()
    .default(null),
});
export type ActiveCall = z.infer<typeof ActiveCallSchema>;

export const CallStateSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('idle') }),
  z.object({
    phase: z.literal('in-call'),
    call: ActiveCallSchema,
    /** What was chosen in a wrap-up the clerk went back from, restored on the next end. */
    kept: z.object({ outcome: z.enum(OUTCOMES).nullable(), note: z.string().max(STORED_NOTE_MAX_LENGTH) }).optional(),
  }),
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
  | {
      type: 'start';
      id: string;
      /** The call's checklist; its direction is the call's direction. */
      checklist: ChecklistDefinition;
      at: number;
      callbackOf?: string | null;
    }
  | { type: 'toggle-item'; itemId: string; at: number }
  /** Undo of an untick: the item's tick as it was. */
  | { type: 'restore-item'; itemId: string; item: ItemState; at: number }
  | { type: 'set-personal-data'; value: boolean }
  | { type: 'answer-person'; answer: PersonAnswer; at: number }
  | { type: 'answer-good-moment'; good: boolean; at: number }
  | { type: 'set-callback'; plan: CallbackPlan | null }
  | { type: 'route'; unit: { id: string; name: string; external: boolean }; at: number }
  | { type: 'invite'; appointmentAt: number | null; at: number; matterId?: string }
  | { type: 'end'; at: number }
  | { type: 'resume' }
  | { type: 'set-outcome'; outcome: Outcome }
  | { type: 'set-note'; note: string }
  | { type: 'saved' }
  | { type: 'discard' };

export { GREETING_ITEM_ID };
export type { ItemState };
export const IDLE: CallState = { phase: 'idle' };

export function callReducer(state: CallState, event: CallEvent): CallState {
  switch (event.type) {
    case 'start': {
      const direction = event.checklist.direction;
      if (state.phase !== 'idle' || direction === 'shift') return state;
      return { phase: 'in-call', call: newCall(event, direction) };
    }
    case 'toggle-item': {
      if (state.phase === 'idle') return state;
      const call = toggleItem(state.call, event.itemId, event.at, state.phase === 'wrap-up');
      // Ticking an item that only applies to calls about personal data says the call was one.
      const item = call.checklist.items.find((i) => i.id === event.itemId);
      const impliesPersonalData = item?.appliesWhen === 'personal-data' && ownItem(call, item.id)?.done && !call.personalData;
      return withCall(state, impliesPersonalData ? { ...call, personalData: true } : call);
    }
    case 'restore-item':
      if (state.phase === 'idle') return state;
      return withCall(state, restoreItem(state.call, event.itemId, event.item, event.at));
    case 'set-personal-data':
      if (state.phase === 'idle' || state.call.personalData === event.value) return state;
      return withCall(state, { ...state.call, personalData: event.value });
    case 'answer-person':
      if (state.phase !== 'in-call') return state;
      return withCall(state, answerPerson(state.call, event.answer, event.at));
    case 'answer-good-moment':
      if (state.phase !== 'in-call') return state;
      return withCall(state, answerGoodMoment(state.call, event.good, event.at));
    case 'set-callback':
      if (state.phase === 'idle') return state;
      return withCall(state, { ...state.call, callback: event.plan });
    case 'route': {
      if (state.phase === 'idle') return state;
      const routedTo = { unitId: event.unit.id, unitName: event.unit.name, external: event.unit.external, at: event.at };
      return withOutcome(withCall(state, { ...state.call, routedTo }), 'routed');
    }
    case 'invite':
      if (state.phase === 'idle') return state;
      return withOutcome(withCall(state, { ...state.call, invitation: { appointmentAt: event.appointmentAt, at: event.at, ...(event.matterId ? { matterId: event.matterId } : {}) } }), 'invited');
    case 'end': {
      if (state.phase !== 'in-call') return state;
      const endedAt = Math.max(event.at, state.call.startedAt);
      const call = markLateBurst({ ...state.call, endedAt });
      return { phase: 'wrap-up', call, outcome: state.kept?.outcome ?? suggestedOutcome(call), note: state.kept?.note ?? '' };
    }
    case 'resume': {
      if (state.phase !== 'wrap-up') return state;
      // Keep what the clerk chose, not what the end preset: the next end presets again.
      const chosen = state.outcome === suggestedOutcome(state.call) ? null : state.outcome;
      return { phase: 'in-call', call: { ...clearBurstMarks(state.call), endedAt: null }, kept: { outcome: chosen, note: state.note } };
    }
    case 'set-outcome':
      if (state.phase !== 'wrap-up' || state.outcome === event.outcome) return state;
      return { ...state, outcome: event.outcome };
    case 'set-note':
      if (state.phase !== 'wrap-up') return state;
      // A note restored from a draft is masked and may be longer than what can be typed; keep it whole.
      return { ...state, note: event.note.slice(0, Math.max(NOTE_MAX_LENGTH, state.note.length)) };
    case 'saved':
      return state.phase === 'wrap-up' && state.outcome !== null ? IDLE : state;
    case 'discard':
      return IDLE;
  }
}

function newCall(event: Extract<CallEvent, { type: 'start' }>, direction: Direction): ActiveCall {
  const items: Record<string, ItemState> = {};
  for (const item of event.checklist.items) items[item.id] = UNTICKED;
  return {
    id: event.id,
    direction,
    startedAt: event.at,
    endedAt: null,
    checklist: event.checklist,
    items,
    personalData: false,
    outbound: direction === 'outgoing' ? { step: 'confirm-person', person: null, goodMoment: null } : null,
    callback: null,
    callbackOf: event.callbackOf ?? null,
    routedTo: null,
    invitation: null,
  };
}

function withCall(state: Exclude<CallState, { phase: 'idle' }>, call: ActiveCall): CallState {
  return call === state.call ? state : { ...state, call };
}

/** A routing or an invitation done in the wrap-up sets the outcome it stands for; during the call, the end presets it. */
function withOutcome(state: CallState, outcome: Outcome): CallState {
  return state.phase === 'wrap-up' ? { ...state, outcome } : state;
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
  const facts = factsOfCall(call);
  return call.checklist.items.map((item, index) => ({
    item,
    state: ownItem(call, item.id) ?? UNTICKED,
    applies: itemAppliesTo(item, facts),
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

/** Until the greeting is ticked the call is in its greeting stage. */
export function callStage(call: ActiveCall): 'greeting' | 'in-progress' {
  const greeting = ownItem(call, GREETING_ITEM_ID);
  return greeting && !greeting.done ? 'greeting' : 'in-progress';
}
