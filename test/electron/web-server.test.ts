import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sendRaw, type Reply, type RequestOptions } from '../helpers/http';
import { useServicesOnTempFolder } from '../helpers/services';
import type { BrowserExchange } from '../../electron/services/file-exchange';
import type { AppServices } from '../../electron/services/app-services';
import { parseWebArgs } from '../../electron/web-cli';
import { MAX_BODY_BYTES, startWebServer, type RunningWebServer } from '../../electron/web';

const TOKEN = 'test-token-0123456789abcdef';
let services: AppServices;
let web: RunningWebServer;
const logged: string[] = [];
let uploadDir: string;
/** The page's folder (and a file beside it that must never be served), the services' data in data/. */
const temp = useServicesOnTempFolder('web-', { scope: 'file', dataIn: 'data' });

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  }
  const dataDir = temp.folder;
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dataDir, 'secret.txt'), 'tajne');
  const opened = await temp.open();
  services = opened.services;
  const handlers = opened.api;
  web = await startWebServer({
    handlers,
    rendererDir,
    token: TOKEN,
    port: 0,
    files: services.files as BrowserExchange,
    maxUploadBytes: 64 * 1024,
  });
  uploadDir = (services.files as BrowserExchange).uploadDir;
});

afterAll(async () => {
  await web.close();
  vi.restoreAllMocks();
});

const send = (path: string, options: RequestOptions = {}): Promise<Reply> => sendRaw(web.port, path, options);

