import { describe, expect, it } from 'vitest';
import type { ActiveCall, CallEvent } from '../../shared/call/call-machine';
import { ChecklistDefinitionSchema } from '../../shared/call/checklist';
import { UNTICKED, type ItemState } from '../../shared/call/call-items';
import {
  adherenceForFacts,
  BURST_MIN_ITEMS,
  BURST_TAIL_MS,
  BURST_WINDOW_MS,
  callAdherence,
  GREETING_DEADLINE_MS,
  markLateBurst,
} from '../../shared/call/compliance';
import { CALL_ID, INCOMING, inPhase, run, start, T0 } from './fixtures';

// The rules these tests were written against; if they change, the hand-made cases below need a look.
it('the compliance constants are the documented ones', () => {
  expect([BURST_MIN_ITEMS, BURST_WINDOW_MS, BURST_TAIL_MS, GREETING_DEADLINE_MS]).toEqual([3, 3_000, 15_000, 30_000]);
});

const NINE = ChecklistDefinitionSchema.parse({
  id: 'nine',
  version: 1,
  direction: 'incoming',
  title: 'Dziewięć punktów',
  items: Array.from({ length: 9 }, (_, i) => ({ id: `item-${i + 1}`, label: `Punkt ${i + 1}` })),
});

const LENGTH = 120_000; // the call lasts two minutes; its tail starts at 105 000 ms
const TAIL = LENGTH - BURST_TAIL_MS;

/** An ended call whose items item-1, item-2, … were ticked during the call at the given offsets. */
function ended(offsets: number[], length = LENGTH): ActiveCall {
  const items: Record<string, ItemState> = {};
  NINE.items.forEach((item, i) => {
    const atMs = offsets[i];
    items[item.id] = atMs === undefined ? UNTICKED : { done: true, atMs, atWrapUp: false };
  });
  return {
    id: CALL_ID, direction: 'incoming', startedAt: T0, endedAt: T0 + length, checklist: NINE, items,
    personalData: false, outbound: null, callback: null, callbackOf: null, routedTo: null, invitation: null,
  };
}
/** Which items a late burst marked, in item order. */
const marked = (call: ActiveCall) => Object.keys(call.items).filter((id) => markLateBurst(call).items[id]?.atWrapUp);

describe('markLateBurst', () => {
  it('three ticks within three seconds in the last 15 s are marked as ticked at wrap-up, keeping their offsets', () => {
    const call = ended([110_000, 111_000, 112_500]);
    expect(marked(call)).toEqual(['item-1', 'item-2', 'item-3']);
    expect(markLateBurst(call).items['item-2']).toEqual({ done: true, atMs: 111_000, atWrapUp: true });
  });

  it('two ticks are not a burst (and the call comes back unchanged, the same object)', () => {
    const call = ended([110_000, 110_100]);
    expect(markLateBurst(call)).toBe(call);
  });

  it('the window is inclusive: first and last tick exactly 3 s apart still make a burst', () => {
    expect(marked(ended([110_000, 111_000, 113_000]))).toEqual(['item-1', 'item-2', 'item-3']);
  });

  it('3.001 s from first to last is no burst', () => {
    expect(marked(ended([110_000, 111_000, 113_001]))).toEqual([]);
  });

  it('only the ticks inside a window are marked, whatever their order on the list', () => {
    expect(marked(ended([114_000, 106_000, 113_000, 112_000]))).toEqual(['item-1', 'item-3', 'item-4']);
  });

  it('overlapping windows mark every tick that is in some burst', () => {
    // 0–3 s holds 3 ticks, 2.5–5.5 s holds 3 ticks: all four are marked.
    expect(marked(ended([106_000, 108_000, 108_500, 111_000]))).toEqual(['item-1', 'item-2', 'item-3', 'item-4']);
  });

  it('the tail is inclusive: a tick exactly 15 s before the end counts', () => {
    expect(marked(ended([TAIL, TAIL + 1_000, TAIL + 2_000]))).toEqual(['item-1', 'item-2', 'item-3']);
  });

  it('a tick 1 ms before the tail does not count, leaving two: no burst', () => {
    expect(marked(ended([TAIL - 1, TAIL + 1_000, TAIL + 2_000]))).toEqual([]);
  });

  it('a burst in the middle of the call is not marked', () => {
    expect(marked(ended([50_000, 50_500, 51_000, 51_500]))).toEqual([]);
  });

  it('ticks spread through the call, a couple near the end, are not marked', () => {
    expect(marked(ended([2_000, 30_000, 60_000, 90_000, 108_000, 116_000]))).toEqual([]);
  });

  it('ticks already marked at wrap-up and unticked items do not make up a burst', () => {
    const call = ended([110_000, 111_000]);
    call.items['item-3'] = { done: true, atMs: 111_500, atWrapUp: true };
    call.items['item-4'] = UNTICKED;
    expect(markLateBurst(call)).toBe(call);
  });

  it('a call that has not ended is left alone', () => {
    const call = { ...ended([110_000, 111_000, 112_000]), endedAt: null };
    expect(markLateBurst(call)).toBe(call);
  });

  it('the reducer marks the burst when the call ends, and not ticks made earlier', () => {
    const tick = (itemId: string, dt: number): CallEvent => ({ type: 'toggle-item', itemId, at: T0 + dt });
    const state = run([
      start(T0, INCOMING),
      tick('greeting', 2_000),
      tick('matter-identified', 40_000),
      tick('plain-language', 57_000),
      tick('polite-closing', 58_000),
      tick('no-third-party-voices', 59_500),
      { type: 'end', at: T0 + 60_000 },
    ]);
    const { call } = inPhase(state, 'wrap-up');
    const atWrapUp = Object.entries(call.items).filter(([, s]) => s.atWrapUp).map(([id]) => id);
    expect(atWrapUp.sort()).toEqual(['no-third-party-voices', 'plain-language', 'polite-closing']);
    expect(callAdherence(call)).toEqual({ score: 1, greetingWithin30s: true, ticksAtWrapUp: 3 });
  });
});

