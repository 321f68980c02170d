import { appendFileSync, truncateSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type HandlerTable } from '../../electron/handlers';
import type { AppServices } from '../../electron/services/app-services';
import { monthOf } from '../../electron/services/journal-format';
import { readHead } from '../../electron/services/journal-head';
import { markTeamFolder } from '../../electron/services/team-sync';
import { endedCall } from '../helpers/calls';
import { INCOMING } from '../helpers/records';
import { useServicesOnTempFolder } from '../helpers/services';

/**
 * What the clerk is told about their own journal, and what this app will
 * not do to it: problems are said at start and stay until acknowledged
 * (across restarts); the newest lines are protected by the month's head,
 * here and in the team copy; a valid last line that only lacks its newline
 * is completed; an app that lost the data directory writes nothing more.
 */
let dataDir: string;
let services: AppServices;
let api: HandlerTable;
let clerkId: string;
const temp = useServicesOnTempFolder('integrity-', { options: { callerPaths: true } });

async function open() {
  ({ services, api } = await temp.open());
}
async function restart() {
  await services.close();
  await open();
}
const save = (note = '') => dispatch(api, 'saveCall', { call: endedCall(INCOMING), outcome: 'resolved', note });
const monthFile = () => join(dataDir, 'calls', clerkId, `${monthOf(new Date())}.jsonl`);
const lines = () => readFileSync(monthFile(), 'utf8').trim().split('\n');

beforeEach(async () => {
  dataDir = temp.dataDir;
  await open();
  clerkId = (await api.saveProfile({ firstName: 'Anna', lastName: 'Nowak', role: 'pracownik', unit: 'Kancelaria', officeName: 'Powiatowy Urząd Pracy w Łodzi' })).clerkId;
  for (let i = 0; i < 3; i++) expect((await save(`Rozmowa ${i}`)).ok).toBe(true);
});

describe('problems in the clerk’s own journal', () => {
  it.each([
    ['the last line edited', () => writeFileSync(monthFile(), [...lines().slice(0, 2), lines()[2]!.replace('Rozmowa 2', 'Rozmowa 9')].join('\n') + '\n'), 'head-changed'],
    ['the newest line cut off', () => writeFileSync(monthFile(), lines().slice(0, 2).join('\n') + '\n'), 'lines-removed'],
    ['a middle line edited', () => writeFileSync(monthFile(), [lines()[0], lines()[1]!.replace('Rozmowa 1', 'Rozmowa 8'), lines()[2]].join('\n') + '\n'), 'broken-chain'],
  ])('%s: said at start, still said after a restart, gone once acknowledged — and not raised again', async (_name, tamper, kind) => {
    await services.close();
    tamper();
    await open();
    const { journalAlerts } = await api.getAppState({});
    expect(journalAlerts.alerts).toEqual([expect.objectContaining({ copy: 'local', kind, file: `calls/${clerkId}/${monthOf(new Date())}.jsonl` })]);
    // Saving goes on; the alert stays, also when the next append rewrites the head.
    expect((await save('Po zmianie')).ok).toBe(true);
    await restart();
    expect((await api.getAppState({})).journalAlerts.alerts.map((a) => a.kind)).toEqual([kind]);

    const ids = (await api.getAppState({})).journalAlerts.alerts.map((a) => a.id);
    expect((await api.acknowledgeJournalAlerts({ ids })).alerts).toEqual([]);
    await restart();
    expect((await api.getAppState({})).journalAlerts.alerts).toEqual([]);
    await save('Jeszcze jedna');
    await restart();
    expect((await api.getAppState({})).journalAlerts.alerts).toEqual([]);
  });

  it('a torn line set aside after a crash is said too, until acknowledged', async () => {
    await services.close();
    appendFileSync(monthFile(), '{"schemaVersion":1,"type":"call","id":"0192');
    await open();
    expect((await save('Po awarii')).ok).toBe(true);
    await restart();
    expect((await api.getAppState({})).journalAlerts.alerts).toEqual([expect.objectContaining({ kind: 'quarantined', copy: 'local', line: null })]);
  });

  it('a valid last line that lacks only its newline is completed, not set aside', async () => {
    await services.close();
    const whole = readFileSync(monthFile(), 'utf8');
    writeFileSync(monthFile(), whole.slice(0, -1));
    await open();
    expect((await save('Dalej')).ok).toBe(true);
    expect(lines()).toHaveLength(4);
    expect(existsSync(`${monthFile()}.quarantine`)).toBe(false);
    expect((await api.listRecentCalls({ limit: 10 })).problems).toEqual([]);
    expect((await api.getAppState({})).journalAlerts.alerts).toEqual([]);
  });

  it('a line with a repeated key is corrupt for every reader alike: the chain check, the history and the register', async () => {
    await services.close();
    const [a, b, c] = lines();
    // The same record, its id given twice: JSON.parse would keep the second, the fast reader the first.
    const doubled = b!.replace(/\}$/, `,"id":"${JSON.parse(a!).id}"}`);
    writeFileSync(monthFile(), [a, doubled, c].join('\n') + '\n');
    await open();
    const history = await api.listRecentCalls({ limit: 10 });
    expect(history.calls.map((x) => x.note)).toEqual(['Rozmowa 2', 'Rozmowa 0']);
    expect(history.problems).toContainEqual(expect.objectContaining({ line: 2, kind: 'corrupt-line' }));
    const page = await api.queryRegister({ filter: { from: null, to: null, clerkIds: [], direction: null, outcomes: [], routedUnitIds: [], missed: null }, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 10, refresh: true, withSummary: false });
    expect(page.total).toBe(2);
  });
});

