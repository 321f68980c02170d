import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { UnchainedCallRecord } from '../../shared/call-record';

export const CLERK_ID = '0b9f1e0e-3f5c-4a7e-9a39-6f3f6f2b8a10';

/** A plausible saved call, with `noteLength` characters of note to vary the line size. */
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
    checklist: { id: 'incoming', version: 1 },
    personalData: false,
    items: [
      { id: 'greeting', label: 'Powitanie', weight: 3, applies: true, done: true, atMs: 2100, atWrapUp: false },
      { id: 'polite-closing', label: 'Uprzejme zakończenie', weight: 1, applies: true, done: false, atMs: null, atWrapUp: false },
    ],
    outbound: null,
    outcome: 'resolved',
    callback: null,
    callbackOf: null,
    routedTo: null,
    invitation: null,
    adherence: { score: 0.75, greetingWithin30s: true, ticksAtWrapUp: 0 },
    note: 'Zażółć gęślą jaźń '.repeat(Math.ceil(noteLength / 18)).slice(0, noteLength),
    maskedCounts: {},
  };
}

export function randomClerkId(): string {
  return randomUUID();
}
