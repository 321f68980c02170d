import { z } from 'zod';
import { lowerCaseUuid } from '../journal/ids';
import type { Profile } from '../settings/profile';
import { clerkSnapshot, RECORD_SCHEMA_VERSION, recordBase, recordTime } from '../journal/record-base';

/**
 * A callback moved to another time or called off, without a call: the client
 * wrote in, or came to the office. It is a journal line of its own, so the
 * register judges the callback against the time it was last agreed for (or
 * not at all, once cancelled) — a clerk who moves a callback at the client's
 * request is not counted late. It holds no client data: whom to call lives
 * only on this computer (callback-contact.ts).
 */
export const CALLBACK_CHANGES = ['rescheduled', 'cancelled'] as const;
export type CallbackChange = (typeof CALLBACK_CHANGES)[number];

export const CallbackChangeRecordSchema = z.object({
  ...recordBase,
  type: z.literal('callback-change'),
  /** The call that agreed the callback. */
  callbackOf: lowerCaseUuid(),
  change: z.enum(CALLBACK_CHANGES),
  /** The new time when rescheduled; null when cancelled. */
  dueAt: recordTime().nullable(),
});
export type CallbackChangeRecord = z.infer<typeof CallbackChangeRecordSchema>;
export type UnchainedCallbackChangeRecord = Omit<CallbackChangeRecord, 'prevHash'>;

export const CallbackChangeInputSchema = z.discriminatedUnion('change', [
  z.object({ id: lowerCaseUuid(), callbackOf: lowerCaseUuid(), change: z.literal('rescheduled'), dueAt: z.number().int() }).strict(),
  z.object({ id: lowerCaseUuid(), callbackOf: lowerCaseUuid(), change: z.literal('cancelled') }).strict(),
]);
export type CallbackChangeInput = z.infer<typeof CallbackChangeInputSchema>;

export function buildCallbackChangeRecord(input: CallbackChangeInput, profile: Profile, savedAt: number): UnchainedCallbackChangeRecord {
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    type: 'callback-change',
    id: input.id,
    savedAt: new Date(savedAt).toISOString(),
    clerk: clerkSnapshot(profile),
    callbackOf: input.callbackOf,
    change: input.change,
    dueAt: input.change === 'rescheduled' ? new Date(input.dueAt).toISOString() : null,
  };
}