describe('what the adversarial review found, each held', () => {
  it('an edit that keeps the size and the modification time is read again at start (the change time moves)', async () => {
    await services.close();
    const before = statSync(monthFile());
    const [a, b, c] = lines();
    writeFileSync(monthFile(), [a, b!.replace('Rozmowa 1', 'Rozmowa 7'), c].join('\n') + '\n');
    utimesSync(monthFile(), before.atime, before.mtime);
    await open();
    expect((await api.getAppState({})).journalAlerts.alerts).toEqual([expect.objectContaining({ kind: 'broken-chain' })]);
  });

  it('more alerts than fit: once the first are acknowledged, the rest are said at the next start', async () => {
    await services.close();
    for (let m = 1; m <= 130; m++) {
      const month = `20${String(10 + Math.floor(m / 12)).padStart(2, '0')}-${String((m % 12) + 1).padStart(2, '0')}`;
      writeFileSync(join(dataDir, 'calls', clerkId, `${month}.jsonl`), 'x\n');
    }
    await open();
    let state = await api.getAppState({});
    expect(state.journalAlerts.alerts).toHaveLength(100);
    expect(state.journalAlerts.more).toBeGreaterThan(0);
    await api.acknowledgeJournalAlerts({ ids: state.journalAlerts.alerts.map((x) => x.id) });
    await restart();
    state = await api.getAppState({});
    expect(state.journalAlerts.alerts.length).toBeGreaterThan(25);
  });

  it('a torn line in this month is set aside and said at start, not only at the first save', async () => {
    await services.close();
    appendFileSync(monthFile(), '{"schemaVersion":1,"type":"call"');
    await open();
    expect((await api.getAppState({})).journalAlerts.alerts).toEqual([expect.objectContaining({ kind: 'quarantined' })]);
  });

  it('a fragment without its line end in a month nobody writes any more is reported, not waited for', async () => {
    const old = join(dataDir, 'calls', clerkId, '2025-01.jsonl');
    writeFileSync(old, '{"schemaVersion":1,"type":"ca');
    await api.queryRegister({ filter: { from: null, to: null, clerkIds: [], direction: null, outcomes: [], routedUnitIds: [], missed: null }, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 10, refresh: true, withSummary: false });
    expect((await api.listRegisterProblems({ offset: 0, limit: 10 })).problems).toEqual([expect.objectContaining({ month: '2025-01', kind: 'corrupt-line', lines: [1] })]);
  });

  it('a call ending in the future, or on a clock set before 2000, is refused with what to do — not an internal error', async () => {
    const ahead = { ...endedCall(INCOMING), endedAt: Date.now() + 3_600_000 };
    expect(await dispatch(api, 'saveCall', { call: ahead, outcome: 'resolved', note: '' })).toMatchObject({ ok: false, error: { code: 'bad-input', key: 'callRefused.ends-in-future' } });
    const call = endedCall(INCOMING, (s) => s, Date.UTC(1999, 5, 1));
    expect(await dispatch(api, 'saveCall', { call, outcome: 'resolved', note: '' })).toMatchObject({ ok: false, error: { code: 'bad-input', key: 'callRefused.clock-before-records' } });
  });

  it('this month’s file being a folder: the save says the file is not a file, names it, and the call waits', async () => {
    await services.close();
    rmSync(monthFile());
    rmSync(`${monthFile()}.head`);
    mkdirSync(monthFile());
    await open();
    const refused = await save('Nie da się');
    expect(refused).toMatchObject({ ok: false, error: { code: 'storage', key: 'journalNotAFile', params: { path: monthFile() } } });
  });
});

