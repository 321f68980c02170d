import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ChecklistDefinitionSchema, itemApplies } from '../../shared/call/checklist';

const incomingPath = fileURLToPath(new URL('../../resources/checklists/incoming.json', import.meta.url));
const incomingRaw = JSON.parse(readFileSync(incomingPath, 'utf8')) as Record<string, unknown>;

function definition(items: unknown[]) {
  return { id: 'test', version: 1, direction: 'incoming', title: 'Lista testowa', items };
}
const item = (id: string, extra: Record<string, unknown> = {}) => ({ id, label: `Punkt ${id}`, ...extra });

describe('ChecklistDefinitionSchema', () => {
  it('accepts the shipped incoming checklist: ≤ 9 unique items, the greeting first', () => {
    const parsed = ChecklistDefinitionSchema.parse(incomingRaw);
    expect(parsed.direction).toBe('incoming');
    expect(parsed.items.length).toBeLessThanOrEqual(9);
    const ids = parsed.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe('greeting');
  });

  it('the shipped checklist has an identity-verification item that applies only to calls with personal data', () => {
    const parsed = ChecklistDefinitionSchema.parse(incomingRaw);
    const personal = parsed.items.filter((i) => i.appliesWhen === 'personal-data');
    expect(personal.map((i) => i.id)).toEqual(['identity-verified']);
    expect(parsed.items.filter((i) => i.id !== 'identity-verified').every((i) => i.appliesWhen === 'always')).toBe(true);
  });

  it('fills in the defaults: weight 1, applies always', () => {
    const parsed = ChecklistDefinitionSchema.parse(definition([item('first')]));
    expect(parsed.items[0]).toMatchObject({ weight: 1, appliesWhen: 'always' });
  });

  it('rejects duplicate item ids and points at the second one', () => {
    const result = ChecklistDefinitionSchema.safeParse(definition([item('same'), item('other'), item('same')]));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([['items', 2, 'id']]);
  });

  it('accepts 9 items (keys 1–9) and rejects 10', () => {
    const nine = Array.from({ length: 9 }, (_, i) => item(`item-${i + 1}`));
    expect(ChecklistDefinitionSchema.safeParse(definition(nine)).success).toBe(true);
    expect(ChecklistDefinitionSchema.safeParse(definition([...nine, item('item-10')])).success).toBe(false);
  });

  it('rejects an empty checklist', () => {
    expect(ChecklistDefinitionSchema.safeParse(definition([])).success).toBe(false);
  });

  it.each(['Greeting', 'a', '1abc', 'ab_c', 'ab c', ''])('rejects the item id %j', (id) => {
    expect(ChecklistDefinitionSchema.safeParse(definition([item(id)])).success).toBe(false);
  });

  it.each([
    ['a weight of 0', { weight: 0 }],
    ['a weight of 11', { weight: 11 }],
    ['a fractional weight', { weight: 1.5 }],
    ['an unknown appliesWhen', { appliesWhen: 'sometimes' }],
    ['a label shorter than 3 characters after trimming', { label: '  ab  ' }],
  ])('rejects an item with %s', (_, extra) => {
    expect(ChecklistDefinitionSchema.safeParse(definition([item('first', extra)])).success).toBe(false);
  });

  it('rejects the checklist after any one of its items is duplicated', () => {
    const items = incomingRaw.items as { id: string }[];
    for (const dup of items) {
      const result = ChecklistDefinitionSchema.safeParse({ ...incomingRaw, items: [...items, dup] });
      expect(result.success, `duplicate of ${dup.id}`).toBe(false);
    }
  });
});

describe('itemApplies', () => {
  it.each([
    ['always', false, true],
    ['always', true, true],
    ['personal-data', false, false],
    ['personal-data', true, true],
  ] as const)('appliesWhen %s with personalData=%s → %s', (appliesWhen, personalData, expected) => {
    expect(itemApplies({ appliesWhen }, personalData)).toBe(expected);
  });
});
