import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch, type HandlerTable } from '../../electron/handlers';
import type { AppServices, DesktopShell } from '../../electron/services/app-services';
import { serializeRecord } from '../../electron/services/journal-format';
import { apiContract, describeIssues, polishIssueMessages, type ApiMethod } from '../../shared/contract/api';
import { API_METHOD_NAMES } from '../../shared/contract/api-methods';
import { callReducer, type ActiveCall, type CallState } from '../../shared/call/call-machine';
import { endedCall as sharedEndedCall } from '../helpers/calls';
import { JournalRecordSchema } from '../../shared/journal/journal-record';
import { DEFAULT_PREFERENCES } from '../../shared/settings/preferences';
import { sampleRecord } from '../helpers/records';
import { useServicesOnTempFolder } from '../helpers/services';
import { applyJsonMutation, fuzzRuns, jsonMutation, sameTypeMutation, shadowingObject, type Json, type JsonPath } from './arbitraries';
import { scratchFolder } from './scratch';

const scratch = scratchFolder('api');
/** The sandbox: the services' data in data/, beside the team, export and office folders a valid input names. */
const temp = useServicesOnTempFolder('api-', { scope: 'file', root: scratch, dataIn: 'data' });

/**
 * Every method of the API contract, called through the real dispatcher on
 * services opened over a temp folder, with whatever a tampered page or a
 * buggy client could send: the answer is a result or a structured error
 * whose message names each field that was wrong — never an exception, never
 * an internal error for bad input.
 */
let services: AppServices;
let handlers: HandlerTable;
let sandbox: string;
const logged: string[] = [];

/** The desktop shell's side, as the app has it, minus a window: every call is taken, no hotkey refused. */
const shell: DesktopShell = { apply: () => [], followCall: () => undefined, suspendHotkeys: () => undefined, windowControl: () => undefined };

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  sandbox = temp.folder;
  for (const folder of ['team', 'exports', 'office']) mkdirSync(join(sandbox, folder));
  // The office's own directory, small (a few matters) so that checking it thousands of times stays quick.
  const shipped = JSON.parse(readFileSync('resources/directory.json', 'utf8')) as { matters: unknown[] };
  writeFileSync(join(sandbox, 'office', 'katalog.json'), JSON.stringify({ ...shipped, matters: shipped.matters.slice(0, 3) }, null, 2));
  const exported = serializeRecord(JournalRecordSchema.parse({ ...sampleRecord(new Date(Date.UTC(2026, 0, 5, 9))), prevHash: '0'.repeat(64) }));
  writeFileSync(join(sandbox, 'eksport.jsonl'), exported + '\n');
  ({ services, api: handlers } = await temp.open({
    shell,
    notifier: () => true,
    chooseSavePath: async (name) => join(sandbox, 'exports', name),
    chooseOpenPath: async () => join(sandbox, 'eksport.jsonl'),
    printToPdf: async () => new TextEncoder().encode('%PDF-1.7\n'),
  }));
  await handlers.saveProfile({ firstName: 'Anna', lastName: 'Nowak', role: 'pracownik', unit: 'Dział Ewidencji i Świadczeń', officeName: 'Powiatowy Urząd Pracy w Łodzi' });
});

afterAll(() => {
  vi.restoreAllMocks();
});

function endedCall(direction: 'incoming' | 'outgoing', extra: (s: CallState) => CallState = (s) => s): ActiveCall {
  return sharedEndedCall(services.content.checklists.find((c) => c.direction === direction)!, extra);
}

