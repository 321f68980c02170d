import { addHours, set, startOfMinute } from 'date-fns';
import { z } from 'zod';
import { CallbackChangeRecordSchema, type CallbackChangeRecord } from './callback-change-record';
import { CallRecordFieldsSchema, type CallRecord } from '../journal/call-record';
import { isWorkingDay, nextWorkingDay } from '../polish/working-days';

/**
 * Agreed callbacks are not a list of their own that could drift from the
 * journal: they are read from it. A call saved with the outcome "callback"
 * agrees one. A later call saved with `callbackOf` pointing at it keeps it —
 * unless nobody, or somebody else, answered: that is an attempt, counted, and
 * the callback stays open (after three, a letter is the better way). A call
 * made for it that agrees a new time replaces it. A callback-change line
 * moves it to another time or calls it off.
 */
export interface Callback {
  /** The id of the call that agreed it. */
  id: string;
  dueAt: string;
  reference: string;
  agreedAt: string;
  /** Calls made for it that did not reach the person (nobody or someone else answered). */
  attempts: number;
  /** Whether its time was moved since it was agreed. */
  rescheduled: boolean;
}

/** After this many attempts that reached nobody, the screen suggests a letter instead of another call. */
export const CALLBACK_ATTEMPTS_BEFORE_LETTER = 3;

/** A callback counts as due from 5 minutes before its time… */
export const CALLBACK_DUE_BEFORE_MS = 5 * 60_000;
/** …and stands out as overdue from 30 minutes after it. */
export const CALLBACK_OVERDUE_AFTER_MS = 30 * 60_000;
/** A callback further away than this is a mistyped year, not a plan. */
export const CALLBACK_MAX_AHEAD_MS = 366 * 24 * 3600_000;

export type CallbackStatus = 'upcoming' | 'due' | 'overdue';

/**
 * Whether a journal line may agree, keep, move or call off a callback, judged
 * from its text alone (JSON as the journal writes it, without spaces), so the
 * thousands of other calls of two months need not be parsed after every save.
 * A note cannot fake these: its quotes are escaped in JSON. A line that passes
 * is still parsed (CallbackFieldsSchema) and judged by openCallbacks.
 */
export function mayConcernCallbacks(lineText: string): boolean {
  return lineText.includes('"outcome":"callback"') || lineText.includes('"callbackOf":"');
}

/** The fields of a line that callbacks depend on, validated alone: a fraction of the whole record's cost. */
export const CallbackFieldsSchema = z.discriminatedUnion('type', [
  CallRecordFieldsSchema.pick({ id: true, type: true, savedAt: true, outcome: true, callback: true, callbackOf: true, outbound: true }),
  CallbackChangeRecordSchema.pick({ id: true, type: true, savedAt: true, callbackOf: true, change: true, dueAt: true }),
]);
export type CallbackFields =
  | Pick<CallRecord, 'id' | 'type' | 'savedAt' | 'callback' | 'callbackOf' | 'outcome' | 'outbound'>
  | Pick<CallbackChangeRecord, 'id' | 'type' | 'savedAt' | 'callbackOf' | 'change' | 'dueAt'>;

/**
 * Whether a call made for a callback reached the person it was for: the
 * script's answer says so where it was given; where it was not (the clerk
 * ended at once, or the person rang in), the outcome does — "no contact" or
 * "interrupted" leave the callback open, counted as an attempt, and its
 * contact kept.
 */
export function reachedThePerson(call: Pick<CallRecord, 'outbound' | 'outcome'>): boolean {
  const person = call.outbound?.person ?? null;
  if (person === 'right') return true;
  if (person === 'no-answer' || person === 'someone-else') return false;
  return call.outcome !== 'no-contact' && call.outcome !== 'interrupted';
}

/**
 * Whether a call made for a callback closes it: it reached the person, or it
 * agreed a new time (a callback of its own). Any other is an attempt, and the
 * callback stays open.
 */
export function closesCallback(call: Pick<CallRecord, 'outbound' | 'outcome' | 'callback'>): boolean {
  return reachedThePerson(call) || (call.outcome === 'callback' && call.callback !== null);
}

/** The open callbacks, soonest first, from the lines that concern them in journal order (oldest first). */
export function openCallbacks(records: readonly CallbackFields[]): Callback[] {
  const open = new Map<string, Callback>();
  for (const r of records) {
    if (r.type === 'callback-change') {
      const callback = open.get(r.callbackOf);
      if (!callback) continue;
      if (r.change === 'cancelled' || r.dueAt === null) open.delete(r.callbackOf);
      else open.set(r.callbackOf, { ...callback, dueAt: r.dueAt, rescheduled: true });
      continue;
    }
    if (r.type !== 'call') continue;
    const before = r.callbackOf !== null ? open.get(r.callbackOf) : undefined;
    if (r.callbackOf !== null) {
      if (before && !closesCallback(r)) {
        open.set(r.callbackOf, { ...before, attempts: before.attempts + 1 });
        continue;
      }
      open.delete(r.callbackOf);
    }
    if (r.outcome === 'callback' && r.callback) {
      // A new time agreed on a call made for an earlier callback carries its unanswered attempts, unless the person was reached.
      const attempts = before && !reachedThePerson(r) ? before.attempts + 1 : 0;
      open.set(r.id, { id: r.id, dueAt: r.callback.dueAt, reference: r.callback.reference, agreedAt: r.savedAt, attempts, rescheduled: false });
    }
  }
  return [...open.values()].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
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
