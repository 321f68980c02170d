import { z } from 'zod';
import type { Profile } from '../settings/profile';
import { clerkSnapshot, RECORD_SCHEMA_VERSION, recordBase } from './record-base';
import { MONTH, monthsBefore } from './months';

/**
 * Retention: records are kept a set number of months (24 by default). Older
 * month files are removed only after the person has been told which ones,
 * and the removal itself goes into the journal, so a gap in the records is
 * never a silent one.
 */
/** The oldest month still kept: the current month and the `keepMonths - 1` before it. */
export function firstKeptMonth(now: Date, keepMonths: number): string {
  return monthsBefore(now, keepMonths - 1);
}

/** The months (YYYY-MM) older than the retention period, oldest first. */
export function expiredMonths(months: Iterable<string>, now: Date, keepMonths: number): string[] {
  const first = firstKeptMonth(now, keepMonths);
  return [...new Set(months)].filter((m) => MONTH.test(m) && m < first).sort();
}

/** Where a removed month file was: this computer's journal, this clerk's team copy, or the calls imported from clerks. */
export const RETENTION_COPIES = ['local', 'team', 'import'] as const;
export type RetentionCopy = (typeof RETENTION_COPIES)[number];

export const RetentionRecordSchema = z.object({
  ...recordBase,
  type: z.literal('retention'),
  retentionMonths: z.number().int().min(1).max(1200),
  /** Each removed month file: which copy, whose, which month, how many records it held. */
  removed: z
    .array(
      z.object({
        copy: z.enum(RETENTION_COPIES).default('local'),
        clerkId: z.string().max(64),
        month: z.string().regex(MONTH),
        records: z.number().int().min(0),
      }),
    )
    .max(100_000),
});
export type RetentionRecord = z.infer<typeof RetentionRecordSchema>;

export function buildRetentionRecord(
  id: string,
  removed: RetentionRecord['removed'],
  retentionMonths: number,
  profile: Profile,
  savedAt: number,
): Omit<RetentionRecord, 'prevHash'> {
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    type: 'retention',
    id,
    savedAt: new Date(savedAt).toISOString(),
    clerk: clerkSnapshot(profile),
    retentionMonths,
    removed,
  };
}
