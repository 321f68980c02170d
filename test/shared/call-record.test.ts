import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callReducer, NOTE_MAX_LENGTH, STORED_NOTE_MAX_LENGTH, type ActiveCall, type CallEvent } from '../../shared/call/call-machine';
import { buildCallRecord, CallRecordSchema, summarizeCall, type UnchainedCallRecord } from '../../shared/journal/call-record';
import { apiContract } from '../../shared/contract/api';
import { OUTCOMES } from '../../shared/call/outcomes';
import { documentNumber, emailAddress, POLISH_WORDS, validPesel, writtenNip, writtenPhone } from './arbitraries';
import { CALL_ID, INCOMING, inPhase, run, start, T0, PROFILE } from './fixtures';

const profile = PROFILE;
const SAVED_AT = T0 + 120_000;
const tick = (itemId: string, at: number): CallEvent => ({ type: 'toggle-item', itemId, at });

/** A call that ran from T0 to T0 + `lengthMs`, with the given events in between. */
function endedCall(lengthMs: number, events: CallEvent[] = []): ActiveCall {
  return inPhase(run([start(), ...events, { type: 'end', at: T0 + lengthMs }]), 'wrap-up').call;
}

const chained = (record: UnchainedCallRecord) => ({ ...record, prevHash: '0'.repeat(64) });

describe('buildCallRecord', () => {
  it('masks identifiers in the note and records what it masked', () => {
    const note = 'Klient PESEL 44051401359, tel. 600 700 800, prosi o kontakt: jan.kowalski@example.com';
    const record = buildCallRecord({ call: endedCall(60_000), outcome: 'callback', note }, profile, SAVED_AT);
    expect(record.note).toBe('Klient PESEL [PESEL], tel. [telefon], prosi o kontakt: [e-mail]');
    expect(record.maskedCounts).toEqual({ pesel: 1, phone: 1, email: 1 });
  });

  it('no field of the record holds the raw note or any identifier from it', () => {
    const note = 'PESEL 44051401359, NIP 123-456-32-18, dowód ABA300000, konto PL61 1090 1014 0000 0712 1981 2874';
    const record = buildCallRecord({ call: endedCall(60_000), outcome: 'resolved', note }, profile, SAVED_AT);
    const json = JSON.stringify(record);
    for (const secret of [note, '44051401359', '123-456-32-18', 'ABA300000', '1090 1014 0000 0712']) {
      expect(json).not.toContain(secret);
    }
  });

  it('trims the note before masking it', () => {
    const record = buildCallRecord({ call: endedCall(1_000), outcome: 'other', note: '  \n Oddzwonić jutro.  ' }, profile, SAVED_AT);
    expect(record.note).toBe('Oddzwonić jutro.');
    expect(record.maskedCounts).toEqual({});
  });

  it.each([
    [95_000, 95],
    [95_400, 95],
    [95_500, 96],
    [499, 0],
    [0, 0],
  ])('a call of %i ms lasts %i s', (lengthMs, seconds) => {
    const record = buildCallRecord({ call: endedCall(lengthMs), outcome: 'resolved', note: '' }, profile, SAVED_AT);
    expect(record.durationSec).toBe(seconds);
    expect(record.startedAt).toBe(new Date(T0).toISOString());
    expect(record.endedAt).toBe(new Date(T0 + lengthMs).toISOString());
  });

  it('a call with no end time is measured up to the moment it is saved', () => {
    const call = inPhase(run([start()]), 'in-call').call;
    const record = buildCallRecord({ call, outcome: 'interrupted', note: '' }, profile, T0 + 42_000);
    expect(record.durationSec).toBe(42);
    expect(record.endedAt).toBe(new Date(T0 + 42_000).toISOString());
    expect(record.savedAt).toBe(new Date(T0 + 42_000).toISOString());
  });

  it('copies the clerk id, name, role and unit from the profile', () => {
    const record = buildCallRecord({ call: endedCall(1_000), outcome: 'resolved', note: '' }, profile, SAVED_AT);
    expect(record.clerk).toEqual({ id: profile.clerkId, firstName: 'Anna', lastName: 'Nowak', role: 'stazysta', unit: profile.unit });
  });

  it('carries each checklist item with its label, weight, applies flag and tick', () => {
    const call = endedCall(90_000, [tick('greeting', T0 + 2_100), tick('matter-identified', T0 + 30_000)]);
    const withWrapUpTick = inPhase(callReducer({ phase: 'wrap-up', call, outcome: null, note: '' }, tick('polite-closing', T0 + 95_000)), 'wrap-up').call;
    const record = buildCallRecord({ call: withWrapUpTick, outcome: 'resolved', note: '' }, profile, SAVED_AT);
    expect(record.items.map((i) => [i.id, i.label, i.weight])).toEqual(INCOMING.items.map((i) => [i.id, i.label, i.weight]));
    const byId = Object.fromEntries(record.items.map((i) => [i.id, i]));
    expect(byId.greeting).toMatchObject({ applies: true, done: true, atMs: 2_100, atWrapUp: false });
    expect(byId['polite-closing']).toMatchObject({ applies: true, done: true, atMs: 95_000, atWrapUp: true });
    expect(byId['identity-verified']).toMatchObject({ applies: false, done: false, atMs: null });
    expect(record).toMatchObject({ id: CALL_ID, direction: 'incoming', checklist: { id: 'incoming', version: 1 }, personalData: false });
  });

  it('marks identity verification as applying when the call touched personal data', () => {
    const call = endedCall(10_000, [{ type: 'set-personal-data', value: true }]);
    const record = buildCallRecord({ call, outcome: 'resolved', note: '' }, profile, SAVED_AT);
    expect(record.personalData).toBe(true);
    expect(record.items.every((i) => i.applies)).toBe(true);
  });

  it('builds a record the journal schema accepts', () => {
    const record = buildCallRecord({ call: endedCall(60_000), outcome: 'invited', note: 'Wizyta 12.03.2026 o 10:15.' }, profile, SAVED_AT);
    expect(CallRecordSchema.safeParse(chained(record)).success).toBe(true);
  });

  it('property: for any note of ordinary words and identifiers, no identifier reaches the record', () => {
    const identifier = fc.oneof(validPesel, writtenNip, emailAddress, writtenPhone.map((p) => p.written), documentNumber);
    const piece = fc.tuple(fc.array(fc.constantFrom(...POLISH_WORDS), { minLength: 1, maxLength: 4 }), identifier);
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 4 }), (pieces) => {
        const note = pieces.map(([words, id]) => `${words.join(' ')} ${id}`).join('. ');
        const record = buildCallRecord({ call: endedCall(30_000), outcome: 'resolved', note }, profile, SAVED_AT);
        const json = JSON.stringify(record);
        for (const [, id] of pieces) expect(json).not.toContain(id);
        expect(record.note).not.toMatch(/\d/);
        const total = Object.values(record.maskedCounts).reduce((a, b) => a + b, 0);
        expect(total).toBe(pieces.length);
      }),
      { numRuns: 1000 },
    );
  });

  // Some tokens are longer than what they replace ("ABC123456" → "[nr dokumentu]",
  // "a@b.pl" → "[e-mail]"), so a full note grows when masked; the record must
  // still be one the journal accepts.
  it('a note of at most NOTE_MAX_LENGTH characters always gives a record the journal schema accepts', () => {
    const note = `${'Klient okazał dowód. '.repeat(23)}Dowód ABC123456.`.slice(-NOTE_MAX_LENGTH);
    expect(note.length).toBeLessThanOrEqual(NOTE_MAX_LENGTH);
    expect(note).toContain('ABC123456');
    const record = buildCallRecord({ call: endedCall(60_000), outcome: 'resolved', note }, profile, SAVED_AT);
    expect(record.note).not.toContain('ABC123456');
    expect(record.note.length).toBeGreaterThan(NOTE_MAX_LENGTH);
    expect(record.note.length).toBeLessThanOrEqual(STORED_NOTE_MAX_LENGTH);
    expect(CallRecordSchema.safeParse(chained(record)).success).toBe(true);
  });
});