describe("the month's head itself", () => {
  it('a slot torn by a power cut (any bytes) leaves the other, one line behind at most: never an alarm', async () => {
    await services.close();
    const head = `${monthFile()}.head`;
    const slots = readFileSync(head);
    expect(slots.length).toBe(256);
    for (const torn of [Buffer.alloc(128, 0), Buffer.from('{"lines":3,"lastHash":"'.padEnd(128, 'x')), randomBytes(128)]) {
      // The newer head is the one whose slot is the line count's parity; tear that one.
      const newer = (lines().length % 2) * 128;
      writeFileSync(head, Buffer.concat([newer === 0 ? torn : slots.subarray(0, 128), newer === 128 ? torn : slots.subarray(128)]));
      const read = await readHead(monthFile());
      expect(read?.lines).toBe(lines().length - 1);
    }
    await open();
    await api.queryRegister({ filter: { from: null, to: null, clerkIds: [], direction: null, outcomes: [], routedUnitIds: [], missed: null }, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 10, refresh: true, withSummary: false });
    expect((await api.listRegisterProblems({ offset: 0, limit: 10 })).problems).toEqual([]);
    expect((await api.getAppState({})).journalAlerts.alerts).toEqual([]);
  });

  it('once lines were cut off and the clerk saves again, the head keeps the evidence: the register still says so, the alert stays', async () => {
    await services.close();
    writeFileSync(monthFile(), lines().slice(0, 1).join('\n') + '\n');
    await open();
    for (const note of ['Po obcięciu', 'I jeszcze jedna']) expect((await save(note)).ok).toBe(true);
    await restart();
    await api.queryRegister({ filter: { from: null, to: null, clerkIds: [], direction: null, outcomes: [], routedUnitIds: [], missed: null }, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 10, refresh: true, withSummary: false });
    expect((await api.listRegisterProblems({ offset: 0, limit: 10 })).problems).toEqual([expect.objectContaining({ folder: 'local', kind: 'lines-removed', lines: [3] })]);
    expect((await api.getAppState({})).journalAlerts.alerts).toEqual([expect.objectContaining({ kind: 'lines-removed' })]);
  });
});

