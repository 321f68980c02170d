import { ChecklistDefinitionSchema, itemApplies, type ChecklistDefinition } from './checklist';
import { factsOfCall, hadConversation, itemAppliesTo } from './applicability';
import type { CallRecord } from '../journal/call-record';
import { adherenceOf, type Adherence } from './compliance';
import { UNTICKED } from './call-items';

/**
 * Every checklist definition this app knows, by id and version: the ones in
 * use and the older ones an office kept when it changed a list. What a call
 * is scored against comes from here — never from the call itself, which a
 * page or a file could make say anything ("a checklist of one item, ticked").
 */
export interface ChecklistCatalog {
  get(id: string, version: number): ChecklistDefinition | undefined;
  all(): readonly ChecklistDefinition[];
}

export function checklistCatalog(definitions: readonly ChecklistDefinition[]): ChecklistCatalog {
  const byKey = new Map<string, ChecklistDefinition>();
  for (const d of definitions) if (!byKey.has(catalogKey(d.id, d.version))) byKey.set(catalogKey(d.id, d.version), d);
  return {
    get: (id, version) => byKey.get(catalogKey(id, version)),
    all: () => [...byKey.values()],
  };
}

function catalogKey(id: string, version: number): string {
  return `${id}@${version}`;
}

/** Two definitions with one id and version must say the same: records of that version are read against it. */
export function sameDefinition(a: ChecklistDefinition, b: ChecklistDefinition): boolean {
  const norm = (d: ChecklistDefinition) => JSON.stringify(ChecklistDefinitionSchema.parse(d).items.map(({ id, label, weight, appliesWhen }) => [id, label, weight, appliesWhen]));
  return a.direction === b.direction && norm(a) === norm(b);
}

/**
 * How far a stored call's checklist can be trusted:
 * - `ok`: its items are exactly its checklist version's, and its score follows from its ticks;
 * - `recomputed`: its version is known but its items or score say otherwise
 *   (an edited or forged record) — read as the definition says, with its ticks;
 * - `unknown-checklist`: a version this app does not know — its figures are left out.
 */
export const CHECKLIST_TRUST = ['ok', 'recomputed', 'unknown-checklist'] as const;
export type ChecklistTrust = (typeof CHECKLIST_TRUST)[number];

export interface VerifiedItems {
  trust: ChecklistTrust;
  items: CallRecord['items'];
  adherence: Adherence;
}

export function verifyRecordedItems(
  record: Pick<CallRecord, 'checklist' | 'direction' | 'items' | 'personalData' | 'adherence' | 'outbound'>,
  catalog: ChecklistCatalog,
): VerifiedItems {
  const definition = catalog.get(record.checklist.id, record.checklist.version);
  if (!definition || definition.direction !== record.direction) return { trust: 'unknown-checklist', items: record.items, adherence: record.adherence };
  const ticks = new Map(record.items.map((i) => [i.id, i]));
  const facts = factsOfCall(record);
  // Read with today's rule (applicability.ts), whenever the call was stored: old and new figures agree.
  const now = scoredBy(definition, ticks, (item) => itemAppliesTo(item, facts), hadConversation(facts));
  // A call stored before that rule (every item applying, personal data aside) is no forgery: the same ticks under the old rule.
  const before = scoredBy(definition, ticks, (item) => itemApplies(item, record.personalData), true);
  const same = storedAs(record, now) || storedAs(record, before);
  return { trust: same ? 'ok' : 'recomputed', items: now.items, adherence: now.adherence };
}

type Tick = CallRecord['items'][number];

function scoredBy(definition: ChecklistDefinition, ticks: Map<string, Tick>, applies: (item: Pick<ChecklistDefinition['items'][number], 'id' | 'appliesWhen'>) => boolean, conversation: boolean) {
  const items = definition.items.map((item) => {
    const tick = ticks.get(item.id);
    const state = tick?.done ? { done: true, atMs: tick.atMs, atWrapUp: tick.atWrapUp } : UNTICKED;
    return { id: item.id, label: item.label, weight: item.weight, applies: applies(item), ...state };
  });
  const adherence = adherenceOf(
    definition.items.map((item, i) => ({ item, state: items[i]! })),
    applies,
    conversation,
  );
  return { items, adherence };
}

/** Whether the record holds exactly these items and this score. */
function storedAs(record: Pick<CallRecord, 'items' | 'adherence'>, derived: { items: Tick[]; adherence: Adherence }): boolean {
  const { items, adherence } = derived;
  return (
    record.items.length === items.length &&
    record.items.every((r, i) => {
      const c = items[i]!;
      return r.id === c.id && r.label === c.label && r.weight === c.weight && r.applies === c.applies && r.done === c.done && (!r.done || (r.atMs === c.atMs && r.atWrapUp === c.atWrapUp));
    }) &&
    record.adherence.score === adherence.score &&
    record.adherence.greetingWithin30s === adherence.greetingWithin30s &&
    record.adherence.ticksAtWrapUp === adherence.ticksAtWrapUp
  );
}
