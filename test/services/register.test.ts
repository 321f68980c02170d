import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { v7 as uuidv7 } from 'uuid';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch, type HandlerTable } from '../../electron/handlers';
import { CallJournal } from '../../electron/services/journal';
import type { UnchainedRecord } from '../../shared/journal/journal-record';
import type { UnchainedCallRecord } from '../../shared/journal/call-record';
import { writeMonthWithHead } from '../helpers/month-files';
import { CLERK_ID, OUTGOING, recordedItems, sampleRecord, TEST_CATALOG } from '../helpers/records';
import { useServicesOnTempFolder } from '../helpers/services';
import type { AppServices } from '../../electron/services/app-services';
import type { BrowserExchange } from '../../electron/services/file-exchange';
import { Writable } from 'node:stream';
import { Register } from '../../electron/services/register';
import { writeCsv, writeJsonl } from '../../electron/services/register-export';
import { NO_FILTER } from '../../shared/register/register';

/**
 * The register over real journal files: two clerks, filters and the summary
 * through the API, integrity problems shown next to the clerk and month,
 * and exports read back.
 */
const PIOTR = '6a1c2d3e-4f50-4a7e-9a39-6f3f6f2b8a11';
const piotr = { id: PIOTR, firstName: 'Piotr', lastName: 'Wiśniewski', role: 'stazysta' as const, unit: 'Kancelaria' };
const sort = { key: 'startedAt' as const, descending: true };

let dataDir: string;
let services: AppServices;
let api: HandlerTable;
const temp = useServicesOnTempFolder('register-', { options: { callerPaths: true } });

async function save(records: UnchainedRecord[]) {
  const journal = new CallJournal(dataDir);
  for (const r of records) await journal.append(r);
  await journal.close();
}

const at = (day: number, hour: number) => new Date(2026, 9, day, hour, 0);
const shiftCheck = (when: Date): UnchainedRecord => ({
  schemaVersion: 1,
  type: 'shift',
  id: uuidv7({ msecs: when.getTime() }),
  savedAt: when.toISOString(),
  clerk: sampleRecord(when).clerk,
  checklist: { id: 'shift', version: 1 },
  skipped: true,
  items: [],
});
/** An outbound call to the right person, every item ticked but the closing. */
const outbound = (when: Date): UnchainedCallRecord => ({
  ...sampleRecord(when),
  direction: 'outgoing',
  outbound: { person: 'right', goodMoment: true },
  ...recordedItems(OUTGOING, { greeting: 2000, 'identity-confirmed': 5000, 'good-moment-asked': 8000, 'no-third-party-voices': 9000, 'no-sensitive-data-asked': 9000, 'plain-language': 9000 }),
});
/** The register's problems, as the window pages through them. */
async function problemsOf(handlers: HandlerTable = api) {
  const envelope = await dispatch(handlers, 'listRegisterProblems', { offset: 0, limit: 200 });
  if (!envelope.ok) throw new Error(envelope.error.message);
  return (envelope.result as Awaited<ReturnType<HandlerTable['listRegisterProblems']>>).problems;
}
/** Through dispatch, as both transports call it: the input is parsed (defaults filled in) first. */
async function query(filter: object = {}, extra: object = {}) {
  const envelope = await dispatch(api, 'queryRegister', { filter, sort, offset: 0, limit: 100, refresh: true, withSummary: true, ...extra });
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.result as Awaited<ReturnType<HandlerTable['queryRegister']>>;
}

beforeEach(async () => {
  dataDir = temp.dataDir;
  await save([
    shiftCheck(at(1, 8)), // the day's readiness check sits between the calls in the month file
    { ...sampleRecord(at(1, 9)), note: 'Oddzwonić\n@SUM(A1)' },
    { ...outbound(at(1, 10)), outcome: 'routed', routedTo: { unitId: 'zus', unitName: 'Zakład Ubezpieczeń Społecznych (ZUS)', external: true } },
    { ...sampleRecord(at(2, 11), 0, PIOTR), clerk: piotr, note: '=HYPERLINK("http://zly.example";"kliknij")\ndruga linia; z "cudzysłowem"' },
  ]);
  ({ services, api } = await temp.open());
});

const exportTo = (format: 'csv' | 'jsonl', path: string, filter: object = {}) => dispatch(api, 'exportRegister', { filter, sort, format, path });