describe('the team copy’s newest lines', () => {
  it('cut off in the team folder: the lead’s register says so, and the clerk’s app raises it as a team alert when it next writes there', async () => {
    const team = mkdtempSync(join(tmpdir(), 'integrity-team-'));
    await markTeamFolder(team);
    await api.saveTeamSettings({ teamFolder: team, teamDatabase: null, retentionMonths: 24 });
    const teamFile = join(team, 'calls', clerkId, `${monthOf(new Date())}.jsonl`);
    expect(readFileSync(teamFile, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(await readHead(teamFile)).toMatchObject({ lines: 3 });
    await services.close();
    writeFileSync(teamFile, readFileSync(teamFile, 'utf8').trim().split('\n').slice(0, 1).join('\n') + '\n');
    await open();
    await api.queryRegister({ filter: { from: null, to: null, clerkIds: [], direction: null, outcomes: [], routedUnitIds: [], missed: null }, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 10, refresh: true, withSummary: false });
    const listed = await api.listRegisterProblems({ offset: 0, limit: 50 });
    expect(listed.problems).toContainEqual(expect.objectContaining({ folder: 'team', kind: 'lines-removed', lines: [3] }));
    expect((await save('Po zmianie w zespole')).ok).toBe(true);
    await services.team.deliver();
    expect((await api.getAppState({})).journalAlerts.alerts).toContainEqual(expect.objectContaining({ copy: 'team', kind: 'lines-removed' }));
    rmSync(team, { recursive: true, force: true });
  });
});

describe('an app that lost the data directory', () => {
  it('writes nothing more — no call, no draft, no settings — and says why', async () => {
    const before = readFileSync(monthFile(), 'utf8');
    // What another app writes when it takes the directory over after this one was paused past the lock's staleness.
    writeFileSync(join(dataDir, 'app.lock.owner'), 'inna-aplikacja');
    const refused = await save('Po przejęciu');
    expect(refused).toMatchObject({ ok: false, error: { code: 'storage', key: 'dataDirLost' } });
    expect(readFileSync(monthFile(), 'utf8')).toBe(before);
    const state = { phase: 'wrap-up', call: endedCall(INCOMING), outcome: null, note: '' };
    expect(await dispatch(api, 'saveDraft', { state })).toMatchObject({ ok: false, error: { key: 'dataDirLost' } });
    expect(existsSync(join(dataDir, 'draft.json'))).toBe(false);
    expect(await dispatch(api, 'savePreferences', { ...services.settings.preferences, largeText: true })).toMatchObject({ ok: false, error: { key: 'dataDirLost' } });
    // Even if the other app lets go meanwhile: once lost, this one stays out.
    writeFileSync(join(dataDir, 'app.lock.owner'), '');
    expect(await save('Jeszcze raz')).toMatchObject({ ok: false, error: { key: 'dataDirLost' } });
  });

  it('a read of the lock’s owner that fails for another reason fails that write alone, and the next one works', async () => {
    const owner = join(dataDir, 'app.lock.owner');
    const token = readFileSync(owner, 'utf8');
    rmSync(owner);
    mkdirSync(owner); // unreadable as a file: not a sign that another app took over
    expect(await save('Przy usterce')).toMatchObject({ ok: false, error: { code: 'storage', key: 'diskError' } });
    rmSync(owner, { recursive: true });
    writeFileSync(owner, token);
    expect((await save('Po usterce')).ok).toBe(true);
  });
});

describe('what the second review found, each held', () => {
  const thisMonth = () => `calls/${clerkId}/${monthOf(new Date())}.jsonl`;

  it.each([
    ['a pipe', (p: string) => execFileSync('mkfifo', [p])],
    ['a folder', (p: string) => mkdirSync(p)],
  ])('%s where torn lines are set aside: the start is not held, the lines go to a file of their own', async (_name, make) => {
    await services.close();
    make(`${monthFile()}.quarantine`);
    appendFileSync(monthFile(), '{"schemaVersion":1,"type":"call","id":"01');
    await open();
    expect((await api.getAppState({})).journalAlerts.alerts).toEqual([expect.objectContaining({ kind: 'quarantined', file: thisMonth() })]);
    const own = readdirSync(join(dataDir, 'calls', clerkId)).filter((f) => f.includes('.quarantine-'));
    expect(own).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dataDir, 'calls', clerkId, own[0]!), 'utf8'))).toMatchObject({ text: '{"schemaVersion":1,"type":"call","id":"01' });
    expect((await save('Po awarii')).ok).toBe(true);
  });

  it('a junk tail of any size is set aside as its start and its size: the set-aside file stays small', async () => {
    await services.close();
    const junk = 'x'.repeat(20 * 1024 * 1024);
    appendFileSync(monthFile(), junk);
    await open();
    const kept = readFileSync(`${monthFile()}.quarantine`, 'utf8');
    expect(kept.length).toBeLessThan(1024 * 1024);
    expect(JSON.parse(kept)).toMatchObject({ bytes: junk.length, cut: true });
    expect(lines()).toHaveLength(3);
    expect((await save('Po śmieciach')).ok).toBe(true);
  });

  it('a month file cut again after its first cut was acknowledged is raised again', async () => {
    await services.close();
    writeFileSync(monthFile(), lines().slice(0, 2).join('\n') + '\n');
    await open();
    const first = (await api.getAppState({})).journalAlerts.alerts;
    expect(first).toEqual([expect.objectContaining({ kind: 'lines-removed', line: 3 })]);
    await api.acknowledgeJournalAlerts({ ids: first.map((a) => a.id) });
    for (let i = 0; i < 3; i++) expect((await save(`Dalej ${i}`)).ok).toBe(true);
    await services.close();
    writeFileSync(monthFile(), lines().slice(0, 3).join('\n') + '\n');
    await open();
    expect((await api.getAppState({})).journalAlerts.alerts).toEqual([expect.objectContaining({ kind: 'lines-removed', line: 5 })]);
  });

  it('a head removed beside a month with lines is said — at start and in the register — and not forgotten after the next save', async () => {
    await services.close();
    rmSync(`${monthFile()}.head`);
    await open();
    expect((await api.getAppState({})).journalAlerts.alerts).toEqual([expect.objectContaining({ kind: 'head-missing', file: thisMonth() })]);
    expect((await save('Po usunięciu')).ok).toBe(true);
    await restart();
    await api.queryRegister({ filter: { from: null, to: null, clerkIds: [], direction: null, outcomes: [], routedUnitIds: [], missed: null }, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 10, refresh: true, withSummary: false });
    expect((await api.listRegisterProblems({ offset: 0, limit: 10 })).problems).toEqual([expect.objectContaining({ folder: 'local', kind: 'head-missing' })]);
  });

  it('a call that started more than a month ago is refused with what to do, whenever it ended', async () => {
    for (const daysAgo of [32, 60, 400]) {
      const call = endedCall(INCOMING, (s) => s, Date.now() - daysAgo * 86_400_000);
      expect(await dispatch(api, 'saveCall', { call, outcome: 'resolved', note: '' })).toMatchObject({ ok: false, error: { code: 'bad-input', key: 'callRefused.starts-long-ago' } });
    }
    expect(lines()).toHaveLength(3);
  });
});

