import { describe, expect, it } from 'vitest';
import {
  callReducer,
  callStage,
  CallStateSchema,
  checklistRows,
  elapsedMs,
  IDLE,
  itemForKey,
  missingItems,
  NOTE_MAX_LENGTH,
  type CallEvent,
  type CallState,
} from '../../shared/call/call-machine';
import { CALL_ID, INCOMING, inPhase, run, SHORT, start, T0 } from './fixtures';

const tick = (itemId: string, at: number): CallEvent => ({ type: 'toggle-item', itemId, at });
const inCall = () => inPhase(run([start()]), 'in-call');
const wrapUp = (endAt = T0 + 60_000) => inPhase(run([start(), { type: 'end', at: endAt }]), 'wrap-up');

describe('callReducer: transitions', () => {
  it('start: idle → in-call with every checklist item unticked', () => {
    const state = inCall();
    expect(state.call).toMatchObject({ id: CALL_ID, direction: 'incoming', startedAt: T0, endedAt: null, personalData: false });
    expect(Object.keys(state.call.items)).toEqual(INCOMING.items.map((i) => i.id));
    for (const item of Object.values(state.call.items)) expect(item).toEqual({ done: false, atMs: null, atWrapUp: false });
    expect(CallStateSchema.safeParse(state).success).toBe(true);
  });

  it('tick stores the offset from the call start; untick clears it', () => {
    const ticked = inPhase(callReducer(inCall(), tick('greeting', T0 + 2_100)), 'in-call');
    expect(ticked.call.items.greeting).toEqual({ done: true, atMs: 2_100, atWrapUp: false });
    const unticked = inPhase(callReducer(ticked, tick('greeting', T0 + 5_000)), 'in-call');
    expect(unticked.call.items.greeting).toEqual({ done: false, atMs: null, atWrapUp: false });
    const again = inPhase(callReducer(unticked, tick('greeting', T0 + 7_300)), 'in-call');
    expect(again.call.items.greeting?.atMs).toBe(7_300);
  });

  it('restore-item (undo of an untick) puts back the tick as it was; never over a tick, never a time the call has not reached', () => {
    const ticked = inPhase(callReducer(inCall(), tick('greeting', T0 + 2_100)), 'in-call');
    const before = ticked.call.items.greeting!;
    const unticked = inPhase(callReducer(ticked, tick('greeting', T0 + 5_000)), 'in-call');
    const restore = (state: CallState, item = before, at = T0 + 9_000) => callReducer(state, { type: 'restore-item', itemId: 'greeting', item, at });
    expect(inPhase(restore(unticked), 'in-call').call.items.greeting).toEqual(before);
    // Already ticked again by the clerk: the later tick stands.
    const retick = callReducer(unticked, tick('greeting', T0 + 6_000));
    expect(restore(retick)).toBe(retick);
    // A tick from the future, an untick to "restore", an item the list does not have: nothing changes.
    expect(restore(unticked, { done: true, atMs: 60_000, atWrapUp: false })).toBe(unticked);
    expect(restore(unticked, { done: false, atMs: null, atWrapUp: false })).toBe(unticked);
    expect(callReducer(unticked, { type: 'restore-item', itemId: 'constructor', item: before, at: T0 + 9_000 })).toBe(unticked);
    expect(callReducer(IDLE, { type: 'restore-item', itemId: 'greeting', item: before, at: T0 })).toBe(IDLE);
  });

  it('tick only changes the item it names', () => {
    const before = inCall();
    const after = inPhase(callReducer(before, tick('plain-language', T0 + 1_000)), 'in-call');
    for (const id of Object.keys(before.call.items)) {
      if (id !== 'plain-language') expect(after.call.items[id]).toEqual(before.call.items[id]);
    }
  });

  it('a tick stamped before the call start (clock moved back) is stored as 0, never negative', () => {
    const state = inPhase(callReducer(inCall(), tick('greeting', T0 - 5_000)), 'in-call');
    expect(state.call.items.greeting?.atMs).toBe(0);
  });

  it('end: in-call → wrap-up with the end time, no outcome and an empty note', () => {
    const state = wrapUp(T0 + 95_000);
    expect(state.call.endedAt).toBe(T0 + 95_000);
    expect(state.outcome).toBeNull();
    expect(state.note).toBe('');
  });

  it('end stamped before the start does not give a negative call length', () => {
    const state = wrapUp(T0 - 1_000);
    expect(state.call.endedAt).toBe(T0);
    expect(elapsedMs(state.call, T0 + 10_000)).toBe(0);
  });

  it('ticks made in wrap-up are marked atWrapUp and still measured from the call start', () => {
    const state = inPhase(callReducer(wrapUp(T0 + 60_000), tick('polite-closing', T0 + 64_000)), 'wrap-up');
    expect(state.call.items['polite-closing']).toEqual({ done: true, atMs: 64_000, atWrapUp: true });
    const unticked = inPhase(callReducer(state, tick('polite-closing', T0 + 65_000)), 'wrap-up');
    expect(unticked.call.items['polite-closing']).toEqual({ done: false, atMs: null, atWrapUp: false });
  });

  it('ticks made during the call keep atWrapUp false after the call ends', () => {
    const state = inPhase(run([start(), tick('greeting', T0 + 1_000), { type: 'end', at: T0 + 9_000 }]), 'wrap-up');
    expect(state.call.items.greeting).toEqual({ done: true, atMs: 1_000, atWrapUp: false });
  });

  it('resume: wrap-up → in-call, the end time cleared and the ticks kept', () => {
    const state = run([start(), tick('greeting', T0 + 1_000), { type: 'end', at: T0 + 9_000 }, { type: 'resume' }]);
    const resumed = inPhase(state, 'in-call');
    expect(resumed.call.endedAt).toBeNull();
    expect(resumed.call.items.greeting?.done).toBe(true);
  });

  it('set-outcome and set-note fill in the wrap-up', () => {
    const state = run([{ type: 'set-outcome', outcome: 'routed' }, { type: 'set-note', note: 'Skierowano do CAZ.' }], wrapUp());
    expect(inPhase(state, 'wrap-up')).toMatchObject({ outcome: 'routed', note: 'Skierowano do CAZ.' });
  });

  it(`set-note keeps at most ${NOTE_MAX_LENGTH} characters`, () => {
    const exact = 'a'.repeat(NOTE_MAX_LENGTH);
    expect(inPhase(callReducer(wrapUp(), { type: 'set-note', note: exact }), 'wrap-up').note).toBe(exact);
    const long = `${exact}bcd`;
    const state = inPhase(callReducer(wrapUp(), { type: 'set-note', note: long }), 'wrap-up');
    expect(state.note).toBe(exact);
    expect(CallStateSchema.safeParse(state).success).toBe(true);
  });

  it('saved: wrap-up with an outcome → idle', () => {
    expect(run([{ type: 'set-outcome', outcome: 'resolved' }, { type: 'saved' }], wrapUp())).toEqual({ phase: 'idle' });
  });

  it('saved without an outcome keeps the wrap-up (the very same object)', () => {
    const state = wrapUp();
    expect(callReducer(state, { type: 'saved' })).toBe(state);
  });

  it('discard returns to idle from the call and from the wrap-up', () => {
    expect(callReducer(inCall(), { type: 'discard' }).phase).toBe('idle');
    expect(callReducer(wrapUp(), { type: 'discard' }).phase).toBe('idle');
  });

  it('set-personal-data switches the flag during the call and in wrap-up', () => {
    const on = inPhase(callReducer(inCall(), { type: 'set-personal-data', value: true }), 'in-call');
    expect(on.call.personalData).toBe(true);
    const off = inPhase(callReducer(on, { type: 'set-personal-data', value: false }), 'in-call');
    expect(off.call.personalData).toBe(false);
    expect(inPhase(callReducer(wrapUp(), { type: 'set-personal-data', value: true }), 'wrap-up').call.personalData).toBe(true);
  });

  it('does not modify the state it is given', () => {
    const state = wrapUp();
    const copy = structuredClone(state);
    run([tick('greeting', T0 + 1), { type: 'set-note', note: 'x' }, { type: 'set-outcome', outcome: 'other' }, { type: 'resume' }], state);
    expect(state).toEqual(copy);
  });
});

