import type { CallRecord } from './call-record';
import { CLOCK_SLACK_MS, OLDEST_CALL_MS } from '../call/call-for-saving';
import { CALLBACK_MAX_AHEAD_MS } from '../callbacks/callbacks';

/**
 * What a save refuses (call-for-saving.ts), asked of a record that arrives
 * already made — an import. The schema holds a record's shape and its own
 * times together; this holds what the clerk's app could have written: a
 * call saved within a month of its start, every tick made during the call
 * (or at wrap-up, before the save, and marked so), a callback due between
 * the save and as far ahead as the app lets one be agreed; a callback only
 * with its outcome and that outcome always with it; a call that keeps no
 * callback of its own; an appointment not before the call. A record that fails one was not made by the app:
 * an import refuses it, by line, and its figures never reach the register.
 */
export type ImplausibleCall =
  | 'saved-long-after'
  | 'tick-without-time'
  | 'tick-after-save'
  | 'tick-after-end'
  | 'callback-out-of-range'
  | 'outcome-fields'
  | 'callback-of-itself'
  | 'appointment-before-call';

export function implausibleCall(record: CallRecord): ImplausibleCall | null {
  const started = Date.parse(record.startedAt);
  const saved = Date.parse(record.savedAt);
  if (saved - started > OLDEST_CALL_MS) return 'saved-long-after';
  // durationSec is rounded to the second: a tick in the call's last half second is still within it.
  const callMs = record.durationSec * 1000 + 1000;
  const untilSave = saved - started + CLOCK_SLACK_MS;
  for (const item of record.items) {
    if (!item.done) continue;
    if (item.atMs === null) return 'tick-without-time';
    if (item.atMs > untilSave) return 'tick-after-save';
    if (item.atMs > callMs && !item.atWrapUp) return 'tick-after-end';
  }
  // A save stores a callback only with its outcome, and that outcome never without its time. (A routing
  // and an invitation are facts of the call whatever its outcome; and "Przekierowana" or "Zaproszenie"
  // may be chosen without picking a unit or a date: neither ties an outcome to a field.)
  if ((record.callback !== null) !== (record.outcome === 'callback')) return 'outcome-fields';
  if (record.callbackOf === record.id) return 'callback-of-itself';
  const appointment = record.invitation?.appointmentAt;
  if (appointment && Date.parse(appointment) < started - 60_000) return 'appointment-before-call';
  if (record.callback) {
    const due = Date.parse(record.callback.dueAt);
    if (due < saved - CLOCK_SLACK_MS || due > saved + CALLBACK_MAX_AHEAD_MS + CLOCK_SLACK_MS) return 'callback-out-of-range';
  }
  return null;
}
