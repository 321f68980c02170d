import { z } from 'zod';
import { lowerCaseUuid } from './ids';
import type { ChecklistDefinition } from '../call/checklist';
import type { Profile } from '../settings/profile';
import { clerkSnapshot, RECORD_SCHEMA_VERSION, recordBase } from './record-base';

/**
 * Shift readiness before the first call of the day (§6 pkt 2, 3, 6): private
 * phone silenced, desk and screen, badge, a quiet place. Recorded in the
 * journal as its own record type; skipping it is recorded too.
 */
export const ShiftRecordSchema = z.object({
  ...recordBase,
  type: z.literal('shift'),
  checklist: z.object({ id: z.string(), version: z.number().int() }),
  skipped: z.boolean(),
  items: z.array(z.object({ id: z.string(), label: z.string(), done: z.boolean() })),
});
export type ShiftRecord = z.infer<typeof ShiftRecordSchema>;
export type UnchainedShiftRecord = Omit<ShiftRecord, 'prevHash'>;

export const ShiftInputSchema = z
  .object({
    id: lowerCaseUuid(),
    skipped: z.boolean(),
    done: z.array(z.string().max(60)).max(20),
  })
  .strict();
export type ShiftInput = z.infer<typeof ShiftInputSchema>;

export function buildShiftRecord(input: ShiftInput, checklist: ChecklistDefinition, profile: Profile, savedAt: number): UnchainedShiftRecord {
  const done = new Set(input.skipped ? [] : input.done);
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    type: 'shift',
    id: input.id,
    savedAt: new Date(savedAt).toISOString(),
    clerk: clerkSnapshot(profile),
    checklist: { id: checklist.id, version: checklist.version },
    skipped: input.skipped,
    items: checklist.items.map((item) => ({ id: item.id, label: item.label, done: done.has(item.id) })),
  };
}

/** Whether the day of `now` (local time) already has a shift record, done or skipped. */
export function shiftRecordedOn(records: { type: string; savedAt: string }[], now: Date): boolean {
  const day = now.toDateString();
  return records.some((r) => r.type === 'shift' && new Date(r.savedAt).toDateString() === day);
}
