import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../shared/journal/call-record';
import { OUTCOMES } from '../../shared/call/outcomes';
import { createRowBuilder, createRowMaker, missedItems, MISSED_ANY, NO_FILTER, quickRange, rowComparator, rowFilter, RegisterFilterSchema, type RegisterRow } from '../../shared/register/register';
import { CALLBACK_OVERDUE_AFTER_MS } from '../../shared/callbacks/callbacks';
import { callbackDeadline, callbacksKept, summarize } from '../../shared/register/statistics';
import { csvCells, csvHeader, itemColumns, neutralizeCell } from '../../shared/register/register-csv';
import { INCOMING, recordedItems, sampleRecord, TEST_CATALOG } from '../helpers/records';

const ANNA = '0b9f1e0e-3f5c-4a7e-9a39-6f3f6f2b8a10';
const PIOTR = '6a1c2d3e-4f50-4a7e-9a39-6f3f6f2b8a11';

/** A call started at a local time, with the fields a test cares about. */
function call(at: Date, changes: Partial<CallRecord> = {}): CallRecord {
  const base = sampleRecord(new Date(at.getTime() + 95_000));
  return { ...base, prevHash: '0'.repeat(64), ...changes } as CallRecord;
}

// The summary is tested on rows as their records state them; reading records against their checklist is tested below.
const build = createRowBuilder();
const row = (at: Date, changes: Partial<CallRecord> = {}) => {
  const record = call(at, changes);
  return build(record, { trust: 'ok', items: record.items, adherence: record.adherence }, 'calls/x/2026-11.jsonl', 'local');
};
const items = (states: [boolean, boolean, boolean][]) =>
  states.map(([applies, done, atWrapUp], i) => ({ id: `item-${i}`, label: `Punkt ${i}`, weight: 1, applies, done, atMs: done ? 1000 : null, atWrapUp }));

describe('register rows', () => {
  it('keep the checklist as one shared list and a string of states', () => {
    const a = row(new Date(2026, 10, 2, 9), { items: items([[true, true, false], [true, false, false], [false, false, false], [true, true, true]]) });
    const b = row(new Date(2026, 10, 2, 10), { items: items([[true, false, false], [true, true, false], [true, true, false], [true, true, false]]) });
    expect(a.states).toBe('dx-w');
    expect(a.items).toBe(b.items);
    expect(missedItems(a)).toEqual(['Punkt 1']);
  });
});

describe('register rows read against their checklist', () => {
  const makeRow = createRowMaker(TEST_CATALOG);
  const read = (changes: Partial<CallRecord>) => makeRow(call(new Date(2026, 10, 2, 9), changes), 'calls/x/2026-11.jsonl', 'import');

  it('a record as the service writes it is trusted as it is', () => {
    const r = read({});
    expect(r.trust).toBe('ok');
    expect(r.score).toBe(sampleRecord(new Date()).adherence.score);
  });

  it('a record whose checklist says "one item, done" is scored against the real checklist', () => {
    const forged = read({ items: [{ id: 'greeting', label: 'Powitanie', weight: 10, applies: true, done: true, atMs: 1000, atWrapUp: false }], adherence: { score: 1, greetingWithin30s: true, ticksAtWrapUp: 0 } });
    const honest = recordedItems(INCOMING, { greeting: 1000 });
    expect(forged.trust).toBe('recomputed');
    expect(forged.score).toBe(honest.adherence.score);
    expect(forged.score).toBeLessThan(0.5);
    expect(forged.items.ids).toEqual(INCOMING.items.map((i) => i.id));
  });

  it('a checklist version nobody knows is kept as a call, its figures left out', () => {
    const unknown = read({ checklist: { id: 'incoming', version: 99 } });
    expect(unknown.trust).toBe('unknown-checklist');
    expect(unknown.score).toBeNull();
    expect(unknown.states).toMatch(/^-+$/);
    const s = summarize([unknown, read({})], new Map(), Date.now());
    expect(s.calls).toBe(2);
    expect(s.greetingWithin30s.of).toBe(1);
    expect(s.meanScore).toBe(sampleRecord(new Date()).adherence.score);
  });
});

