import { z } from 'zod';
import { checklistRows, STORED_NOTE_MAX_LENGTH, type ActiveCall } from './call-machine';
import { maskIdentifiers, type MaskKind } from './masking';
import { OUTCOMES, type Outcome } from './outcomes';
import { ROLES, type Profile } from './profile';

/**
 * One line of the call journal. Records are self-describing (item labels and
 * the clerk's name are copied in) so a team lead can read a year-old file even
 * after the checklist wording changed. Client data never appears: there is no
 * field for it, and the note is masked before the record is built.
 */
export const CALL_RECORD_SCHEMA_VERSION = 1;

export const RecordedItemSchema = z.object({
  id: z.string(),
  label: z.string(),
  weight: z.number().int(),
  applies: z.boolean(),
  done: z.boolean(),
  atMs: z.number().int().min(0).nullable(),
  atWrapUp: z.boolean(),
});

export const CallRecordSchema = z.object({
  schemaVersion: z.literal(CALL_RECORD_SCHEMA_VERSION),
  type: z.literal('call'),
  id: z.string().uuid(),
  /** SHA-256 (hex) of the previous line of the same file; see the journal. */
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  savedAt: z.string().datetime(),
  clerk: z.object({
    id: z.string().uuid(),
    firstName: z.string(),
    lastName: z.string(),
    role: z.enum(ROLES),
    unit: z.string(),
  }),
  direction: z.enum(['incoming', 'outgoing']),
  startedAt: z.string().datetime(),
  endedAt: z.string().datetime(),
  durationSec: z.number().int().min(0),
  checklist: z.object({ id: z.string(), version: z.number().int() }),
  personalData: z.boolean(),
  items: z.array(RecordedItemSchema),
  outcome: z.enum(OUTCOMES),
  note: z.string().max(STORED_NOTE_MAX_LENGTH),
  maskedCounts: z.record(z.string(), z.number().int().min(0)),
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
  // Cut what was typed, then mask: the masked text may be longer (see STORED_NOTE_MAX_LENGTH).
  const masked = maskIdentifiers(input.note.trim().slice(0, STORED_NOTE_MAX_LENGTH));
  return {
    schemaVersion: CALL_RECORD_SCHEMA_VERSION,
    type: 'call',
    id: call.id,
    savedAt: new Date(savedAt).toISOString(),
    clerk: {
      id: profile.clerkId,
      firstName: profile.firstName,
      lastName: profile.lastName,
      role: profile.role,
      unit: profile.unit,
    },
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
    outcome: input.outcome,
    note: masked.text.slice(0, STORED_NOTE_MAX_LENGTH),
    maskedCounts: masked.counts as Partial<Record<MaskKind, number>> as Record<string, number>,
  };
}

/** What the history list shows of a record. */
export interface CallSummary {
  id: string;
  direction: CallRecord['direction'];
  startedAt: string;
  durationSec: number;
  outcome: Outcome;
  missed: string[];
  note: string;
}

export function summarizeCall(record: CallRecord): CallSummary {
  return {
    id: record.id,
    direction: record.direction,
    startedAt: record.startedAt,
    durationSec: record.durationSec,
    outcome: record.outcome,
    missed: record.items.filter((i) => i.applies && !i.done).map((i) => i.label),
    note: record.note,
  };
}