describe('callReducer: events that make no sense are ignored (same object returned)', () => {
  const idleCopy: CallState = { phase: 'idle' }; // e.g. restored from draft.json
  const cases: [string, () => CallState, CallEvent][] = [
    ['end while idle', () => IDLE, { type: 'end', at: T0 }],
    ['end while idle (restored idle state)', () => idleCopy, { type: 'end', at: T0 }],
    ['end in wrap-up', () => wrapUp(), { type: 'end', at: T0 + 99_000 }],
    ['start during a call', () => inCall(), start(T0 + 5_000, SHORT)],
    ['start in wrap-up', () => wrapUp(), start(T0 + 5_000, SHORT)],
    ['toggle while idle', () => IDLE, tick('greeting', T0)],
    ['toggle of an item not on the checklist', () => inCall(), tick('no-such-item', T0 + 1)],
    ['toggle of an item of another checklist', () => inCall(), tick('purpose', T0 + 1)],
    ['set-personal-data while idle', () => IDLE, { type: 'set-personal-data', value: true }],
    ['set-personal-data to the current value', () => inCall(), { type: 'set-personal-data', value: false }],
    ['resume while idle', () => IDLE, { type: 'resume' }],
    ['resume during a call', () => inCall(), { type: 'resume' }],
    ['set-outcome during a call', () => inCall(), { type: 'set-outcome', outcome: 'resolved' }],
    ['set-outcome while idle', () => IDLE, { type: 'set-outcome', outcome: 'resolved' }],
    ['set-note during a call', () => inCall(), { type: 'set-note', note: 'notatka' }],
    ['saved while idle', () => IDLE, { type: 'saved' }],
    ['saved during a call', () => inCall(), { type: 'saved' }],
  ];
  it.each(cases)('%s', (_, make, event) => {
    const state = make();
    expect(callReducer(state, event)).toBe(state);
  });

  // Ids that name Object.prototype members ("constructor" even fits the item-id
  // pattern) must not be found on the call's items.
  it.each(['constructor', '__proto__', 'toString'])('toggle of the unknown id %j is ignored', (itemId) => {
    const state = inCall();
    const next = callReducer(state, tick(itemId, T0 + 1_000));
    expect(next).toBe(state);
    expect(Object.keys(inPhase(next, 'in-call').call.items)).toEqual(INCOMING.items.map((i) => i.id));
  });
});

