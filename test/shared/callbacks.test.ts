import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../shared/journal/call-record';
import {
  CALLBACK_DUE_BEFORE_MS,
  CALLBACK_MAX_AHEAD_MS,
  CALLBACK_OVERDUE_AFTER_MS,
  callbackStatus,
  callbackTimeProblem,
  mayConcernCallbacks,
  openCallbacks,
  quickCallbackTimes,
} from '../../shared/callbacks/callbacks';
import type { Outcome } from '../../shared/call/outcomes';
import type { PersonAnswer } from '../../shared/call/outbound';

type Row = Parameters<typeof openCallbacks>[0][number];
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function row(n: number, over: Partial<Pick<CallRecord, 'callback' | 'callbackOf' | 'savedAt' | 'outbound'>> & { outcome?: Outcome; type?: 'call' | 'shift' } = {}): Row {
  return {
    id: id(n),
    type: 'call',
    savedAt: `2026-11-24T09:${String(n).padStart(2, '0')}:00.000Z`,
    outcome: 'callback',
    callback: null,
    callbackOf: null,
    outbound: null,
    ...over,
  } as Row;
}
/** A call made for callback `of` whose person question was answered `person`. */
const attempt = (n: number, of: number, person: PersonAnswer, over: Parameters<typeof row>[1] = {}) =>
  row(n, { outcome: person === 'right' ? 'resolved' : 'no-contact', callbackOf: id(of), outbound: { person, goodMoment: person === 'right' ? true : null }, ...over });
const change = (n: number, of: number, dueAt: string | null): Row => ({
  id: id(n),
  type: 'callback-change',
  savedAt: `2026-11-24T10:${String(n).padStart(2, '0')}:00.000Z`,
  callbackOf: id(of),
  change: dueAt === null ? 'cancelled' : 'rescheduled',
  dueAt,
});
const open = (n: number, dueAt: string, reference: string, agreedAt: string, over: Partial<ReturnType<typeof openCallbacks>[number]> = {}) => ({
  id: id(n),
  dueAt,
  reference,
  agreedAt,
  attempts: 0,
  rescheduled: false,
  ...over,
});
const plan = (dueAt: string, reference = 'staż') => ({ dueAt, reference });