describe('the register', () => {
  it("lists every clerk's calls, newest first, with the summary of the filtered set", async () => {
    const page = await query();
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.clerkName)).toEqual(['Piotr Wiśniewski', 'Anna Nowak', 'Anna Nowak']);
    expect(page.facets.clerks).toEqual([
      { id: CLERK_ID, name: 'Anna Nowak' },
      { id: PIOTR, name: 'Piotr Wiśniewski' },
    ]);
    expect(page.summary).toMatchObject({ calls: 3, incoming: 2, outgoing: 1, routed: { count: 1, of: 3 } });
    expect(page.problemCount).toBe(0);
    expect(await problemsOf()).toEqual([]);

    const anna = await query({ clerkIds: [CLERK_ID], direction: 'outgoing' });
    expect(anna.total).toBe(1);
    expect(anna.rows[0]).toMatchObject({ routedTo: 'Zakład Ubezpieczeń Społecznych (ZUS)', missed: ['Uprzejme zakończenie rozmowy'] });
    expect(anna.summary?.routingTargets).toEqual([{ unitId: 'zus', unitName: 'Zakład Ubezpieczeń Społecznych (ZUS)', external: true, calls: 1 }]);
  });

  it('pages through the same selection without reading the disk again; a refresh reads what is new', async () => {
    await query();
    await save([sampleRecord(at(5, 9))]);
    const second = await query({}, { offset: 2, limit: 2, refresh: false, withSummary: false });
    expect(second).toMatchObject({ total: 3, offset: 2, summary: null });
    expect(second.rows).toHaveLength(1);
    expect((await query()).total).toBe(4);
  });

  it('an edited, a removed and a reordered line are each shown next to the clerk and month; readable calls still are', async () => {
    const file = join(dataDir, 'calls', CLERK_ID, '2026-10.jsonl');
    await save([sampleRecord(at(3, 9)), sampleRecord(at(4, 9))]);
    const lines = readFileSync(file, 'utf8').trim().split('\n'); // the day's check, then four calls
    expect(lines).toHaveLength(5);
    lines[2] = lines[2]!.replace('"outcome":"resolved"', '"outcome":"invited"'); // an edit
    writeFileSync(file, [lines[0], lines[1], lines[2], lines[4], lines[3]].join('\n') + '\n'); // and two swapped
    const edited = await query();
    const editedProblems = await problemsOf();
    expect(edited.problemCount).toBe(3);
    // The edit and the swap break the chain; the month's head sees its last line is not the one written last.
    expect(editedProblems.map((p) => [p.lines, p.kind, p.fileCount])).toEqual([
      [[4, 5], 'broken-chain', 3],
      [[5], 'head-changed', 3],
    ]);
    expect(editedProblems.every((p) => p.clerkName === 'Anna Nowak' && p.month === '2026-10' && p.folder === 'local')).toBe(true);
    expect(edited.total).toBe(5);
    expect(edited.rows.filter((r) => r.clerkName === 'Anna Nowak').every((r) => /Naruszona integralność: Anna Nowak, 2026-10/.test(r.integrity))).toBe(true);
    expect(edited.rows.find((r) => r.clerkName === 'Piotr Wiśniewski')?.integrity).toBe('');

    writeFileSync(file, [lines[0], lines[1], lines[3], lines[4]].join('\n') + '\n'); // a removed line
    await query();
    expect(await problemsOf()).toEqual([
      expect.objectContaining({ clerkName: 'Anna Nowak', month: '2026-10', lines: [3], kind: 'broken-chain' }),
      expect.objectContaining({ clerkName: 'Anna Nowak', month: '2026-10', lines: [5], kind: 'lines-removed' }),
    ]);
  });

  it('a note is read from its line when shown: a line changed after the register read it sends it back to the folders, and the page shows the line as it is now', async () => {
    const file = join(dataDir, 'calls', CLERK_ID, '2026-10.jsonl');
    expect((await query()).rows.map((r) => r.note)).toContain('Oddzwonić\n@SUM(A1)');
    // Edited by hand after the reading, its length changed: the row's place in the file no longer holds its line.
    writeFileSync(file, readFileSync(file, 'utf8').replace('Oddzwonić\\n@SUM(A1)', 'Dopisane ręcznie, dłużej'));
    const page = await query({}, { refresh: false });
    const edited = page.rows.find((r) => r.note === 'Dopisane ręcznie, dłużej');
    expect(edited?.integrity).toMatch(/Naruszona integralność: Anna Nowak, 2026-10 — przerwany łańcuch/);
    expect(page.rows.map((r) => r.note)).not.toContain('Oddzwonić\n@SUM(A1)');
    expect(page.rows.map((r) => r.note)).not.toContain('');
  });

  it('an export whose line changed after the register read it still writes the row, and says its note could not be read', async () => {
    const file = join(dataDir, 'calls', CLERK_ID, '2026-10.jsonl');
    await query();
    writeFileSync(file, readFileSync(file, 'utf8').replace('Oddzwonić\\n@SUM(A1)', 'Dopisane ręcznie'));
    const path = join(dataDir, 'eksport.csv');
    expect(await exportTo('csv', path)).toEqual({ ok: true, result: { path, download: null, rows: 3 } });
    const [header, ...calls]: string[][] = parse(readFileSync(path, 'utf8').slice(1), { delimiter: ';', relax_column_count: false });
    const col = (name: string) => header!.indexOf(name);
    // The edited line and the one after it (moved by the edit) are not where they were read: both rows of that file say so, with no note.
    const lost = calls.filter((c) => c[col('Integralność')]!.includes('Notatka niedostępna — plik zmieniony po odczycie rejestru'));
    expect(lost.map((c) => [c[col('Pracownik')], c[col('Notatka')]])).toEqual([
      ['Anna Nowak', ''],
      ['Anna Nowak', ''],
    ]);
    expect(calls.map((c) => c[col('Notatka')])).not.toContain('Dopisane ręcznie');
    // Another clerk's file did not change: its note is there.
    expect(calls.find((c) => c[col('Pracownik')] === 'Piotr Wiśniewski')![col('Notatka')]).toMatch(/HYPERLINK/);
  });

  it('a call opened after its line changed is read with the folders again: what it holds now, flagged', async () => {
    const file = join(dataDir, 'calls', CLERK_ID, '2026-10.jsonl');
    const { rows } = await query();
    const id = rows.find((r) => r.note === 'Oddzwonić\n@SUM(A1)')!.id;
    writeFileSync(file, readFileSync(file, 'utf8').replace('Oddzwonić\\n@SUM(A1)', 'Dopisane ręcznie'));
    const opened = await dispatch(api, 'registerCall', { id });
    expect(opened).toMatchObject({ ok: true, result: { id, note: 'Dopisane ręcznie' } });
    expect((opened as { result: { integrity: { problems: { kind: string }[] } } }).result.integrity.problems.map((p) => p.kind)).toContain('broken-chain');
  });

  it('a file of another tool or a corrupt line is reported and never stops the register', async () => {
    const other = join(dataDir, 'calls', 'inny-program');
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, '2026-10.jsonl'), 'id;nazwa\n1;coś\n{"schemaVersion":9,"type":"call","id":"x"}\n');
    const page = await query();
    expect(page.total).toBe(3);
    // No record of this app in it: no chain for a head to cover, so no word of a missing one.
    expect((await problemsOf()).map((p) => [p.clerkName, p.lines, p.kind])).toEqual([
      ['inny-program', [1, 2], 'corrupt-line'],
      ['inny-program', [3], 'unknown-version'],
    ]);
  });

  it('a line still being written (no newline yet, as in a team copy mid-append) is read next time, not reported', async () => {
    const file = join(dataDir, 'calls', PIOTR, '2026-10.jsonl');
    const whole = readFileSync(file, 'utf8');
    const [first] = whole.trim().split('\n');
    writeFileSync(file, `${first}\n${'{"schemaVersion":1,"type":"call","id":"0199'}`);
    // While that month is still written to (a torn tail of a month gone by is reported: another test holds that).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 9, 28, 12));
    try {
      const writing = await query();
      expect(await problemsOf()).toEqual([]);
      expect(writing.total).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a filter that is not one, with the field named', async () => {
    const refused = await dispatch(api, 'queryRegister', { filter: { from: 'wczoraj' }, sort, offset: 0, limit: 10, refresh: false, withSummary: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringContaining('filter.from') } });
    const tooMany = await dispatch(api, 'queryRegister', { filter: {}, sort, offset: 0, limit: 100_000, refresh: false, withSummary: false });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });
});

