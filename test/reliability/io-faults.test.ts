import { existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch, type HandlerTable } from '../../electron/handlers';
import type { AppServices } from '../../electron/services/app-services';
import { DraftStore } from '../../electron/services/draft-store';
import { genesisHash, monthOf, scanJournalText } from '../../electron/services/journal';
import { callReducer, IDLE, type CallState } from '../../shared/call/call-machine';
import { FsFaults } from '../helpers/fs-faults';
import { useServicesOnTempFolder } from '../helpers/services';

/**
 * The services with the file system made to fail under them, driven through
 * the same dispatcher the window calls: a full disk, no write access, an I/O
 * error, a file held by another program at the moment of a rename, a shared
 * folder that drops mid-write. Each time the window gets a clear error in
 * Polish, the call stays (in the window's draft, or in the outbox), and once
 * the fault is gone the same save succeeds — every call stored exactly once,
 * locally and in the team folder.
 */
let dataDir: string;
let team: string;
let services: AppServices;
let api: HandlerTable;
let faults: FsFaults;
const temp = useServicesOnTempFolder('faults-', { options: { callerPaths: true } });

beforeEach(async () => {
  team = temp.tempFolder('faults-team-');
  ({ dataDir, services, api } = await temp.open());
  await api.saveProfile({ firstName: 'Anna', lastName: 'Nowak', role: 'pracownik', unit: 'Dział Ewidencji i Świadczeń', officeName: 'Powiatowy Urząd Pracy w Łodzi' });
  expect(await dispatch(api, 'saveTeamSettings', { teamFolder: team, retentionMonths: 24 })).toMatchObject({ ok: true });
  faults = await new FsFaults().install(join(dataDir, 'probe'));
});
afterEach(() => {
  // The faults go before the services are closed and the folders removed (the fixture's teardown, after this).
  vi.restoreAllMocks();
});

const inLocalJournal = (path: string) => path.startsWith(join(dataDir, 'calls') + sep);
const inTeamFolder = (path: string) => path.startsWith(team + sep);
const inOutbox = (path: string) => path.startsWith(join(dataDir, 'outbox') + sep);

/** A call in wrap-up, as the window holds it, saved as the draft first (the window does that on every change). */
async function callInWrapUp(): Promise<Extract<CallState, { phase: 'wrap-up' }>> {
  const checklist = services.content.checklists.find((c) => c.direction === 'incoming')!;
  const now = Date.now();
  let state = callReducer(IDLE, { type: 'start', id: uuidv7(), checklist, at: now - 60_000, callbackOf: null });
  state = callReducer(state, { type: 'toggle-item', itemId: 'greeting', at: now - 55_000 });
  state = callReducer(state, { type: 'end', at: now - 1_000 });
  if (state.phase !== 'wrap-up') throw new Error('not in wrap-up');
  expect(await dispatch(api, 'saveDraft', { state })).toEqual({ ok: true, result: { ok: true } });
  return state;
}
const save = (state: Extract<CallState, { phase: 'wrap-up' }>) => dispatch(api, 'saveCall', { call: state.call, outcome: 'resolved', note: 'Informacja o stażu.' });

/** The ids in a journal's month file, after checking its chain. */
function idsIn(root: string): string[] {
  const clerkId = services.settings.profile!.clerkId;
  const month = monthOf(new Date());
  const file = join(root, 'calls', clerkId, `${month}.jsonl`);
  if (!existsSync(file)) return [];
  const scan = scanJournalText(readFileSync(file, 'utf8'), genesisHash(clerkId, month), file);
  expect(scan.problems, `problems in ${file}`).toEqual([]);
  return scan.lines.map((l) => l.id);
}
const outbox = () => (existsSync(join(dataDir, 'outbox')) ? readdirSync(join(dataDir, 'outbox')) : []);

/** Every call saved is in the local journal and the team folder exactly once, and nothing waits. */
async function expectStoredOnce(ids: string[]) {
  await services.team.deliver();
  expect(idsIn(dataDir)).toEqual(ids);
  expect(idsIn(team)).toEqual(ids);
  expect(outbox()).toEqual([]);
}

