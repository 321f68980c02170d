import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type HandlerTable } from '../../electron/handlers';
import { loadContent } from '../../electron/services/content';
import type { AppServices } from '../../electron/services/app-services';
import { callReducer, IDLE, type ActiveCall, type CallState } from '../../shared/call/call-machine';
import { endedCall as sharedEndedCall } from '../helpers/calls';
import { useServicesOnTempFolder } from '../helpers/services';

/**
 * The handler table over real files, across restarts: callbacks agreed and
 * kept, the shift-readiness record, notices said once, and the refusals a
 * person can cause.
 */
let dataDir: string;
let services: AppServices;
let api: HandlerTable;
const temp = useServicesOnTempFolder('handlers-');

async function open() {
  ({ services, api } = await temp.open());
}

async function restart() {
  await services.close();
  await open();
}

beforeEach(async () => {
  dataDir = temp.dataDir;
  await open();
  await api.saveProfile({ firstName: 'Anna', lastName: 'Nowak', role: 'pracownik', unit: 'Dział Ewidencji i Świadczeń', officeName: 'Powiatowy Urząd Pracy w Łodzi' });
});

/** The shared test call (helpers/calls.ts), on this service's checklist for the direction. */
function endedCall(direction: 'incoming' | 'outgoing', extra: (s: CallState) => CallState = (s) => s, callbackOf?: string): ActiveCall {
  return sharedEndedCall(services.content.checklists.find((c) => c.direction === direction)!, extra, Date.now(), callbackOf ?? null);
}

const withCallback = (dueAt: number, reference = 'Staż — dokumenty') => (s: CallState) =>
  callReducer(s, { type: 'set-callback', plan: { dueAt, reference } });

describe('the wrap-up rule, on the service side', () => {
  it.each([['missing', {}], ['null', { outcome: null }]])('an outcome %s is refused in the window’s words, and nothing is saved', async (_name, outcome) => {
    const refused = await dispatch(api, 'saveCall', { call: endedCall('incoming'), note: '', ...outcome });
    expect(refused).toEqual({ ok: false, error: { code: 'bad-input', key: 'wrapUp.outcomeRequired', message: 'Wybierz wynik rozmowy.' } });
    expect((await api.listRecentCalls({ limit: 10 })).calls).toEqual([]);
  });
});

describe('callbacks', () => {
  it('"Oddzwonienie" without a time, or with a time gone by, is refused with the reason and nothing is saved', async () => {
    const none = await dispatch(api, 'saveCall', { call: endedCall('incoming'), outcome: 'callback', note: '' });
    expect(none).toEqual({ ok: false, error: { code: 'bad-input', message: 'Wynik „Oddzwonienie” wymaga terminu — ustal go powyżej.', key: 'wrapUp.callbackRequired' } });
    const past = await dispatch(api, 'saveCall', {
      call: endedCall('incoming', withCallback(Date.now() - 3_600_000)),
      outcome: 'callback',
      note: '',
    });
    expect(past).toMatchObject({ ok: false, error: { key: 'callbackTime.past', message: 'Termin oddzwonienia już minął — wybierz termin w przyszłości.' } });
    expect((await api.listRecentCalls({ limit: 10 })).calls).toEqual([]);
  });

  it('an agreed callback is listed with its masked reference, survives a restart, and is kept by the call that returns it', async () => {
    const due = Date.now() + 3_600_000;
    const agreed = await api.saveCall({
      call: endedCall('outgoing', withCallback(due, 'oddzwonić, tel. 601 234 567')),
      outcome: 'callback',
      note: '',
      contact: { phone: '601 234 567', name: '', honorific: null, spokenName: null, caseRef: '' },
    });
    await restart();
    const { callbacks } = await api.listCallbacks({});
    expect(callbacks).toEqual([
      {
        id: agreed.id,
        dueAt: new Date(due).toISOString(),
        reference: 'oddzwonić, tel. [telefon]',
        agreedAt: expect.any(String),
        attempts: 0,
        rescheduled: false,
        contact: { phone: '601 234 567', name: null, honorific: null, spokenName: null, caseRef: null },
      },
    ]);

    await api.saveCall({ call: endedCall('outgoing', (s) => s, agreed.id), outcome: 'resolved', note: '' });
    expect((await api.listCallbacks({})).callbacks).toEqual([]);
  });

  it('a plan dropped by choosing another outcome agrees no callback', async () => {
    await api.saveCall({ call: endedCall('incoming', withCallback(Date.now() + 3_600_000)), outcome: 'resolved', note: '' });
    expect((await api.listCallbacks({})).callbacks).toEqual([]);
  });
});

