import { describe, expect, it } from 'vitest';
import { callReducer, CallStateSchema, IDLE, type CallEvent, type CallState } from '../../shared/call/call-machine';
import { GOOD_MOMENT_ITEM_ID, IDENTITY_ITEM_ID, suggestedOutcome, type PersonAnswer } from '../../shared/call/outbound';
import { wrapUpProblems } from '../../shared/call/wrap-up';
import { CALL_ID, INCOMING, inPhase, OUTGOING, run, SHORT, start, T0 } from './fixtures';

const person = (answer: PersonAnswer, dt: number): CallEvent => ({ type: 'answer-person', answer, at: T0 + dt });
const moment = (good: boolean, dt: number): CallEvent => ({ type: 'answer-good-moment', good, at: T0 + dt });
const tick = (itemId: string, dt: number): CallEvent => ({ type: 'toggle-item', itemId, at: T0 + dt });
const end = (dt: number): CallEvent => ({ type: 'end', at: T0 + dt });
const DAY = 24 * 3600_000;
const plan = { dueAt: T0 + DAY, reference: 'Oddzwonić w sprawie stażu' };
const setCallback: CallEvent = { type: 'set-callback', plan };

/** An outgoing call on the real checklist, with `events` after its start. */
const outgoing = (...events: CallEvent[]) => run([start(T0, OUTGOING), ...events]);
const call = (state: CallState) => (state.phase === 'idle' ? expect.unreachable('idle') : state.call);