describe('what the second review found, each held', () => {
  it('a clerk’s month copied into another clerk’s folder is named there, and its calls are neither counted twice nor credited to that folder', async () => {
    const before = await query();
    const stranger = '7b2d3e4f-5061-4b8f-8a4a-7f4f7f3c9b22';
    mkdirSync(join(dataDir, 'calls', stranger));
    for (const name of ['2026-10.jsonl', '2026-10.jsonl.head']) writeFileSync(join(dataDir, 'calls', stranger, name), readFileSync(join(dataDir, 'calls', PIOTR, name)));
    const page = await query();
    expect(page.total).toBe(before.total);
    expect(page.summary).toEqual(before.summary);
    expect((await problemsOf()).filter((p) => p.kind === 'wrong-clerk')).toEqual([expect.objectContaining({ file: `calls/${stranger}/2026-10.jsonl`, month: '2026-10', lines: [1] })]);
  });

  it('one month file holding the same call twice with other content: a conflict is shown, the call counted once', async () => {
    const file = join(dataDir, 'calls', CLERK_ID, '2026-10.jsonl');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const call = JSON.parse(lines[1]!) as Record<string, unknown>;
    const again = JSON.stringify({ ...call, note: 'Inna treść', prevHash: createHash('sha256').update(lines.at(-1)!).digest('hex') });
    writeMonthWithHead(file, [...lines, again]);
    const page = await query();
    expect(page.total).toBe(3);
    expect((await problemsOf()).map((p) => [p.kind, p.folder])).toEqual([['conflict', 'local']]);
    expect(page.rows.find((r) => r.id === call.id)!.integrity).toMatch(/^Konflikt/);
  });
});