describe('invitations', () => {
  it('an invitation with an appointment gone by is refused with the reason; without a date it is saved', async () => {
    const inviting = (appointmentAt: number | null) => (s: CallState) => callReducer(s, { type: 'invite', appointmentAt, at: Date.now() - 30_000 });
    const past = await dispatch(api, 'saveCall', { call: endedCall('incoming', inviting(Date.now() - 86_400_000)), outcome: 'invited', note: '' });
    expect(past).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringMatching(/Termin wizyty w Urzędzie już minął/) } });
    const undated = await dispatch(api, 'saveCall', { call: endedCall('incoming', inviting(null)), outcome: 'invited', note: '' });
    expect(undated).toMatchObject({ ok: true });
  });
});

describe('shift readiness', () => {
  it('is asked for until recorded today, done or skipped, and stays recorded across a restart', async () => {
    expect((await api.getAppState({})).shiftToday).toBe(false);
    await api.saveShift({ id: uuidv7(), skipped: true, done: [] });
    expect((await api.getAppState({})).shiftToday).toBe(true);
    await restart();
    expect((await api.getAppState({})).shiftToday).toBe(true);
    const { records } = await services.journal.lastMonths(services.settings.profile!.clerkId, 1);
    expect(records).toEqual([expect.objectContaining({ type: 'shift', skipped: true })]);
  });

  it('is kept apart from the call history', async () => {
    await api.saveShift({ id: uuidv7(), skipped: false, done: ['badge-worn'] });
    expect((await api.listRecentCalls({ limit: 10 })).calls).toEqual([]);
  });
});

describe('start-up notices and drafts', () => {
  it('a corrupt settings file is reported once, not at every reload', async () => {
    await services.close();
    writeFileSync(join(dataDir, 'settings.json'), '{ zepsute');
    await open();
    expect((await api.getAppState({})).notices).toEqual([{ code: 'settings-corrupt', file: expect.stringMatching(/^settings\.corrupt-/) }]);
    expect((await api.getAppState({})).notices).toEqual([]);
    expect((await api.getAppState({})).profile?.firstName).toBe('Anna'); // from the last good copy
  });

  it('a draft of a call that was already saved is dropped at start instead of restored', async () => {
    const call = endedCall('incoming');
    await api.saveDraft({ state: { phase: 'wrap-up', call, outcome: 'resolved', note: '' } });
    await api.saveCall({ call, outcome: 'resolved', note: '' });
    // A write of the wrap-up that lands after the save (a slow disk) leaves a stale draft behind.
    await api.saveDraft({ state: { phase: 'wrap-up', call, outcome: 'resolved', note: '' } });
    await restart();
    const state = await api.getAppState({});
    expect(state.draft).toEqual(IDLE);
    expect(state.notices).toEqual([]);
  });
});

describe('editable content', () => {
  it('a broken scripts file stops the start with the file and the field named', async () => {
    const resources = mkdtempSync(join(tmpdir(), 'resources-'));
    cpSync('resources', resources, { recursive: true });
    const scripts = JSON.parse(JSON.stringify(services.content.scripts));
    writeFileSync(join(resources, 'scripts.json'), JSON.stringify({ ...scripts, incomingGreeting: 'Dzień dobry, mówi {firstName}.' }));
    await expect(loadContent(resources)).rejects.toThrow(/scripts\.json: incomingGreeting: brak wymaganego pola \{lastName\}/);
  });

  it('a checklist that is not JSON is named as such', async () => {
    const resources = mkdtempSync(join(tmpdir(), 'resources-'));
    cpSync('resources', resources, { recursive: true });
    writeFileSync(join(resources, 'checklists', 'outgoing.json'), '{ "id": ');
    await expect(loadContent(resources)).rejects.toThrow(/outgoing\.json: to nie jest poprawny JSON/);
  });
});

