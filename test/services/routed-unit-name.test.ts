import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type HandlerTable } from '../../electron/handlers';
import { openAppServices, type AppServices } from '../../electron/services/app-services';
import { callReducer, type CallState } from '../../shared/call-machine';
import { documentNumber, emailAddress, validPesel, writtenNrb, writtenPhone } from '../shared/arbitraries';
import { endedCall } from '../helpers/calls';
import { INCOMING } from '../helpers/records';

/**
 * The name of the unit a call is routed to comes from the window. The record
 * stores the office directory's name for a unit it knows; any other name is
 * masked like typed text — in the record, the draft and the CSV alike.
 */
let dataDir: string;
let services: AppServices;
let api: HandlerTable;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'routed-unit-'));
  services = await openAppServices(dataDir, 'resources', { callerPaths: true });
  api = createHandlers(services);
  await api.saveProfile({ firstName: 'Anna', lastName: 'Nowak', role: 'pracownik', unit: 'Kancelaria', officeName: 'Powiatowy Urząd Pracy w Łodzi' });
});
afterAll(async () => {
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const routedTo = (unit: { id: string; name: string; external: boolean }) => (s: CallState) => callReducer(s, { type: 'route', unit, at: Date.now() - 30_000 });
function everythingOnDisk(): string {
  return readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => readFileSync(join(d.parentPath, d.name), 'utf8'))
    .join('\n');
}

describe('the routed unit’s name', () => {
  it('property: a name holding an identifier, sent by a window for a unit the directory does not have, reaches no file — draft, journal or CSV', async () => {
    const identifier = fc.oneof(validPesel, writtenPhone.map((p) => p.written), writtenNrb, emailAddress, documentNumber);
    await fc.assert(
      fc.asyncProperty(identifier, async (secret) => {
        const call = endedCall(INCOMING, routedTo({ id: 'spoza-katalogu', name: `Jan Kowalski ${secret}`, external: true }));
        expect((await dispatch(api, 'saveDraft', { state: { phase: 'wrap-up', call, outcome: 'routed', note: '' } })).ok).toBe(true);
        expect(readFileSync(join(dataDir, 'draft.json'), 'utf8')).not.toContain(secret);
        const saved = await dispatch(api, 'saveCall', { call, outcome: 'routed', note: '' });
        expect(saved).toMatchObject({ ok: true });
        expect((saved as { result: { routedTo: string } }).result.routedTo).toMatch(/^Jan Kowalski \[/);
        expect((await dispatch(api, 'exportRegister', { filter: {}, sort: { key: 'startedAt', descending: true }, format: 'csv', path: join(dataDir, 'rejestr.csv') })).ok).toBe(true);
        expect(everythingOnDisk()).not.toContain(secret);
      }),
      { numRuns: 25 },
    );
  });

  it('a unit the directory has is stored under the directory’s name and kind, whatever the window says', async () => {
    const unit = services.content.directory.units[0]!;
    const call = endedCall(INCOMING, routedTo({ id: unit.id, name: 'Cokolwiek 44051401359', external: unit.kind !== 'external' }));
    const saved = await dispatch(api, 'saveCall', { call, outcome: 'routed', note: '' });
    expect(saved).toMatchObject({ ok: true, result: { routedTo: unit.name } });
    const stored = everythingOnDisk();
    expect(stored).toContain(JSON.stringify({ unitId: unit.id, unitName: unit.name, external: unit.kind === 'external' }));
  });
});
