import { z } from 'zod';
import { CallbackChangeRecordSchema, type CallbackChangeRecord } from '../callbacks/callback-change-record';
import { CallRecordSchema, type CallRecord } from './call-record';
import { RetentionRecordSchema, type RetentionRecord } from './retention';
import { ShiftRecordSchema, type ShiftRecord } from './shift-record';

/** Any line of the journal: a call, a shift-readiness check, a callback moved or called off, or the removal of months past retention. */
export const JournalRecordSchema = z.discriminatedUnion('type', [CallRecordSchema, ShiftRecordSchema, CallbackChangeRecordSchema, RetentionRecordSchema]);
export type JournalRecord = CallRecord | ShiftRecord | CallbackChangeRecord | RetentionRecord;
export type UnchainedRecord =
  | Omit<CallRecord, 'prevHash'>
  | Omit<ShiftRecord, 'prevHash'>
  | Omit<CallbackChangeRecord, 'prevHash'>
  | Omit<RetentionRecord, 'prevHash'>;

export function isCallRecord(record: JournalRecord): record is CallRecord {
  return record.type === 'call';
}