describe('outbound script: the branches a clerk walks', () => {
  it('an outgoing call starts at "confirm-person" with nothing answered; an incoming call has no script', () => {
    expect(call(outgoing()).outbound).toEqual({ step: 'confirm-person', person: null, goodMoment: null });
    expect(call(run([start(T0, INCOMING)])).outbound).toBeNull();
    expect(call(run([start(T0, INCOMING)])).direction).toBe('incoming');
    expect(call(outgoing()).direction).toBe('outgoing');
  });

  it('right person, good moment: → talk, both items ticked at the moment of the answer, no outcome preset', () => {
    const talking = outgoing(tick('greeting', 1_000), person('right', 4_200));
    expect(call(talking).outbound).toEqual({ step: 'good-moment', person: 'right', goodMoment: null });
    expect(call(talking).items[IDENTITY_ITEM_ID]).toEqual({ done: true, atMs: 4_200, atWrapUp: false });
    expect(call(talking).items[GOOD_MOMENT_ITEM_ID]).toEqual({ done: false, atMs: null, atWrapUp: false });

    const yes = run([moment(true, 7_900)], talking);
    expect(call(yes).outbound).toEqual({ step: 'talk', person: 'right', goodMoment: true });
    expect(call(yes).items[GOOD_MOMENT_ITEM_ID]).toEqual({ done: true, atMs: 7_900, atWrapUp: false });

    const wrap = inPhase(run([end(180_000)], yes), 'wrap-up');
    expect(wrap.outcome).toBeNull();
    expect(wrapUpProblems(wrap, T0 + 181_000)).toEqual(['outcome-required']);
  });

  it('right person, not a good moment: → callback; a callback set, the wrap-up opens with "callback" and can be saved', () => {
    const no = outgoing(person('right', 3_000), moment(false, 6_000));
    expect(call(no).outbound).toEqual({ step: 'callback', person: 'right', goodMoment: false });
    expect(call(no).items[GOOD_MOMENT_ITEM_ID]).toEqual({ done: true, atMs: 6_000, atWrapUp: false });
    expect(suggestedOutcome(call(no))).toBeNull(); // no time agreed yet

    const wrap = inPhase(run([setCallback, end(60_000)], no), 'wrap-up');
    expect(wrap.call.callback).toEqual(plan);
    expect(wrap.outcome).toBe('callback');
    expect(wrapUpProblems(wrap, T0 + 61_000)).toEqual(['contact-phoneRequired']);
    expect(wrapUpProblems(wrap, T0 + 61_000, { phone: '600 700 800', name: '', honorific: null, spokenName: null, caseRef: '' })).toEqual([]);
    expect(run([{ type: 'saved' }], wrap)).toEqual(IDLE);
  });

  it('someone else answered: → someone-else, identity not ticked, the wrap-up opens with "no-contact"', () => {
    const other = outgoing(person('someone-else', 5_000));
    expect(call(other).outbound).toEqual({ step: 'someone-else', person: 'someone-else', goodMoment: null });
    expect(call(other).items[IDENTITY_ITEM_ID]?.done).toBe(false);
    expect(inPhase(run([end(40_000)], other), 'wrap-up').outcome).toBe('no-contact');
  });

  it('nobody answers: → no-answer, nothing ticked, the wrap-up opens with "no-contact"', () => {
    const none = outgoing(person('no-answer', 30_000));
    expect(call(none).outbound).toEqual({ step: 'no-answer', person: 'no-answer', goodMoment: null });
    expect(Object.values(call(none).items).every((i) => !i.done)).toBe(true);
    expect(inPhase(run([end(31_000)], none), 'wrap-up').outcome).toBe('no-contact');
  });

  it('an agreed callback wins over the "no-contact" suggestion', () => {
    const wrap = inPhase(outgoing(person('someone-else', 5_000), setCallback, end(40_000)), 'wrap-up');
    expect(wrap.outcome).toBe('callback');
  });

  it('the clerk can change the preset outcome, and save with it', () => {
    const wrap = inPhase(outgoing(person('no-answer', 5_000), end(9_000)), 'wrap-up');
    expect(wrap.outcome).toBe('no-contact');
    const changed = inPhase(callReducer(wrap, { type: 'set-outcome', outcome: 'other' }), 'wrap-up');
    expect(changed.outcome).toBe('other');
    expect(callReducer(changed, { type: 'saved' })).toEqual(IDLE);
  });

  it('a checklist without the script items still walks the script, ticking nothing', () => {
    const state = run([start(T0, SHORT), person('right', 1_000), moment(true, 2_000)]);
    expect(call(state).outbound?.step).toBe('talk');
    expect(Object.keys(call(state).items)).toEqual(['purpose', 'id-check']);
    expect(Object.values(call(state).items).every((i) => !i.done)).toBe(true);
  });

  it('an answer stamped before the call start (clock moved back) ticks at offset 0', () => {
    expect(call(outgoing(person('right', -5_000))).items[IDENTITY_ITEM_ID]?.atMs).toBe(0);
  });

  it('every state along the branches validates', () => {
    for (const events of [
      [person('right', 1), moment(true, 2), end(3)],
      [person('right', 1), moment(false, 2), setCallback, end(3)],
      [person('someone-else', 1), end(2)],
      [person('no-answer', 1), end(2)],
    ]) {
      events.reduce((s, e) => {
        const next = callReducer(s, e);
        expect(CallStateSchema.safeParse(next).success).toBe(true);
        return next;
      }, outgoing());
    }
  });
});