// INCOMING weights: greeting 3, no-third-party-voices 1, matter-identified 2,
// identity-verified 3 (personal data only), plain-language 1, polite-closing 1.
// Without personal data 3 + 1 + 2 + 1 + 1 = 8 applies; with it 11.
const incoming = (personalData: boolean) => ({ direction: 'incoming' as const, outboundPerson: null, personalData });
const facts = (done: Record<string, Partial<ItemState>>) =>
  INCOMING.items.map((item) => ({
    item,
    state: done[item.id] ? { done: true, atMs: 1_000, atWrapUp: false, ...done[item.id] } : UNTICKED,
  }));

describe('adherenceOf: weighted score', () => {
  it('nothing done scores 0, not null', () => {
    expect(adherenceForFacts(facts({}), incoming(false))).toEqual({ score: 0, greetingWithin30s: false, ticksAtWrapUp: 0 });
  });

  it('greeting and matter done, no personal data: (3 + 2) / 8', () => {
    expect(adherenceForFacts(facts({ greeting: {}, 'matter-identified': {} }), incoming(false)).score).toBe(5 / 8);
  });

  it('the same with personal data: identity verification now counts, (3 + 2) / 11', () => {
    expect(adherenceForFacts(facts({ greeting: {}, 'matter-identified': {} }), incoming(true)).score).toBe(5 / 11);
  });

  it('identity verified without personal data adds nothing: greeting only, 3 / 8', () => {
    expect(adherenceForFacts(facts({ greeting: {}, 'identity-verified': {} }), incoming(false)).score).toBe(3 / 8);
  });

  it('everything but identity verification, with personal data: 8 / 11', () => {
    const all = Object.fromEntries(INCOMING.items.filter((i) => i.id !== 'identity-verified').map((i) => [i.id, {}]));
    expect(adherenceForFacts(facts(all), incoming(true)).score).toBe(8 / 11);
    expect(adherenceForFacts(facts(all), incoming(false)).score).toBe(1);
  });

  it('items ticked at wrap-up still count as done, and are counted', () => {
    const result = adherenceForFacts(facts({ 'plain-language': { atWrapUp: true }, 'polite-closing': { atWrapUp: true } }), incoming(false));
    expect(result).toEqual({ score: 2 / 8, greetingWithin30s: false, ticksAtWrapUp: 2 });
  });

  it('null when nothing applies: only a personal-data item, and no personal data; or no items at all', () => {
    const only = [{ item: { id: 'id-check', weight: 4, appliesWhen: 'personal-data' as const }, state: UNTICKED }];
    expect(adherenceForFacts(only, incoming(false)).score).toBeNull();
    expect(adherenceForFacts(only, incoming(true)).score).toBe(0);
    expect(adherenceForFacts([], incoming(true))).toEqual({ score: null, greetingWithin30s: false, ticksAtWrapUp: 0 });
  });
});