describe('summarizeCall', () => {
  it('lists as missed the labels of applicable items that were not ticked', () => {
    const call = endedCall(60_000, [tick('greeting', T0 + 1_000), tick('matter-identified', T0 + 5_000)]);
    const record = CallRecordSchema.parse(
      chained(buildCallRecord({ call, outcome: 'routed', note: 'tel. 600 700 800' }, profile, SAVED_AT)),
    );
    const summary = summarizeCall(record);
    const expectedMissed = INCOMING.items
      .filter((i) => !['greeting', 'matter-identified', 'identity-verified'].includes(i.id))
      .map((i) => i.label);
    expect(summary).toEqual({
      id: CALL_ID,
      direction: 'incoming',
      startedAt: new Date(T0).toISOString(),
      durationSec: 60,
      outcome: 'routed',
      missed: expectedMissed,
      note: 'tel. [telefon]',
      personalData: false,
      // Done weight over applicable weight (identity verification does not apply).
      score: weightOf(['greeting', 'matter-identified']) / weightOf(INCOMING.items.filter((i) => i.appliesWhen === 'always').map((i) => i.id)),
      ticksAtWrapUp: 0,
      callbackDueAt: null,
      routedTo: null,
      appointmentAt: null,
    });
  });

  it('includes identity verification among the missed items only when the call touched personal data', () => {
    const label = INCOMING.items.find((i) => i.id === 'identity-verified')!.label;
    const summaryOf = (events: CallEvent[]) =>
      summarizeCall(CallRecordSchema.parse(chained(buildCallRecord({ call: endedCall(5_000, events), outcome: 'resolved', note: '' }, profile, SAVED_AT))));
    expect(summaryOf([]).missed).not.toContain(label);
    expect(summaryOf([{ type: 'set-personal-data', value: true }]).missed).toContain(label);
  });
});

describe('buildCallRecord over anything the API accepts', () => {
  // The journal does not re-validate on append (it is the hot path), so every
  // input that passes the saveCall contract must give a record the schema accepts.
  it('property: the record always validates', () => {
    const itemIds = INCOMING.items.map((i) => i.id);
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.constantFrom(...itemIds), dt: fc.integer({ min: -5_000, max: 3_600_000 }) }), { maxLength: 20 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 7_200_000 }),
        fc.constantFrom(...OUTCOMES),
        fc.string({ maxLength: STORED_NOTE_MAX_LENGTH, unit: 'grapheme' }),
        (ticks, personalData, length, outcome, note) => {
          const events: CallEvent[] = [start(), { type: 'set-personal-data', value: personalData }];
          for (const t of ticks) events.push({ type: 'toggle-item', itemId: t.id, at: T0 + t.dt });
          events.push({ type: 'end', at: T0 + length });
          const state = inPhase(run(events), 'wrap-up');
          const input = apiContract.saveCall.input.safeParse({ call: state.call, outcome, note });
          fc.pre(input.success && input.data.outcome !== null);
          const record = buildCallRecord({ ...input.data!, outcome: input.data!.outcome! }, profile, T0 + length + 1_000);
          expect(CallRecordSchema.safeParse(chained(record)).success).toBe(true);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

function weightOf(ids: string[]): number {
  return INCOMING.items.filter((i) => ids.includes(i.id)).reduce((sum, i) => sum + i.weight, 0);
}
