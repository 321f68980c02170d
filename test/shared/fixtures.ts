/** Shared fixtures for the call machine and call record tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { callReducer, IDLE, type CallEvent, type CallState } from '../../shared/call/call-machine';
import { ChecklistDefinitionSchema, type ChecklistDefinition } from '../../shared/call/checklist';
import type { Profile } from '../../shared/settings/profile';
import { ScriptsSchema, type Scripts } from '../../shared/call/scripts';

const incomingPath = fileURLToPath(new URL('../../resources/checklists/incoming.json', import.meta.url));

/** The real incoming-call checklist, parsed the way the app loads it. */
export const INCOMING: ChecklistDefinition = ChecklistDefinitionSchema.parse(JSON.parse(readFileSync(incomingPath, 'utf8')));

const outgoingPath = fileURLToPath(new URL('../../resources/checklists/outgoing.json', import.meta.url));
const scriptsPath = fileURLToPath(new URL('../../resources/scripts.json', import.meta.url));

/** The real outgoing-call checklist. */
export const OUTGOING: ChecklistDefinition = ChecklistDefinitionSchema.parse(JSON.parse(readFileSync(outgoingPath, 'utf8')));

/** The real scripts. */
export const SCRIPTS: Scripts = ScriptsSchema.parse(JSON.parse(readFileSync(scriptsPath, 'utf8')));

/** A small checklist without a greeting item. */
export const SHORT: ChecklistDefinition = ChecklistDefinitionSchema.parse({
  id: 'short',
  version: 2,
  direction: 'outgoing',
  title: 'Krótka lista',
  items: [
    { id: 'purpose', label: 'Cel rozmowy podany' },
    { id: 'id-check', label: 'Tożsamość potwierdzona', appliesWhen: 'personal-data', weight: 2 },
  ],
});

export const CALL_ID = '3f2b8c1e-7d4a-4b9e-8c2f-1a2b3c4d5e6f';
export const T0 = Date.UTC(2026, 10, 24, 9, 30, 0);

export function run(events: CallEvent[], from: CallState = IDLE): CallState {
  return events.reduce(callReducer, from);
}

export function start(at = T0, checklist = INCOMING): CallEvent {
  return { type: 'start', id: CALL_ID, checklist, at };
}

/** Narrows a state to a phase, failing the test when it is another one. */
export function inPhase<P extends CallState['phase']>(state: CallState, phase: P): Extract<CallState, { phase: P }> {
  if (state.phase !== phase) throw new Error(`expected phase ${phase}, got ${state.phase}`);
  return state as Extract<CallState, { phase: P }>;
}

/** A clerk (an intern of the benefits unit) for building records. */
export const PROFILE: Profile = {
  clerkId: '0b9f1e0e-3f5c-4a7e-9a39-6f3f6f2b8a10',
  firstName: 'Anna',
  lastName: 'Nowak',
  role: 'stazysta',
  unit: 'Dział Ewidencji i Świadczeń',
  officeName: 'Powiatowy Urząd Pracy w Łodzi',
};