describe('adherence: greeting within 30 s', () => {
  it.each([
    [0, true],
    [GREETING_DEADLINE_MS, true],
    [GREETING_DEADLINE_MS + 1, false],
    [120_000, false],
  ])('greeting ticked during the call at %i ms → %s', (atMs, within) => {
    expect(adherenceForFacts(facts({ greeting: { atMs } }), incoming(false)).greetingWithin30s).toBe(within);
  });

  it('a greeting ticked at wrap-up does not count, however early its offset', () => {
    expect(adherenceForFacts(facts({ greeting: { atMs: 5_000, atWrapUp: true } }), incoming(false)).greetingWithin30s).toBe(false);
  });

  const greetedAt = (dt: number, endDt: number) =>
    inPhase(run([start(T0, INCOMING), { type: 'toggle-item', itemId: 'greeting', at: T0 + dt }, { type: 'end', at: T0 + endDt }]), 'wrap-up').call;

  it('through the reducer: at exactly 30 s yes, at 30.001 s no', () => {
    expect(callAdherence(greetedAt(30_000, 90_000)).greetingWithin30s).toBe(true);
    expect(callAdherence(greetedAt(30_001, 90_000)).greetingWithin30s).toBe(false);
  });

  it('through the reducer: a greeting ticked after the end (offset 12 s) does not count', () => {
    const state = run([start(T0, INCOMING), { type: 'end', at: T0 + 10_000 }, { type: 'toggle-item', itemId: 'greeting', at: T0 + 12_000 }]);
    const adherence = callAdherence(inPhase(state, 'wrap-up').call);
    expect(adherence).toEqual({ score: 3 / 8, greetingWithin30s: false, ticksAtWrapUp: 1 });
  });

  it('callAdherence follows the call\'s personal-data flag (set by ticking identity verification)', () => {
    const state = run([
      start(T0, INCOMING),
      { type: 'toggle-item', itemId: 'identity-verified', at: T0 + 20_000 },
      { type: 'end', at: T0 + 90_000 },
    ]);
    expect(callAdherence(inPhase(state, 'wrap-up').call).score).toBe(3 / 11);
  });
});

describe('short calls and going back to the call', () => {
  it('in a short call the tail is only its second half: three quick ticks at the start are not a late burst', () => {
    expect(marked(ended([1_000, 2_000, 3_000], 10_000))).toEqual([]);
    expect(marked(ended([6_000, 7_000, 8_000], 10_000))).toHaveLength(3);
  });

  it('going back to the call lifts burst marks (the next end judges again) but keeps ticks made after the end marked', () => {
    let state = run([start(T0, INCOMING)]);
    for (const [id, at] of [['greeting', 58_000], ['matter-identified', 58_500], ['plain-language', 59_000]] as const) {
      state = run([{ type: 'toggle-item', itemId: id, at: T0 + at }], state);
    }
    state = run([{ type: 'end', at: T0 + 60_000 }], state);
    state = run([{ type: 'toggle-item', itemId: 'polite-closing', at: T0 + 70_000 }], state);
    expect(Object.values(inPhase(state, 'wrap-up').call.items).filter((i) => i.atWrapUp)).toHaveLength(4);
    const back = inPhase(run([{ type: 'resume' }], state), 'in-call');
    expect(back.call.items['greeting']?.atWrapUp).toBe(false);
    expect(back.call.items['polite-closing']?.atWrapUp).toBe(true);
    const endedLater = inPhase(run([{ type: 'end', at: T0 + 300_000 }], back), 'wrap-up');
    expect(endedLater.call.items['matter-identified']?.atWrapUp).toBe(false);
  });
});
