import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callReducer, CallStateSchema, IDLE, LATEST_TIME, NOTE_MAX_LENGTH, type CallEvent, type CallState } from '../../shared/call/call-machine';
import { GOOD_MOMENT_ITEM_ID, IDENTITY_ITEM_ID, PERSON_ANSWERS } from '../../shared/call/outbound';
import { OUTCOMES } from '../../shared/call/outcomes';
import { INCOMING, OUTGOING, SHORT } from './fixtures';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const knownIds = [...new Set([...INCOMING.items, ...OUTGOING.items, ...SHORT.items].map((i) => i.id))];
const at = fc.integer({ min: T0 - 60_000, max: T0 + 3_600_000 });

const startEvent = fc.record({
  type: fc.constant('start' as const),
  id: fc.uuid({ version: 4 }),
  checklist: fc.constantFrom(INCOMING, OUTGOING, SHORT),
  at,
  callbackOf: fc.option(fc.uuid({ version: 4 }), { nil: null }),
});

const plan = fc.record({
  dueAt: fc.oneof(at, fc.integer({ min: 0, max: LATEST_TIME })),
  reference: fc.string({ maxLength: 30 }),
});

const event: fc.Arbitrary<CallEvent> = fc.oneof(
  { arbitrary: startEvent, weight: 3 },
  { arbitrary: fc.record({ type: fc.constant('toggle-item' as const), itemId: fc.constantFrom(...knownIds), at }), weight: 4 },
  fc.record({ type: fc.constant('set-personal-data' as const), value: fc.boolean() }),
  { arbitrary: fc.record({ type: fc.constant('answer-person' as const), answer: fc.constantFrom(...PERSON_ANSWERS), at }), weight: 3 },
  { arbitrary: fc.record({ type: fc.constant('answer-good-moment' as const), good: fc.boolean(), at }), weight: 3 },
  { arbitrary: fc.record({ type: fc.constant('set-callback' as const), plan: fc.option(plan, { nil: null }) }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('end' as const), at }), weight: 2 },
  fc.constant({ type: 'resume' as const }),
  fc.record({ type: fc.constant('set-outcome' as const), outcome: fc.constantFrom(...OUTCOMES) }),
  fc.record({ type: fc.constant('set-note' as const), note: fc.string({ maxLength: 20 }) }),
  fc.constant({ type: 'saved' as const }),
  fc.constant({ type: 'discard' as const }),
);

const sequence = fc.array(event, { maxLength: 40, size: 'medium' });

/** Runs `events` from idle, calling `check` with the state before, the event and the state after. */
function walk(events: CallEvent[], check: (before: CallState, e: CallEvent, after: CallState) => void): void {
  let state: CallState = IDLE;
  for (const e of events) {
    const before = state;
    state = callReducer(state, e);
    check(before, e, state);
  }
}