describe('derived facts', () => {
  it('checklistRows lists the items in checklist order with keys 1..n and current state', () => {
    const state = inPhase(callReducer(inCall(), tick('matter-identified', T0 + 3_000)), 'in-call');
    const rows = checklistRows(state.call);
    expect(rows.map((r) => r.item.id)).toEqual(INCOMING.items.map((i) => i.id));
    expect(rows.map((r) => r.key)).toEqual(INCOMING.items.map((_, i) => i + 1));
    expect(rows.find((r) => r.item.id === 'matter-identified')?.state).toEqual({ done: true, atMs: 3_000, atWrapUp: false });
  });

  it('identity verification applies only when the call touches personal data', () => {
    const plain = inCall();
    const applies = (s: CallState) =>
      checklistRows(inPhase(s, 'in-call').call).find((r) => r.item.id === 'identity-verified')?.applies;
    expect(applies(plain)).toBe(false);
    expect(applies(callReducer(plain, { type: 'set-personal-data', value: true }))).toBe(true);
    // Every other item applies either way.
    for (const row of checklistRows(plain.call)) if (row.item.id !== 'identity-verified') expect(row.applies).toBe(true);
  });

  it('missingItems lists unticked items that apply, and identity verification only with personal data', () => {
    const ids = (s: CallState) => missingItems(inPhase(s, 'in-call').call).map((i) => i.id);
    const all = INCOMING.items.map((i) => i.id);
    const plain = inCall();
    expect(ids(plain)).toEqual(all.filter((id) => id !== 'identity-verified'));
    const personal = callReducer(plain, { type: 'set-personal-data', value: true });
    expect(ids(personal)).toEqual(all);
    const ticked = run(all.map((id) => tick(id, T0 + 1_000)), personal);
    expect(ids(ticked)).toEqual([]);
    // Untick identity verification and drop the personal-data flag: nothing missing.
    const back = run([tick('identity-verified', T0 + 2_000), { type: 'set-personal-data', value: false }], ticked);
    expect(ids(back)).toEqual([]);
  });

  it('itemForKey maps keys 1..n to the items in order and nothing else', () => {
    const { call } = inCall();
    INCOMING.items.forEach((item, i) => expect(itemForKey(call, i + 1)?.id).toBe(item.id));
    for (const key of [0, -1, INCOMING.items.length + 1, 10]) expect(itemForKey(call, key)).toBeUndefined();
  });

  it('elapsedMs runs with the clock during the call and stops at the end', () => {
    expect(elapsedMs(inCall().call, T0 + 12_345)).toBe(12_345);
    expect(elapsedMs(inCall().call, T0 - 1_000)).toBe(0);
    const { call } = wrapUp(T0 + 60_000);
    expect(elapsedMs(call, T0 + 600_000)).toBe(60_000);
  });

  it('callStage is "greeting" until the greeting is ticked, and again after it is unticked', () => {
    const s0 = inCall();
    expect(callStage(s0.call)).toBe('greeting');
    const s1 = inPhase(callReducer(s0, tick('plain-language', T0 + 500)), 'in-call');
    expect(callStage(s1.call)).toBe('greeting');
    const s2 = inPhase(callReducer(s1, tick('greeting', T0 + 1_000)), 'in-call');
    expect(callStage(s2.call)).toBe('in-progress');
    expect(callStage(inPhase(callReducer(s2, tick('greeting', T0 + 2_000)), 'in-call').call)).toBe('greeting');
  });

  it('callStage is "in-progress" at once for a checklist without a greeting item', () => {
    expect(callStage(inPhase(run([start(T0, SHORT)]), 'in-call').call)).toBe('in-progress');
  });
});
