import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserExchange } from '../../electron/services/file-exchange';
import type { AppServices } from '../../electron/services/app-services';
import { bodyLimit, MAX_BODY_BYTES, startWebServer, TOKEN_HEADER, type RunningWebServer } from '../../electron/web';
import { apiContract, describeIssues, isApiMethod, polishIssueMessages } from '../../shared/contract/api';
import { API_METHOD_NAMES } from '../../shared/contract/api-methods';
import { anyBytes, anyText, applyJsonMutation, fuzzRuns, jsonMutation, mutatedText, shadowingObject, type Json } from './arbitraries';
import { useServicesOnTempFolder } from '../helpers/services';
import { scratchFolder } from './scratch';

const scratch = scratchFolder('web');
/** The page's folder (and a file beside it that must never be served), the services' data in data/. */
const temp = useServicesOnTempFolder('web-', { scope: 'file', root: scratch, dataIn: 'data' });

/**
 * Web mode's HTTP side, with real requests over one kept-alive connection:
 * whatever the body, headers or method name, the answer is a 2xx for a valid
 * call or a 4xx with a JSON body saying what was wrong — never a 500, never a
 * request left hanging — and the server answers as before afterwards.
 */
const TOKEN = 'fuzz-token-0123456789abcdef';
const UPLOAD_LIMIT = 16 * 1024;
const PAGE = '<!doctype html><title>t</title>';
const SECRET = 'tajne-dane';
let services: AppServices;
let web: RunningWebServer;
let uploadDir: string;
const logged: string[] = [];

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  const dir = temp.folder;
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), PAGE);
  // Beside the page, never to be served: what a path that climbs out of the page's folder would reach.
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  const opened = await temp.open();
  services = opened.services;
  uploadDir = (services.files as BrowserExchange).uploadDir;
  web = await startWebServer({
    handlers: opened.api,
    rendererDir,
    token: TOKEN,
    port: 0,
    files: services.files as BrowserExchange,
    maxUploadBytes: UPLOAD_LIMIT,
  });
});

afterAll(async () => {
  await web.close();
  vi.restoreAllMocks();
});

/** Inputs a page would send, to break: what each method takes when it is whole. */
const VALID: Record<string, Json> = {
  getAppState: {},
  saveProfile: { firstName: 'Anna', lastName: 'Nowak', role: 'pracownik', unit: 'Dział Ewidencji i Świadczeń', officeName: 'Powiatowy Urząd Pracy w Łodzi' },
  saveOfficeFiles: { directory: null, glossary: null },
  windowControl: { action: 'hide' },
  suspendHotkeys: { suspended: false },
  followCall: { startedAt: null },
  notify: { title: 'Oddzwonienie', body: 'Za 5 minut' },
  listRecentCalls: { limit: 10 },
  listCallbacks: {},
  changeCallback: { id: '0190a7c4-8f2e-7a10-9d4b-0123456789ac', callbackOf: '0190a7c4-8f2e-7a10-9d4b-0123456789ab', change: 'cancelled' },
  getTeamStatus: {},
  saveShift: { id: '0190a7c4-8f2e-7a10-9d4b-0123456789ab', skipped: true, done: [] },
  queryRegister: { filter: {}, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 20, refresh: false, withSummary: true },
  exportRegister: { filter: {}, sort: { key: 'startedAt', descending: true }, format: 'csv', path: null },
  importRecords: { path: null },
  printReport: { suggestedName: 'raport.pdf' },
  registerCall: { id: '0190a7c4-8f2e-7a10-9d4b-0123456789ab' },
  applyRetention: { months: ['2001-01'] },
};
const validFor = (method: string): Json => (Object.hasOwn(VALID, method) ? VALID[method]! : {});

/** A body as a page, a broken client or an attacker might send it. */
const body = (target: string): fc.Arbitrary<Uint8Array | string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 3, arbitrary: fc.array(jsonMutation, { minLength: 1, maxLength: 3 }).map((ms) => JSON.stringify(ms.reduce((d, m) => applyJsonMutation(d, m).doc, validFor(target)))) },
    { weight: 2, arbitrary: mutatedText(JSON.stringify(validFor(target))) },
    { weight: 2, arbitrary: anyBytes },
    { weight: 1, arbitrary: anyText },
    { weight: 1, arbitrary: shadowingObject.map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.constantFrom('', 'null', '{}', '[]', '"\\ud800"', '{"a":"\\u0000"}', '['.repeat(50_000) + ']'.repeat(50_000), JSON.stringify(validFor(target))) },
    // Past the limit: read to the end and refused, the connection still usable.
    { weight: 1, arbitrary: fc.integer({ min: MAX_BODY_BYTES - 64, max: MAX_BODY_BYTES + 64 }).map((n) => JSON.stringify({ title: 'ż'.repeat(n / 2), body: '' })) },
  );

type Probe = { path: string; target: string; headers: Record<string, string>; body: Uint8Array | string };

