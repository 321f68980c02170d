/**
 * The numbered states the crash child writes, and how to read the number
 * back, so the parent can tell which write a restarted app found. Its own
 * profile and checklist rather than test/shared/fixtures.ts: the child runs
 * bundled from another folder, where paths relative to the sources break.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callReducer, IDLE, type CallState } from '../../shared/call/call-machine';
import { ChecklistDefinitionSchema } from '../../shared/call/checklist';
import { DEFAULT_SETTINGS, type Settings } from '../../electron/services/settings-store';

const checklist = ChecklistDefinitionSchema.parse(JSON.parse(readFileSync(join(process.cwd(), 'resources/checklists/incoming.json'), 'utf8')));
const filler = (size: number) => 'Zażółć gęślą jaźń '.repeat(Math.ceil(size / 18)).slice(0, size);

/** Settings whose team folder names the step; `size` pads it so files differ in length. */
export function crashSettings(step: number, size: number): Settings {
  return {
    ...DEFAULT_SETTINGS,
    profile: {
      clerkId: '0b9f1e0e-3f5c-4a7e-9a39-6f3f6f2b8a10',
      firstName: 'Anna',
      lastName: 'Nowak',
      role: 'pracownik',
      unit: 'Dział Ewidencji i Świadczeń',
      officeName: 'Powiatowy Urząd Pracy w Łodzi',
    },
    teamFolder: `zespol/krok-${step}/${filler(size)}`,
  };
}

export function stepOfSettings(settings: Settings): number {
  return Number(/krok-(\d+)\//.exec(settings.teamFolder ?? '')?.[1] ?? NaN);
}

/** A call in wrap-up whose note starts with the step; `size` characters of note after it. */
export function crashDraftState(step: number, size: number): CallState {
  let state = callReducer(IDLE, { type: 'start', id: '0192f3a0-0000-7000-8000-000000000001', checklist, at: 1_000 });
  state = callReducer(state, { type: 'toggle-item', itemId: 'greeting', at: 2_000 });
  state = callReducer(state, { type: 'end', at: 60_000 });
  return callReducer(state, { type: 'set-note', note: `krok ${step} ${filler(size)}` });
}

export function stepOfDraft(state: CallState): number {
  return state.phase === 'wrap-up' ? Number(/^krok (\d+) /.exec(state.note)?.[1] ?? NaN) : NaN;
}
