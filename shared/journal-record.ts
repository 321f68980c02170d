import { z } from 'zod';
import { CallRecordSchema, type CallRecord } from './call-record';
import { RetentionRecordSchema, type RetentionRecord } from './retention';
import { ShiftRecordSchema, type ShiftRecord } from './shift-record';

/** Any line of the journal: a call, a shift-readiness check, or the removal of months past retention. */
export const JournalRecordSchema = z.discriminatedUnion('type', [CallRecordSchema, ShiftRecordSchema, RetentionRecordSchema]);
export type JournalRecord = CallRecord | ShiftRecord | RetentionRecord;
export type UnchainedRecord = Omit<CallRecord, 'prevHash'> | Omit<ShiftRecord, 'prevHash'> | Omit<RetentionRecord, 'prevHash'>;

export function isCallRecord(record: JournalRecord): record is CallRecord {
  return record.type === 'call';
}