const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  send(`/api/${method}`, {
    headers: { 'content-type': 'application/json', 'x-asystent-token': TOKEN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('web mode server', () => {
  it('listens on 127.0.0.1 only and prints an address with the token in the fragment', () => {
    expect(web.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/#token=${TOKEN}`);
  });

  it('answers a valid call with the token', async () => {
    const reply = await api('getAppState', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, result: { profile: null } });
  });

  it('refuses a call without the token (401) and with a wrong one (403)', async () => {
    const none = await send('/api/getAppState', { headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    const wrong = await api('getAppState', {}, { 'x-asystent-token': 'guess' });
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body).error.message).toMatch(/klucz/);
  });

  it('refuses cross-site requests: a foreign Origin, a cross-site fetch, a foreign Host', async () => {
    expect((await api('getAppState', {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('getAppState', {}, { origin: `http://127.0.0.1:${web.port + 1}` })).status).toBe(403);
    expect((await api('getAppState', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await api('getAppState', {}, { host: `evil.example:${web.port}` })).status).toBe(403);
    expect((await api('getAppState', {}, { origin: `http://127.0.0.1:${web.port}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('answers bad input with 400 and a message saying what is wrong', async () => {
    const badJson = await api('saveProfile', '{"firstName":');
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body).error.message).toMatch(/JSON/);

    const invalid = await api('saveProfile', { firstName: 'Anna', lastName: 'N0wak', role: 'pracownik', unit: ' ', officeName: 'PUP' });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.message).toBe('lastName: digits; unit: required');

    const unknown = await api('dropTables', {});
    expect(unknown.status).toBe(400);
    const extra = await api('getAppState', { admin: true });
    expect(extra.status).toBe(400);
  });

  it('refuses a body that is too large (413), a non-JSON content type (415), and GET on the API (405)', async () => {
    expect((await api('saveDraft', 'x'.repeat(MAX_BODY_BYTES + 10))).status).toBe(413);
    const text = await send('/api/getAppState', { headers: { 'content-type': 'text/plain', 'x-asystent-token': TOKEN }, body: '{}' });
    expect(text.status).toBe(415);
    expect((await send('/api/getAppState', { method: 'GET', headers: { 'x-asystent-token': TOKEN } })).status).toBe(405);
  });

  it('saving a call before a profile exists is a clear 409, not a crash', async () => {
    const reply = await api('saveCall', {
      call: {
        id: '0192f3a0-0000-7000-8000-000000000001',
        direction: 'incoming',
        startedAt: 1,
        endedAt: 2,
        checklist: services.content.checklists[0],
        items: {},
        personalData: false,
        outbound: null,
        callback: null,
        callbackOf: null,
      },
      outcome: 'resolved',
      note: '',
    });
    expect(reply.status).toBe(409);
    expect(JSON.parse(reply.body).error.message).toBe('Najpierw zapisz profil.');
  });

  it('serves the app with a strict CSP and never serves files outside it', async () => {
    const page = await send('/', { method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await send('/assets/app.js', { method: 'GET' })).headers['content-type']).toMatch(/javascript/);
    expect((await send('/../secret.txt', { method: 'GET' })).status).toBe(404);
    expect((await send('/%2e%2e/secret.txt', { method: 'GET' })).status).toBe(404);
    expect((await send('/%E0%A4%A', { method: 'GET' })).status).toBe(400);
  });

  it('an export is a contract method; its file is downloaded once, only with the token and from this page, a CSV with its file name', async () => {
    const body = { filter: {}, sort: { key: 'startedAt', descending: true }, format: 'csv', path: null };
    expect((await api('exportRegister', { ...body, format: 'xls' })).status).toBe(400);
    const given = JSON.parse((await api('exportRegister', body)).body) as { result: { path: null; download: string; rows: number } };
    expect(given.result).toMatchObject({ path: null, download: expect.stringMatching(/^\/files\/[0-9a-f]{32}$/) });
    const address = given.result.download;
    const headers = { 'content-type': 'application/json', 'x-asystent-token': TOKEN };
    expect((await send(address, { headers: { 'content-type': 'application/json' }, body: '' })).status).toBe(401);
    expect((await send(address, { headers: { ...headers, origin: 'http://evil.example' }, body: '' })).status).toBe(403);
    const ok = await send(address, { headers, body: '' });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(ok.headers['content-disposition']).toMatch(/^attachment; filename="rejestr-rozmow-.*\.csv"$/);
    expect(ok.body.startsWith('\uFEFFData rozpoczęcia;')).toBe(true);
    // Once: the same address again, or one never given, finds nothing.
    expect((await send(address, { headers, body: '' })).status).toBe(404);
    expect((await send(`/files/${'0'.repeat(32)}`, { headers, body: '' })).status).toBe(404);
  });

  it('an upload is taken only with the token; imported by the contract method, a file of another tool is refused by its name to the person, and nothing is kept', async () => {
    const headers = { 'content-type': 'application/x-ndjson', 'x-asystent-token': TOKEN };
    expect((await send('/files', { headers: { 'content-type': 'application/x-ndjson' }, body: '{}' })).status).toBe(401);
    expect((await send('/files', { headers: { ...headers, 'sec-fetch-site': 'cross-site' }, body: '{}' })).status).toBe(403);
    const tooLarge = await send('/files', { headers, body: 'x'.repeat(64 * 1024 + 1) });
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body).error.message).toMatch(/^Plik jest za duży/);
    expect(existsSync(uploadDir) ? readdirSync(uploadDir) : []).toEqual([]);
    const uploaded = await send('/files', { headers, body: 'Data;Pracownik\n2026-10-01;Anna\n' });
    expect(uploaded.status).toBe(200);
    const { upload } = (JSON.parse(uploaded.body) as { result: { upload: string } }).result;
    const refused = await api('importRecords', { path: null, upload });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { key: 'importNotExport', message: expect.stringMatching(/^Przesłany plik: to nie jest eksport rozmów/) } });
    // Named as the person chose it, when the page says the name.
    const named = await send('/files', { headers: { ...headers, 'x-file-name': encodeURIComponent('eksport Anny.csv') }, body: 'Data;Pracownik\n' });
    const namedRefused = await api('importRecords', { path: null, upload: (JSON.parse(named.body) as { result: { upload: string } }).result.upload });
    expect(JSON.parse(namedRefused.body)).toMatchObject({ ok: false, error: { params: { file: 'eksport Anny.csv' }, message: expect.stringMatching(/^eksport Anny\.csv: to nie jest eksport rozmów/) } });
    // Taken once: gone from the disk, and the same id again is said to be gone.
    expect(existsSync(uploadDir) ? readdirSync(uploadDir) : []).toEqual([]);
    expect(JSON.parse((await api('importRecords', { path: null, upload })).body)).toMatchObject({ ok: false, error: { key: 'importUploadGone' } });
    // The page can never name a file on disk itself: export and import go through the dialogs, the download and the upload.
    const byPath = await api('exportRegister', { filter: {}, sort: { key: 'startedAt', descending: true }, format: 'csv', path: join(tmpdir(), 'anywhere.csv') });
    expect(byPath.status).toBe(403);
    expect((await api('importRecords', { path: join(tmpdir(), 'some-file.jsonl') })).status).toBe(403);
  });

  it('never writes the token to the log', () => {
    expect(logged.join('\n')).not.toContain(TOKEN);
  });
});

describe('npm run web arguments', () => {
  it('reads --port, --data-dir and --new-token; by default the last start’s port (or any free one) and the kept key', () => {
    expect(parseWebArgs(['--port', '8123', '--data-dir', 'dane'])).toMatchObject({ port: 8123, newToken: false });
    expect(parseWebArgs(['--port', '8123', '--data-dir', 'dane']).dataDir).toMatch(/dane$/);
    expect(parseWebArgs([], { XDG_CONFIG_HOME: join(tmpdir(), 'config') })).toMatchObject({ port: null, newToken: false });
    expect(parseWebArgs(['--new-token'])).toMatchObject({ newToken: true });
  });

  it('explains a bad port or an unknown option', () => {
    expect(() => parseWebArgs(['--port', 'abc'])).toThrow('--port: podaj liczbę od 0 do 65535');
    expect(() => parseWebArgs(['--port', '70000'])).toThrow('--port');
    expect(() => parseWebArgs(['--data-dir', ' '])).toThrow('--data-dir');
    expect(() => parseWebArgs(['--colour'])).toThrow();
  });
});

describe('web mode’s key and port, kept for the next start', () => {
  it('the same key and port come back; --new-token changes the key alone; the file is the owner’s only; a broken file costs a new key', async () => {
    const { loadWebAccess, saveWebAccess } = await import('../../electron/services/web-access');
    const { mkdtempSync, statSync, writeFileSync, rmSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'web-access-'));
    try {
      const first = await loadWebAccess(dir, false);
      expect(first.port).toBeNull();
      await saveWebAccess(dir, { ...first, port: 8123 });
      expect(statSync(join(dir, 'web-access.json')).mode & 0o777).toBe(0o600);
      expect(await loadWebAccess(dir, false)).toEqual({ token: first.token, port: 8123 });
      const renewed = await loadWebAccess(dir, true);
      expect(renewed.port).toBe(8123);
      expect(renewed.token).not.toBe(first.token);
      writeFileSync(join(dir, 'web-access.json'), '{"token":"x"');
      const fresh = await loadWebAccess(dir, false);
      expect(fresh.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(fresh.token).not.toBe(first.token);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
