import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type HandlerTable } from '../../electron/handlers';
import { importsRoot, openAppServices, type AppServices } from '../../electron/services/app-services';
import { monthOf, serializeRecord } from '../../electron/services/journal-format';
import { markTeamFolder } from '../../electron/services/team-sync';
import { JournalRecordSchema } from '../../shared/journal/journal-record';
import { endedCall } from '../helpers/calls';
import { INCOMING, sampleRecord } from '../helpers/records';
import { useServicesOnTempFolder } from '../helpers/services';

/**
 * Whatever lies in a clerk's month folder — this computer's journal, the
 * team folder, the imports — the app starts, the history, the register, an
 * import and a save all answer, and the bad file is named. The review's case
 * was 260 kB of lines reading "x": every problem spread into one push(...)
 * overflowed the stack and the register answered 500 for everyone.
 */
/** The file's folder for its offices: removed, and every services object opened in it closed, when the file's tests end. */
const temp = useServicesOnTempFolder('hostile-', { scope: 'file', options: { callerPaths: true } });

const PLACES = ['local', 'team', 'import'] as const;
type Place = (typeof PLACES)[number];

const validLine = () => serializeRecord(JournalRecordSchema.parse({ ...sampleRecord(new Date(2026, 10, 3, 10)), prevHash: '0'.repeat(64) }));
/**
 * `count` lines of a real record spoilt by `spoil`, each with its own id: what
 * spoiling `count` calls of validLine gives (they differ in the id alone),
 * with one record built and checked instead of tens of thousands.
 */
function spoiltRecords(count: number, spoil: (line: string) => string): Buffer {
  const line = validLine();
  const id = (JSON.parse(line) as { id: string }).id;
  const [before, after] = spoil(line).split(id) as [string, string];
  return Buffer.from(Array.from({ length: count }, (_, i) => `${before}${id.slice(0, -12)}${i.toString(16).padStart(12, '0')}${after}\n`).join(''));
}

/** The classes of junk, each as big as the review found or bigger. */
const JUNK: Record<string, () => Buffer> = {
  'lines reading "x" (260 kB, the review’s case)': () => Buffer.from('x\n'.repeat(130_000)),
  'a 50 MB single line': () => Buffer.concat([Buffer.alloc(50 * 2 ** 20, 'x'), Buffer.from('\n')]),
  'a 50 MB line still "being written" (no newline)': () => Buffer.alloc(50 * 2 ** 20, '{'),
  'a million tiny lines': () => Buffer.from('{}\n'.repeat(1_000_000)),
  'NUL bytes': () => Buffer.alloc(256 * 1024, 0),
  'invalid UTF-8': () => Buffer.from(Array.from({ length: 200_000 }, (_, i) => [0xc3, 0x28, 0xff, 0xfe, 0x0a][i % 5]!)),
  'truncated JSON of real records': () => spoiltRecords(20_000, (line) => line.slice(0, 300)),
  'valid JSON of other shapes': () => Buffer.from(Array.from({ length: 50_000 }, (_, i) => ['[1,2,3]', '{"a":1}', '"x"', 'null', '{"id":{},"type":[]}'][i % 5]).join('\n') + '\n'),
  'records with a repeated key': () => spoiltRecords(20_000, (line) => line.replace(/\}$/, ',"id":"0"}')),
  // JSON.parse reads them; JSON.stringify, writing them back to compare, runs out of stack (the review's case: the month vanished).
  'lines nested 30,000 deep: bare, and behind the head of a shift and of a call': () => {
    const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    const headed = (type: string, id: string) => `{"schemaVersion":1,"type":"${type}","id":"${id}","prevHash":"${'0'.repeat(64)}","a":${deep}}`;
    return Buffer.from([deep, headed('shift', 'x'), headed('call', 'y')].join('\n') + '\n');
  },
};

interface Office {
  dataDir: string;
  team: string;
  services: AppServices;
  api: HandlerTable;
  clerkId: string;
}

async function call<M extends keyof HandlerTable>(api: HandlerTable, method: M, input: unknown) {
  const envelope = await dispatch(api, method, input);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
  return envelope.result as Awaited<ReturnType<HandlerTable[M]>>;
}

/** A clerk who is also the lead, in team mode, with one call saved and delivered. */
async function office(): Promise<Office> {
  const dataDir = mkdtempSync(join(temp.folder, 'data-'));
  const team = mkdtempSync(join(temp.folder, 'team-'));
  await markTeamFolder(team);
  const { services, api } = await temp.open({ dataDir });
  const { clerkId } = await call(api, 'saveProfile', { firstName: 'Anna', lastName: 'Nowak', role: 'pracownik', unit: 'Kancelaria', officeName: 'Powiatowy Urząd Pracy w Łodzi' });
  await call(api, 'saveTeamSettings', { teamFolder: team, retentionMonths: 24 });
  await call(api, 'saveCall', { call: endedCall(INCOMING), outcome: 'resolved', note: '' });
  await services.team.deliver();
  await services.close();
  return { dataDir, team, services, api, clerkId };
}

