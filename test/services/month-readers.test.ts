import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch, type HandlerTable } from '../../electron/handlers';
import { importConflictsRoot, importsRoot } from '../../electron/services/app-services';
import { genesisHash, monthOf, serializeRecord, sha256 } from '../../electron/services/journal-format';
import { MonthReaders } from '../../electron/services/month-readers';
import { Register } from '../../electron/services/register';
import { markTeamFolder } from '../../electron/services/team-sync';
import type { UnchainedCallRecord } from '../../shared/journal/call-record';
import { JournalRecordSchema } from '../../shared/journal/journal-record';
import { NO_FILTER } from '../../shared/register/register';
import { bundleScript } from '../helpers/bundle-script';
import { endedCall } from '../helpers/calls';
import { INCOMING, sampleRecord, TEST_CATALOG } from '../helpers/records';
import { useServicesOnTempFolder } from '../helpers/services';

/**
 * The register's worker threads (month-readers.ts) read whole month files
 * the way the register reads them itself: a lead's register is the same,
 * call for call and problem for problem, whichever read it — and a worker
 * that cannot start or dies only leaves its file to the register.
 */

let script: string;
beforeAll(async () => {
  script = await bundleScript('electron/services/month-reading-worker.ts');
}, 60_000);

const temp = useServicesOnTempFolder('month-readers-', { options: { callerPaths: true } });
afterEach(() => vi.restoreAllMocks());

async function call<M extends keyof HandlerTable>(api: HandlerTable, method: M, input: unknown) {
  const envelope = await dispatch(api, method, input);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
  return envelope.result as Awaited<ReturnType<HandlerTable[M]>>;
}

const BEATA = '6a1c2d3e-4f50-4a7e-9a39-6f3f6f2b8a11';
const beata = { id: BEATA, firstName: 'Beata', lastName: 'Lis', role: 'pracownik' as const, unit: 'Kancelaria' };

/** A clerk's month as the export writes it: chained records. */
function exportOf(records: UnchainedCallRecord[]): string {
  const last = new Map<string, string>();
  return records
    .map((r) => {
      const key = `${r.clerk.id}/${monthOf(new Date(r.savedAt))}`;
      const line = serializeRecord(JournalRecordSchema.parse({ ...r, prevHash: last.get(key) ?? genesisHash(r.clerk.id, monthOf(new Date(r.savedAt))) }));
      last.set(key, sha256(line));
      return line + '\n';
    })
    .join('');
}

/**
 * A lead's data folder with every kind of copy: calls saved here and
 * delivered to the team folder, one line there broken by hand, junk in
 * another clerk's month, an import whose notes were masked on the way in,
 * and an import of a call the register holds with other content (kept
 * aside as a conflict).
 */
async function leadsFolders(): Promise<{ dataDir: string; team: string }> {
  const team = temp.tempFolder('team-');
  await markTeamFolder(team);
  const { dataDir, services, api } = await temp.open();
  await call(api, 'saveProfile', { firstName: 'Kamila', lastName: 'Kierowniczka', role: 'pracownik', unit: 'Kancelaria', officeName: 'Powiatowy Urząd Pracy w Łodzi' });
  await call(api, 'saveTeamSettings', { teamFolder: team, retentionMonths: 24 });
  for (const note of ['Pytała o staż', 'Zasiłek', '']) await call(api, 'saveCall', { call: endedCall(INCOMING), outcome: 'resolved', note });
  await services.team.deliver();
  const beatasCalls = [0, 1, 2, 3].map((n) => ({ ...sampleRecord(new Date(2026, 9, 3 + n, 10), 10, BEATA), clerk: beata, note: n === 1 ? 'PESEL 44051401359, oddzwonić' : `Rozmowa ${n}` }));
  const first = join(dataDir, 'eksport-1.jsonl');
  writeFileSync(first, exportOf(beatasCalls));
  expect(await call(api, 'importRecords', { path: first })).toMatchObject({ imported: 4, masked: 1 });
  const second = join(dataDir, 'eksport-2.jsonl');
  writeFileSync(second, exportOf([{ ...beatasCalls[2]!, note: 'Inna treść' }]));
  expect(await call(api, 'importRecords', { path: second })).toMatchObject({ conflicts: 1 });
  await services.close();
  // By hand, in the team folder: junk after a clerk's last call, and a month of junk of "another clerk".
  const clerk = readdirSync(join(team, 'calls'))[0]!;
  const month = readdirSync(join(team, 'calls', clerk)).find((n) => n.endsWith('.jsonl'))!;
  appendFileSync(join(team, 'calls', clerk, month), 'to nie jest zapis\n');
  mkdirSync(join(team, 'calls', 'obcy-folder'), { recursive: true });
  writeFileSync(join(team, 'calls', 'obcy-folder', '2026-10.jsonl'), '{}\n'.repeat(50));
  return { dataDir, team };
}

/** Everything a lead sees: every row, the problems, the summary — with the register's index removed first, so every file is read whole. */
async function leadSees(dataDir: string, monthReaderScript: string | null) {
  rmSync(join(dataDir, 'cache'), { recursive: true, force: true });
  const { services, api } = await temp.open({ monthReaderScript });
  const page = await call(api, 'queryRegister', { filter: {}, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 500, refresh: true, withSummary: true });
  const problems = await call(api, 'listRegisterProblems', { offset: 0, limit: 200 });
  await services.close();
  return { page, problems };
}

