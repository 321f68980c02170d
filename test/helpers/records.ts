import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import type { UnchainedCallRecord } from '../../shared/journal/call-record';
import { ChecklistDefinitionSchema, type ChecklistDefinition } from '../../shared/call/checklist';
import { checklistCatalog } from '../../shared/call/checklist-catalog';
import { adherenceForFacts } from '../../shared/call/compliance';
import { itemAppliesTo, type CallFacts } from '../../shared/call/applicability';
import { UNTICKED } from '../../shared/call/call-items';

export const CLERK_ID = '0b9f1e0e-3f5c-4a7e-9a39-6f3f6f2b8a10';

/** The checklists shipped in resources/, as the service reads them. */
function shipped(name: string): ChecklistDefinition {
  return ChecklistDefinitionSchema.parse(JSON.parse(readFileSync(`resources/checklists/${name}.json`, 'utf8')));
}
export const INCOMING = shipped('incoming');
export const OUTGOING = shipped('outgoing');
export const SHIFT = shipped('shift');
/** The catalog a service opened on resources/ has: every record made here reads as trusted against it. */
export const TEST_CATALOG = checklistCatalog([INCOMING, OUTGOING, SHIFT]);

/**
 * The items and adherence of a call on a shipped checklist, as the service
 * records them: `ticked` maps item ids to the offset they were ticked at.
 */
export function recordedItems(definition: ChecklistDefinition, ticked: Record<string, number>, personalData = false, outboundPerson: CallFacts['outboundPerson'] = definition.direction === 'outgoing' ? 'right' : null) {
  const states = definition.items.map((item) => (item.id in ticked ? { done: true, atMs: ticked[item.id]!, atWrapUp: false } : UNTICKED));
  const facts: CallFacts = { direction: definition.direction === 'outgoing' ? 'outgoing' : 'incoming', outboundPerson, personalData };
  return {
    checklist: { id: definition.id, version: definition.version },
    items: definition.items.map((item, i) => ({ id: item.id, label: item.label, weight: item.weight, applies: itemAppliesTo(item, facts), ...states[i]! })),
    adherence: adherenceForFacts(
      definition.items.map((item, i) => ({ item, state: states[i]! })),
      facts,
    ),
  };
}

/** A plausible saved call on the shipped incoming checklist, with `noteLength` characters of note to vary the line size. */
export function sampleRecord(savedAt: Date, noteLength = 40, clerkId = CLERK_ID): UnchainedCallRecord {
  const started = new Date(savedAt.getTime() - 95_000);
  return {
    schemaVersion: 1,
    type: 'call',
    id: uuidv7({ msecs: savedAt.getTime() }),
    savedAt: savedAt.toISOString(),
    clerk: { id: clerkId, firstName: 'Anna', lastName: 'Nowak', role: 'pracownik', unit: 'Dział Ewidencji i Świadczeń' },
    direction: 'incoming',
    startedAt: started.toISOString(),
    endedAt: new Date(savedAt.getTime() - 5_000).toISOString(),
    durationSec: 90,
    personalData: false,
    ...recordedItems(INCOMING, { greeting: 2100, 'matter-identified': 30_000 }),
    outbound: null,
    outcome: 'resolved',
    callback: null,
    callbackOf: null,
    routedTo: null,
    invitation: null,
    note: 'Zażółć gęślą jaźń '.repeat(Math.ceil(noteLength / 18)).slice(0, noteLength),
    maskedCounts: {},
  };
}

export function randomClerkId(): string {
  return randomUUID();
}
