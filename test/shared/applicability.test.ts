import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hadConversation, itemAppliesTo, type CallFacts } from '../../shared/call/applicability';
import { GOOD_MOMENT_ITEM_ID, IDENTITY_ITEM_ID } from '../../shared/call/call-items';
import { itemApplies } from '../../shared/call/checklist';
import { verifyRecordedItems } from '../../shared/call/checklist-catalog';
import { createRowMaker, NO_FILTER, rowFilter } from '../../shared/register/register';
import { summarize } from '../../shared/register/statistics';
import { CallRecordSchema, type CallRecord } from '../../shared/journal/call-record';
import { adherenceForFacts } from '../../shared/call/compliance';
import { INCOMING, OUTGOING, recordedItems, sampleRecord, TEST_CATALOG } from '../helpers/records';

/**
 * One rule for what applies: an outbound call nobody answered is not scored
 * at all, one answered by someone else only on leaving a message; every view
 * reads stored calls with the same rule, old records included.
 */
const facts = fc.record<CallFacts>({
  direction: fc.constantFrom('incoming', 'outgoing'),
  outboundPerson: fc.constantFrom('right', 'someone-else', 'no-answer', null),
  personalData: fc.boolean(),
});
const anyItem = fc.oneof(fc.constantFrom(...INCOMING.items, ...OUTGOING.items), fc.record({ id: fc.constantFrom(IDENTITY_ITEM_ID, GOOD_MOMENT_ITEM_ID, 'x-y'), appliesWhen: fc.constantFrom('always' as const, 'personal-data' as const) }));

describe('which items apply', () => {
  it('property: nobody answered — nothing applies, no score, no greeting judged', () => {
    fc.assert(
      fc.property(facts, fc.array(fc.boolean(), { minLength: OUTGOING.items.length, maxLength: OUTGOING.items.length }), (f, ticks) => {
        const noAnswer = { ...f, direction: 'outgoing' as const, outboundPerson: 'no-answer' as const };
        expect(hadConversation(noAnswer)).toBe(false);
        for (const item of OUTGOING.items) expect(itemAppliesTo(item, noAnswer)).toBe(false);
        const adherence = adherenceForFacts(OUTGOING.items.map((item, i) => ({ item, state: ticks[i] ? { done: true, atMs: 1_000, atWrapUp: false } : { done: false, atMs: null, atWrapUp: false } })), noAnswer);
        expect(adherence.score).toBeNull();
        expect(adherence.greetingWithin30s).toBe(false);
      }),
    );
  });

  it('property: someone else answered — only what leaving a message asks: not the person’s confirmation, the good moment or personal data', () => {
    fc.assert(
      fc.property(anyItem, fc.boolean(), (item, personalData) => {
        const applies = itemAppliesTo(item, { direction: 'outgoing', outboundPerson: 'someone-else', personalData });
        expect(applies).toBe(item.appliesWhen === 'always' && item.id !== IDENTITY_ITEM_ID && item.id !== GOOD_MOMENT_ITEM_ID);
      }),
    );
  });

  it('property: any other call — as before: every item, and those about personal data when the call touched it', () => {
    fc.assert(
      fc.property(anyItem, facts, (item, f) => {
        fc.pre(f.direction === 'incoming' || f.outboundPerson === 'right' || f.outboundPerson === null);
        expect(itemAppliesTo(item, f)).toBe(itemApplies(item, f.personalData));
      }),
    );
  });
});

describe('fair figures for a day of outbound calls nobody answered', () => {
  const at = (hour: number) => new Date(2026, 9, 5, hour);
  const outbound = (hour: number, person: 'right' | 'someone-else' | 'no-answer', ticked: Record<string, number>): CallRecord =>
    CallRecordSchema.parse({ ...sampleRecord(at(hour)), direction: 'outgoing', outbound: { person, goodMoment: person === 'right' ? true : null }, ...recordedItems(OUTGOING, ticked, false, person), prevHash: '0'.repeat(64) });
  /** As an app before the one rule stored it: every item applying, the score over all of them. */
  const storedBefore = (record: CallRecord): CallRecord => {
    const facts = { direction: 'incoming' as const, outboundPerson: null, personalData: record.personalData };
    const items = record.items.map((i) => ({ ...i, applies: itemApplies(OUTGOING.items.find((d) => d.id === i.id)!, record.personalData) }));
    const adherence = adherenceForFacts(OUTGOING.items.map((item) => ({ item, state: record.items.find((i) => i.id === item.id)! })), facts);
    return { ...record, items, adherence };
  };

  it('five numbers nobody answered and one good call: the mean is the good call’s, the bars and the greeting share are its alone — for calls stored now and before alike', () => {
    const good = outbound(9, 'right', { greeting: 2_000, 'identity-confirmed': 5_000, 'good-moment-asked': 8_000, 'no-third-party-voices': 9_000, 'no-sensitive-data-asked': 9_000, 'plain-language': 9_000, 'polite-closing': 9_000 });
    const nobody = [10, 11, 12, 13, 14].map((h) => outbound(h, 'no-answer', {}));
    for (const stored of [nobody, nobody.map(storedBefore)]) {
      const make = createRowMaker(TEST_CATALOG);
      const rows = [good, ...stored].map((r) => make(r, 'calls/x/2026-10.jsonl', 'local')).filter(rowFilter(NO_FILTER));
      // Stored before the rule: read with it, and trusted (no forgery).
      for (const r of stored) expect(verifyRecordedItems(r, TEST_CATALOG).trust).toBe('ok');
      const summary = summarize(rows, new Map(), Date.now());
      expect(rows.slice(1).every((r) => r.score === null)).toBe(true);
      expect(summary.meanScore).toBe(1);
      expect(summary.greetingWithin30s).toMatchObject({ count: 1, of: 1 });
      expect(summary.items.every((i) => i.done.count === 1 && i.done.of === 1)).toBe(true);
    }
  });

  it('someone else answered: scored on leaving a message only', () => {
    const message = outbound(9, 'someone-else', { greeting: 2_000, 'no-third-party-voices': 9_000, 'no-sensitive-data-asked': 9_000, 'plain-language': 9_000, 'polite-closing': 9_000 });
    expect(message.adherence.score).toBe(1);
    const read = verifyRecordedItems(storedBefore(message), TEST_CATALOG);
    expect(read).toMatchObject({ trust: 'ok', adherence: { score: 1 } });
  });
});

describe('routing and invitation are facts of a call', () => {
  it('a caller sent to another unit and then invited in counts in both shares, and the routing target is shown', () => {
    const base = CallRecordSchema.parse({ ...sampleRecord(new Date(2026, 9, 5, 9)), prevHash: '0'.repeat(64) });
    const both: CallRecord = { ...base, outcome: 'invited', routedTo: { unitId: 'zus', unitName: 'ZUS', external: true }, invitation: { appointmentAt: '2026-10-12T09:00:00.000Z' } };
    const make = createRowMaker(TEST_CATALOG);
    const summary = summarize([make(both, 'calls/x/2026-10.jsonl', 'local')], new Map(), Date.now());
    expect(summary.routed).toMatchObject({ count: 1, of: 1 });
    expect(summary.invited).toMatchObject({ count: 1, of: 1 });
    expect(summary.routingTargets).toEqual([expect.objectContaining({ unitId: 'zus', calls: 1 })]);
  });
});