/** Valid inputs of every method, a few of each: the starting points the mutations break. */
function validInputs(): Record<ApiMethod, Json[]> {
  const soon = Date.now() + 3 * 3_600_000;
  const callback = endedCall('outgoing', (s) => callReducer(s, { type: 'set-callback', plan: { dueAt: soon, reference: 'PESEL 44051401359, tel. 601 234 567' } }));
  const routed = endedCall('incoming', (s) => callReducer(s, { type: 'route', unit: { id: 'zus', name: 'ZUS', external: true }, at: Date.now() - 30_000 }));
  const invited = endedCall('incoming', (s) => callReducer(s, { type: 'invite', appointmentAt: soon, at: Date.now() - 30_000 }));
  const sort = { key: 'startedAt', descending: true };
  const filter = { from: '2026-01-01', to: '2030-12-31', clerkIds: [], direction: null, outcomes: ['resolved', 'callback'], routedUnitIds: [], missed: '*' };
  const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Json;
  return {
    getAppState: [{}],
    saveProfile: [{ firstName: 'Anna Maria', lastName: 'Nowak-Kowalska', role: 'stazysta', unit: 'Centrum Aktywizacji Zawodowej', officeName: 'Powiatowy Urząd Pracy w Łodzi' }],
    saveOfficeFiles: [{ directory: join(sandbox, 'office', 'katalog.json'), glossary: null }, { directory: null, glossary: null }],
    openDirectoryEditor: [{}],
    exportDirectoryTable: [{ table: 'sites', rows: [['Identyfikator', 'Nazwa', 'Adres', 'Godziny'], ['milionowa', 'Siedziba', 'ul. Milionowa 91', '']] }],
    importDirectoryTable: [{ upload: null }, { upload: 'a'.repeat(32) }],
    countSearchMiss: [{ query: 'zgubiłem kwitek, PESEL 44051401359' }],
    searchMissReport: [{ month: '2026-12' }],
    saveDirectoryEdits: [
      // Small, as the office file above: checking thousands of directories stays quick.
      json({ directory: { file: join(sandbox, 'office', 'edited.json'), baseHash: null, value: { ...services.content.directory, matters: services.content.directory.matters.slice(0, 3) } } }),
      json({ glossary: { file: join(sandbox, 'office', 'edited-glossary.json'), baseHash: 'a'.repeat(64), value: { ...services.content.glossary, terms: services.content.glossary.terms.slice(0, 3) } } }),
    ],
    savePreferences: [json(DEFAULT_PREFERENCES), json({ ...DEFAULT_PREFERENCES, language: 'en', hotkeys: { ...DEFAULT_PREFERENCES.hotkeys, privacy: 'Ctrl+Shift+F12' } })],
    windowControl: [{ action: 'minimize' }, { action: 'hide' }],
    suspendHotkeys: [{ suspended: true }, { suspended: false }],
    followCall: [{ startedAt: Date.now() }, { startedAt: null }],
    saveDraft: [json({ state: { phase: 'wrap-up', call: callback, outcome: 'callback', note: 'Oddzwonić pod 601 234 567' } }), json({ state: { phase: 'in-call', call: routed } }), { state: { phase: 'idle' } }],
    saveCall: [
      json({ call: callback, outcome: 'callback', note: 'PESEL 44051401359', contact: { phone: '601 234 567', name: 'Jan Kowalski', honorific: 'pan', spokenName: null, caseRef: 'CAZ.5410.12.2026' } }), json({ call: routed, outcome: 'routed', note: '' }), json({ call: invited, outcome: 'invited', note: 'Zaproszenie' })],
    saveShift: [{ id: uuidv7(), skipped: false, done: ['badge-worn', 'desk-clear'] }, { id: uuidv7(), skipped: true, done: [] }],
    listCallbacks: [{}],
    changeCallback: [
      { id: uuidv7(), callbackOf: '0190a7c4-8f2e-7a10-9d4b-0123456789ab', change: 'rescheduled', dueAt: soon },
      { id: uuidv7(), callbackOf: '0190a7c4-8f2e-7a10-9d4b-0123456789ab', change: 'cancelled' },
    ],
    notify: [{ title: 'Oddzwonienie', body: 'Za 5 minut' }],
    listRecentCalls: [{ limit: 20 }],
    queryRegister: [json({ filter, sort, offset: 0, limit: 50, refresh: false, withSummary: true }), json({ filter: {}, sort: { key: 'score', descending: false }, offset: 10, limit: 5, refresh: true, withSummary: false })],
    saveTeamSettings: [{ teamFolder: join(sandbox, 'team'), retentionMonths: 24 }, { teamFolder: null, retentionMonths: 36 }],
    listRegisterProblems: [{ offset: 0, limit: 20 }, { offset: 40, limit: 200 }],
    registerCall: [{ id: '0190a7c4-8f2e-7a10-9d4b-0123456789ab' }],
    acknowledgeJournalAlerts: [{ ids: ['local|calls/x/2026-01.jsonl|broken-chain|3'] }],
    getTeamStatus: [{}],
    applyRetention: [{ months: ['2001-01', '2002-02'] }],
    exportRegister: [json({ filter, sort, format: 'csv', path: null }), json({ filter: {}, sort, format: 'jsonl', path: null })],
    importRecords: [{ path: null }],
    printReport: [{ suggestedName: 'raport-2026-01.pdf' }],
  };
}

type Case = { input: Json; wrongTypeAt?: JsonPath };

/** Anything at all; a valid input; one broken by a few mutations; or one with a value of the wrong type at a known place. */
function inputs(valid: Json[]): fc.Arbitrary<Case> {
  const start = fc.constantFrom(...valid);
  return fc.oneof(
    // Mostly bad input, which is what is fuzzed here; valid ones now and then keep the handlers' state moving.
    { weight: 12, arbitrary: fc.oneof(fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, shadowingObject).map((input) => ({ input })) },
    { weight: 1, arbitrary: start.map((input) => ({ input })) },
    { weight: 4, arbitrary: fc.tuple(start, fc.array(jsonMutation, { minLength: 1, maxLength: 3 })).map(([v, ms]) => ({ input: ms.reduce((d, m) => applyJsonMutation(d, m).doc, v) })) },
    // Values changed but not their types: what passes the schema reaches the handler with odd values (dates at the ends of time, huge numbers, any text).
    { weight: 2, arbitrary: fc.tuple(start, fc.array(sameTypeMutation, { minLength: 1, maxLength: 3 })).map(([v, ms]) => ({ input: ms.reduce((d, m) => applyJsonMutation(d, m).doc, v) })) },
    {
      weight: 6,
      arbitrary: fc.tuple(start, fc.nat(), fc.nat()).map(([v, at, pick]) => {
        const { doc, path } = applyJsonMutation(v, { kind: 'wrong-type', at, pick });
        return { input: doc, wrongTypeAt: path };
      }),
    },
  );
}