describe('what the third review found, each held', () => {
  const edit = (i: number, to: string) => {
    const all = lines();
    all[i] = all[i]!.replace(/"note":"[^"]*"/, `"note":"${to}"`);
    writeFileSync(monthFile(), all.join('\n') + '\n');
  };
  it.each([
    ['the last line edited, acknowledged, then edited again', () => edit(2, 'Pierwsza zmiana'), () => edit(2, 'Druga zmiana'), 'head-changed'],
    ['a middle line edited, acknowledged, then edited again', () => edit(1, 'Pierwsza zmiana'), () => edit(1, 'Druga zmiana'), 'broken-chain'],
    ['the head removed, acknowledged, then the last line edited and the head removed again', () => rmSync(`${monthFile()}.head`), () => (edit(2, 'Zmiana'), rmSync(`${monthFile()}.head`)), 'head-missing'],
  ])('%s: the second is said too', async (_name, first, second, kind) => {
    await services.close();
    first();
    await open();
    const said = (await api.getAppState({})).journalAlerts.alerts;
    expect(said).toEqual([expect.objectContaining({ kind })]);
    await api.acknowledgeJournalAlerts({ ids: said.map((a) => a.id) });
    await restart();
    expect((await api.getAppState({})).journalAlerts.alerts).toEqual([]);
    await services.close();
    second();
    await open();
    expect((await api.getAppState({})).journalAlerts.alerts).toEqual([expect.objectContaining({ kind })]);
  });

  it('a middle line edited in the clerk’s team copy is said to the clerk when the app next writes there', async () => {
    const team = mkdtempSync(join(tmpdir(), 'integrity-team-mid-'));
    await markTeamFolder(team);
    await api.saveTeamSettings({ teamFolder: team, teamDatabase: null, retentionMonths: 24 });
    const teamFile = join(team, 'calls', clerkId, `${monthOf(new Date())}.jsonl`);
    await services.close();
    const copy = readFileSync(teamFile, 'utf8').trim().split('\n');
    copy[1] = copy[1]!.replace('Rozmowa 1', 'Zmieniona');
    writeFileSync(teamFile, copy.join('\n') + '\n');
    await open();
    expect((await save('Po zmianie w zespole')).ok).toBe(true);
    await services.team.deliver();
    expect((await api.getAppState({})).journalAlerts.alerts).toContainEqual(expect.objectContaining({ copy: 'team', kind: 'broken-chain', line: 3 }));
    rmSync(team, { recursive: true, force: true });
  });

  it('a month file past the size a string can hold is still read line by line: saves go on, the history shows them', async () => {
    await services.close();
    // One line of 70 MB: longer than any record, read as a corrupt line without being decoded.
    appendFileSync(monthFile(), 'x'.repeat(70 * 1024 * 1024) + '\n');
    await open();
    expect((await save('Po wielkim wierszu')).ok).toBe(true);
    const history = await api.listRecentCalls({ limit: 10 });
    expect(history.calls.map((c) => c.note)).toContain('Po wielkim wierszu');
    expect(history.problems).toContainEqual(expect.objectContaining({ kind: 'corrupt-line', line: 4 }));
  });
});

