import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type HandlerTable } from '../../electron/handlers';
import type { AppServices } from '../../electron/services/app-services';
import { callForSaving, LONGEST_CALL_MS } from '../../shared/call/call-for-saving';
import { callReducer, type ActiveCall } from '../../shared/call/call-machine';
import { adherenceForFacts } from '../../shared/call/compliance';
import { endedCall } from '../helpers/calls';
import { INCOMING, OUTGOING, TEST_CATALOG } from '../helpers/records';
import { useServicesOnTempFolder } from '../helpers/services';

/**
 * A score is the service's to compute. The window (or anything that can talk
 * to the service) sends a call; the service takes from it only the ticks of
 * the items its own checklist has, with their times, and refuses a call the
 * window could not have produced. The review stored a call whose checklist
 * held only the greeting with a score of 100%.
 */
let services: AppServices;
let api: HandlerTable;
const temp = useServicesOnTempFolder('forged-', { scope: 'file' });

beforeAll(async () => {
  ({ services, api } = await temp.open());
  await api.saveProfile({ firstName: 'Anna', lastName: 'Nowak', role: 'pracownik', unit: 'Kancelaria', officeName: 'Powiatowy Urząd Pracy w Łodzi' });
});

const save = (call: unknown, outcome = 'resolved') => dispatch(api, 'saveCall', { call, outcome, note: '' });
const honestScore = (call: ActiveCall) =>
  adherenceForFacts(
    INCOMING.items.map((item) => ({ item, state: call.items[item.id] ?? { done: false, atMs: null, atWrapUp: false } })),
    { direction: 'incoming', outboundPerson: null, personalData: call.personalData },
  ).score;

describe('a call sent to be saved', () => {
  it('a checklist cut down to the greeting, weights raised, or labels changed: stored as the real checklist says', async () => {
    const call = endedCall(INCOMING);
    const forged = { ...call, checklist: { ...call.checklist, items: [{ ...call.checklist.items[0]!, weight: 10, label: 'Wszystko' }] }, items: { greeting: call.items.greeting } };
    const result = await save(forged);
    expect(result).toMatchObject({ ok: true });
    const stored = (await services.journal.recent(services.settings.profile!.clerkId, 1)).records[0]!;
    expect(stored.type === 'call' && stored.items.map((i) => [i.id, i.label, i.weight])).toEqual(INCOMING.items.map((i) => [i.id, i.label, i.weight]));
    expect(result.ok && (result.result as { score: number }).score).toBe(honestScore(call));
    expect(result.ok && (result.result as { score: number }).score).toBeLessThan(0.5);
  });

  it('property: whatever checklist and ticks the window claims, the stored score is the real checklist’s over the real ticks', async () => {
    const claim = fc.record({
      weight: fc.integer({ min: 1, max: 10 }),
      keep: fc.array(fc.boolean(), { minLength: INCOMING.items.length, maxLength: INCOMING.items.length }),
      tick: fc.array(fc.boolean(), { minLength: INCOMING.items.length, maxLength: INCOMING.items.length }),
      personalData: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(claim, async ({ weight, keep, tick, personalData }) => {
        const call = endedCall(INCOMING, (s) => {
          let next = callReducer(s, { type: 'set-personal-data', value: personalData });
          INCOMING.items.forEach((item, i) => {
            if (tick[i] && item.id !== 'greeting') next = callReducer(next, { type: 'toggle-item', itemId: item.id, at: Date.now() - 30_000 });
          });
          return next;
        });
        const items = Object.fromEntries(Object.entries(call.items).filter((_, i) => keep[i]));
        const claimed = { ...call, items, checklist: { ...call.checklist, items: call.checklist.items.filter((_, i) => keep[i]).map((it) => ({ ...it, weight })) } };
        if (claimed.checklist.items.length === 0) return;
        const result = await save(claimed);
        expect(result.ok).toBe(true);
        const kept = { ...call, items: Object.fromEntries(Object.entries(call.items).map(([id, s]) => [id, id in items ? s : { done: false, atMs: null, atWrapUp: false }])) };
        expect(result.ok && (result.result as { score: number | null }).score).toBe(honestScore(kept));
      }),
      { numRuns: 60 },
    );
  });

  it.each([
    ['an item the checklist does not have', (c: ActiveCall) => ({ ...c, items: { ...c.items, 'extra-points': { done: true, atMs: 1000, atWrapUp: false } } }), 'callRefused.unknown-item'],
    ['a checklist version nobody knows', (c: ActiveCall) => ({ ...c, checklist: { ...c.checklist, version: 77 } }), 'callRefused.unknown-checklist'],
    ['an incoming checklist on an outbound call', (c: ActiveCall) => ({ ...c, direction: 'outgoing' as const, outbound: { step: 'talk' as const, person: 'right' as const, goodMoment: true } }), 'callRefused.unknown-checklist'],
    ['a call ending before it started', (c: ActiveCall) => ({ ...c, endedAt: c.startedAt - 1 }), 'callRefused.ends-before-start'],
    ['a call lasting more than a day', (c: ActiveCall) => ({ ...c, startedAt: c.endedAt! - LONGEST_CALL_MS - 1 }), 'callRefused.too-long'],
    ['a call that starts tomorrow', (c: ActiveCall) => ({ ...c, startedAt: Date.now() + 86_400_000, endedAt: Date.now() + 86_460_000 }), 'callRefused.starts-in-future'],
    ['a tick after the save', (c: ActiveCall) => ({ ...c, items: { ...c.items, greeting: { done: true, atMs: 3_600_000, atWrapUp: true } } }), 'callRefused.tick-outside-call'],
    ['a tick after the end that does not say so', (c: ActiveCall) => ({ ...c, items: { ...c.items, greeting: { done: true, atMs: c.endedAt! - c.startedAt + 500, atWrapUp: false } } }), 'callRefused.tick-outside-call'],
  ])('%s is refused whole, and nothing is stored', async (_name, forge, key) => {
    const before = (await api.listRecentCalls({ limit: 500 })).calls.length;
    const result = await save(forge(endedCall(INCOMING)));
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-input', key } });
    expect((await api.listRecentCalls({ limit: 500 })).calls.length).toBe(before);
  });

  it('a late burst left unmarked by the window is marked by the service', async () => {
    const call = endedCall(INCOMING);
    const duration = call.endedAt! - call.startedAt;
    const burst = Object.fromEntries(INCOMING.items.slice(1, 5).map((item, i) => [item.id, { done: true, atMs: duration - 2_000 + i * 100, atWrapUp: false }]));
    const result = await save({ ...call, items: { ...call.items, ...burst } });
    expect(result).toMatchObject({ ok: true, result: { ticksAtWrapUp: 4 } });
  });

  it('the same checks, pure: an honest call of either direction passes unchanged', () => {
    for (const checklist of [INCOMING, OUTGOING]) {
      const call = endedCall(checklist);
      const checked = callForSaving(call, TEST_CATALOG, Date.now());
      expect(checked).toEqual({ call });
    }
  });
});