function drop(o: Office, place: Place, junk: Buffer): string[] {
  const root = place === 'local' ? o.dataDir : place === 'team' ? o.team : importsRoot(o.dataDir);
  const month = monthOf(new Date());
  // The clerk's own month file (what the next save appends to) and another "clerk's" folder.
  const files = [join(root, 'calls', o.clerkId, `${month}.jsonl`), join(root, 'calls', 'obcy-folder', '2026-10.jsonl')];
  for (const file of files) {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, junk);
  }
  return files;
}

/** Start, history, register, an import and a save: each answers, and the register shows every readable call. */
async function everyViewAnswers(o: Office, place: Place): Promise<void> {
  ({ services: o.services, api: o.api } = await temp.open({ dataDir: o.dataDir }));
  try {
    await call(o.api, 'getAppState', {});
    const saved = await call(o.api, 'saveCall', { call: endedCall(INCOMING), outcome: 'resolved', note: 'Po śmieciach' });
    const history = await call(o.api, 'listRecentCalls', { limit: 50 });
    expect(history.calls.map((c) => c.id)).toContain(saved.id);
    // Told either way: problems in the history, or — for junk with no line end, set aside by the save — an alert.
    if (place === 'local') expect(history.problemCount + (await call(o.api, 'getAppState', {})).journalAlerts.alerts.length).toBeGreaterThan(0);
    expect(history.problems.length).toBeLessThanOrEqual(20);

    const page = await call(o.api, 'queryRegister', { filter: {}, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 50, refresh: true, withSummary: true });
    expect(page.rows.map((r) => r.id)).toContain(saved.id);
    expect(page.total).toBeGreaterThanOrEqual(2);
    const problems = await call(o.api, 'listRegisterProblems', { offset: 0, limit: 200 });
    expect(problems.count).toBeGreaterThan(0);
    expect(problems.problems.some((p) => p.file.endsWith('2026-10.jsonl') && p.folder === place)).toBe(true);

    const exportFile = join(o.dataDir, 'eksport.jsonl');
    writeFileSync(exportFile, `${serializeRecord(JournalRecordSchema.parse({ ...sampleRecord(new Date(2026, 9, 3, 10), 10, '6a1c2d3e-4f50-4a7e-9a39-6f3f6f2b8a11'), prevHash: '0'.repeat(64) }))}\n`);
    const imported = await call(o.api, 'importRecords', { path: exportFile });
    expect(imported.imported).toBe(1);
  } finally {
    await o.services.close();
  }
}

describe('junk in a month folder never takes a view down', () => {
  for (const place of PLACES) {
    for (const [name, make] of Object.entries(JUNK)) {
      it(`${name}, in ${place === 'local' ? "this computer's journal" : place === 'team' ? 'the team folder' : 'the imports'}`, async () => {
        const o = await office();
        drop(o, place, make());
        await everyViewAnswers(o, place);
        rmSync(o.dataDir, { recursive: true, force: true });
        rmSync(o.team, { recursive: true, force: true });
      }, 120_000);
    }
  }

  it('property: any bytes, in any of the three places', async () => {
    const junk = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 4096 }).map((b) => Buffer.from(b)),
      fc.array(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.constant(validLine())), { minLength: 1, maxLength: 200 }).map((ls) => Buffer.from(ls.join('\n'))),
      fc.nat({ max: 5_000 }).map((n) => Buffer.from('x\n'.repeat(n + 1))),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PLACES), junk, async (place, bytes) => {
        const o = await office();
        drop(o, place, Buffer.concat([bytes, Buffer.from('\n#\n')])); // ends with a line no record is: always a problem to name
        await everyViewAnswers(o, place);
        rmSync(o.dataDir, { recursive: true, force: true });
        rmSync(o.team, { recursive: true, force: true });
      }),
      { numRuns: 25 },
    );
  }, 240_000);

  it('a pipe or a folder under a month file’s name is named, and waited on by nothing', async () => {
    const o = await office();
    const month = monthOf(new Date());
    mkdirSync(join(o.team, 'calls', 'obcy-folder', '2026-10.jsonl'), { recursive: true });
    const { execFileSync } = await import('node:child_process');
    mkdirSync(join(o.dataDir, 'calls', 'inny'), { recursive: true });
    execFileSync('mkfifo', [join(o.dataDir, 'calls', 'inny', `${month}.jsonl`)]);
    mkdirSync(join(importsRoot(o.dataDir), 'calls', 'inny'), { recursive: true });
    execFileSync('mkfifo', [join(importsRoot(o.dataDir), 'calls', 'inny', '2026-10.jsonl')]);
    o.services = await openAppServices(o.dataDir, 'resources', { callerPaths: true });
    o.api = createHandlers(o.services);
    try {
      const page = await call(o.api, 'queryRegister', { filter: {}, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 50, refresh: true, withSummary: true });
      expect(page.total).toBe(1);
      expect(page.unreadable.map((u) => [u.folder, u.code]).sort()).toEqual([
        ['import', 'ENOTREGULAR'],
        ['local', 'ENOTREGULAR'],
        ['team', 'EISDIR'],
      ]);
    } finally {
      await o.services.close();
    }
    expect(readFileSync(join(o.dataDir, 'settings.json'), 'utf8')).toContain(o.clerkId);
  }, 60_000);
});
