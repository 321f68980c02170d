import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SearchMisses } from '../../electron/services/search-misses';
import { TEAM_MARKER } from '../../electron/services/team-folder-copy';

let root: string;
let dataDir: string;
let team: string;
let teamFolder: string | null;
const misses = (clerkId = 'clerk-a', dir = () => dataDir) =>
  new SearchMisses({ dataDir: dir(), clerkId: () => clerkId, teamFolder: () => teamFolder, teamDatabase: () => null, beforeWrite: async () => undefined });
const DECEMBER = new Date('2026-12-08T10:00:00Z');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'asystent-misses-'));
  dataDir = join(root, 'data');
  team = join(root, 'team');
  mkdirSync(dataDir);
  mkdirSync(team);
  writeFileSync(join(team, TEAM_MARKER), '');
  teamFolder = null;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('searches left without a result, counted', () => {
  it("on this computer: masked phrases only, added up across flushes; the month's file holds no identifier", async () => {
    const counter = misses();
    counter.count('Jan Kowalski PESEL 44051401359 zgubił kwitek');
    counter.count('zgubił kwitek');
    counter.count('44051401359'); // nothing left once masked: not counted
    await counter.flush(DECEMBER);
    counter.count('zgubił kwitek');
    await counter.flush(DECEMBER);
    const file = readFileSync(join(dataDir, 'search-misses', '2026-12.json'), 'utf8');
    expect(JSON.parse(file)).toEqual({ version: 1, month: '2026-12', clerkId: 'clerk-a', phrases: { 'pesel zgubil kwitek': 1, 'zgubil kwitek': 2 } });
    expect(file).not.toMatch(/44051401359|kowalski|jan/i);
  });

  it('copied to the team folder for the lead, only where the folder is there with its marker; the report counts every clerk once', async () => {
    teamFolder = team;
    const a = misses('clerk-a');
    a.count('bon na zasiedlenie');
    a.count('zgubil kwitek');
    await a.flush(DECEMBER);
    // Another clerk, another computer, the same team folder.
    const otherData = join(root, 'other');
    mkdirSync(otherData);
    const b = misses('clerk-b', () => otherData);
    b.count('bon na zasiedlenie');
    await b.flush(DECEMBER);
    expect(existsSync(join(team, 'search-misses', 'clerk-a', '2026-12.json'))).toBe(true);
    // The lead's report on clerk a's computer: their own file and the team copy of it are one clerk.
    expect(await a.report('2026-12')).toEqual({
      month: '2026-12',
      clerks: 2,
      misses: 3,
      phrases: [
        { phrase: 'bon na zasiedlenie', count: 2, clerks: 2 },
        { phrase: 'zgubil kwitek', count: 1, clerks: 1 },
      ],
    });
    // A share that is not mounted: no folder is made where it should be.
    teamFolder = join(root, 'not-mounted');
    a.count('kuroniowka');
    await a.flush(DECEMBER);
    expect(existsSync(join(root, 'not-mounted'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dataDir, 'search-misses', '2026-12.json'), 'utf8')).phrases.kuroniowka).toBe(1);
  });

  it("the team folder's files are anybody's: one edited to carry a PESEL or a name, one not of this shape, or a huge one shows nothing of it", async () => {
    teamFolder = team;
    const forged = (clerk: string, body: string) => {
      mkdirSync(join(team, 'search-misses', clerk), { recursive: true });
      writeFileSync(join(team, 'search-misses', clerk, '2026-12.json'), body);
    };
    forged('x', JSON.stringify({ version: 1, month: '2026-12', clerkId: 'x', phrases: { 'pesel 44051401359': 5, 'Jan Kowalski': 4, 'zasilek': 2 } }));
    forged('y', '{"version": 2}');
    forged('z', `{"version":1,"month":"2026-12","clerkId":"z","phrases":{"a":1},"pad":"${'x'.repeat(2 * 1024 * 1024)}"}`);
    const report = await misses().report('2026-12');
    expect(report.phrases).toEqual([{ phrase: 'zasilek', count: 2, clerks: 1 }]);
  });

  it('nothing is written without a profile (no clerk to count for)', async () => {
    const counter = misses();
    const none = new SearchMisses({ dataDir, clerkId: () => null, teamFolder: () => null, teamDatabase: () => null, beforeWrite: async () => undefined });
    none.count('zgubil kwitek');
    await none.flush(DECEMBER);
    expect(existsSync(join(dataDir, 'search-misses'))).toBe(false);
    await counter.close();
  });
});
