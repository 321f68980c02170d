import { z } from 'zod';
import { CallRecordSchema, type CallRecord } from './call-record';
import { ShiftRecordSchema, type ShiftRecord } from './shift-record';

/** Any line of the journal: a call, or a shift-readiness check. */
export const JournalRecordSchema = z.discriminatedUnion('type', [CallRecordSchema, ShiftRecordSchema]);
export type JournalRecord = CallRecord | ShiftRecord;
export type UnchainedRecord = Omit<CallRecord, 'prevHash'> | Omit<ShiftRecord, 'prevHash'>;

export function isCallRecord(record: JournalRecord): record is CallRecord {
  return record.type === 'call';
}