describe('openCallbacks', () => {
  it('a call saved with the outcome "callback" and a time agrees one', () => {
    const records = [row(1, { callback: plan('2026-11-25T08:00:00.000Z', 'zasiłek') })];
    expect(openCallbacks(records)).toEqual([open(1, '2026-11-25T08:00:00.000Z', 'zasiłek', '2026-11-24T09:01:00.000Z')]);
  });

  it('a callback outcome without a time, or a time with another outcome, agrees none', () => {
    expect(openCallbacks([row(1), row(2, { outcome: 'resolved', callback: plan('2026-11-25T08:00:00.000Z') })])).toEqual([]);
  });

  it('a later call with callbackOf pointing at it keeps it when it reached the person', () => {
    const records = [
      row(1, { callback: plan('2026-11-25T08:00:00.000Z') }),
      row(2, { callback: plan('2026-11-26T08:00:00.000Z') }),
      row(3, { outcome: 'invited', callbackOf: id(1) }),
    ];
    expect(openCallbacks(records).map((c) => c.id)).toEqual([id(2)]);
  });

  it('a callback call that agrees a new time replaces the old callback with its own', () => {
    const records = [
      row(1, { callback: plan('2026-11-25T08:00:00.000Z') }),
      row(2, { callbackOf: id(1), callback: plan('2026-11-27T10:00:00.000Z', 'nowy termin') }),
    ];
    expect(openCallbacks(records)).toEqual([open(2, '2026-11-27T10:00:00.000Z', 'nowy termin', '2026-11-24T09:02:00.000Z')]);
  });

  it('sorted by due time, not by when they were agreed', () => {
    const records = [
      row(1, { callback: plan('2026-11-30T08:00:00.000Z') }),
      row(2, { callback: plan('2026-11-24T15:00:00.000Z') }),
      row(3, { callback: plan('2026-11-25T07:30:00.000Z') }),
    ];
    expect(openCallbacks(records).map((c) => c.id)).toEqual([id(2), id(3), id(1)]);
  });

  it('a call made for it that nobody or somebody else answered is an attempt: the callback stays open and counts it', () => {
    const records = [row(1, { callback: plan('2026-11-25T08:00:00.000Z') }), attempt(2, 1, 'no-answer'), attempt(3, 1, 'someone-else'), attempt(4, 1, 'no-answer')];
    expect(openCallbacks(records)).toEqual([open(1, '2026-11-25T08:00:00.000Z', 'staż', '2026-11-24T09:01:00.000Z', { attempts: 3 })]);
    // The person reached at last: done.
    expect(openCallbacks([...records, attempt(5, 1, 'right')])).toEqual([]);
  });

  it('a call made for it with the script unanswered and the outcome "no contact" or "interrupted" is an attempt too; any other outcome keeps it', () => {
    const agreed = row(1, { callback: plan('2026-11-25T08:00:00.000Z') });
    const unanswered = (n: number, outcome: Outcome) => row(n, { outcome, callbackOf: id(1), outbound: { person: null, goodMoment: null } });
    expect(openCallbacks([agreed, unanswered(2, 'no-contact'), unanswered(3, 'interrupted')])).toEqual([
      open(1, '2026-11-25T08:00:00.000Z', 'staż', '2026-11-24T09:01:00.000Z', { attempts: 2 }),
    ]);
    expect(openCallbacks([agreed, unanswered(2, 'resolved')])).toEqual([]);
    // An incoming call returning it (the person rang in) keeps it unless it reached nobody.
    expect(openCallbacks([agreed, row(2, { outcome: 'no-contact', callbackOf: id(1) })]).map((c) => c.attempts)).toEqual([1]);
  });

  it('a new time agreed on an unanswered attempt carries the attempts; agreed with the person, it starts again', () => {
    const base = [row(1, { callback: plan('2026-11-25T08:00:00.000Z') }), attempt(2, 1, 'no-answer')];
    const viaSomeoneElse = attempt(3, 1, 'someone-else', { outcome: 'callback', callback: plan('2026-11-26T08:00:00.000Z', 'oddzwoni jutro') });
    expect(openCallbacks([...base, viaSomeoneElse])).toEqual([open(3, '2026-11-26T08:00:00.000Z', 'oddzwoni jutro', '2026-11-24T09:03:00.000Z', { attempts: 2 })]);
    const withThePerson = attempt(3, 1, 'right', { outcome: 'callback', callback: plan('2026-11-26T08:00:00.000Z', 'oddzwoni jutro') });
    expect(openCallbacks([...base, withThePerson])).toEqual([open(3, '2026-11-26T08:00:00.000Z', 'oddzwoni jutro', '2026-11-24T09:03:00.000Z')]);
  });

  it('a change line moves it (the latest wins) or calls it off; one for a callback not open changes nothing', () => {
    const agreed = row(1, { callback: plan('2026-11-25T08:00:00.000Z') });
    expect(openCallbacks([agreed, change(2, 1, '2026-11-28T12:00:00.000Z'), change(3, 1, '2026-11-27T12:00:00.000Z')])).toEqual([
      open(1, '2026-11-27T12:00:00.000Z', 'staż', '2026-11-24T09:01:00.000Z', { rescheduled: true }),
    ]);
    expect(openCallbacks([agreed, change(2, 1, null)])).toEqual([]);
    // Called off, then a move that came late: still off. A change of an unknown callback opens nothing.
    expect(openCallbacks([agreed, change(2, 1, null), change(3, 1, '2026-11-28T12:00:00.000Z'), change(4, 9, '2026-11-28T12:00:00.000Z')])).toEqual([]);
  });

  it('shift records are not calls', () => {
    expect(openCallbacks([row(1, { type: 'shift', callback: plan('2026-11-25T08:00:00.000Z') })])).toEqual([]);
  });
});

describe('callbackStatus', () => {
  const due = Date.UTC(2026, 10, 25, 10, 0);
  it.each([
    ['a day before', due - 24 * 3600_000, 'upcoming'],
    ['1 ms before the due window', due - CALLBACK_DUE_BEFORE_MS - 1, 'upcoming'],
    ['5 minutes before', due - CALLBACK_DUE_BEFORE_MS, 'due'],
    ['at the time', due, 'due'],
    ['1 ms before overdue', due + CALLBACK_OVERDUE_AFTER_MS - 1, 'due'],
    ['30 minutes after', due + CALLBACK_OVERDUE_AFTER_MS, 'overdue'],
    ['a week after', due + 7 * 24 * 3600_000, 'overdue'],
  ])('%s → %s', (_, now, status) => {
    expect(callbackStatus(due, now)).toBe(status);
    expect(callbackStatus(new Date(due).toISOString(), now)).toBe(status);
  });

  it('the windows are 5 and 30 minutes', () => {
    expect([CALLBACK_DUE_BEFORE_MS, CALLBACK_OVERDUE_AFTER_MS]).toEqual([5 * 60_000, 30 * 60_000]);
  });
});

