import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch, type HandlerTable } from '../../electron/handlers';
import type { AppServices } from '../../electron/services/app-services';
import { callReducer, type ActiveCall, type CallState } from '../../shared/call/call-machine';
import { endedCall as sharedEndedCall } from '../helpers/calls';
import { useServicesOnTempFolder } from '../helpers/services';
import type { CallbackContactInput } from '../../shared/callbacks/callback-contact';
import type { PersonAnswer } from '../../shared/call/outbound';

/**
 * Whom to call back lives on this computer only: through the real handlers
 * and files, a callback's number, name and case reference are kept while it
 * is open, survive a restart, follow it when moved or re-agreed, go when its
 * call is saved, when it is called off and a set number of days after it was
 * due — and never reach the journal, the team copy or an export.
 */
let root: string;
let dataDir: string;
let team: string;
let services: AppServices;
let api: HandlerTable;

const PHONE = '601 234 567';
const CONTACT: CallbackContactInput = { phone: '+48 601-234-567', name: 'Jan Kowalski', honorific: 'pan', spokenName: null, caseRef: 'CAZ.5410.77.2026' };
const CONTACTS_FILE = 'callback-contacts.json';

const temp = useServicesOnTempFolder('contacts-', { dataIn: 'data', options: { callerPaths: true } });

async function open() {
  ({ services, api } = await temp.open());
}

beforeEach(async () => {
  root = temp.folder;
  dataDir = temp.dataDir;
  team = join(root, 'team');
  mkdirSync(team);
  await open();
  await api.saveProfile({ firstName: 'Anna', lastName: 'Nowak', role: 'pracownik', unit: 'Dział Ewidencji i Świadczeń', officeName: 'Powiatowy Urząd Pracy w Łodzi' });
  await api.saveTeamSettings({ teamFolder: team, teamDatabase: null, retentionMonths: 24 });
});

/** An outbound call (helpers/calls.ts), made for the callback `callbackOf` if given. */
function endedCall(extra: (s: CallState) => CallState, callbackOf: string | null = null): ActiveCall {
  return sharedEndedCall(services.content.checklists.find((c) => c.direction === 'outgoing')!, extra, Date.now(), callbackOf);
}
const answered = (person: PersonAnswer) => (s: CallState) => callReducer(s, { type: 'answer-person', answer: person, at: Date.now() - 50_000 });
const planned = (dueAt: number, reference = 'dokumenty do stażu') => (s: CallState) => callReducer(s, { type: 'set-callback', plan: { dueAt, reference } });

async function agree(dueAt = Date.now() + 3_600_000, contact: CallbackContactInput | null = CONTACT): Promise<string> {
  const saved = await api.saveCall({ call: endedCall((s) => planned(dueAt)(answered('right')(s))), outcome: 'callback', note: '', contact });
  return saved.id;
}

