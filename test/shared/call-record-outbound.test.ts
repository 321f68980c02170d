import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/call/call-machine';
import { buildCallRecord, CallRecordSchema, summarizeCall } from '../../shared/journal/call-record';
import type { Outcome } from '../../shared/call/outcomes';
import { CALL_ID, INCOMING, inPhase, OUTGOING, run, start, T0, PROFILE } from './fixtures';

const profile = PROFILE;
const EARLIER = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const DUE = T0 + 24 * 3600_000;
const SAVED_AT = T0 + 90_000;

function record(events: CallEvent[], outcome: Outcome, note = '', first: CallEvent = start(T0, OUTGOING)) {
  const { call } = inPhase(run([first, ...events, { type: 'end', at: T0 + 60_000 }]), 'wrap-up');
  const built = buildCallRecord({ call, outcome, note }, profile, SAVED_AT);
  expect(CallRecordSchema.safeParse({ ...built, prevHash: '0'.repeat(64) }).success).toBe(true);
  return built;
}
const callback = (reference: string): CallEvent => ({ type: 'set-callback', plan: { dueAt: DUE, reference } });

describe('buildCallRecord: outbound calls and callbacks', () => {
  it('records who answered and whether it was a good moment; incoming calls record null', () => {
    const events: CallEvent[] = [
      { type: 'answer-person', answer: 'right', at: T0 + 2_000 },
      { type: 'answer-good-moment', good: false, at: T0 + 4_000 },
    ];
    expect(record(events, 'resolved').outbound).toEqual({ person: 'right', goodMoment: false });
    expect(record([], 'resolved', '', start(T0, INCOMING)).outbound).toBeNull();
    expect(record([], 'no-contact').outbound).toEqual({ person: null, goodMoment: null });
  });

  it('records the callback, its time as ISO and its reference masked, when the outcome is "callback"', () => {
    const built = record([callback('  tel. 600 700 800 po 15  ')], 'callback');
    expect(built.callback).toEqual({ dueAt: new Date(DUE).toISOString(), reference: 'tel. [telefon] po 15' });
    expect(summarizeCall({ ...built, prevHash: '0'.repeat(64) }).callbackDueAt).toBe(new Date(DUE).toISOString());
  });

  it('the reference\'s masked counts are added to the note\'s', () => {
    const built = record([callback('tel. 600 700 800, PESEL 44051401359')], 'callback', 'drugi tel. 501 502 503');
    expect(built.note).toBe('drugi tel. [telefon]');
    expect(built.maskedCounts).toEqual({ phone: 2, pesel: 1 });
    expect(JSON.stringify(built)).not.toContain('44051401359');
  });

  it('a callback plan is dropped (and its identifiers not counted) when the clerk chose another outcome', () => {
    const built = record([callback('tel. 600 700 800')], 'resolved');
    expect(built.callback).toBeNull();
    expect(built.maskedCounts).toEqual({});
    expect(JSON.stringify(built)).not.toContain('600 700 800');
  });

  it('records which earlier call it answers', () => {
    expect(record([], 'resolved', '', { type: 'start', id: CALL_ID, checklist: OUTGOING, at: T0, callbackOf: EARLIER }).callbackOf).toBe(EARLIER);
    expect(record([], 'resolved').callbackOf).toBeNull();
  });

  it('records the adherence of the call', () => {
    // OUTGOING weights: greeting 3, identity 3, good moment 2, others 1 + 2 + 1 + 1 = 13 in all.
    const built = record(
      [
        { type: 'toggle-item', itemId: 'greeting', at: T0 + 1_000 },
        { type: 'answer-person', answer: 'right', at: T0 + 10_000 },
        { type: 'answer-good-moment', good: true, at: T0 + 20_000 },
      ],
      'resolved',
    );
    expect(built.adherence).toEqual({ score: 8 / 13, greetingWithin30s: true, ticksAtWrapUp: 0 });
    expect(built.id).toBe(CALL_ID);
  });
});