describe('what the review of the rows as columns found, each held', () => {
  const register = () => new Register(() => [{ kind: 'local', root: dataDir }], () => TEST_CATALOG);
  const sink = () => {
    const chunks: Buffer[] = [];
    const out = new Writable({ write: (chunk: Buffer, _encoding, done) => void (chunks.push(chunk), done()) });
    return { out, text: () => Buffer.concat(chunks).toString('utf8') };
  };

  it('an export keeps the calls it was asked for, whatever the register reads before it is written (a refresh, a month that appeared)', async () => {
    const reg = register();
    await reg.refresh();
    const selection = reg.select({ ...NO_FILTER, clerkIds: [PIOTR] }, sort);
    await save([sampleRecord(at(5, 9)), sampleRecord(new Date(2026, 10, 3, 9))]); // Anna's calls, one in a month of its own
    await reg.refresh();
    const csv = sink();
    await writeCsv(reg, selection, csv.out);
    const [header, ...calls]: string[][] = parse(csv.text().slice(1), { delimiter: ';' });
    expect(calls.map((c) => c[header!.indexOf('Pracownik')])).toEqual(['Piotr Wiśniewski']);
    const jsonl = sink();
    await writeJsonl(selection, jsonl.out);
    expect(jsonl.text()).toBe(readFileSync(join(dataDir, 'calls', PIOTR, '2026-10.jsonl'), 'utf8'));
  });

  it('every routed unit is in the filter list, whichever clerk routed to it and whatever calls came between', async () => {
    await save([{ ...sampleRecord(at(3, 9), 0, PIOTR), clerk: piotr, outcome: 'routed', routedTo: { unitId: 'cai', unitName: 'Centrum Aktywizacji Zawodowej', external: false } }]);
    const page = await query();
    expect(page.facets.units.map((u) => u.id).sort()).toEqual(['cai', 'zus']);
    expect(page.summary!.routingTargets.map((t) => t.unitId).sort()).toEqual(['cai', 'zus']);
  });

  it('a callback is moved or called off only by the clerk who agreed it: another clerk’s change naming it counts for nothing', async () => {
    const agreed = { ...sampleRecord(at(3, 9)), outcome: 'callback' as const, callback: { dueAt: at(4, 9).toISOString(), reference: '' } };
    await save([agreed]);
    const before = (await query()).summary!.callbacksKeptOnTime;
    expect(before).toEqual({ count: 0, of: 1, rate: 0 }); // its time has passed, and nobody called
    const change = (clerk: typeof piotr | ReturnType<typeof sampleRecord>['clerk']) => ({
      schemaVersion: 1 as const,
      type: 'callback-change' as const,
      id: uuidv7({ msecs: at(3, 12).getTime() }),
      savedAt: at(3, 12).toISOString(),
      clerk,
      callbackOf: agreed.id,
      change: 'cancelled' as const,
      dueAt: null,
    });
    await save([change(piotr)]);
    expect((await query()).summary!.callbacksKeptOnTime).toEqual(before);
    // The clerk's own cancellation, in time, takes it out of judgement.
    await save([change(agreed.clerk)]);
    expect((await query()).summary!.callbacksKeptOnTime).toEqual({ count: 0, of: 0, rate: null });
  });
});