describe("an office's own directory and glossary", () => {
  const builtInDirectory = () => JSON.parse(readFileSync('resources/directory.json', 'utf8')) as { matters: { id: string; title: string; keywords: string[] }[] };
  /** The built-in directory with one matter of the office's own, so a search tells which file is in use. */
  function officeDirectoryFile(matterTitle: string): string {
    const dir = builtInDirectory();
    dir.matters.push({ ...dir.matters[0]!, id: 'sprawa-urzedu', title: matterTitle, keywords: [matterTitle.toLowerCase()] });
    const file = join(mkdtempSync(join(tmpdir(), 'office-')), 'katalog.json');
    writeFileSync(file, JSON.stringify(dir, null, 2));
    return file;
  }
  const hasMatter = (title: string) => services.content.directory.matters.some((m) => m.title === title);

  it('checks the files before the setting changes, and uses them at once and after a restart', async () => {
    const file = officeDirectoryFile('Karta dużej rodziny');
    const saved = await dispatch(api, 'saveOfficeFiles', { directory: file, glossary: null });
    expect(saved).toMatchObject({ ok: true, result: { officeFiles: { directory: file, glossary: null }, contentSources: { directory: 'office', glossary: 'built-in' } } });
    expect(hasMatter('Karta dużej rodziny')).toBe(true);
    await restart();
    const state = await api.getAppState({});
    expect(state.officeFiles.directory).toBe(file);
    expect(state.contentSources.directory).toBe('office');
    expect(state.directory.matters.some((m) => m.title === 'Karta dużej rodziny')).toBe(true);
  });

  it('refuses a broken file with each problem at its line and column, and keeps what was in use', async () => {
    const file = officeDirectoryFile('Karta dużej rodziny');
    const text = readFileSync(file, 'utf8').replace('"unit": "dzial-ewidencji-i-swiadczen"', '"unit": "nie-ma-takiego-dzialu"');
    writeFileSync(file, text);
    const refused = await dispatch(api, 'saveOfficeFiles', { directory: file, glossary: null });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('bad-input');
    expect(refused.error.message).toMatch(new RegExp(`^${escape(file)}:\\d+:\\d+ matters\\.\\d+\\.unit `, 'm'));
    expect(hasMatter('Karta dużej rodziny')).toBe(false);
    expect((await api.getAppState({})).officeFiles.directory).toBeNull();

    const missing = await dispatch(api, 'saveOfficeFiles', { directory: null, glossary: join(tmpdir(), 'nie-ma-takiego-pliku.json') });
    expect(missing).toMatchObject({ ok: false, error: { message: expect.stringMatching(/nie-ma-takiego-pliku\.json: nie ma takiego pliku/) } });
  });

  it('refuses a relative path or another kind of file before reading anything', async () => {
    const relative = await dispatch(api, 'saveOfficeFiles', { directory: 'katalog.json', glossary: null });
    expect(relative).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringContaining('notAbsolute') } });
    const notJson = await dispatch(api, 'saveOfficeFiles', { directory: '/srv/katalog.txt', glossary: null });
    expect(notJson).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringContaining('notJson') } });
  });

  it('a file broken after it was chosen: the start keeps its last good copy and says which file and where', async () => {
    const file = officeDirectoryFile('Karta dużej rodziny');
    await api.saveOfficeFiles({ directory: file, glossary: null });
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\]\s*\}\s*$/, '')); // cut off at the end, as a half-copied file
    await restart();
    const state = await api.getAppState({});
    expect(state.contentSources.directory).toBe('last-good');
    expect(state.directory.matters.some((m) => m.title === 'Karta dużej rodziny')).toBe(true);
    expect(state.notices).toContainEqual({ code: 'office-directory-invalid', file, detail: expect.stringMatching(new RegExp(`^${escape(file)}:\\d+:\\d+ \\(JSON\\) `)), more: expect.any(Number), using: 'last-good' });
  });

  it('with no good copy ever kept, a broken file gives way to the built-in directory', async () => {
    const file = officeDirectoryFile('Karta dużej rodziny');
    await api.saveOfficeFiles({ directory: file, glossary: null });
    writeFileSync(file, '{ "version": 1, "sites": [], "units": [], "matters": [] }');
    rmSync(join(dataDir, 'office-directory.last-good.json'));
    await restart();
    const state = await api.getAppState({});
    expect(state.contentSources.directory).toBe('built-in');
    expect(state.directory).toEqual(services.builtIn.directory);
    expect(state.notices).toContainEqual(expect.objectContaining({ code: 'office-directory-invalid', file, using: 'built-in' }));
  });

  it('going back to the built-in files', async () => {
    await api.saveOfficeFiles({ directory: officeDirectoryFile('Karta dużej rodziny'), glossary: null });
    const back = await api.saveOfficeFiles({ directory: null, glossary: null });
    expect(back.contentSources).toEqual({ directory: 'built-in', glossary: 'built-in' });
    expect(hasMatter('Karta dużej rodziny')).toBe(false);
  });
});