describe('month files read in worker threads', () => {
  it('a lead’s register — own calls, the team folder, masked and conflicting imports, junk — is the same read by workers as read in the process', async () => {
    const { dataDir } = await leadsFolders();
    const inProcess = await leadSees(dataDir, null);
    expect(inProcess.page.total).toBe(7);
    expect(inProcess.problems.count).toBeGreaterThanOrEqual(2);
    // What the folders hold shows: the conflict kept aside, the junk, the call masked on import flagged.
    expect(inProcess.problems.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['conflict', 'corrupt-line']));
    expect(inProcess.page.rows.filter((r) => r.integrity !== '').length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(inProcess)).not.toContain('44051401359');
    expect(await leadSees(dataDir, script)).toEqual(inProcess);
  });

  describe('a worker that fails leaves its file to the register', () => {
    let root: string;
    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'month-readers-broken-'));
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    async function sameAsInProcess(readers: MonthReaders, { closeWhileReading = false, catalog = TEST_CATALOG } = {}) {
      const { dataDir, team } = await leadsFolders();
      const folders = () => [
        { kind: 'local' as const, root: dataDir },
        { kind: 'team' as const, root: team },
        { kind: 'import' as const, root: importsRoot(dataDir) },
        { kind: 'import' as const, root: importConflictsRoot(dataDir), conflicts: true },
      ];
      const view = async (register: Register) => {
        await register.refresh();
        const selection = register.select(NO_FILTER, { key: 'startedAt', descending: true });
        return { rows: (await selection.read.rows(selection.rows)).rows, problems: register.problems, count: register.problemCount };
      };
      const reading = view(new Register(folders, () => catalog, null, readers));
      if (closeWhileReading) await readers.close();
      const seen = await reading;
      expect(seen.rows.length).toBeGreaterThan(0);
      expect(seen).toEqual(await view(new Register(folders, () => catalog)));
      await readers.close();
    }

    it('one whose script is not there: every file is read by the register, and that is said once', async () => {
      const said = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const readers = new MonthReaders(join(root, 'nie-ma-takiego.js'), 2);
      await sameAsInProcess(readers);
      expect(readers.filesRead).toBe(0);
      expect(said.mock.calls.filter(([text]) => String(text).includes('without worker threads'))).toHaveLength(1);
    });

    it('one that ends in the middle of a file, every time: the file is read by the register, and after a few no worker is started again', async () => {
      const said = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const dying = join(root, 'umiera.mjs');
      writeFileSync(dying, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
      const readers = new MonthReaders(dying, 2);
      await sameAsInProcess(readers);
      expect(readers.filesRead).toBe(0);
      expect(said.mock.calls.filter(([text]) => String(text).includes('ended in the middle of a file'))).toHaveLength(1);
    });

    it('closed in the middle of an opening (the app quitting): the opening still ends, every file read, and no worker starts again', async () => {
      const readers = new MonthReaders(script, 2);
      await sameAsInProcess(readers, { closeWhileReading: true });
      const readBefore = readers.filesRead;
      await sameAsInProcess(readers);
      expect(readers.filesRead).toBe(readBefore);
    });

    it('a job a worker cannot be sent (a catalog holding what cannot be copied to a thread): the file is read by the register, nothing waits for ever', async () => {
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const odd = { ...TEST_CATALOG, all: () => [...TEST_CATALOG.all(), { ...INCOMING, id: 'inna', note: () => 'funkcja' } as never] };
      const readers = new MonthReaders(script, 2);
      await sameAsInProcess(readers, { catalog: odd });
      expect(readers.filesRead).toBe(0);
    });

    it('one of another build, whose rows are laid out otherwise: the file is read by the register', async () => {
      const said = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const other = join(root, 'inna-wersja.mjs');
      writeFileSync(
        other,
        "import { parentPort } from 'node:worker_threads';\n" +
          "parentPort.on('message', () => parentPort.postMessage({ size: 0, reading: { verifiedBytes: 0, prefixDigest: '', maskedOnImport: [], changes: [], scan: { expected: '', lines: 0, recordLines: 0, problems: [], problemCount: 0 }, rows: { count: 1, columns: { startedAt: new Float64Array(1) }, tables: { clerks: [], places: [], units: [], lists: [], stateTexts: [] }, callbackOf: new Map() } } }));\n",
      );
      const readers = new MonthReaders(other, 2);
      await sameAsInProcess(readers);
      expect(readers.filesRead).toBe(0);
      expect(said.mock.calls.some(([text]) => String(text).includes('was not understood'))).toBe(true);
    });

    it('one that answers with an error: the file is read by the register', async () => {
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const failing = join(root, 'blad.mjs');
      writeFileSync(failing, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => parentPort.postMessage({ error: 'dysk niedostępny' }));\n");
      const readers = new MonthReaders(failing, 2);
      await sameAsInProcess(readers);
      expect(readers.filesRead).toBe(0);
    });
  });
});