describe('outbound script: correcting an answer', () => {
  it('someone else → the right person after all: back to the good-moment question, identity ticked at the correction', () => {
    const state = outgoing(person('someone-else', 3_000), person('right', 12_000));
    expect(call(state).outbound).toEqual({ step: 'good-moment', person: 'right', goodMoment: null });
    expect(call(state).items[IDENTITY_ITEM_ID]).toEqual({ done: true, atMs: 12_000, atWrapUp: false });
    expect(inPhase(run([end(20_000)], state), 'wrap-up').outcome).toBeNull();
  });

  it('not a good moment → it is after all: → talk, the good-moment tick keeps its first time', () => {
    const state = outgoing(person('right', 3_000), moment(false, 5_000), moment(true, 9_000));
    expect(call(state).outbound).toEqual({ step: 'talk', person: 'right', goodMoment: true });
    expect(call(state).items[GOOD_MOMENT_ITEM_ID]?.atMs).toBe(5_000);
  });

  it('right person → nobody there after all: the good-moment answer is cleared', () => {
    const state = outgoing(person('right', 3_000), moment(false, 5_000), person('no-answer', 8_000));
    expect(call(state).outbound).toEqual({ step: 'no-answer', person: 'no-answer', goodMoment: null });
    expect(inPhase(run([end(10_000)], state), 'wrap-up').outcome).toBe('no-contact');
  });

  it('answering "right" again from the callback step changes nothing: the person was already confirmed', () => {
    const before = outgoing(person('right', 3_000), moment(false, 5_000));
    expect(run([person('right', 8_000)], before)).toBe(before);
  });

  it('a good-moment answer can be corrected in talk: "no" after all leads to a callback', () => {
    const state = outgoing(person('right', 1_000), moment(true, 2_000), moment(false, 4_000));
    expect(call(state).outbound).toEqual({ step: 'callback', person: 'right', goodMoment: false });
  });

  it('taking the person back (someone else after all) unticks identity and good moment', () => {
    const state = outgoing(person('right', 1_000), moment(true, 2_000), person('someone-else', 4_000));
    expect(call(state).outbound).toEqual({ step: 'someone-else', person: 'someone-else', goodMoment: null });
    expect(call(state).items[IDENTITY_ITEM_ID]).toEqual({ done: false, atMs: null, atWrapUp: false });
    expect(call(state).items[GOOD_MOMENT_ITEM_ID]).toEqual({ done: false, atMs: null, atWrapUp: false });
  });

  it('an identity item the clerk unticked is ticked again, at the new answer', () => {
    const state = outgoing(person('right', 3_000), tick(IDENTITY_ITEM_ID, 4_000), person('someone-else', 5_000), person('right', 9_000));
    expect(call(state).items[IDENTITY_ITEM_ID]).toEqual({ done: true, atMs: 9_000, atWrapUp: false });
  });

  it('a manual tick before the answer keeps its time', () => {
    const state = outgoing(tick(IDENTITY_ITEM_ID, 2_000), person('right', 6_000));
    expect(call(state).items[IDENTITY_ITEM_ID]?.atMs).toBe(2_000);
    expect(call(state).outbound?.step).toBe('good-moment');
  });

  it('resume: a chosen outcome and note come back on the next end', () => {
    const wrap = outgoing(person('right', 1_000), moment(false, 2_000), setCallback, end(30_000));
    const chosen = run([{ type: 'set-outcome', outcome: 'resolved' }, { type: 'set-note', note: 'Ustalono termin.' }], wrap);
    const resumed = inPhase(callReducer(chosen, { type: 'resume' }), 'in-call');
    expect(resumed.kept).toEqual({ outcome: 'resolved', note: 'Ustalono termin.' });
    expect(resumed.call.outbound?.step).toBe('callback');
    const again = inPhase(callReducer(resumed, end(45_000)), 'wrap-up');
    expect(again).toMatchObject({ outcome: 'resolved', note: 'Ustalono termin.' });
    expect(again.call.endedAt).toBe(T0 + 45_000);
  });

  it('resume from a wrap-up without an outcome: the next end suggests again', () => {
    const wrap = outgoing(person('right', 1_000), moment(false, 2_000), end(10_000));
    expect(inPhase(wrap, 'wrap-up').outcome).toBeNull();
    const again = inPhase(run([{ type: 'resume' }, setCallback, end(20_000)], wrap), 'wrap-up');
    expect(again.outcome).toBe('callback');
  });
});