describe('exports', () => {
  it('CSV for Polish Excel: BOM, semicolons, CRLF, Polish headers, one column per item, notes quoted and neutralised', async () => {
    const path = join(dataDir, 'eksport.csv');
    expect(await exportTo('csv', path)).toEqual({ ok: true, result: { path, download: null, rows: 3 } });
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toMatch(/^Data rozpoczęcia;Pracownik;Kierunek;Czas trwania \[s\];Wynik;/);
    const rows: string[][] = parse(text, { delimiter: ';', relax_column_count: false });
    const [header, ...calls] = rows;
    expect(calls).toHaveLength(3);
    const col = (name: string) => header!.indexOf(name);
    expect(calls[0]![col('Data rozpoczęcia')]).toBe('2026-10-02 10:58');
    expect(calls[0]![col('Czas trwania [s]')]).toBe('90');
    expect(calls[0]![col('Notatka')]).toBe('\'=HYPERLINK("http://zly.example";"kliknij")\ndruga linia; z "cudzysłowem"');
    expect(calls[0]![col('Powitanie: imię i nazwisko, Urząd, komórka')]).toBe('tak');
    expect(calls[0]![col('Uprzejme zakończenie rozmowy')]).toBe('nie');
    expect(calls[2]![col('Kierunek')]).toBe('przychodząca');
    // A line break alone (no ';' or '"' to force quoting) is quoted too: Excel must not start a row there.
    expect(text).toContain('"Oddzwonić\n@SUM(A1)"');
    expect(calls.find((c) => c[col('Notatka')]!.startsWith('Oddzwonić'))![col('Notatka')]).toBe('Oddzwonić\n@SUM(A1)');
    expect(readdirSync(dataDir).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it('JSON Lines: the filtered records exactly as stored', async () => {
    const path = join(dataDir, 'eksport.jsonl');
    expect(await exportTo('jsonl', path, { clerkIds: [CLERK_ID] })).toEqual({ ok: true, result: { path, download: null, rows: 2 } });
    const stored = readFileSync(join(dataDir, 'calls', CLERK_ID, '2026-10.jsonl'), 'utf8');
    expect(readFileSync(path, 'utf8')).toBe(stored);
  });

  it('a folder without write access or that does not exist is named, and nothing half-written is left', async () => {
    const locked = join(dataDir, 'zablokowany');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    try {
      const refused = await exportTo('csv', join(locked, 'eksport.csv'));
      if (process.getuid?.() === 0) return; // root writes anywhere; the message is tested by the missing folder below
      expect(refused).toEqual({ ok: false, error: { code: 'storage', message: expect.stringMatching(/^Brak uprawnień do zapisu: .*zablokowany\/eksport\.csv/) } });
    } finally {
      chmodSync(locked, 0o700);
    }
    const missing = await exportTo('csv', join(dataDir, 'nie-ma', 'eksport.csv'));
    expect(missing).toEqual({ ok: false, error: { code: 'storage', message: expect.stringMatching(/^Nie ma takiego folderu: .*nie-ma\/eksport\.csv/) } });
    expect(existsSync(join(dataDir, 'nie-ma'))).toBe(false);
  });

  it('without a path and without a dialog to ask (web mode), the export is held for the page to download, once', async () => {
    const given = await dispatch(api, 'exportRegister', { filter: {}, sort, format: 'csv', path: null });
    expect(given).toMatchObject({ ok: true, result: { path: null, download: expect.stringMatching(/^\/files\/[0-9a-f]{32}$/), rows: 3 } });
    const id = (given as { result: { download: string } }).result.download.slice('/files/'.length);
    const files = services.files as BrowserExchange;
    const file = files.collect(id)!;
    expect(file.suggestedName).toMatch(/^rejestr-rozmow-.*\.csv$/);
    const chunks: Buffer[] = [];
    const out = new Writable({ write: (chunk: Buffer, _encoding, done) => (chunks.push(chunk), done()) });
    await file.write(out);
    expect(Buffer.concat(chunks).toString('utf8')).toMatch(/^\uFEFFData rozpoczęcia;/);
    expect(files.collect(id)).toBeNull();
  });
});

describe('importing clerks’ exports', () => {
  let leadDir: string;
  let leadApi: HandlerTable;
  const leadTemp = useServicesOnTempFolder('lead-', { options: { callerPaths: true } });

  beforeEach(async () => {
    ({ dataDir: leadDir, api: leadApi } = await leadTemp.open());
  });

  async function exported(filter: object = {}): Promise<string> {
    const path = join(dataDir, `eksport-${Math.random().toString(36).slice(2)}.jsonl`);
    const result = await dispatch(api, 'exportRegister', { filter, sort, format: 'jsonl', path });
    expect(result.ok).toBe(true);
    return path;
  }
  const leadQuery = async () => {
    const envelope = await dispatch(leadApi, 'queryRegister', { filter: {}, sort, offset: 0, limit: 100, refresh: true, withSummary: false });
    if (!envelope.ok) throw new Error(envelope.error.message);
    return envelope.result as Awaited<ReturnType<HandlerTable['queryRegister']>>;
  };

  it('a whole export (the day’s checks included) is filed in, its chains verify, and a second import of it is all duplicates', async () => {
    const file = await exported();
    expect(await dispatch(leadApi, 'importRecords', { path: file })).toEqual({ ok: true, result: { path: file, imported: 3, otherRecords: 1, duplicates: 0, conflicts: 0, masked: 0, rejected: [], rejectedCount: 0 } });
    const page = await leadQuery();
    expect(page.total).toBe(3);
    expect(await problemsOf(leadApi)).toEqual([]);
    expect(await dispatch(leadApi, 'importRecords', { path: file })).toMatchObject({ ok: true, result: { imported: 0, duplicates: 3 } });
    expect((await leadQuery()).total).toBe(3);
  });

  it('a partial export is taken in, and its month is reported as not whole', async () => {
    const file = await exported({ direction: 'outgoing' }); // Anna's second call of the month, without the first
    expect(await dispatch(leadApi, 'importRecords', { path: file })).toMatchObject({ ok: true, result: { imported: 1 } });
    const page = await leadQuery();
    expect(page.total).toBe(1);
    // The day's check comes along and is whole; the call after the missing one is where the chain breaks.
    expect(await problemsOf(leadApi)).toEqual([expect.objectContaining({ folder: 'import', clerkName: 'Anna Nowak', month: '2026-10', lines: [2], kind: 'broken-chain' })]);
  });

  it('lines that are not call records are named by number; a file of another tool is refused whole', async () => {
    const good = readFileSync(await exported({ clerkIds: [PIOTR] }), 'utf8');
    const mixed = join(leadDir, 'mieszany.jsonl');
    writeFileSync(mixed, `\uFEFF${good}to nie jest JSON\n{"id":"x"}\n`);
    expect(await dispatch(leadApi, 'importRecords', { path: mixed })).toEqual({
      ok: true,
      result: { path: mixed, imported: 1, otherRecords: 0, duplicates: 0, conflicts: 0, masked: 0, rejected: [{ line: 2, reason: 'not-json' }, { line: 3, reason: 'not-a-call-record' }], rejectedCount: 2 },
    });
    const other = join(leadDir, 'arkusz.csv');
    writeFileSync(other, 'Data;Pracownik\n2026-10-01;Anna\n');
    expect(await dispatch(leadApi, 'importRecords', { path: other })).toEqual({
      ok: false,
      error: {
        code: 'bad-input',
        message: `${other}: to nie jest eksport rozmów z Asystenta Rozmów (żaden wiersz nie jest zapisem rozmowy). Nic nie zaimportowano.`,
        key: 'importNotExport',
        params: { file: other },
      },
    });
    expect(await dispatch(leadApi, 'importRecords', { path: join(leadDir, 'nie-ma.jsonl') })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Nie ma takiego pliku/) } });
    // An empty file (or one of blank lines) is no import of nothing: it is said.
    for (const blank of ['', '\n\n', '\uFEFF']) {
      const empty = join(leadDir, 'pusty.jsonl');
      writeFileSync(empty, blank);
      expect(await dispatch(leadApi, 'importRecords', { path: empty })).toMatchObject({ ok: false, error: { key: 'importEmpty', message: `${empty} jest pusty — nic nie zaimportowano.` } });
    }
    expect((await leadQuery()).total).toBe(1);
  });
});
