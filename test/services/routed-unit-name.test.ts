import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type HandlerTable } from '../../electron/handlers';
import type { AppServices } from '../../electron/services/app-services';
import { callReducer, type CallState } from '../../shared/call/call-machine';
import { documentNumber, emailAddress, validPesel, writtenNrb, writtenPhone } from '../shared/arbitraries';
import { endedCall } from '../helpers/calls';
import { INCOMING, sampleRecord } from '../helpers/records';
import { writeMonthWithHead } from '../helpers/month-files';
import { useServicesOnTempFolder } from '../helpers/services';
import { genesisHash, serializeRecord } from '../../electron/services/journal-format';
import { JournalRecordSchema } from '../../shared/journal/journal-record';

/**
 * The name of the unit a call is routed to comes from the window. The record
 * stores the office directory's name for a unit it knows; any other name is
 * masked like typed text — in the record, the draft and the CSV alike.
 */
let dataDir: string;
let services: AppServices;
let api: HandlerTable;
const temp = useServicesOnTempFolder('routed-unit-', { scope: 'file', options: { callerPaths: true } });

beforeAll(async () => {
  ({ dataDir, services, api } = await temp.open());
  await api.saveProfile({ firstName: 'Anna', lastName: 'Nowak', role: 'pracownik', unit: 'Kancelaria', officeName: 'Powiatowy Urząd Pracy w Łodzi' });
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
        const call = endedCall(INCOMING, routedTo({ id: 'spoza-katalogu', name: `Biuro Karier ${secret}`, external: true }));
        expect((await dispatch(api, 'saveDraft', { state: { phase: 'wrap-up', call, outcome: 'routed', note: '' } })).ok).toBe(true);
        expect(readFileSync(join(dataDir, 'draft.json'), 'utf8')).not.toContain(secret);
        const saved = await dispatch(api, 'saveCall', { call, outcome: 'routed', note: '' });
        expect(saved).toMatchObject({ ok: true });
        expect((saved as { result: { routedTo: string } }).result.routedTo).toMatch(/^Biuro Karier \[/);
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

  it('property: an id holding an identifier, with a blank name, reaches no file and no figure of the register', async () => {
    await fc.assert(
      fc.asyncProperty(validPesel, async (secret) => {
        const call = endedCall(INCOMING, routedTo({ id: secret, name: ' ', external: false }));
        expect((await dispatch(api, 'saveDraft', { state: { phase: 'wrap-up', call, outcome: 'routed', note: '' } })).ok).toBe(true);
        expect((await dispatch(api, 'saveCall', { call, outcome: 'routed', note: '' })).ok).toBe(true);
        expect(everythingOnDisk()).not.toContain(secret);
        const page = await dispatch(api, 'queryRegister', { filter: {}, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 500, refresh: true, withSummary: true });
        expect(JSON.stringify(page)).not.toContain(secret);
      }),
      { numRuns: 10 },
    );
  });

  it('a unit’s name and id holding a PESEL in a month file an older app or a hand wrote is masked in every row, chart and filter list', async () => {
    const other = '6a1c2d3e-4f50-4a7e-9a39-6f3f6f2b8a11';
    const record = { ...sampleRecord(new Date(2026, 9, 5, 9), 10, other), outcome: 'routed' as const, routedTo: { unitId: '44051401359', unitName: 'Jan 44051401359', external: true } };
    writeMonthWithHead(join(dataDir, 'calls', other, '2026-10.jsonl'), [serializeRecord(JournalRecordSchema.parse({ ...record, prevHash: genesisHash(other, '2026-10') }))]);
    const page = await dispatch(api, 'queryRegister', { filter: {}, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 500, refresh: true, withSummary: true });
    // The person's name in it is masked too (masking-names.ts), not only the number.
    expect(JSON.stringify(page)).toContain('[nazwisko] [PESEL]');
    expect(JSON.stringify(page)).not.toContain('44051401359');
  });
});