describe('outbound script: events out of place return the same state object', () => {
  const cases: [string, () => CallState, CallEvent][] = [
    ['good moment before the person is confirmed', () => outgoing(), moment(true, 1_000)],
    ['good moment after someone else answered', () => outgoing(person('someone-else', 1)), moment(false, 2)],
    ['good moment after nobody answered', () => outgoing(person('no-answer', 1)), moment(true, 2)],
    ['the same good-moment answer again', () => outgoing(person('right', 1), moment(false, 2)), moment(false, 3)],
    ['"right" again in talk', () => outgoing(person('right', 1), moment(true, 2)), person('right', 3)],
    ['the same person answer again', () => outgoing(person('someone-else', 1)), person('someone-else', 2)],
    ['"right" again before the good-moment answer', () => outgoing(person('right', 1)), person('right', 2)],
    ['person answer on an incoming call', () => run([start(T0, INCOMING)]), person('right', 1)],
    ['good moment on an incoming call', () => run([start(T0, INCOMING)]), moment(true, 1)],
    ['person answer in wrap-up', () => outgoing(end(5_000)), person('right', 6_000)],
    ['good moment in wrap-up', () => outgoing(person('right', 1), end(5_000)), moment(true, 6_000)],
    ['person answer while idle', () => IDLE, person('right', 1)],
    ['good moment while idle', () => IDLE, moment(true, 1)],
    ['set-callback while idle', () => IDLE, setCallback],
  ];
  it.each(cases)('%s', (_, make, event) => {
    const state = make();
    expect(callReducer(state, event)).toBe(state);
  });
});

describe('start, callbacks and personal data in the reducer', () => {
  it('a shift checklist cannot start a call', () => {
    const shift = { ...OUTGOING, id: 'shift', direction: 'shift' as const };
    expect(callReducer(IDLE, { type: 'start', id: CALL_ID, checklist: shift, at: T0 })).toBe(IDLE);
  });

  it('a call started as a callback remembers the call it answers; otherwise callbackOf is null', () => {
    const earlier = '0b9f1e0e-3f5c-4a7e-9a39-6f3f6f2b8a10';
    expect(call(run([{ type: 'start', id: CALL_ID, checklist: OUTGOING, at: T0, callbackOf: earlier }])).callbackOf).toBe(earlier);
    expect(call(outgoing()).callbackOf).toBeNull();
  });

  it('set-callback works in wrap-up too, and null clears the plan', () => {
    const wrap = outgoing(end(5_000));
    expect(call(run([setCallback], wrap)).callback).toEqual(plan);
    expect(call(run([setCallback, { type: 'set-callback', plan: null }], wrap)).callback).toBeNull();
  });

  it('ticking an item that applies only with personal data turns personal data on (also in wrap-up); unticking does not turn it off', () => {
    const inCall = run([start(T0, INCOMING), tick('identity-verified', 1_000)]);
    expect(call(inCall).personalData).toBe(true);
    expect(call(run([tick('identity-verified', 2_000)], inCall)).personalData).toBe(true);
    const inWrapUp = run([start(T0, INCOMING), end(5_000), tick('identity-verified', 6_000)]);
    expect(call(inWrapUp).personalData).toBe(true);
    expect(call(run([start(T0, INCOMING), tick('greeting', 1_000)])).personalData).toBe(false);
  });

  it('set-note keeps a restored note longer than the typing limit whole, but no longer than it was', () => {
    const long = 'x'.repeat(800);
    const restored: CallState = { ...inPhase(outgoing(end(5_000)), 'wrap-up'), note: long };
    expect(inPhase(callReducer(restored, { type: 'set-note', note: `${long}y` }), 'wrap-up').note).toBe(long);
    expect(inPhase(callReducer(restored, { type: 'set-note', note: long.slice(1) }), 'wrap-up').note).toBe(long.slice(1));
  });
});

describe('presets and choices across going back to the call', () => {
  it('a preset outcome left as it was is preset afresh; one the clerk chose comes back', () => {
    const someoneElse = outgoing(person('someone-else', 1_000), end(5_000));
    expect(inPhase(someoneElse, 'wrap-up').outcome).toBe('no-contact');
    const talked = run([{ type: 'resume' }, person('right', 6_000), moment(true, 7_000), end(20_000)], someoneElse);
    expect(inPhase(talked, 'wrap-up').outcome).toBeNull();

    const chosen = run([{ type: 'set-outcome', outcome: 'interrupted' }, { type: 'resume' }, end(30_000)], someoneElse);
    expect(inPhase(chosen, 'wrap-up').outcome).toBe('interrupted');
  });
});