describe('saving a call when the disk fails', () => {
  const cases = [
    { name: 'a full disk (ENOSPC) mid-line', fault: { op: 'write', code: 'ENOSPC', partial: true }, key: 'diskFull', says: 'Brak miejsca na dysku' },
    { name: 'a full disk (ENOSPC) at the flush', fault: { op: 'sync', code: 'ENOSPC' }, key: 'diskFull', says: 'Brak miejsca na dysku' },
    { name: 'no write access (EACCES) to the month file', fault: { op: 'open', code: 'EACCES' }, key: 'noWriteAccess', says: 'Brak uprawnień do zapisu' },
    { name: 'an I/O error (EIO) mid-line', fault: { op: 'write', code: 'EIO', partial: true }, key: 'diskError', says: 'Błąd zapisu na dysku (EIO)' },
    { name: 'an I/O error (EIO) at the flush', fault: { op: 'sync', code: 'EIO' }, key: 'diskError', says: 'Błąd zapisu na dysku (EIO)' },
  ] as const;

  it.each(cases)('$name: a clear error, the call stays in the window, and saving again stores it once', async ({ fault, key, says }) => {
    const before = await callInWrapUp();
    expect((await save(before)).ok).toBe(true);
    const state = await callInWrapUp();
    // The month file is already open after the first save; a new month's file is opened on the first save of the month.
    if (fault.op === 'open') await services.journal.close();
    faults.add({ ...fault, path: inLocalJournal });

    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await save(state);
      expect(refused).toEqual({ ok: false, error: { code: 'storage', message: expect.stringContaining(says), key, params: { code: fault.code } } });
      if (!refused.ok) expect(refused.error.message).toContain('Rozmowa czeka w oknie');
    }
    // The call is not in the journal (no half line either), and still in the draft a restart would restore.
    expect(idsIn(dataDir)).toEqual([before.call.id]);
    expect((await new DraftStore(dataDir).load()).state).toEqual(state);
    expect(faults.hits.get(fault.op)).toBeGreaterThanOrEqual(2);

    faults.clear();
    expect(await save(state)).toMatchObject({ ok: true, result: { id: state.call.id } });
    expect(existsSync(join(dataDir, 'draft.json'))).toBe(false);
    // Saving again (a double click, a retry after a lost answer) changes nothing.
    expect(await save(state)).toMatchObject({ ok: true, result: { id: state.call.id } });
    await expectStoredOnce([before.call.id, state.call.id]);
  });

  it('a file held for a moment at the rename (EBUSY, a virus scanner) is waited out without the clerk noticing', async () => {
    faults.add({ op: 'rename', code: 'EBUSY', times: 3 });
    const state = await callInWrapUp();
    expect(await dispatch(api, 'savePreferences', { ...services.settings.preferences, largeText: true })).toMatchObject({ ok: true });
    expect(faults.hits.get('rename')).toBe(3);
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).preferences.largeText).toBe(true);
    expect((await save(state)).ok).toBe(true);
    await expectStoredOnce([state.call.id]);
  });

  it('a file held for long at the rename (EBUSY): the settings and the draft say so, keep what they had, and save once it is free', async () => {
    const state = await callInWrapUp();
    faults.add({ op: 'rename', code: 'EBUSY' });
    const refused = await dispatch(api, 'savePreferences', { ...services.settings.preferences, largeText: true });
    // Settings say nothing was saved; the draft, that the call waits in the window.
    expect(refused).toEqual({ ok: false, error: { code: 'storage', message: expect.stringContaining('(EBUSY). Nic nie zostało zapisane'), key: 'writeFailed', params: { code: 'EBUSY' } } });
    expect(services.settings.preferences.largeText).toBe(false);
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).preferences.largeText).toBe(false);
    const noted = callReducer(state, { type: 'set-note', note: 'Dopisek' });
    expect(await dispatch(api, 'saveDraft', { state: noted })).toMatchObject({ ok: false, error: { code: 'storage', key: 'diskError' } });
    expect((await new DraftStore(dataDir).load()).state).toEqual(state); // the previous draft, whole
    expect(readdirSync(dataDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    faults.clear();
    expect(await dispatch(api, 'savePreferences', { ...services.settings.preferences, largeText: true })).toMatchObject({ ok: true });
    expect(await dispatch(api, 'saveDraft', { state: noted })).toMatchObject({ ok: true });
    expect((await new DraftStore(dataDir).load()).state).toEqual(noted);
  });

  it.each([
    { fault: { op: 'write', code: 'ENOSPC' }, key: 'diskFull', settingsKey: 'writeDiskFull' },
    { fault: { op: 'sync', code: 'EIO' }, key: 'diskError', settingsKey: 'writeFailed' },
    { fault: { op: 'open', code: 'EACCES' }, key: 'noWriteAccess', settingsKey: 'writeNoAccess' },
  ] as const)('settings and the draft under $fault.code at $fault.op: refused clearly, the old files whole, saved once the fault is gone', async ({ fault, key, settingsKey }) => {
    const state = await callInWrapUp();
    const noted = callReducer(state, { type: 'set-note', note: 'Dopisek' });
    faults.add({ ...fault, path: (p) => dirname(p) === dataDir });
    const preferences = { ...services.settings.preferences, largeText: true };
    expect(await dispatch(api, 'savePreferences', preferences)).toMatchObject({ ok: false, error: { code: 'storage', key: settingsKey } });
    expect(await dispatch(api, 'saveDraft', { state: noted })).toMatchObject({ ok: false, error: { code: 'storage', key } });
    expect(services.settings.preferences.largeText).toBe(false);
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).preferences.largeText).toBe(false);
    expect(readdirSync(dataDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    faults.clear();
    expect((await new DraftStore(dataDir).load()).state).toEqual(state);
    expect(await dispatch(api, 'savePreferences', preferences)).toMatchObject({ ok: true });
    expect(await dispatch(api, 'saveDraft', { state: noted })).toMatchObject({ ok: true });
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).preferences.largeText).toBe(true);
    expect((await new DraftStore(dataDir).load()).state).toEqual(noted);
  });

  it('an outbox that cannot be written (EACCES): the call is saved, and reaches the team folder once the fault is gone', async () => {
    faults.add({ op: 'open', code: 'EACCES', path: inOutbox });
    const state = await callInWrapUp();
    expect(await save(state)).toMatchObject({ ok: true, result: { id: state.call.id } });
    expect(idsIn(dataDir)).toEqual([state.call.id]);
    expect(outbox()).toEqual([]);
    // The window's team banner counts it as waiting, however often delivery is tried meanwhile.
    for (let i = 0; i < 3; i++) expect(await api.getTeamStatus({})).toMatchObject({ pending: 1, localError: 'EACCES' });
    faults.clear();
    await expectStoredOnce([state.call.id]);
    expect(await api.getTeamStatus({})).toMatchObject({ pending: 0, reachable: true, localError: null });
  });

  it('an outbox that cannot even be read (something else holds its name): the status says why, and the copies go once it can', async () => {
    const state = await callInWrapUp();
    faults.add({ op: 'readdir', code: 'EIO', path: (p) => p === join(dataDir, 'outbox') });
    expect(await save(state)).toMatchObject({ ok: true });
    expect(await api.getTeamStatus({})).toMatchObject({ localError: 'EIO' });
    faults.clear();
    await expectStoredOnce([state.call.id]);
    expect(await api.getTeamStatus({})).toMatchObject({ pending: 0, localError: null });
  });
});

