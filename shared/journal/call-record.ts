import { z } from 'zod';
import { lowerCaseUuid } from './ids';
import { CALLBACK_REFERENCE_MAX_LENGTH, checklistRows, STORED_NOTE_MAX_LENGTH, type ActiveCall } from '../call/call-machine';
import { callAdherence } from '../call/compliance';
import { MASK_TOKENS, maskIdentifiers, type MaskKind } from '../masking/masking';
import { ROUTED_UNIT_NAME_MAX, storedCallbackReference, storedNote, storedUnitName } from '../masking/stored-text';
import { OUTCOMES, type Outcome } from '../call/outcomes';
import { PERSON_ANSWERS } from '../call/outbound';
import type { Profile } from '../settings/profile';
import { CHECKLIST_ITEM_ID } from '../call/checklist';
import { CLOCK_SLACK_MS, LONGEST_CALL_MS } from '../call/call-for-saving';
import { clerkSnapshot, RECORD_SCHEMA_VERSION, recordBase, recordTime } from './record-base';

/**
 * A call in the journal. Records are self-describing (item labels and
 * weights are copied in) so a year-old file still reads after the checklist
 * changed. Client data never appears: there is no field for it, and the note
 * and the callback reference are masked before the record is built.
 */
export const CALL_RECORD_SCHEMA_VERSION = RECORD_SCHEMA_VERSION;

/** More items than any checklist has (at most 9), so an old or an office's longer list still reads; a file with thousands is not a call. */
export const RECORDED_ITEMS_MAX = 32;

export const RecordedItemSchema = z.object({
  id: CHECKLIST_ITEM_ID,
  label: z.string().max(120),
  weight: z.number().int().min(0).max(10),
  applies: z.boolean(),
  done: z.boolean(),
  atMs: z.number().int().min(0).nullable(),
  atWrapUp: z.boolean(),
});

export { ROUTED_UNIT_NAME_MAX };
/** The longest a routed unit's id is stored. */
export const ROUTED_UNIT_ID_MAX = 80;

/** The fields of a call record, for a reader that needs only some of them (callbacks). */
export const CallRecordFieldsSchema = z.object({
  ...recordBase,
  type: z.literal('call'),
  direction: z.enum(['incoming', 'outgoing']),
  startedAt: recordTime(),
  endedAt: recordTime(),
  durationSec: z.number().int().min(0).max(LONGEST_CALL_MS / 1000),
  checklist: z.object({ id: CHECKLIST_ITEM_ID, version: z.number().int().min(1).max(1_000_000) }),
  personalData: z.boolean(),
  items: z.array(RecordedItemSchema).max(RECORDED_ITEMS_MAX),
  /** Outbound calls: who answered, and whether it was a good moment. */
  outbound: z.object({ person: z.enum(PERSON_ANSWERS).nullable(), goodMoment: z.boolean().nullable() }).nullable(),
  outcome: z.enum(OUTCOMES),
  /** Set when the outcome is a callback: when, and the clerk's masked reference. */
  callback: z.object({ dueAt: recordTime(), reference: z.string().max(2 * CALLBACK_REFERENCE_MAX_LENGTH) }).nullable(),
  /** The call whose agreed callback this call is (that callback is then done). */
  callbackOf: lowerCaseUuid().nullable(),
  /** Set when the outcome is "routed": the unit or institution the caller was sent to. */
  routedTo: z.object({ unitId: z.string().min(1).max(ROUTED_UNIT_ID_MAX), unitName: z.string().min(1).max(ROUTED_UNIT_NAME_MAX), external: z.boolean() }).nullable().default(null),
  /** Set when the outcome is "invited": the appointment, if one was made. */
  invitation: z.object({ appointmentAt: recordTime().nullable() }).nullable().default(null),
  note: z.string().max(STORED_NOTE_MAX_LENGTH),
  maskedCounts: z.partialRecord(z.enum(Object.keys(MASK_TOKENS) as [MaskKind, ...MaskKind[]]), z.number().int().min(0).max(10_000)),
  adherence: z.object({
    score: z.number().min(0).max(1).nullable(),
    greetingWithin30s: z.boolean(),
    ticksAtWrapUp: z.number().int().min(0).max(RECORDED_ITEMS_MAX),
  }),
});