/** A path on this machine outside the sandbox that a valid input would make the service read or write (the tests run with any rights). */
function reachesOutside(method: ApiMethod, input: Json): boolean {
  if (method !== 'saveTeamSettings' && method !== 'saveOfficeFiles') return false;
  const parsed = apiContract[method].input.safeParse(input ?? {});
  if (!parsed.success) return false;
  const paths = Object.values(parsed.data).filter((p): p is string => typeof p === 'string');
  return paths.some((p) => existsSync(p) && !resolve(p).startsWith(sandbox + sep));
}

const SERVICE_CODES = ['bad-input', 'no-profile', 'forbidden', 'storage'];

async function expectStructured(method: ApiMethod, { input, wrongTypeAt }: Case): Promise<void> {
  const envelope = await dispatch(handlers, method, input);
  const parsed = apiContract[method].input.safeParse(input ?? {}, { error: polishIssueMessages });
  if (!parsed.success) {
    // Refused at the door, before any handler ran, with every wrong field named and why.
    assert.deepEqual(envelope, { ok: false, error: { code: 'bad-input', message: describeIssues(parsed.error), key: 'badInput', params: { detail: describeIssues(parsed.error) } } });
    const message = (envelope as { error: { message: string } }).error.message;
    for (const issue of parsed.error.issues) {
      const named = `${issue.path.length ? issue.path.join('.') : '(całość)'}: `;
      assert.ok(message.startsWith(named) || message.includes(`; ${named}`), `${named} in ${message}`);
      assert.ok(issue.message.trim() !== '');
    }
    assert.ok(!/\bInvalid\b|\breceived\b/.test(message), `said in Polish: ${message}`);
    // (null stands for "no input" on both transports: read as {}, so its fields are what is missing.)
    if (wrongTypeAt && input !== null) {
      // The value put wrong is named: its own field, one around it (a union names its own place) or one inside it (an object for null).
      const within = (outer: PropertyKey[], inner: PropertyKey[]) => outer.length <= inner.length && outer.every((key, i) => key === inner[i]);
      assert.ok(parsed.error.issues.some((i) => within(i.path, wrongTypeAt) || within(wrongTypeAt, i.path)), `${wrongTypeAt.join('.')} in ${message}`);
    }
    return;
  }
  if (envelope.ok) return;
  assert.ok(SERVICE_CODES.includes(envelope.error.code), `${method} ${JSON.stringify(input).slice(0, 300)} → ${JSON.stringify(envelope.error)}`);
  assert.ok(envelope.error.message.trim().length > 0);
}

describe('every API method, fuzzed through the dispatcher', () => {
  it('the contract lists every method the fuzz covers', () => {
    expect(Object.keys(validInputs()).sort()).toEqual([...API_METHOD_NAMES].sort());
  });

  it.each([...API_METHOD_NAMES])('%s: any input gets a result or a structured refusal naming what was wrong', async (method) => {
    const valid = validInputs()[method];
    const ran = new Set<string>();
    await fc.assert(
      fc.asyncProperty(inputs(valid), async (c) => {
        fc.pre(!reachesOutside(method, c.input));
        // An input the handler already ran, as validated (a stripped key, the same valid input again), would only repeat a write: skipped, not counted.
        const parsed = apiContract[method].input.safeParse(c.input ?? {});
        if (parsed.success) {
          const key = JSON.stringify(parsed.data);
          fc.pre(!ran.has(key));
          ran.add(key);
        }
        await expectStructured(method, c);
      }),
      fuzzRuns(10_000),
    );
    expect(logged).toEqual([]);
  });

  it('an unknown method is refused by name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty')), fc.jsonValue(), async (name, input) => {
        fc.pre(!(API_METHOD_NAMES as readonly string[]).includes(name));
        expect(await dispatch(handlers, name, input)).toEqual({ ok: false, error: { code: 'bad-input', message: `Nieznana metoda: ${name}`, key: 'unknownMethod', params: { method: name } } });
      }),
      fuzzRuns(1_000),
    );
  });
});

describe('ids taken by another kind of record (found while fuzzing the API)', () => {
  it('a call with the id of a saved readiness check is refused as bad input, not as an internal error; and the other way round', async () => {
    const id = uuidv7();
    await handlers.saveShift({ id, skipped: true, done: [] });
    const envelope = await dispatch(handlers, 'saveCall', { call: { ...endedCall('incoming'), id }, outcome: 'resolved', note: '' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'bad-input', key: 'idTaken', message: expect.stringContaining('Nic nie zapisano') } });
    const call = endedCall('incoming');
    expect(await dispatch(handlers, 'saveCall', { call, outcome: 'resolved', note: '' })).toMatchObject({ ok: true });
    expect(await dispatch(handlers, 'saveShift', { id: call.id, skipped: true, done: [] })).toMatchObject({ ok: false, error: { code: 'bad-input', key: 'idTaken' } });
  });
});
