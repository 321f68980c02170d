import { DEFAULT_PREFERENCES } from '../../shared/settings/preferences';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openAppServices } from '../../electron/services/app-services';
import { DraftStore } from '../../electron/services/draft-store';
import { DEFAULT_SETTINGS, SettingsStore, type Settings } from '../../electron/services/settings-store';
import { callReducer, IDLE, type CallState } from '../../shared/call/call-machine';
import { ChecklistDefinitionSchema } from '../../shared/call/checklist';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'settings-'));
});

const profile = {
  clerkId: '0b9f1e0e-3f5c-4a7e-9a39-6f3f6f2b8a10',
  firstName: 'Anna',
  lastName: 'Nowak',
  role: 'pracownik' as const,
  unit: 'Dział Ewidencji i Świadczeń',
  officeName: 'Powiatowy Urząd Pracy w Łodzi',
};
const withProfile: Settings = { schemaVersion: 1, profile, officeFiles: { directory: null, glossary: null }, teamFolder: null, teamDatabase: null, retentionMonths: 24, preferences: DEFAULT_PREFERENCES };

describe('SettingsStore', () => {
  it('gives defaults when there is no file yet', async () => {
    expect(await new SettingsStore(dataDir).load()).toEqual({ settings: DEFAULT_SETTINGS });
  });

  it('writes atomically (no temp file left behind) and reads back the same settings', async () => {
    const store = new SettingsStore(dataDir);
    await store.save(withProfile);
    expect(readdirSync(dataDir).sort()).toEqual(['settings.json', 'settings.last-good.json']);
    expect((await new SettingsStore(dataDir).load()).settings).toEqual(withProfile);
  });

  it('sets a corrupt file aside with a timestamp and falls back to the last good copy', async () => {
    const store = new SettingsStore(dataDir);
    await store.save(withProfile);
    writeFileSync(join(dataDir, 'settings.json'), '{"schemaVersion":1,"profile":{"firstN');
    const loaded = await store.load(new Date('2026-11-24T10:00:00.000Z'));
    expect(loaded.settings).toEqual(withProfile);
    expect(loaded.setAsideAs).toBe('settings.corrupt-2026-11-24T10-00-00-000Z.json');
    expect(readFileSync(join(dataDir, loaded.setAsideAs!), 'utf8')).toContain('firstN');
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toEqual(withProfile);
  });

  it('falls back to defaults when the file is valid JSON but not valid settings and there is no good copy', async () => {
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ schemaVersion: 1, profile: { firstName: 7 } }));
    const loaded = await new SettingsStore(dataDir).load();
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.setAsideAs).toMatch(/^settings\.corrupt-.*\.json$/);
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(false);
  });

  it('refuses to write settings that do not validate', async () => {
    const store = new SettingsStore(dataDir);
    await expect(store.save({ ...withProfile, profile: { ...profile, firstName: '' } })).rejects.toThrow();
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(false);
  });
});

describe('DraftStore', () => {
  const checklist = ChecklistDefinitionSchema.parse(
    JSON.parse(readFileSync(join(__dirname, '../../resources/checklists/incoming.json'), 'utf8')),
  );
  const inCall: CallState = callReducer(IDLE, {
    type: 'start',
    id: '0192f3a0-0000-7000-8000-000000000001',
    checklist,
    at: 1_000,
  });

  it('restores exactly the saved call', async () => {
    const ticked = callReducer(inCall, { type: 'toggle-item', itemId: 'greeting', at: 3_500 });
    await new DraftStore(dataDir).save(ticked);
    expect((await new DraftStore(dataDir).load()).state).toEqual(ticked);
  });

  it('masks identifiers in the note before it reaches the disk', async () => {
    let state = callReducer(inCall, { type: 'end', at: 5_000 });
    state = callReducer(state, { type: 'set-note', note: 'PESEL 44051401359, tel. 601-234-567' });
    await new DraftStore(dataDir).save(state);
    const raw = readFileSync(join(dataDir, 'draft.json'), 'utf8');
    expect(raw).not.toContain('44051401359');
    expect(raw).not.toContain('601-234-567');
    expect(raw).toContain('[PESEL]');
  });

  it('property: an identifier typed key by key is never on disk, at any keystroke the draft is written', async () => {
    const typed = 'PESEL 44051401359, tel. 601 234 567, konto 61109010140000071219812874';
    let state = callReducer(inCall, { type: 'end', at: 5_000 });
    for (let i = 1; i <= typed.length; i++) {
      state = callReducer(state, { type: 'set-note', note: typed.slice(0, i) });
      await new DraftStore(dataDir).save(state);
      const stored = (JSON.parse(readFileSync(join(dataDir, 'draft.json'), 'utf8')) as { state: { note: string } }).state.note.replace(/[\s-]/g, '');
      // Six digits of any of them in a row is already too much: a birth date and the start of a number.
      for (const id of ['44051401359', '601234567', '61109010140000071219812874']) {
        for (let k = 0; k + 6 <= id.length; k++) expect(stored).not.toContain(id.slice(k, k + 6));
      }
    }
  });

  it('masks identifiers in the callback reference during the call, and in a note kept after going back to the call', async () => {
    let state = callReducer(inCall, { type: 'set-callback', plan: { dueAt: 9_000_000, reference: 'PESEL 44051401359' } });
    state = callReducer(state, { type: 'end', at: 5_000 });
    state = callReducer(state, { type: 'set-note', note: 'tel. 601-234-567' });
    state = callReducer(state, { type: 'resume' });
    await new DraftStore(dataDir).save(state);
    const raw = readFileSync(join(dataDir, 'draft.json'), 'utf8');
    expect(raw).not.toContain('44051401359');
    expect(raw).not.toContain('601-234-567');
    const restored = (await new DraftStore(dataDir).load()).state;
    expect(restored.phase === 'in-call' && restored.kept?.note).toBe('tel. [telefon]');
  });

  it('an idle state removes the draft', async () => {
    const store = new DraftStore(dataDir);
    await store.save(inCall);
    await store.save(IDLE);
    expect(existsSync(join(dataDir, 'draft.json'))).toBe(false);
  });

  it('sets a corrupt draft aside and starts idle', async () => {
    writeFileSync(join(dataDir, 'draft.json'), '{"phase":"in-call","call":');
    const loaded = await new DraftStore(dataDir).load();
    expect(loaded.state).toEqual(IDLE);
    expect(loaded.setAsideAs).toMatch(/^draft\.corrupt-.*\.json$/);
  });

  it('keeps the newest of many quick writes', async () => {
    const store = new DraftStore(dataDir);
    const states = [1, 2, 3, 4, 5, 6].map((n) => callReducer(inCall, { type: 'set-personal-data', value: n % 2 === 0 }));
    await Promise.all(states.map((s) => store.save(s)));
    expect((await store.load()).state).toEqual(states[5]);
  });
});

describe('start after a crash mid-write', () => {
  it('clears the temp files a killed write left, and only those', async () => {
    const store = new SettingsStore(dataDir);
    await store.save(withProfile);
    writeFileSync(join(dataDir, '.settings.json.4242.0a1b2c3d.tmp'), '{"schemaVersion":1,"prof');
    writeFileSync(join(dataDir, '.draft.json.4242.deadbeef.tmp'), '');
    writeFileSync(join(dataDir, 'notatki.tmp'), 'a file somebody put here');
    const services = await openAppServices(dataDir, 'resources');
    await services.close();
    expect(readdirSync(dataDir).filter((n) => n.endsWith('.tmp'))).toEqual(['notatki.tmp']);
    expect(services.settings).toEqual(withProfile);
  });
});