export const CallRecordSchema = CallRecordFieldsSchema.superRefine((record, ctx) => {
  // A call ends after it starts, lasts at most a day, is as long as it says, and is saved after it ends.
  const started = Date.parse(record.startedAt);
  const ended = Date.parse(record.endedAt);
  if (ended < started) ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'koniec przed początkiem rozmowy' });
  else if (ended - started > LONGEST_CALL_MS) ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'rozmowa dłuższa niż doba' });
  else if (Math.abs(record.durationSec - (ended - started) / 1000) > 1) ctx.addIssue({ code: 'custom', path: ['durationSec'], message: 'czas trwania niezgodny z początkiem i końcem' });
  if (Date.parse(record.savedAt) < ended - CLOCK_SLACK_MS) ctx.addIssue({ code: 'custom', path: ['savedAt'], message: 'zapisana przed końcem rozmowy' });
});
export type CallRecord = z.infer<typeof CallRecordSchema>;

/** A record before the journal gives it its place in the chain. */
export type UnchainedCallRecord = Omit<CallRecord, 'prevHash'>;

export interface CallToRecord {
  call: ActiveCall;
  outcome: Outcome;
  note: string;
}

export function buildCallRecord(input: CallToRecord, profile: Profile, savedAt: number): UnchainedCallRecord {
  const { call } = input;
  const endedAt = call.endedAt ?? savedAt;
  // The same functions make the wrap-up's preview: what the clerk sees is what is stored.
  const note = storedNote(input.note);
  const callback =
    input.outcome === 'callback' && call.callback
      ? { dueAt: call.callback.dueAt, reference: storedCallbackReference(call.callback.reference) }
      : null;
  // Routing and invitation are facts of the call, kept whatever the outcome chosen last: a caller sent to
  // another unit and also invited in was both, and the screen said each was noted.
  const routed = call.routedTo;
  const unitName = routed ? storedUnitName(routed.unitName) : null;
  return {
    schemaVersion: CALL_RECORD_SCHEMA_VERSION,
    type: 'call',
    id: call.id,
    savedAt: new Date(savedAt).toISOString(),
    clerk: clerkSnapshot(profile),
    direction: call.direction,
    startedAt: new Date(call.startedAt).toISOString(),
    endedAt: new Date(endedAt).toISOString(),
    durationSec: Math.round(Math.max(0, endedAt - call.startedAt) / 1000),
    checklist: { id: call.checklist.id, version: call.checklist.version },
    personalData: call.personalData,
    items: checklistRows(call).map(({ item, state, applies }) => ({
      id: item.id,
      label: item.label,
      weight: item.weight,
      applies,
      done: state.done,
      atMs: state.atMs,
      atWrapUp: state.atWrapUp,
    })),
    outbound: call.outbound ? { person: call.outbound.person, goodMoment: call.outbound.goodMoment } : null,
    outcome: input.outcome,
    callback: callback
      ? {
          dueAt: new Date(callback.dueAt).toISOString(),
          reference: callback.reference.text,
        }
      : null,
    callbackOf: call.callbackOf,
    routedTo: routed && unitName ? { unitId: unitId(routed.unitId), unitName: unitName.text || unitId(routed.unitId), external: routed.external } : null,
    invitation: call.invitation ? { appointmentAt: call.invitation.appointmentAt === null ? null : new Date(call.invitation.appointmentAt).toISOString() } : null,
    note: note.text,
    maskedCounts: addCounts(note.counts, callback?.reference.counts ?? {}, unitName?.counts ?? {}),
    adherence: callAdherence(call),
  };
}

/** A unit's id as stored: the directory's ids are slugs; any other a window sends is masked like typed text. */
function unitId(id: string): string {
  return maskIdentifiers(id).text.slice(0, ROUTED_UNIT_ID_MAX) || 'nieznana';
}