describe("the team lead's directory editor, through the handlers", () => {
  it('a new office file: the settings name it, the search uses it at once and after a restart, the glossary stays as it was', async () => {
    const opened = await api.openDirectoryEditor({});
    expect(opened.directory).toMatchObject({ file: null, hash: null, problems: [] });
    const file = join(mkdtempSync(join(tmpdir(), 'office-')), 'katalog.json');
    const value = { ...opened.directory.value, matters: [...opened.directory.value.matters, { ...opened.directory.value.matters[0]!, id: 'nowa', title: 'Bon na zasiedlenie', keywords: ['bon na zasiedlenie'], examples: [] }] };
    const saved = await api.saveDirectoryEdits({ directory: { file, baseHash: null, value } });
    expect(saved).toMatchObject({ officeFiles: { directory: file, glossary: null }, contentSources: { directory: 'office', glossary: 'built-in' }, saved: { directory: { file }, glossary: null } });
    expect(services.content.directory.matters.some((m) => m.title === 'Bon na zasiedlenie')).toBe(true);
    expect(services.content.glossary).toEqual(services.builtIn.glossary);
    expect(JSON.parse(readFileSync(join(file, '..', 'katalog.changes.jsonl'), 'utf8'))).toMatchObject({ by: 'Anna Nowak', changes: [{ id: 'nowa', change: 'added' }] });
    await restart();
    expect((await api.getAppState({})).directory.matters.some((m) => m.title === 'Bon na zasiedlenie')).toBe(true);
    const reopened = await api.openDirectoryEditor({});
    expect(reopened.directory).toMatchObject({ file, hash: saved.saved.directory!.hash });
  });

  it("a colleague's save since the opening: refused in the lead's words, naming who and when, and nothing changes", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'office-')), 'katalog.json');
    const { directory } = await api.openDirectoryEditor({});
    await api.saveDirectoryEdits({ directory: { file, baseHash: null, value: directory.value } });
    const opened = await api.openDirectoryEditor({});
    const renamed = (title: string) => ({ ...opened.directory.value, matters: opened.directory.value.matters.map((m, i) => (i === 0 ? { ...m, title } : m)) });
    const first = await api.saveDirectoryEdits({ directory: { file, baseHash: opened.directory.hash, value: renamed('Pierwsza') } });
    const stale = await dispatch(api, 'saveDirectoryEdits', { directory: { file, baseHash: opened.directory.hash, value: renamed('Druga') } });
    expect(stale).toEqual({
      ok: false,
      error: { code: 'bad-input', key: 'directoryEditor.changed', params: { file, who: 'Anna Nowak', when: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/) }, message: expect.stringContaining('Nic nie zapisano') },
    });
    expect((await api.openDirectoryEditor({})).directory.hash).toBe(first.saved.directory!.hash);
  });

  it('two names of one file (a hard link) for the directory and the glossary are refused; a lock that is not one is said as such', async () => {
    const { linkSync, mkdirSync } = await import('node:fs');
    const share = mkdtempSync(join(tmpdir(), 'office-'));
    const { directory, glossary } = await api.openDirectoryEditor({});
    const file = join(share, 'katalog.json');
    writeFileSync(file, '{}');
    linkSync(file, join(share, 'slowniczek.json'));
    const hash = (await import('../../electron/services/directory-editing')).sha256('{}');
    const both = await dispatch(api, 'saveDirectoryEdits', { directory: { file, baseHash: hash, value: directory.value }, glossary: { file: join(share, 'slowniczek.json'), baseHash: hash, value: glossary.value } });
    expect(both).toMatchObject({ ok: false, error: { key: 'directoryEditor.invalid', message: expect.stringContaining('w dwóch osobnych plikach') } });
    // A file where the lock's folder goes, long untouched: not a lock of this app, and said so (not as the share).
    const other = join(share, 'inny.json');
    writeFileSync(`${other}.lock`, 'coś');
    const { utimesSync } = await import('node:fs');
    utimesSync(`${other}.lock`, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    const broken = await dispatch(api, 'saveDirectoryEdits', { directory: { file: other, baseHash: null, value: directory.value } });
    expect(broken).toMatchObject({ ok: false, error: { key: 'directoryEditor.lockBroken', params: { file: other, lock: `${other}.lock` } } });
    // An owner's place that cannot be written: said as the lock's too, and the lock is let go.
    const third = join(share, 'trzeci.json');
    mkdirSync(`${third}.lock.owner`);
    expect(await dispatch(api, 'saveDirectoryEdits', { directory: { file: third, baseHash: null, value: directory.value } })).toMatchObject({ ok: false, error: { key: 'directoryEditor.lockBroken' } });
  });

  it('a save without a profile is refused: the change log must say who', async () => {
    await services.settingsStore.update({ profile: null });
    const { directory } = await api.openDirectoryEditor({});
    const refused = await dispatch(api, 'saveDirectoryEdits', { directory: { file: join(tmpdir(), 'x.json'), baseHash: null, value: directory.value } });
    expect(refused).toMatchObject({ ok: false, error: { key: 'noProfile' } });
  });

  it('a path the office files could not be is refused before anything is read: not absolute here, or in the data folder', async () => {
    const { directory } = await api.openDirectoryEditor({});
    for (const file of ['katalog.json', '/srv/katalog.txt', '']) {
      expect(await dispatch(api, 'saveDirectoryEdits', { directory: { file, baseHash: null, value: directory.value } })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    }
    const foreign = process.platform === 'win32' ? '/srv/katalog.json' : 'C:\\udzial\\katalog.json';
    expect(await dispatch(api, 'saveDirectoryEdits', { directory: { file: foreign, baseHash: null, value: directory.value } })).toMatchObject({ ok: false, error: { key: 'directoryEditor.notAbsolute' } });
    const settings = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    for (const file of [join(dataDir, 'settings.json'), join(dataDir, 'nowy.json'), join(dataDir, 'calls', '..', 'x.json'), join(dataDir, '..katalog.json')]) {
      const hash = file.endsWith('settings.json') ? (await import('../../electron/services/directory-editing')).sha256(settings) : null;
      expect(await dispatch(api, 'saveDirectoryEdits', { directory: { file, baseHash: hash, value: directory.value } })).toMatchObject({ ok: false, error: { key: 'directoryEditor.inDataDir' } });
    }
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(settings);
    if (process.platform === 'win32') return;
    // Through a link: the share's file, or its folder, pointing into the data folder.
    const { symlinkSync } = await import('node:fs');
    const share = mkdtempSync(join(tmpdir(), 'office-'));
    symlinkSync(join(dataDir, 'settings.json'), join(share, 'katalog.json'));
    symlinkSync(dataDir, join(share, 'dane'));
    for (const file of [join(share, 'katalog.json'), join(share, 'dane', 'nowy.json')]) {
      expect(await dispatch(api, 'saveDirectoryEdits', { directory: { file, baseHash: null, value: directory.value } })).toMatchObject({ ok: false, error: { key: 'directoryEditor.inDataDir' } });
    }
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(settings);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