describe('a clerk’s folder that is not a folder', () => {
  it('the save and the history each name it and say that trying again will not help', async () => {
    await services.close();
    rmSync(join(dataDir, 'calls', clerkId), { recursive: true });
    writeFileSync(join(dataDir, 'calls', clerkId), 'nie folder');
    await open();
    const folder = join(dataDir, 'calls', clerkId);
    expect(await save('Nie da się')).toMatchObject({ ok: false, error: { code: 'storage', key: 'journalNotAFolder', params: { path: folder } } });
    expect(await dispatch(api, 'listRecentCalls', { limit: 10 })).toMatchObject({ ok: false, error: { code: 'storage', key: 'readMisplaced', params: { path: folder } } });
  });
});

describe('what the fourth review found, each held', () => {
  it('newest lines cut off behind more junk lines than a file’s problems keep: the cut is still said, kept in the head, and shown in the register', async () => {
    for (let i = 0; i < 37; i++) expect((await save(`Dalej ${i}`)).ok).toBe(true);
    await services.close();
    const all = lines();
    expect(all).toHaveLength(40);
    writeFileSync(monthFile(), [...all.slice(0, 35).map((l, i) => (i < 25 ? 'x' : l))].join('\n') + '\n');
    await open();
    expect((await api.getAppState({})).journalAlerts.alerts).toContainEqual(expect.objectContaining({ kind: 'lines-removed', line: 40 }));
    expect((await readHead(monthFile()))?.evidence).toContainEqual(expect.objectContaining({ kind: 'lines-removed', line: 40 }));
    await api.queryRegister({ filter: { from: null, to: null, clerkIds: [], direction: null, outcomes: [], routedUnitIds: [], missed: null }, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 10, refresh: true, withSummary: false });
    expect((await api.listRegisterProblems({ offset: 0, limit: 50 })).problems).toContainEqual(expect.objectContaining({ kind: 'lines-removed', lines: [40] }));
  });

  it('one alert for many junk lines, acknowledged, stays quiet through restarts and saves', async () => {
    await services.close();
    writeFileSync(monthFile(), ['x', 'y', 'z', ...lines()].join('\n') + '\n');
    await open();
    const said = (await api.getAppState({})).journalAlerts.alerts;
    expect(said.length).toBeGreaterThan(0);
    await api.acknowledgeJournalAlerts({ ids: said.map((a) => a.id) });
    for (let i = 0; i < 4; i++) {
      await restart();
      expect((await api.getAppState({})).journalAlerts.alerts).toEqual([]);
      expect((await save(`Po potwierdzeniu ${i}`)).ok).toBe(true);
    }
  });
});

