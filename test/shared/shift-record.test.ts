import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ChecklistDefinitionSchema } from '../../shared/call/checklist';
import type { Profile } from '../../shared/settings/profile';
import { buildShiftRecord, ShiftInputSchema, ShiftRecordSchema, shiftRecordedOn } from '../../shared/journal/shift-record';

const SHIFT = ChecklistDefinitionSchema.parse(
  JSON.parse(readFileSync(fileURLToPath(new URL('../../resources/checklists/shift.json', import.meta.url)), 'utf8')),
);
const profile: Profile = {
  clerkId: '0b9f1e0e-3f5c-4a7e-9a39-6f3f6f2b8a10',
  firstName: 'Anna',
  lastName: 'Nowak',
  role: 'pracownik',
  unit: 'Dział Ewidencji i Świadczeń',
  officeName: 'Powiatowy Urząd Pracy w Łodzi',
};
const ID = '3f2b8c1e-7d4a-4b9e-8c2f-1a2b3c4d5e6f';
const SAVED_AT = new Date(2026, 10, 24, 7, 55).getTime();
const doneIds = (r: ReturnType<typeof buildShiftRecord>) => r.items.filter((i) => i.done).map((i) => i.id);

describe('buildShiftRecord', () => {
  it('records every checklist item in order, done as the clerk ticked them, with labels copied in', () => {
    const record = buildShiftRecord({ id: ID, skipped: false, done: ['badge-worn', 'desk-clear'] }, SHIFT, profile, SAVED_AT);
    expect(record.items.map((i) => i.id)).toEqual(SHIFT.items.map((i) => i.id));
    expect(record.items.map((i) => i.label)).toEqual(SHIFT.items.map((i) => i.label));
    expect(doneIds(record)).toEqual(['desk-clear', 'badge-worn']);
    expect(record).toMatchObject({ type: 'shift', id: ID, skipped: false, checklist: { id: 'shift', version: 1 } });
    expect(record.savedAt).toBe(new Date(SAVED_AT).toISOString());
    expect(record.clerk).toEqual({ id: profile.clerkId, firstName: 'Anna', lastName: 'Nowak', role: 'pracownik', unit: profile.unit });
    expect(ShiftRecordSchema.safeParse({ ...record, prevHash: 'a'.repeat(64) }).success).toBe(true);
  });

  it('a skipped check records nothing as done, even with ids sent along', () => {
    const record = buildShiftRecord({ id: ID, skipped: true, done: SHIFT.items.map((i) => i.id) }, SHIFT, profile, SAVED_AT);
    expect(record.skipped).toBe(true);
    expect(doneIds(record)).toEqual([]);
    expect(record.items).toHaveLength(SHIFT.items.length);
  });

  it('ids that are not on the checklist are ignored', () => {
    const record = buildShiftRecord({ id: ID, skipped: false, done: ['no-such-item', 'quiet-place'] }, SHIFT, profile, SAVED_AT);
    expect(doneIds(record)).toEqual(['quiet-place']);
    expect(record.items.map((i) => i.id)).not.toContain('no-such-item');
  });

  it('the input schema refuses extra fields', () => {
    expect(ShiftInputSchema.safeParse({ id: ID, skipped: false, done: [] }).success).toBe(true);
    expect(ShiftInputSchema.safeParse({ id: ID, skipped: false, done: [], note: 'x' }).success).toBe(false);
  });
});

describe('shiftRecordedOn (local day)', () => {
  const at = (d: number, h: number, m = 0) => new Date(2026, 10, d, h, m).toISOString();
  const now = new Date(2026, 10, 24, 12, 0);

  it('a shift record saved earlier the same local day counts, done or skipped', () => {
    expect(shiftRecordedOn([{ type: 'shift', savedAt: at(24, 0, 0) }], now)).toBe(true);
    expect(shiftRecordedOn([{ type: 'shift', savedAt: at(24, 23, 59) }], now)).toBe(true);
  });

  it('yesterday or tomorrow does not count', () => {
    expect(shiftRecordedOn([{ type: 'shift', savedAt: new Date(new Date(2026, 10, 24).getTime() - 1).toISOString() }], now)).toBe(false);
    expect(shiftRecordedOn([{ type: 'shift', savedAt: at(25, 0, 0) }], now)).toBe(false);
  });

  it('a call record of the day is no shift record; no records, no shift', () => {
    expect(shiftRecordedOn([{ type: 'call', savedAt: at(24, 9) }], now)).toBe(false);
    expect(shiftRecordedOn([], now)).toBe(false);
  });
});
