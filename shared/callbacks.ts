import { addHours, set, startOfMinute } from 'date-fns';
import { CallRecordFieldsSchema, type CallRecord } from './call-record';
import { isWorkingDay, nextWorkingDay } from './working-days';

/**
 * Agreed callbacks are not a list of their own that could drift from the
 * journal: they are read from it. A call saved with the outcome "callback"
 * agrees one; a later call saved with `callbackOf` pointing at it keeps it.
 */
export interface Callback {
  /** The id of the call that agreed it. */
  id: string;
  dueAt: string;
  reference: string;
  agreedAt: string;
}

/** A callback counts as due from 5 minutes before its time… */
export const CALLBACK_DUE_BEFORE_MS = 5 * 60_000;
/** …and stands out as overdue from 30 minutes after it. */
export const CALLBACK_OVERDUE_AFTER_MS = 30 * 60_000;
/** A callback further away than this is a mistyped year, not a plan. */
export const CALLBACK_MAX_AHEAD_MS = 366 * 24 * 3600_000;

export type CallbackStatus = 'upcoming' | 'due' | 'overdue';

/**
 * Whether a journal line may agree or keep a callback, judged from its text
 * alone (JSON as the journal writes it, without spaces), so the thousands of
 * other calls of two months need not be parsed after every save. A note
 * cannot fake these: its quotes are escaped in JSON. A line that passes is
 * still parsed (CallbackFieldsSchema) and judged by openCallbacks.
 */
export function mayConcernCallbacks(lineText: string): boolean {
  return lineText.includes('"outcome":"callback"') || lineText.includes('"callbackOf":"');
}

/** The fields of a call that its callback depends on, validated alone: a fraction of the whole record's cost. */
export const CallbackFieldsSchema = CallRecordFieldsSchema.pick({ id: true, type: true, savedAt: true, outcome: true, callback: true, callbackOf: true });

export function openCallbacks(records: Pick<CallRecord, 'id' | 'type' | 'savedAt' | 'callback' | 'callbackOf' | 'outcome'>[]): Callback[] {
  const kept = new Set(records.map((r) => r.callbackOf).filter((id): id is string => id !== null));
  return records
    .filter((r) => r.type === 'call' && r.outcome === 'callback' && r.callback && !kept.has(r.id))
    .map((r) => ({ id: r.id, dueAt: r.callback!.dueAt, reference: r.callback!.reference, agreedAt: r.savedAt }))
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

export function callbackStatus(dueAt: string | number, now: number): CallbackStatus {
  const due = typeof dueAt === 'number' ? dueAt : Date.parse(dueAt);
  // An unreadable time stands out rather than hiding among the planned ones.
  if (Number.isNaN(due) || now >= due + CALLBACK_OVERDUE_AFTER_MS) return 'overdue';
  if (now >= due - CALLBACK_DUE_BEFORE_MS) return 'due';
  return 'upcoming';
}

export type CallbackTimeProblem = 'required' | 'invalid' | 'past' | 'too-far';

/** Why a callback time cannot be agreed, or null when it can. A minute of grace covers a slow click. */
export function callbackTimeProblem(dueAt: number | null, now: number): CallbackTimeProblem | null {
  if (dueAt === null) return 'required';
  if (!Number.isSafeInteger(dueAt)) return 'invalid';
  if (dueAt < now - 60_000) return 'past';
  if (dueAt > now + CALLBACK_MAX_AHEAD_MS) return 'too-far';
  return null;
}

export type QuickCallbackChoice = 'in-1h' | 'this-afternoon' | 'next-morning';

/**
 * The quick choices: in an hour; this afternoon at 14:00 (on a working day,
 * while it is still before 13:00); the next working day at 9:00 (Monday after
 * a Friday, the day after a public holiday).
 */
export function quickCallbackTimes(now: Date): { choice: QuickCallbackChoice; at: Date }[] {
  const choices: { choice: QuickCallbackChoice; at: Date }[] = [{ choice: 'in-1h', at: startOfMinute(addHours(now, 1)) }];
  if (isWorkingDay(now) && now.getHours() < 13) {
    choices.push({ choice: 'this-afternoon', at: set(now, { hours: 14, minutes: 0, seconds: 0, milliseconds: 0 }) });
  }
  choices.push({ choice: 'next-morning', at: set(nextWorkingDay(now), { hours: 9, minutes: 0, seconds: 0, milliseconds: 0 }) });
  return choices;
}