describe('register filters', () => {
  const rows = [
    row(new Date(2026, 10, 2, 0, 0), { clerk: { ...sampleRecord(new Date()).clerk, id: ANNA } }),
    row(new Date(2026, 10, 2, 23, 59), { direction: 'outgoing', outcome: 'routed', routedTo: { unitId: 'zus', unitName: 'ZUS', external: true } }),
    row(new Date(2026, 10, 3, 0, 0), { clerk: { id: PIOTR, firstName: 'Piotr', lastName: 'Wiśniewski', role: 'stazysta', unit: 'Kancelaria' } }),
  ];
  const ids = (filter: Partial<typeof NO_FILTER>) => rows.filter(rowFilter(RegisterFilterSchema.parse(filter))).map((r) => rows.indexOf(r));

  it('a day range takes whole local days, both ends included', () => {
    expect(ids({ from: '2026-11-02', to: '2026-11-02' })).toEqual([0, 1]);
    expect(ids({ from: '2026-11-03' })).toEqual([2]);
    expect(ids({ to: '2026-11-01' })).toEqual([]);
  });

  it('by clerk, direction, outcome, routed unit and missed items', () => {
    expect(ids({ clerkIds: [PIOTR] })).toEqual([2]);
    expect(ids({ direction: 'outgoing' })).toEqual([1]);
    expect(ids({ outcomes: ['routed', 'callback'] })).toEqual([1]);
    expect(ids({ routedUnitIds: ['zus'] })).toEqual([1]);
    expect(ids({ missed: MISSED_ANY })).toEqual([0, 1, 2]); // the sample misses the polite closing
    expect(ids({ missed: 'greeting' })).toEqual([]);
    expect(ids({ missed: 'polite-closing' })).toEqual([0, 1, 2]);
  });

  it('refuses a filter that is not one', () => {
    expect(RegisterFilterSchema.safeParse({ from: '2.11.2026' }).success).toBe(false);
    expect(RegisterFilterSchema.safeParse({ outcomes: ['lost'] }).success).toBe(false);
    expect(RegisterFilterSchema.safeParse({ clerk: 'Anna' }).success).toBe(false);
  });

  it('quick ranges: today, this week from Monday, last month whole', () => {
    const thursday = new Date(2026, 10, 26, 15, 0);
    expect(quickRange('today', thursday)).toEqual({ from: '2026-11-26', to: '2026-11-26' });
    expect(quickRange('this-week', thursday)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(quickRange('last-month', new Date(2026, 0, 15))).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(quickRange('this-week', new Date(2026, 10, 29, 23, 0))).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // a Sunday
  });

  it('sorting is stable: ties fall back to time, newest first', () => {
    const same = [row(new Date(2026, 10, 2, 9)), row(new Date(2026, 10, 2, 11)), row(new Date(2026, 10, 2, 10))];
    expect([...same].sort(rowComparator({ key: 'durationSec', descending: false })).map((r) => same.indexOf(r))).toEqual([1, 2, 0]);
    const byClerk = [...rows].sort(rowComparator({ key: 'clerkName', descending: false }));
    expect(byClerk.map((r) => r.clerkName)).toEqual(['Anna Nowak', 'Anna Nowak', 'Piotr Wiśniewski']);
  });
});

describe('summary', () => {
  const now = new Date(2026, 10, 24, 12).getTime();

  it('counts a small set exactly as by hand', () => {
    const rows = [
      row(new Date(2026, 10, 2, 9), { durationSec: 60, items: items([[true, true, false], [true, false, false]]), adherence: { score: 0.5, greetingWithin30s: true, ticksAtWrapUp: 0 } }),
      row(new Date(2026, 10, 2, 10), { durationSec: 120, items: items([[true, true, true], [true, true, false]]), adherence: { score: 1, greetingWithin30s: false, ticksAtWrapUp: 1 }, outcome: 'invited' }),
      row(new Date(2026, 10, 3, 9), { durationSec: 300, direction: 'outgoing', items: items([[true, true, false], [false, false, false]]), outcome: 'routed', routedTo: { unitId: 'zus', unitName: 'ZUS', external: true }, adherence: { score: null, greetingWithin30s: true, ticksAtWrapUp: 0 } }),
    ];
    const s = summarize(rows, new Map(), now);
    expect(s).toMatchObject({ calls: 3, incoming: 2, outgoing: 1, meanDurationSec: 160, medianDurationSec: 120, meanScore: 0.75 });
    expect(s.items).toEqual([
      { id: 'item-0', label: 'Punkt 0', done: { count: 3, of: 3, rate: 1 } },
      { id: 'item-1', label: 'Punkt 1', done: { count: 1, of: 2, rate: 0.5 } },
    ]);
    expect(s.greetingWithin30s).toEqual({ count: 2, of: 3, rate: 2 / 3 });
    expect(s.routed.count).toBe(1);
    expect(s.invited.count).toBe(1);
    expect(s.itemsTickedAtWrapUp).toEqual({ count: 1, of: 4, rate: 0.25 });
    expect(s.perDay).toEqual([
      { day: '2026-11-02', calls: 2 },
      { day: '2026-11-03', calls: 1 },
    ]);
    expect(s.routingTargets).toEqual([{ unitId: 'zus', unitName: 'ZUS', external: true, calls: 1 }]);
    expect(s.outcomes).toMatchObject({ resolved: 1, invited: 1, routed: 1, callback: 0 });
  });

  it('an empty set has no averages, and no share divides by nothing', () => {
    const s = summarize([], new Map(), now);
    expect(s).toMatchObject({ calls: 0, meanDurationSec: null, medianDurationSec: null, meanScore: null, items: [], perDay: [] });
    expect(s.greetingWithin30s).toEqual({ count: 0, of: 0, rate: null });
    expect(s.callbacksKeptOnTime.rate).toBeNull();
  });

  it('identity on outbound calls: made sure who answered, out of the outbound calls somebody answered', () => {
    const identity = (done: boolean) => [{ id: 'identity-confirmed', label: 'Tożsamość', weight: 3, applies: true, done, atMs: done ? 5000 : null, atWrapUp: false }];
    const out = (person: 'right' | 'someone-else' | 'no-answer' | null, done = false) =>
      row(new Date(2026, 10, 2, 9), { direction: 'outgoing', items: identity(done), outbound: { person, goodMoment: null } });
    const rows = [
      out('right', true),
      out('someone-else'), // recognised as not the person: identity was checked
      out(null), // never asked who answered
      out(null, true), // ticked by hand
      out('no-answer'), // nobody to confirm: not counted
      row(new Date(2026, 10, 2, 9), { direction: 'incoming', items: identity(true) }),
    ];
    expect(summarize(rows, new Map(), now).identityConfirmedOutbound).toEqual({ count: 3, of: 4, rate: 0.75 });
  });

  it('an outbound call nobody answered counts as a call, not against the greeting or the checklist', () => {
    const rows = [
      row(new Date(2026, 10, 2, 9), { items: items([[true, true, false]]), adherence: { score: 1, greetingWithin30s: true, ticksAtWrapUp: 0 } }),
      row(new Date(2026, 10, 2, 10), {
        direction: 'outgoing',
        outbound: { person: 'no-answer', goodMoment: null },
        items: items([[true, false, false]]),
        adherence: { score: 0, greetingWithin30s: false, ticksAtWrapUp: 0 },
      }),
    ];
    const s = summarize(rows, new Map(), now);
    expect(s.calls).toBe(2);
    expect(s.greetingWithin30s).toEqual({ count: 1, of: 1, rate: 1 });
    expect(s.items).toEqual([{ id: 'item-0', label: 'Punkt 0', done: { count: 1, of: 1, rate: 1 } }]);
  });

  it('a callback is kept on time when a call is made for it by 30 minutes after its time; one still ahead is not judged yet', () => {
    const due = (h: number) => ({ dueAt: new Date(2026, 10, 24, h).toISOString(), reference: 'Staż' });
    const agreed = [
      row(new Date(2026, 10, 23, 9), { outcome: 'callback', callback: due(10) }), // kept at 10:20
      row(new Date(2026, 10, 23, 9), { outcome: 'callback', callback: due(9) }), // kept at 9:45: late
      row(new Date(2026, 10, 23, 9), { outcome: 'callback', callback: due(8) }), // never kept, overdue
      row(new Date(2026, 10, 23, 9), { outcome: 'callback', callback: due(16) }), // still ahead
    ];
    const keeping = [
      row(new Date(2026, 10, 24, 10, 20), { callbackOf: agreed[0]!.id }),
      row(new Date(2026, 10, 24, 9, 45), { callbackOf: agreed[1]!.id }),
      row(new Date(2026, 10, 24, 11, 0), { callbackOf: agreed[0]!.id }), // a second call for the same one changes nothing
    ];
    const s = summarize(agreed, callbacksKept([...agreed, ...keeping]), now);
    expect(s.callbacksAgreed).toBe(4);
    expect(s.callbacksKeptOnTime).toEqual({ count: 1, of: 3, rate: 1 / 3 });
  });

  it('a callback moved in time is judged by its new time; called off in time, not at all; a change made once it was late changes nothing', () => {
    const due = (h: number) => ({ dueAt: new Date(2026, 10, 24, h).toISOString(), reference: 'Staż' });
    const at = (h: number, m = 0) => new Date(2026, 10, 24, h, m).getTime();
    const agreed = [
      row(new Date(2026, 10, 23, 9), { outcome: 'callback', callback: due(9) }), // moved at 8:00 to 12:00, kept at 12:10: on time
      row(new Date(2026, 10, 23, 9), { outcome: 'callback', callback: due(9) }), // called off at 8:00: not judged
      row(new Date(2026, 10, 23, 9), { outcome: 'callback', callback: due(9) }), // missed, moved at 11:00 to 12:00 and kept then: still late
      row(new Date(2026, 10, 23, 9), { outcome: 'callback', callback: due(9) }), // missed, called off at 11:00: still late
    ];
    const keeping = [row(new Date(2026, 10, 24, 12, 10), { callbackOf: agreed[0]!.id }), row(new Date(2026, 10, 24, 12, 10), { callbackOf: agreed[2]!.id })];
    const changes = new Map([
      [agreed[0]!.id, [{ at: at(8), change: 'rescheduled' as const, dueAt: at(12) }]],
      [agreed[1]!.id, [{ at: at(8), change: 'cancelled' as const, dueAt: null }]],
      [agreed[2]!.id, [{ at: at(11), change: 'rescheduled' as const, dueAt: at(12) }]],
      [agreed[3]!.id, [{ at: at(11), change: 'cancelled' as const, dueAt: null }]],
    ]);
    const s = summarize(agreed, callbacksKept([...agreed, ...keeping]), at(15), changes);
    expect(s.callbacksAgreed).toBe(4);
    expect(s.callbacksKeptOnTime).toEqual({ count: 1, of: 3, rate: 1 / 3 });
    // Read without the changes, the same calls are four judged and none on time (the first kept at 12:10 for 9:00).
    expect(summarize(agreed, callbacksKept([...agreed, ...keeping]), at(15)).callbacksKeptOnTime).toEqual({ count: 0, of: 4, rate: 0 });
  });

  it('only a call of the clerk who agreed a callback keeps it, and a call dated back counts from two hours before it was saved', () => {
    const due = { dueAt: new Date(2026, 10, 24, 10).toISOString(), reference: 'Staż' };
    const agreed = row(new Date(2026, 10, 23, 9), { outcome: 'callback', callback: due });
    const other = (n: Date) => ({ ...row(n, { callbackOf: agreed.id }), clerkId: PIOTR });
    const now = new Date(2026, 10, 24, 18).getTime();
    // Another clerk's call naming it: nothing kept, and past its time it is late.
    expect(summarize([agreed], callbacksKept([agreed, other(new Date(2026, 10, 24, 10, 5))]), now).callbacksKeptOnTime).toEqual({ count: 0, of: 1, rate: 0 });
    // Started (by the window's clock) at 10:05 but stored at 16:00: it counts from 14:00 — late.
    const backdated = { ...row(new Date(2026, 10, 24, 10, 5), { callbackOf: agreed.id }), savedAt: new Date(2026, 10, 24, 16).getTime() };
    expect(summarize([agreed], callbacksKept([agreed, backdated]), now).callbacksKeptOnTime).toEqual({ count: 0, of: 1, rate: 0 });
    // The same call stored at 10:20: on time.
    const honest = { ...backdated, savedAt: new Date(2026, 10, 24, 10, 20).getTime() };
    expect(summarize([agreed], callbacksKept([agreed, honest]), now).callbacksKeptOnTime).toEqual({ count: 1, of: 1, rate: 1 });
  });

  it('callbackDeadline: moves chain while in time; the first change after the deadline ends the chain', () => {
    const h = (n: number) => n * 3_600_000;
    expect(callbackDeadline(h(9))).toBe(h(9) + CALLBACK_OVERDUE_AFTER_MS);
    expect(callbackDeadline(h(9), [{ at: h(8), change: 'rescheduled', dueAt: h(12) }, { at: h(12), change: 'rescheduled', dueAt: h(15) }])).toBe(h(15) + CALLBACK_OVERDUE_AFTER_MS);
    expect(callbackDeadline(h(9), [{ at: h(8), change: 'rescheduled', dueAt: h(10) }, { at: h(11), change: 'cancelled', dueAt: null }])).toBe(h(10) + CALLBACK_OVERDUE_AFTER_MS);
    expect(callbackDeadline(h(9), [{ at: h(9), change: 'cancelled', dueAt: null }])).toBeNull();
  });

  it('property: shares stay within their counts, and the per-day and per-outcome counts add up to the calls', () => {
    const arbitraryRow = fc
      .record({
        day: fc.integer({ min: 1, max: 28 }),
        hour: fc.integer({ min: 0, max: 23 }),
        duration: fc.integer({ min: 0, max: 3600 }),
        outcome: fc.constantFrom(...OUTCOMES),
        outgoing: fc.boolean(),
        states: fc.array(fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 7 }),
        score: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
      })
      .map((r) =>
        row(new Date(2026, 10, r.day, r.hour), {
          durationSec: r.duration,
          outcome: r.outcome,
          direction: r.outgoing ? 'outgoing' : 'incoming',
          items: items(r.states),
          adherence: { score: r.score, greetingWithin30s: r.hour % 2 === 0, ticksAtWrapUp: 0 },
        }),
      );
    fc.assert(
      fc.property(fc.array(arbitraryRow, { maxLength: 60 }), (rows: RegisterRow[]) => {
        const s = summarize(rows, new Map(), now);
        expect(s.perDay.reduce((n, d) => n + d.calls, 0)).toBe(rows.length);
        expect(Object.values(s.outcomes).reduce((n, c) => n + c, 0)).toBe(rows.length);
        for (const share of [s.greetingWithin30s, s.routed, s.invited, s.itemsTickedAtWrapUp, ...s.items.map((i) => i.done)]) {
          expect(share.count).toBeLessThanOrEqual(share.of);
          if (share.of > 0) expect(share.rate).toBeCloseTo(share.count / share.of);
        }
        if (rows.length > 0) {
          const sorted = rows.map((r) => r.durationSec).sort((a, b) => a - b);
          expect(s.medianDurationSec).toBeGreaterThanOrEqual(sorted[0]!);
          expect(s.medianDurationSec).toBeLessThanOrEqual(sorted.at(-1)!);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('CSV cells', () => {
  it('neutralises every cell a spreadsheet would run as a formula, and nothing else', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutralizeCell(`${start}HYPERLINK("http://x")`)).toBe(`'${start}HYPERLINK("http://x")`);
    expect(neutralizeCell('Zwykła notatka; z "cudzysłowem"\nw dwóch wierszach')).toBe('Zwykła notatka; z "cudzysłowem"\nw dwóch wierszach');
    expect(neutralizeCell('123')).toBe('123');
    fc.assert(
      fc.property(fc.string(), (text) => {
        const safe = neutralizeCell(text);
        expect(/^[=+\-@\t\r]/.test(safe)).toBe(false);
        expect(safe.endsWith(text)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('one row per call: Polish headers, dates as RRRR-MM-DD GG:MM, seconds, one column per item', () => {
    const r = row(new Date(2026, 10, 2, 9, 5), { note: '=1+1 notatka', outcome: 'invited', invitation: { appointmentAt: new Date(2026, 11, 1, 10, 30).toISOString() } });
    const columns = itemColumns([r.items]);
    const header = csvHeader(columns);
    const cells = csvCells(r, columns, '');
    expect(header.slice(0, 5)).toEqual(['Data rozpoczęcia', 'Pracownik', 'Kierunek', 'Czas trwania [s]', 'Wynik']);
    expect(header.slice(-2)).toEqual(['Język zrozumiały, bez żargonu', 'Uprzejme zakończenie rozmowy']);
    expect(cells.length).toBe(header.length);
    const at = (name: string) => cells[header.indexOf(name)];
    expect(at('Data rozpoczęcia')).toBe('2026-11-02 09:05');
    expect(at('Czas trwania [s]')).toBe('90');
    expect(at('Wynik')).toBe('Zaproszenie do Urzędu');
    expect(at('Termin wizyty')).toBe('2026-12-01 10:30');
    expect(at('Notatka')).toBe("'=1+1 notatka");
    expect(at('Powitanie: imię i nazwisko, Urząd, komórka')).toBe('tak');
    expect(at('Uprzejme zakończenie rozmowy')).toBe('nie');
  });
});

describe('CSV dates', () => {
  it('property: RRRR-MM-DD GG:MM in local time, the same as date-fns formats it, across clock changes', async () => {
    const { format } = await import('date-fns');
    const { localMinute } = await import('../../shared/register/register-csv');
    expect(localMinute(null)).toBe('');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
        expect(localMinute(ms)).toBe(format(ms, 'yyyy-MM-dd HH:mm'));
      }),
      { numRuns: 5000 },
    );
  });
});