describe('a month file larger than any month', () => {
  it('is named and refused before it is read: the save says so and the call waits; the start, the history and the register go on and name it', async () => {
    await services.close();
    truncateSync(monthFile(), 1024 ** 3 + 1); // sparse: no disk used, and never read
    await open();
    expect(await save('Za duży plik')).toMatchObject({ ok: false, error: { code: 'storage', key: 'journalTooLarge', params: { path: monthFile() } } });
    // The history stays up: the month is named as unreadable, the rest is shown.
    expect((await api.listRecentCalls({ limit: 10 })).problems).toContainEqual(expect.objectContaining({ kind: 'unreadable', file: `calls/${clerkId}/${monthOf(new Date())}.jsonl` }));
    expect((await api.getAppState({})).journalAlerts.alerts).toContainEqual(expect.objectContaining({ kind: 'unreadable' }));
    const page = await api.queryRegister({ filter: { from: null, to: null, clerkIds: [], direction: null, outcomes: [], routedUnitIds: [], missed: null }, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 10, refresh: true, withSummary: false });
    expect(page.unreadable).toContainEqual(expect.objectContaining({ code: 'EFBIG' }));
  });
});

describe('a month file changed while the app runs', () => {
  it('the team copy cut under a running app: the next write reads it anew and says so, and does not chain onto what is gone', async () => {
    const team = mkdtempSync(join(tmpdir(), 'integrity-team-live-'));
    await markTeamFolder(team);
    await api.saveTeamSettings({ teamFolder: team, teamDatabase: null, retentionMonths: 24 });
    expect((await save('Czwarta')).ok).toBe(true);
    await services.team.deliver();
    const teamFile = join(team, 'calls', clerkId, `${monthOf(new Date())}.jsonl`);
    const before = readFileSync(teamFile, 'utf8').trim().split('\n');
    expect(before).toHaveLength(4);
    writeFileSync(teamFile, before.slice(0, 2).join('\n') + '\n');
    expect((await save('Po obcięciu')).ok).toBe(true);
    await services.team.deliver();
    expect((await api.getAppState({})).journalAlerts.alerts).toContainEqual(expect.objectContaining({ copy: 'team', kind: 'lines-removed', line: 4 }));
    rmSync(team, { recursive: true, force: true });
  });

  it('this computer’s month cut under a running app: the next save says so', async () => {
    writeFileSync(monthFile(), lines().slice(0, 1).join('\n') + '\n');
    expect((await save('Po obcięciu')).ok).toBe(true);
    expect((await api.getAppState({})).journalAlerts.alerts).toContainEqual(expect.objectContaining({ copy: 'local', kind: 'lines-removed', line: 3 }));
  });
});