describe('callbackTimeProblem', () => {
  const now = Date.UTC(2026, 10, 24, 12, 0);
  it.each([
    ['no time', null, 'required'],
    ['NaN (an unparsable field)', Number.NaN, 'invalid'],
    ['Infinity', Number.POSITIVE_INFINITY, 'invalid'],
    ['-Infinity', Number.NEGATIVE_INFINITY, 'invalid'],
    ['now', now, null],
    ['a minute ago (grace for a slow click)', now - 60_000, null],
    ['a minute and 1 ms ago', now - 60_001, 'past'],
    ['yesterday', now - 24 * 3600_000, 'past'],
    ['tomorrow', now + 24 * 3600_000, null],
    ['exactly 366 days ahead', now + CALLBACK_MAX_AHEAD_MS, null],
    ['366 days and 1 ms ahead', now + CALLBACK_MAX_AHEAD_MS + 1, 'too-far'],
    ['a mistyped year', Date.UTC(2062, 10, 24, 12, 0), 'too-far'],
  ])('%s → %s', (_, dueAt, problem) => {
    expect(callbackTimeProblem(dueAt, now)).toBe(problem);
  });
});

describe('quickCallbackTimes (local time)', () => {
  /** The choices as [choice, local date] pairs for comparison. */
  const quick = (now: Date) => quickCallbackTimes(now).map(({ choice, at }) => [choice, at.getTime()]);
  const local = (day: number, h: number, min = 0) => new Date(2026, 10, day, h, min).getTime();
  // November 2026: Mon 23, … Fri 27, Sat 28, Sun 29, Mon 30; Tue 1 December.

  it('Friday 12:00: in an hour, this afternoon at 14:00, Monday at 9:00', () => {
    expect(quick(new Date(2026, 10, 27, 12, 0))).toEqual([
      ['in-1h', local(27, 13)],
      ['this-afternoon', local(27, 14)],
      ['next-morning', local(30, 9)],
    ]);
  });

  it('Friday 12:59:59.999 still offers this afternoon; "in an hour" drops the seconds', () => {
    expect(quick(new Date(2026, 10, 27, 12, 59, 59, 999))).toEqual([
      ['in-1h', local(27, 13, 59)],
      ['this-afternoon', local(27, 14)],
      ['next-morning', local(30, 9)],
    ]);
  });

  it('Friday 13:00: no afternoon choice any more', () => {
    expect(quick(new Date(2026, 10, 27, 13, 0))).toEqual([
      ['in-1h', local(27, 14)],
      ['next-morning', local(30, 9)],
    ]);
  });

  it.each([
    ['Saturday 10:00', new Date(2026, 10, 28, 10, 0), local(28, 11)],
    ['Sunday 8:30', new Date(2026, 10, 29, 8, 30), local(29, 9, 30)],
  ])('%s: no afternoon at the weekend, next morning is Monday', (_, now, inAnHour) => {
    expect(quick(now)).toEqual([
      ['in-1h', inAnHour],
      ['next-morning', local(30, 9)],
    ]);
  });

  it('Monday 9:15: the afternoon, and Tuesday (across the month end) at 9:00', () => {
    expect(quick(new Date(2026, 10, 30, 9, 15))).toEqual([
      ['in-1h', local(30, 10, 15)],
      ['this-afternoon', local(30, 14)],
      ['next-morning', new Date(2026, 11, 1, 9, 0).getTime()],
    ]);
  });

  it('Thursday 20:00: in an hour, then Friday at 9:00', () => {
    expect(quick(new Date(2026, 10, 26, 20, 0))).toEqual([
      ['in-1h', local(26, 21)],
      ['next-morning', local(27, 9)],
    ]);
  });

  it('every quick time passes the callback time check', () => {
    for (const now of [new Date(2026, 10, 27, 12, 0), new Date(2026, 10, 28, 23, 59, 59), new Date(2026, 10, 30, 0, 0)]) {
      for (const { at } of quickCallbackTimes(now)) expect(callbackTimeProblem(at.getTime(), now.getTime())).toBeNull();
    }
  });
});

describe('unreadable and fractional times', () => {
  it('an unreadable due time stands out as overdue', () => {
    expect(callbackStatus('not a date', Date.now())).toBe('overdue');
  });

  it('a fractional time is refused as invalid (the call state holds whole milliseconds)', () => {
    expect(callbackTimeProblem(Date.now() + 3_600_000.5, Date.now())).toBe('invalid');
  });
});

describe('mayConcernCallbacks: the text test that spares parsing every line', () => {
  const line = (over: object) => JSON.stringify({ schemaVersion: 1, type: 'call', id: id(1), outcome: 'resolved', callback: null, callbackOf: null, note: '', ...over });

  it('lets through every line that agrees or keeps a callback', () => {
    expect(mayConcernCallbacks(line({ outcome: 'callback', callback: { dueAt: '2026-11-24T10:00:00.000Z', reference: 'Staż' } }))).toBe(true);
    expect(mayConcernCallbacks(line({ callbackOf: id(7) }))).toBe(true);
  });

  it('skips an ordinary call, even one whose note quotes the field names', () => {
    expect(mayConcernCallbacks(line({}))).toBe(false);
    expect(mayConcernCallbacks(line({ note: 'wpisał "outcome":"callback" i "callbackOf":"x"' }))).toBe(false);
  });
});