describe('callReducer with the outbound script: properties over random event sequences', () => {
  it('every reachable state validates with CallStateSchema', () => {
    fc.assert(
      fc.property(sequence, (events) =>
        walk(events, (_, __, state) => {
          const parsed = CallStateSchema.safeParse(state);
          expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        }),
      ),
      { numRuns: 500 },
    );
  });

  it('incoming calls never get an outbound state; outgoing calls always have one; ticks are never negative', () => {
    fc.assert(
      fc.property(sequence, (events) =>
        walk(events, (_, __, state) => {
          if (state.phase === 'idle') return;
          const { call } = state;
          expect(call.direction).toBe(call.checklist.direction);
          if (call.direction === 'incoming') expect(call.outbound).toBeNull();
          else expect(call.outbound).not.toBeNull();
          for (const item of Object.values(call.items)) {
            if (item.atMs !== null) expect(item.atMs).toBeGreaterThanOrEqual(0);
            expect(item.done).toBe(item.atMs !== null);
          }
          if (state.phase === 'wrap-up') expect(state.note.length).toBeLessThanOrEqual(NOTE_MAX_LENGTH);
        }),
      ),
      { numRuns: 1000 },
    );
  });

  it('the script step always agrees with the answers given', () => {
    fc.assert(
      fc.property(sequence, (events) =>
        walk(events, (_, __, state) => {
          const outbound = state.phase === 'idle' ? null : state.call.outbound;
          if (!outbound) return;
          const { step, person, goodMoment } = outbound;
          const expected = {
            'confirm-person': [null, null],
            'someone-else': ['someone-else', null],
            'no-answer': ['no-answer', null],
            'good-moment': ['right', null],
            callback: ['right', false],
            talk: ['right', true],
          }[step];
          expect([person, goodMoment]).toEqual(expected);
        }),
      ),
      { numRuns: 1000 },
    );
  });

  it('answers change the call only during an outgoing call, and touch only their own items', () => {
    fc.assert(
      fc.property(sequence, (events) =>
        walk(events, (before, e, after) => {
          if (e.type !== 'answer-person' && e.type !== 'answer-good-moment') return;
          if (before.phase !== 'in-call' || !before.call.outbound) {
            expect(after).toBe(before);
            return;
          }
          if (after === before || after.phase !== 'in-call') return;
          // "Right person" and "good moment" tick their item; another person answer takes both back.
          const ticked = e.type === 'answer-person' ? (e.answer === 'right' ? IDENTITY_ITEM_ID : null) : GOOD_MOMENT_ITEM_ID;
          if (ticked && ticked in after.call.items) expect(after.call.items[ticked]?.done).toBe(true);
          if (e.type === 'answer-person' && e.answer !== 'right') {
            for (const id of [IDENTITY_ITEM_ID, GOOD_MOMENT_ITEM_ID]) if (id in after.call.items) expect(after.call.items[id]?.done).toBe(false);
          }
          // An answer never touches any other item.
          for (const id of Object.keys(after.call.items)) {
            if (id !== IDENTITY_ITEM_ID && id !== GOOD_MOMENT_ITEM_ID) expect(after.call.items[id]).toBe(before.call.items[id]);
          }
        }),
      ),
      { numRuns: 1000 },
    );
  });

  it('after "end" the outcome is the kept one, or else "callback" exactly when a callback is planned', () => {
    fc.assert(
      fc.property(sequence, (events) =>
        walk(events, (before, e, after) => {
          if (e.type !== 'end' || before.phase !== 'in-call') return;
          expect(after.phase).toBe('wrap-up');
          if (after.phase !== 'wrap-up') return;
          const kept = before.kept?.outcome ?? null;
          if (kept !== null) {
            expect(after.outcome).toBe(kept);
            return;
          }
          expect(after.outcome === 'callback').toBe(after.call.callback !== null);
          const person = after.call.outbound?.person;
          if (after.call.callback === null) {
            expect(after.outcome).toBe(person === 'someone-else' || person === 'no-answer' ? 'no-contact' : null);
          }
        }),
      ),
      { numRuns: 1000 },
    );
  });

  it('resume then end gives back the outcome the clerk chose, the note and the ticks', () => {
    fc.assert(
      fc.property(sequence, at, (events, endAt) =>
        walk(events, (before, e, after) => {
          if (e.type !== 'resume' || before.phase !== 'wrap-up') return;
          const again = callReducer(after, { type: 'end', at: endAt });
          expect(again.phase).toBe('wrap-up');
          if (again.phase !== 'wrap-up') return;
          expect(again.note).toBe(before.note);
          // A preset the clerk left as it was is preset afresh; a choice of their own comes back.
          const preset = callReducer({ phase: 'in-call', call: { ...before.call, endedAt: null } }, { type: 'end', at: endAt });
          const presetOutcome = preset.phase === 'wrap-up' ? preset.outcome : null;
          if (before.outcome !== null) expect(again.outcome).toBe(before.outcome === presetOutcome ? presetOutcome : before.outcome);
          // Ticks keep their state and time; a tick made after the end stays marked.
          const previousDuration = before.call.endedAt! - before.call.startedAt;
          for (const [id, item] of Object.entries(before.call.items)) {
            expect(again.call.items[id]).toMatchObject({ done: item.done, atMs: item.atMs });
            if (item.atWrapUp && item.atMs !== null && item.atMs >= previousDuration) expect(again.call.items[id]?.atWrapUp).toBe(true);
          }
          expect(again.call.endedAt).toBe(Math.max(endAt, again.call.startedAt));
        }),
      ),
      { numRuns: 500 },
    );
  });

  it('a ticked personal-data item means the call is marked as touching personal data, unless the clerk unset it since', () => {
    fc.assert(
      fc.property(sequence, (events) =>
        walk(events, (before, e, after) => {
          if (e.type !== 'toggle-item' || after.phase === 'idle' || after === before) return;
          const item = after.call.checklist.items.find((i) => i.id === e.itemId);
          if (item?.appliesWhen === 'personal-data' && after.call.items[e.itemId]?.done) expect(after.call.personalData).toBe(true);
        }),
      ),
      { numRuns: 1000 },
    );
  });
});
