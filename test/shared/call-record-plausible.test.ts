import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallRecordSchema, type CallRecord } from '../../shared/journal/call-record';
import { implausibleCall } from '../../shared/journal/call-record-plausible';
import { OLDEST_CALL_MS } from '../../shared/call/call-for-saving';
import { sampleRecord } from '../helpers/records';

/**
 * A record an import brings is held to what a save allows: the calls the
 * app saves pass, and each way a hand could make a call the app never
 * would is refused — at any size of the step past the line.
 */
const DAY = 86_400_000;
const recordAt = (savedAt: Date): CallRecord => CallRecordSchema.parse({ ...sampleRecord(savedAt), prevHash: '0'.repeat(64) });
const savedAt = fc.date({ min: new Date('2001-01-01'), max: new Date('2099-01-01'), noInvalidDate: true });
const past = fc.integer({ min: 1, max: 10 * 365 * DAY });

describe('a call record the app could have saved', () => {
  it('property: the calls the app saves pass', () => {
    fc.assert(
      fc.property(savedAt, (at) => {
        expect(implausibleCall(recordAt(at))).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('property: saved more than a month after it started is refused, by any margin', () => {
    fc.assert(
      fc.property(savedAt, past, (at, by) => {
        const r = recordAt(at);
        const startedAt = new Date(Date.parse(r.savedAt) - OLDEST_CALL_MS - by);
        const moved = { ...r, startedAt: startedAt.toISOString(), endedAt: new Date(startedAt.getTime() + r.durationSec * 1000).toISOString() };
        expect(implausibleCall(moved)).toBe('saved-long-after');
      }),
      { numRuns: 300 },
    );
  });

  it('property: a tick without a time, after the save, or after the end not marked as made at wrap-up is refused', () => {
    fc.assert(
      fc.property(savedAt, fc.integer({ min: 2_000, max: 30 * DAY }), fc.constantFrom('no-time', 'after-end'), (at, by, kind) => {
        const r = recordAt(at);
        const i = r.items.findIndex((item) => item.done);
        const atMs = kind === 'no-time' ? null : r.durationSec * 1000 + by;
        const items = r.items.map((item, k) => (k === i ? { ...item, atMs, atWrapUp: false } : item));
        expect(implausibleCall({ ...r, items })).toMatch(kind === 'no-time' ? 'tick-without-time' : /^tick-after-(end|save)$/);
      }),
      { numRuns: 300 },
    );
  });

  it('property: a callback due before the save, or further ahead than one can be agreed, is refused', () => {
    fc.assert(
      fc.property(savedAt, fc.integer({ min: 10 * 60_000, max: 20 * 365 * DAY }), fc.boolean(), (at, by, before) => {
        const r = recordAt(at);
        const due = Date.parse(r.savedAt) + (before ? -by : 367 * DAY + by);
        expect(implausibleCall({ ...r, outcome: 'callback', callback: { dueAt: new Date(due).toISOString(), reference: '' } })).toBe('callback-out-of-range');
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['a callback on a call resolved otherwise', (r: CallRecord) => ({ ...r, callback: { dueAt: new Date(Date.parse(r.savedAt) + 3_600_000).toISOString(), reference: '' } }), 'outcome-fields'],
    ['the callback outcome with no callback time', (r: CallRecord) => ({ ...r, outcome: 'callback' as const }), 'outcome-fields'],
    ['a call that is the callback of itself', (r: CallRecord) => ({ ...r, callbackOf: r.id }), 'callback-of-itself'],
    ['an appointment made for before the call', (r: CallRecord) => ({ ...r, outcome: 'invited' as const, invitation: { appointmentAt: '2001-01-01T09:00:00.000Z' } }), 'appointment-before-call'],
  ])('%s is refused', (_name, forge, why) => {
    const r = recordAt(new Date(2026, 9, 5, 10));
    expect(implausibleCall(forge(r))).toBe(why);
  });

  it('each outcome with its own fields, as a save makes it, passes', () => {
    const r = recordAt(new Date(2026, 9, 5, 10));
    const later = new Date(Date.parse(r.savedAt) + 86_400_000).toISOString();
    for (const made of [
      { ...r, outcome: 'callback' as const, callback: { dueAt: later, reference: '[PESEL]' } },
      { ...r, outcome: 'routed' as const, routedTo: { unitId: 'zus', unitName: 'ZUS', external: true } },
      { ...r, outcome: 'invited' as const, invitation: { appointmentAt: later } },
      { ...r, outcome: 'invited' as const, invitation: { appointmentAt: null } },
      // Chosen in the wrap-up without picking a unit or a date, as the app allows.
      { ...r, outcome: 'routed' as const },
      { ...r, outcome: 'invited' as const },
      // Routed and then invited in: both facts kept, the outcome the last chosen.
      { ...r, outcome: 'invited' as const, routedTo: { unitId: 'zus', unitName: 'ZUS', external: true }, invitation: { appointmentAt: later } },
    ]) expect(implausibleCall(made)).toBeNull();
  });
});

describe('every call the app saves passes', () => {
  it('property: any checklist, ticks, outbound answer, routing, invitation and outcome the window allows — built as a save builds it — is plausible', async () => {
    const { buildCallRecord } = await import('../../shared/journal/call-record');
    const { callReducer } = await import('../../shared/call/call-machine');
    const { OUTCOMES } = await import('../../shared/call/outcomes');
    const { endedCall } = await import('../helpers/calls');
    const { PROFILE } = await import('./fixtures');
    const { INCOMING: IN, OUTGOING: OUT } = await import('../helpers/records');
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.constantFrom(...OUTCOMES),
        fc.constantFrom('right', 'someone-else', 'no-answer', null),
        fc.boolean(),
        fc.boolean(),
        fc.subarray([1, 2, 3, 4, 5, 6, 7]),
        (outgoing, outcome, person, routed, invited, keys) => {
          const now = Date.now();
          const call = endedCall(outgoing ? OUT : IN, (s) => {
            let state = s;
            for (const key of keys) {
              const item = (outgoing ? OUT : IN).items[key - 1];
              if (item) state = callReducer(state, { type: 'toggle-item', itemId: item.id, at: now - 50_000 + key * 1_000 });
            }
            if (outgoing && person) state = callReducer(state, { type: 'answer-person', answer: person, at: now - 40_000 });
            if (routed) state = callReducer(state, { type: 'route', unit: { id: 'zus', name: 'ZUS', external: true }, at: now - 30_000 });
            if (invited) state = callReducer(state, { type: 'invite', appointmentAt: now + 86_400_000, at: now - 20_000 });
            return state;
          }, now);
          const withCallback = outcome === 'callback' ? { ...call, callback: { dueAt: now + 3_600_000, reference: '' } } : call;
          const record = CallRecordSchema.parse({ ...buildCallRecord({ call: withCallback, outcome, note: '' }, PROFILE, now), prevHash: '0'.repeat(64) });
          expect(implausibleCall(record)).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });
});