function addCounts(...all: Partial<Record<MaskKind, number>>[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const counts of all) for (const [k, v] of Object.entries(counts)) sum[k] = (sum[k] ?? 0) + (v ?? 0);
  return sum;
}

/** What the history list shows of a record (and what a save answers): the schema the contract carries it with. */
export const CallSummarySchema = z.object({
  id: z.string(),
  direction: z.enum(['incoming', 'outgoing']),
  startedAt: z.string(),
  durationSec: z.number().int().min(0),
  outcome: z.enum(OUTCOMES),
  missed: z.array(z.string()),
  note: z.string(),
  personalData: z.boolean(),
  score: z.number().nullable(),
  ticksAtWrapUp: z.number().int().min(0),
  callbackDueAt: z.string().nullable(),
  routedTo: z.string().nullable(),
  appointmentAt: z.string().nullable(),
});
export type CallSummary = z.infer<typeof CallSummarySchema>;

export function summarizeCall(record: CallRecord): CallSummary {
  return {
    id: record.id,
    direction: record.direction,
    startedAt: record.startedAt,
    durationSec: record.durationSec,
    outcome: record.outcome,
    missed: record.items.filter((i) => i.applies && !i.done).map((i) => i.label),
    note: record.note,
    personalData: record.personalData,
    score: record.adherence.score,
    ticksAtWrapUp: record.adherence.ticksAtWrapUp,
    callbackDueAt: record.callback?.dueAt ?? null,
    routedTo: record.routedTo?.unitName ?? null,
    appointmentAt: record.invitation?.appointmentAt ?? null,
  };
}

/**
 * What a stored call's typed fields — the note, the callback reference, the
 * routed unit's name and id — hold once masked as the app masks them now,
 * each cut to its field's length (a token can be longer than what it hides).
 * An import files a record so; two copies of a call are compared so.
 */
export function maskedTypedFields(record: Pick<CallRecord, 'note' | 'callback' | 'routedTo'>): {
  note: string;
  reference: string | null;
  unitName: string | null;
  unitId: string | null;
} {
  return {
    note: maskedWithin(record.note, STORED_NOTE_MAX_LENGTH),
    reference: record.callback ? maskedWithin(record.callback.reference, 2 * CALLBACK_REFERENCE_MAX_LENGTH) : null,
    unitName: record.routedTo ? maskedUnitName(record.routedTo.unitName) : null,
    unitId: record.routedTo ? maskedUnitId(record.routedTo.unitId) : null,
  };
}

/** Whether `fields` (maskedTypedFields of the record) are what the record already holds: it was stored masked as the app masks now. */
export function maskingChangesNothing(record: Pick<CallRecord, 'note' | 'callback' | 'routedTo'>, fields: ReturnType<typeof maskedTypedFields>): boolean {
  return (
    fields.note === record.note &&
    fields.reference === (record.callback?.reference ?? null) &&
    fields.unitName === (record.routedTo?.unitName ?? null) &&
    fields.unitId === (record.routedTo?.unitId ?? null)
  );
}

function maskedWithin(text: string, max: number): string {
  return maskIdentifiers(text).text.slice(0, max);
}

/**
 * A routed unit's name or id comes from the office's directory: a register
 * of a million calls holds a few dozen of them, each masked once here, not
 * once per call (masking is a pure function of the text). Bounded, as a
 * hand-edited file could hold a million different ones.
 */
function rememberedMasking(max: number): (text: string) => string {
  const kept = new Map<string, string>();
  return (text) => {
    let masked = kept.get(text);
    if (masked === undefined) {
      if (kept.size >= UNIT_FIELDS_KEPT) kept.clear();
      masked = maskedWithin(text, max);
      kept.set(text, masked);
    }
    return masked;
  };
}
const UNIT_FIELDS_KEPT = 512;
const maskedUnitName = rememberedMasking(ROUTED_UNIT_NAME_MAX);
const maskedUnitId = rememberedMasking(ROUTED_UNIT_ID_MAX);