/** Every file under a folder, as text. */
function allText(folder: string): string {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('whom to call back', () => {
  it('is required with the outcome "callback": refused with what to fill in, nothing saved', async () => {
    const call = endedCall(planned(Date.now() + 3_600_000));
    const none = await dispatch(api, 'saveCall', { call, outcome: 'callback', note: '' });
    expect(none).toMatchObject({ ok: false, error: { code: 'bad-input', key: 'contact.phoneRequired' } });
    const bad = await dispatch(api, 'saveCall', { call, outcome: 'callback', note: '', contact: { ...CONTACT, phone: '12 34' } });
    expect(bad).toMatchObject({ ok: false, error: { key: 'contact.phoneInvalid', message: expect.stringContaining('600 700 800') } });
    const markup = await dispatch(api, 'saveCall', { call, outcome: 'callback', note: '', contact: { ...CONTACT, name: '<img src=x onerror=alert(1)>' } });
    expect(markup).toMatchObject({ ok: false, error: { key: 'contact.nameInvalid' } });
    expect((await api.listRecentCalls({ limit: 5 })).calls).toEqual([]);
    expect(readdirSync(dataDir)).not.toContain(CONTACTS_FILE);
  });

  it('is listed with its callback, tidied, survives a restart, and is readable by its owner only', async () => {
    const id = await agree();
    await services.close();
    await open();
    const [listed] = (await api.listCallbacks({})).callbacks;
    expect(listed).toMatchObject({ id, attempts: 0, contact: { phone: PHONE, name: 'Jan Kowalski', honorific: 'pan', caseRef: 'CAZ.5410.77.2026' } });
    if (process.platform !== 'win32') expect(statSync(join(dataDir, CONTACTS_FILE)).mode & 0o777).toBe(0o600);
  });

  it('never reaches the journal, the team copy or an export (CSV and JSONL)', async () => {
    await agree();
    await services.team.deliver();
    const csv = join(root, 'export.csv');
    const jsonl = join(root, 'export.jsonl');
    // Through the dispatcher, as a window asks: the filter's defaults are filled in there.
    for (const [format, path] of [['csv', csv], ['jsonl', jsonl]] as const) {
      expect(await dispatch(api, 'exportRegister', { filter: {}, sort: { key: 'startedAt', descending: true }, format, path })).toMatchObject({ ok: true });
    }
    const journal = allText(join(dataDir, 'calls'));
    expect(journal).toContain('"outcome":"callback"');
    for (const [where, text] of [
      ['journal', journal],
      ['team copy', allText(team)],
      ['CSV', readFileSync(csv, 'utf8')],
      ['JSONL', readFileSync(jsonl, 'utf8')],
    ] as const) {
      expect(text.length, where).toBeGreaterThan(0);
      expect(text.replace(/\D/g, ''), where).not.toContain('601234567');
      expect(text, where).not.toContain('Kowalski');
      expect(text, where).not.toContain('CAZ.5410.77');
    }
  });

  it('goes when its callback is kept by a call that reached the person', async () => {
    const id = await agree();
    await api.saveCall({ call: endedCall(answered('right'), id), outcome: 'resolved', note: '' });
    expect((await api.listCallbacks({})).callbacks).toEqual([]);
    expect(readdirSync(dataDir)).not.toContain(CONTACTS_FILE);
  });

  it('stays through unanswered attempts, which are counted', async () => {
    const id = await agree();
    for (const person of ['no-answer', 'someone-else', 'no-answer'] as const) {
      await api.saveCall({ call: endedCall(answered(person), id), outcome: 'no-contact', note: '' });
    }
    const [listed] = (await api.listCallbacks({})).callbacks;
    expect(listed).toMatchObject({ id, attempts: 3, contact: { phone: PHONE } });
  });

  it('a call made for it and ended before anyone answered, saved as no contact or interrupted, is an attempt: the contact stays', async () => {
    const id = await agree();
    await api.saveCall({ call: endedCall((s) => s, id), outcome: 'no-contact', note: '' });
    await api.saveCall({ call: endedCall((s) => s, id), outcome: 'interrupted', note: '' });
    expect((await api.listCallbacks({})).callbacks).toEqual([expect.objectContaining({ id, attempts: 2, contact: expect.objectContaining({ phone: PHONE }) })]);
  });

  it('follows a callback re-agreed on its call, with the contact given there', async () => {
    const id = await agree();
    const again = await api.saveCall({
      call: endedCall((s) => planned(Date.now() + 7_200_000, 'po 14')(answered('someone-else')(s)), id),
      outcome: 'callback',
      note: '',
      contact: { ...CONTACT, phone: '42 123 45 67' },
    });
    const listed = (await api.listCallbacks({})).callbacks;
    expect(listed).toEqual([expect.objectContaining({ id: again.id, attempts: 1, contact: expect.objectContaining({ phone: '42 123 45 67' }) })]);
    const kept = JSON.parse(readFileSync(join(dataDir, CONTACTS_FILE), 'utf8')) as { contacts: { callbackId: string }[] };
    expect(kept.contacts.map((c) => c.callbackId)).toEqual([again.id]);
  });

  it('moves with a rescheduled callback (a journal line without client data) and goes with a cancelled one', async () => {
    const id = await agree();
    const later = Date.now() + 2 * 86_400_000;
    const moved = await api.changeCallback({ id: uuidv7(), callbackOf: id, change: 'rescheduled', dueAt: later });
    expect(moved.callbacks).toEqual([expect.objectContaining({ id, dueAt: new Date(later).toISOString(), rescheduled: true, contact: expect.objectContaining({ phone: PHONE }) })]);
    const stored = JSON.parse(readFileSync(join(dataDir, CONTACTS_FILE), 'utf8')) as { contacts: { dueAt: string }[] };
    expect(stored.contacts[0]!.dueAt).toBe(new Date(later).toISOString());

    const gone = await api.changeCallback({ id: uuidv7(), callbackOf: id, change: 'cancelled' });
    expect(gone.callbacks).toEqual([]);
    expect(readdirSync(dataDir)).not.toContain(CONTACTS_FILE);
    const lines = allText(join(dataDir, 'calls')).split('\n').filter((l) => l.includes('"callback-change"'));
    expect(lines).toHaveLength(2);
    expect(lines.join('').replace(/\D/g, '')).not.toContain('601234567');
  });

  it('refuses to change a callback that is not open, and a move to a time gone by', async () => {
    const id = await agree();
    const past = await dispatch(api, 'changeCallback', { id: uuidv7(), callbackOf: id, change: 'rescheduled', dueAt: Date.now() - 3_600_000 });
    expect(past).toMatchObject({ ok: false, error: { key: 'callbackTime.past' } });
    await api.changeCallback({ id: uuidv7(), callbackOf: id, change: 'cancelled' });
    const again = await dispatch(api, 'changeCallback', { id: uuidv7(), callbackOf: id, change: 'cancelled' });
    expect(again).toMatchObject({ ok: false, error: { key: 'callbackNotOpen' } });
    const unknown = await dispatch(api, 'changeCallback', { id: uuidv7(), callbackOf: uuidv7(), change: 'cancelled' });
    expect(unknown).toMatchObject({ ok: false, error: { key: 'callbackNotOpen' } });
  });

  it('is purged the set number of days after its callback was due; the callback stays, saying its contact is gone', async () => {
    const id = await agree();
    const stored = JSON.parse(readFileSync(join(dataDir, CONTACTS_FILE), 'utf8')) as { schemaVersion: number; contacts: { dueAt: string }[] };
    // As if it had been due 15 days ago: written the way the store writes it.
    stored.contacts[0]!.dueAt = new Date(Date.now() - 15 * 86_400_000).toISOString();
    writeFileSync(join(dataDir, CONTACTS_FILE), JSON.stringify(stored));
    await services.close();
    await open();
    const listed = (await api.listCallbacks({})).callbacks;
    expect(listed).toEqual([expect.objectContaining({ id, contact: null })]);
    expect(readdirSync(dataDir)).not.toContain(CONTACTS_FILE);
  });

  it('keeps it longer when the setting says so', async () => {
    const id = await agree();
    const prefs = (await api.getAppState({})).preferences;
    await api.savePreferences({ ...prefs, callbackContactDays: 30 });
    const stored = JSON.parse(readFileSync(join(dataDir, CONTACTS_FILE), 'utf8')) as { contacts: { dueAt: string }[] };
    stored.contacts[0]!.dueAt = new Date(Date.now() - 15 * 86_400_000).toISOString();
    writeFileSync(join(dataDir, CONTACTS_FILE), JSON.stringify(stored));
    await services.close();
    await open();
    expect((await api.listCallbacks({})).callbacks).toEqual([expect.objectContaining({ id, contact: expect.objectContaining({ phone: PHONE }) })]);
  });

  it('an unreadable file is set aside, not emptied in silence, and purged itself after the keeping period', async () => {
    const id = await agree();
    await services.close();
    writeFileSync(join(dataDir, CONTACTS_FILE), '{"schemaVersion":1,"contacts":[{"callbackId":');
    await open();
    // Said at start, once, naming the file it was set aside as.
    const aside = () => readdirSync(dataDir).filter((n) => n.startsWith('callback-contacts.corrupt-'));
    expect((await api.getAppState({})).notices).toEqual([{ code: 'callback-contacts-corrupt', file: aside()[0] }]);
    expect((await api.getAppState({})).notices).toEqual([]);
    expect((await api.listCallbacks({})).callbacks).toEqual([expect.objectContaining({ id, contact: null })]);
    expect(aside()).toHaveLength(1);
    // Older than the keeping: the next listing removes it.
    const old = (Date.now() - 15 * 86_400_000) / 1000;
    utimesSync(join(dataDir, aside()[0]!), old, old);
    await api.listCallbacks({});
    expect(readdirSync(dataDir).filter((n) => n.startsWith('callback-contacts.corrupt-'))).toEqual([]);
  });

  it('the register judges a moved callback by its new time, and one called off in time not at all', async () => {
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(start);
      const moved = await agree(start + 3_600_000);
      const calledOff = await agree(start + 3_600_000);
      vi.setSystemTime(start + 600_000);
      await api.changeCallback({ id: uuidv7(), callbackOf: moved, change: 'rescheduled', dueAt: start + 5 * 3_600_000 });
      await api.changeCallback({ id: uuidv7(), callbackOf: calledOff, change: 'cancelled' });
      // Three hours on: both first times long gone, nobody called — yet neither is late.
      vi.setSystemTime(start + 3 * 3_600_000);
      const page = await dispatch(api, 'queryRegister', { filter: {}, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 10, refresh: true, withSummary: true });
      expect(page).toMatchObject({ ok: true, result: { summary: { callbacksAgreed: 2, callbacksKeptOnTime: { count: 0, of: 0 } } } });
      // Six hours on: the moved one is late by its new time.
      vi.setSystemTime(start + 6 * 3_600_000);
      const later = await dispatch(api, 'queryRegister', { filter: {}, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 10, refresh: true, withSummary: true });
      expect(later).toMatchObject({ ok: true, result: { summary: { callbacksKeptOnTime: { count: 0, of: 1 } } } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('a folder where the store should be leaves the callbacks listed, without whom to call', async () => {
    const id = await agree();
    await services.close();
    rmSync(join(dataDir, CONTACTS_FILE));
    mkdirSync(join(dataDir, CONTACTS_FILE));
    await open();
    expect((await api.listCallbacks({})).callbacks).toEqual([expect.objectContaining({ id, contact: null })]);
  });
});
