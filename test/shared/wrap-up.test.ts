import { describe, expect, it } from 'vitest';
import type { CallEvent, CallState } from '../../shared/call/call-machine';
import { wrapUpProblems } from '../../shared/call/wrap-up';
import { inPhase, OUTGOING, run, start, T0 } from './fixtures';

const NOW = T0 + 120_000;
const wrapUp = (...events: CallEvent[]) => inPhase(run([start(T0, OUTGOING), ...events, { type: 'end', at: T0 + 60_000 }]), 'wrap-up');
const withOutcome = (state: Extract<CallState, { phase: 'wrap-up' }>, outcome: 'callback' | 'resolved') => ({ ...state, outcome });
const CONTACT = { phone: '600 700 800', name: '', honorific: null, spokenName: null, caseRef: '' };
const setCallback = (dueAt: number): CallEvent => ({ type: 'set-callback', plan: { dueAt, reference: '' } });

describe('wrapUpProblems', () => {
  it('no outcome chosen: "outcome-required", and only that', () => {
    expect(wrapUp().outcome).toBeNull();
    expect(wrapUpProblems(wrapUp(), NOW)).toEqual(['outcome-required']);
    expect(wrapUpProblems({ ...wrapUp(setCallback(NOW - 3_600_000)), outcome: null }, NOW)).toEqual(['outcome-required']);
  });

  it('an outcome other than callback saves, missed items or not, callback plan or not', () => {
    expect(wrapUpProblems(withOutcome(wrapUp(), 'resolved'), NOW)).toEqual([]);
    expect(wrapUpProblems(withOutcome(wrapUp(setCallback(NOW - 3_600_000)), 'resolved'), NOW)).toEqual([]);
  });

  it('"callback" without a time: "callback-required"', () => {
    expect(wrapUpProblems(withOutcome(wrapUp(), 'callback'), NOW)).toEqual(['callback-required']);
  });

  it('"callback" with a time in the future, or within the minute of grace, and a number to call: no problem', () => {
    expect(wrapUpProblems(wrapUp(setCallback(NOW + 3_600_000)), NOW, CONTACT)).toEqual([]);
    expect(wrapUpProblems(wrapUp(setCallback(NOW - 60_000)), NOW, CONTACT)).toEqual([]);
  });

  it('"callback" without a number to call, or with one that is not a number: said, per problem, once', () => {
    const state = wrapUp(setCallback(NOW + 3_600_000));
    expect(wrapUpProblems(state, NOW)).toEqual(['contact-phoneRequired']);
    expect(wrapUpProblems(state, NOW, { ...CONTACT, phone: 'jutro' })).toEqual(['contact-phoneInvalid']);
    expect(wrapUpProblems(state, NOW, { ...CONTACT, phone: '', name: '<b>', caseRef: 'x'.repeat(61) })).toEqual(['contact-phoneRequired', 'contact-nameInvalid', 'contact-tooLong']);
    // The time comes first: a contact is asked for once there is a time.
    expect(wrapUpProblems(withOutcome(wrapUp(), 'callback'), NOW, { ...CONTACT, phone: '' })).toEqual(['callback-required']);
  });

  it('"callback" with a time gone by: "callback-past"', () => {
    const state = wrapUp(setCallback(NOW - 60_001));
    expect(state.outcome).toBe('callback');
    expect(wrapUpProblems(state, NOW)).toEqual(['callback-past']);
  });

  it('"callback" more than 366 days ahead: "callback-too-far"', () => {
    expect(wrapUpProblems(wrapUp(setCallback(NOW + 367 * 24 * 3_600_000)), NOW)).toEqual(['callback-too-far']);
  });

  it('"callback" whose time was cleared in wrap-up: "callback-required"', () => {
    const state = inPhase(run([{ type: 'set-callback', plan: null }], wrapUp(setCallback(NOW + 3_600_000))), 'wrap-up');
    expect(state.outcome).toBe('callback');
    expect(wrapUpProblems(state, NOW)).toEqual(['callback-required']);
  });
});