const probe: fc.Arbitrary<Probe> = fc
  .record({
    route: fc.constantFrom('api', 'api', 'api', 'api', 'api', 'api', 'download', 'upload'),
    method: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...API_METHOD_NAMES) }, { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString', '')) }),
    token: fc.constantFrom('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'none', 'wrong'),
    contentType: fc.constantFrom('application/json', 'application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'none'),
    origin: fc.constantFrom('none', 'none', 'none', 'none', 'same', 'foreign'),
  })
  .chain(({ route, method, token, contentType, origin }) => {
    const target = route === 'api' ? method : route;
    return body(target).map((b): Probe => {
      const headers: Record<string, string> = {};
      if (token !== 'none') headers[TOKEN_HEADER] = token === 'ok' ? TOKEN : 'x' + TOKEN.slice(1);
      if (contentType !== 'none') headers['content-type'] = contentType;
      if (origin !== 'none') headers.origin = origin === 'same' ? `http://127.0.0.1:${web.port}` : 'http://evil.example';
      // A download asked for by an address never given (a real one is given by exportRegister, once).
      const path = route === 'api' ? `/api/${encodeURIComponent(method)}` : route === 'download' ? `/files/${'ab'.repeat(16)}` : '/files';
      return { path, target, headers, body: b };
    });
  });

function jsonOf(bytes: Buffer): { value: unknown } | null {
  try {
    return { value: bytes.length === 0 ? {} : JSON.parse(bytes.toString('utf8')) };
  } catch {
    return null;
  }
}

/** What the server must answer, worked out from the request alone, as far as it can be without running the handler. */
function expected(p: Probe): { status: number[]; message?: string | RegExp; text?: true } {
  // "/api/.." is "/" once the URL is read: a page, not a call, and a page is only ever fetched.
  const pathname = new URL(`http://127.0.0.1${p.path}`).pathname;
  if (!pathname.startsWith('/api/') && pathname !== p.path) return { status: [405], text: true };
  const token = p.headers[TOKEN_HEADER];
  if (p.headers.origin?.includes('evil')) return { status: [403] };
  if (token === undefined) return { status: [401] };
  if (token !== TOKEN) return { status: [403] };
  const bytes = Buffer.from(p.body);
  if (p.target === 'upload') return { status: bytes.length > UPLOAD_LIMIT ? [413] : [200] };
  if (p.target === 'download') return { status: [404], message: /^Tego pliku już tu nie ma/ };
  if (!(p.headers['content-type'] ?? '').startsWith('application/json')) return { status: [415] };
  // The directory editor's two calls take the office's files whole: a larger limit of their own.
  if (bytes.length > bodyLimit(p.target)) return { status: [413] };
  const json = jsonOf(bytes);
  if (!json) return { status: [400], message: 'Treść żądania nie jest poprawnym JSON.' };
  // The name as it came in the URL (a page never escapes a method's name, so it is not unescaped either).
  const method = pathname.slice(5);
  if (!isApiMethod(method)) return { status: [400], message: `Nieznana metoda: ${method}` };
  const input = apiContract[method].input.safeParse(json.value ?? {}, { error: polishIssueMessages });
  if (!input.success) return { status: [400], message: describeIssues(input.error) };
  // A valid call: done, or refused by the service for a reason of its own (no profile yet, a dialog the browser has not).
  return { status: [200, 400, 403, 409, 503] };
}

const getAppState: Probe = { path: '/api/getAppState', target: 'getAppState', headers: { [TOKEN_HEADER]: TOKEN, 'content-type': 'application/json' }, body: '{}' };

/** One connection, kept alive across requests as a browser keeps it. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
afterAll(() => agent.destroy());

/** POSTs a probe; a request not answered within 10 s fails the test (a hang is a failure, not a wait). */
function send(p: Probe): Promise<{ status: number; body: Buffer; type: string | null }> {
  const data = Buffer.from(p.body);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: web.port, path: p.path, method: 'POST', agent, headers: { ...p.headers, 'content-length': String(data.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), type: res.headers['content-type'] ?? null }));
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer in 10 s: ${p.path}`)));
    req.on('error', reject);
    req.end(data);
  });
}

describe('web mode over HTTP, fuzzed', () => {
  it('every request is answered at once: a 2xx, or a 4xx whose JSON says what was wrong; never a 500', async () => {
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(probe, async (p) => {
        requests++;
        const want = expected(p);
        const reply = await send(p);
        assert.ok(want.status.includes(reply.status), `${p.path} ${JSON.stringify(p.headers)} → ${reply.status} ${reply.body.toString().slice(0, 300)}, expected ${want.status}`);
        if (reply.status === 200 && p.target === 'upload') {
          // Taken as the page takes it: by the import, which names the file as the person knows it, and leaves nothing behind.
          const { upload } = (JSON.parse(reply.body.toString('utf8')) as { result: { upload: string } }).result;
          const imported = await send({ ...getAppState, path: '/api/importRecords', target: 'importRecords', body: JSON.stringify({ path: null, upload }) });
          const answer = JSON.parse(imported.body.toString('utf8')) as { ok: boolean; error?: { message: string } };
          if (!answer.ok) assert.match(answer.error?.message ?? '', /^Przesłany plik(: to nie jest eksport| jest pusty)/);
          return;
        }
        if (want.text) return assert.match(reply.type ?? '', /^text\/plain/);
        assert.match(reply.type ?? '', /^application\/json/);
        const answer = JSON.parse(reply.body.toString('utf8')) as { ok: boolean; error?: { code: string; message: string } };
        assert.equal(answer.ok, reply.status === 200);
        if (answer.ok) return;
        assert.ok(answer.error && answer.error.code.length > 0 && answer.error.message.trim().length > 0, reply.body.toString());
        assert.notEqual(answer.error.code, 'internal');
        if (typeof want.message === 'string') assert.equal(answer.error.message, want.message);
        else if (want.message) assert.match(answer.error.message, want.message);
      }),
      fuzzRuns(10_000),
    );
    // Every request answered (a hang fails it: see send), with the connection kept alive throughout.
    expect(requests).toBeGreaterThan(0);
    expect(logged).toEqual([]);
    expect(existsSync(uploadDir) ? readdirSync(uploadDir) : []).toEqual([]);

    expect((await send(getAppState)).status).toBe(200);
  });

  it('broken HTTP — garbage bytes, a request cut off mid-body — closes that connection only; the server answers the next one', async () => {
    const headers = `${TOKEN_HEADER}: ${TOKEN}\r\ncontent-type: application/json\r\nhost: 127.0.0.1:${web.port}`;
    const broken = fc.oneof(
      anyBytes.map((b) => Buffer.from(b)),
      anyText.map((t) => Buffer.from(`POST /api/getAppState HTTP/1.1\r\n${t}`)),
      // Headers promise more than the client sends before it goes away (a closed laptop, a dropped VPN).
      fc
        .record({ path: fc.constantFrom('/api/getAppState', '/api/saveProfile', '/files', `/files/${'ab'.repeat(16)}`), body: anyText, more: fc.integer({ min: 1, max: 100_000 }) })
        .map(({ path, body: b, more }) => Buffer.from(`POST ${path} HTTP/1.1\r\n${headers}\r\ncontent-length: ${Buffer.byteLength(b) + more}\r\n\r\n${b}`)),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(broken, fc.boolean(), async (bytes, halfClose) => {
        await new Promise<void>((resolve, reject) => {
          const socket = connect(web.port, '127.0.0.1', () => {
            socket.write(bytes);
            if (halfClose) socket.end();
            else setImmediate(() => socket.destroy());
          });
          socket.on('data', () => undefined);
          socket.on('error', () => undefined);
          // The server closes its side once the client has gone: a connection left open would be a hang.
          const timer = setTimeout(() => reject(new Error(`connection not closed: ${JSON.stringify(bytes.toString().slice(0, 200))}`)), 5_000);
          socket.on('close', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        if (++n % 25 === 0) expect((await send(getAppState)).status).toBe(200);
      }),
      fuzzRuns(300),
    );
    expect((await send(getAppState)).status).toBe(200);
    // An upload cut off is removed like any other (once its stream has closed).
    await expect.poll(() => (existsSync(uploadDir) ? readdirSync(uploadDir) : []), { timeout: 15_000 }).toEqual([]);
  });

  it('any page path: the page or a 4xx, never a file outside the page folder, never a 500', async () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E%2e', '..%2f', '..%5c', '%2f', '%5c', '\\..', '%00', '%', '%c0%ae%c0%ae', 'index.html', 'secret.txt', 'assets', ''),
      fc.string({ maxLength: 6 }).map(encodeURIComponent),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 6 }), async (segments) => {
        const reply = await get('/' + segments.join('/'));
        assert.ok([200, 400, 404, 405].includes(reply.status), `/${segments.join('/')} → ${reply.status}`);
        assert.notEqual(reply.body.toString(), SECRET);
        if (reply.status === 200) assert.equal(reply.body.toString(), PAGE);
      }),
      fuzzRuns(1_000),
    );
  });
});

describe('found by fuzzing', () => {
  it('a path that starts with "//" is a path, not another host: a 404 instead of a 500, and never routed to the API', async () => {
    expect(await get('//..%5c')).toMatchObject({ status: 404 });
    const routed = await send({ ...getAppState, path: '//evil.example/api/getAppState' });
    expect(routed.status).toBe(405);
    // Only the page calls this server, never through a proxy: the absolute form is refused.
    expect(await get(`http://127.0.0.1:${web.port}/api/getAppState`)).toMatchObject({ status: 400 });
  });
});

function get(path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: web.port, path, method: 'GET', agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer in 10 s: ${path}`)));
    req.on('error', reject);
    req.end();
  });
}