describe('the team folder dropping mid-write', () => {
  it('the copy waits in the outbox and the status says why; when the share returns the call arrives once, the torn line set aside', async () => {
    const first = await callInWrapUp();
    await save(first);
    await services.team.deliver();

    // The share drops while the next copy is half written: the rest of the
    // line, and cutting the half line away, fail with it.
    faults.add({ op: 'write', code: 'EIO', partial: true, path: inTeamFolder }).add({ op: 'truncate', code: 'EIO', path: inTeamFolder });
    const state = await callInWrapUp();
    expect(await save(state)).toMatchObject({ ok: true });
    expect(await services.team.deliver()).toMatchObject({ pending: 1, reachable: false, lastError: 'EIO' });
    renameSync(team, `${team}-odlaczony`);
    faults.clear();
    expect(await api.getTeamStatus({})).toMatchObject({ pending: 1, reachable: false, lastError: 'ENOENT' });
    expect(outbox()).toEqual([`${state.call.id}.json`]);
    expect(existsSync(team)).toBe(false); // never made anew on the local disk
    const third = await callInWrapUp();
    expect(await save(third)).toMatchObject({ ok: true });
    expect(idsIn(dataDir)).toEqual([first.call.id, state.call.id, third.call.id]);

    renameSync(`${team}-odlaczony`, team);
    expect(await api.getTeamStatus({})).toMatchObject({ pending: 0, reachable: true, lastError: null });
    await expectStoredOnce([first.call.id, state.call.id, third.call.id]);
    const quarantine = join(team, 'calls', services.settings.profile!.clerkId, `${monthOf(new Date())}.jsonl.quarantine`);
    expect(readFileSync(quarantine, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});

describe('an export when the disk fills', () => {
  const sort = { key: 'startedAt', descending: true } as const;

  it('says the disk is full, leaves no partial file, and the export made after is whole', async () => {
    for (let i = 0; i < 3; i++) await save(await callInWrapUp());
    const path = join(dataDir, 'eksport.csv');
    faults.add({ op: 'stream-write', code: 'ENOSPC' });
    const refused = await dispatch(api, 'exportRegister', { filter: {}, sort, format: 'csv', path });
    expect(refused).toMatchObject({ ok: false, error: { code: 'storage', key: 'exportDiskFull', message: expect.stringContaining('eksport.csv') } });
    expect(readdirSync(dataDir).filter((n) => n.includes('eksport'))).toEqual([]);

    faults.clear();
    expect(await dispatch(api, 'exportRegister', { filter: {}, sort, format: 'csv', path })).toEqual({ ok: true, result: { path, download: null, rows: 3 } });
    expect(readFileSync(path, 'utf8').trim().split('\r\n')).toHaveLength(4);
  });
});
