import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRaw, type Reply, type RequestOptions } from '../helpers/http';
import { API_METHOD_NAMES } from '../../shared/contract/api-methods';
import { CONTENT_SECURITY_POLICY } from '../../electron/web';
import { startWebMode, WEB_ENTRY, type WebModeProcess } from '../helpers/web-mode';

/**
 * Web mode as `npm run web` starts it (the built out/main/web.js, a process
 * of its own), attacked over real HTTP: every route that does something is
 * refused to a caller without the token, with a wrong one, from another
 * origin or site, or through a foreign Host name (DNS rebinding); and
 * nothing the process prints, errors included, carries the token beyond the
 * one line that tells the clerk the address.
 */
if (!existsSync(WEB_ENTRY)) throw new Error(`${WEB_ENTRY} is missing: run npm run build`);

let server: WebModeProcess;
const dataDir = mkdtempSync(join(tmpdir(), 'web-access-'));

beforeAll(async () => {
  server = await startWebMode(dataDir);
});

afterAll(async () => {
  await server?.stop();
});

const send = (path: string, options: RequestOptions): Promise<Reply> => sendRaw(new URL(server.origin).port, path, options);

const PROFILE = { firstName: 'Jan', lastName: 'Intruz', role: 'pracownik', unit: 'Kancelaria', officeName: 'PUP' };
const EXPORT = { filter: {}, sort: { key: 'startedAt', descending: true }, format: 'jsonl', path: null };

/** Every route that acts on the data, with a request that would be accepted with the token. */
function routes(): { path: string; contentType: string; body: string }[] {
  return [
    ...API_METHOD_NAMES.map((method) => ({
      path: `/api/${method}`,
      contentType: 'application/json',
      body: JSON.stringify(method === 'saveProfile' ? PROFILE : {}),
    })),
    { path: `/files/${'ab'.repeat(16)}`, contentType: 'application/json', body: '' },
    { path: '/files', contentType: 'application/x-ndjson', body: '{"type":"call"}\n' },
  ];
}

/** What an attacker can send: the right request, minus one thing the page has. */
function attacks(): { who: string; headers: (token: string, host: string) => Record<string, string> }[] {
  const port = Number(new URL(server.origin).port);
  const other = `127.0.0.1:${port === 65535 ? port - 1 : port + 1}`;
  return [
    { who: 'no token', headers: () => ({}) },
    { who: 'an empty token', headers: () => ({ 'x-asystent-token': '' }) },
    { who: 'a wrong token of the same length', headers: (t) => ({ 'x-asystent-token': t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A') }) },
    { who: 'a prefix of the token', headers: (t) => ({ 'x-asystent-token': t.slice(0, 8) }) },
    { who: 'the token in another header', headers: (t) => ({ authorization: `Bearer ${t}` }) },
    { who: 'a foreign Origin', headers: (t) => ({ 'x-asystent-token': t, origin: 'https://evil.example' }) },
    { who: 'Origin null (a sandboxed frame, a file)', headers: (t) => ({ 'x-asystent-token': t, origin: 'null' }) },
    { who: 'another port on this computer', headers: (t) => ({ 'x-asystent-token': t, origin: `http://${other}` }) },
    { who: 'a cross-site fetch', headers: (t) => ({ 'x-asystent-token': t, 'sec-fetch-site': 'cross-site' }) },
    { who: 'a same-site fetch', headers: (t) => ({ 'x-asystent-token': t, 'sec-fetch-site': 'same-site' }) },
    // DNS rebinding: the browser believes it is on evil.example, so the request looks same-origin to it.
    {
      who: 'a rebound host name',
      headers: (t) => ({ 'x-asystent-token': t, host: `evil.example:${port}`, origin: `http://evil.example:${port}`, 'sec-fetch-site': 'same-origin' }),
    },
    { who: 'a Host that only starts like this server', headers: (t, host) => ({ 'x-asystent-token': t, host: `${host}.evil.example` }) },
    { who: 'a Host without the port', headers: (t) => ({ 'x-asystent-token': t, host: '127.0.0.1' }) },
    { who: 'a Host on another port', headers: (t) => ({ 'x-asystent-token': t, host: other }) },
  ];
}

describe('web mode started as npm run web does, attacked over HTTP', () => {
  it('answers on 127.0.0.1 only: not on other loopback addresses, IPv6 or the network', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
    expect(await answers('127.0.0.1')).toBe(true);
    // A server bound to every address would answer on these (127.0.0.2 is loopback too on Linux).
    const elsewhere = ['127.0.0.2', '::1', ...Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((a) => !a.internal).map((a) => a.address))];
    for (const address of elsewhere) expect(await answers(address), address).toBe(false);
  });

  it('every route refuses every caller that is not the page (401/403), and nothing happens', async () => {
    const host = new URL(server.origin).host;
    const refusals: string[] = [];
    for (const route of routes()) {
      for (const attack of attacks()) {
        const headers = { host, 'content-type': route.contentType, ...attack.headers(server.token, host) };
        const reply = await send(route.path, { headers, body: route.body });
        if (![401, 403].includes(reply.status)) refusals.push(`${route.path} with ${attack.who}: ${reply.status} ${reply.body.slice(0, 80)}`);
        expect(reply.headers['access-control-allow-origin']).toBeUndefined();
      }
    }
    expect(refusals).toEqual([]);
    // The refused saveProfile saved nothing, the refused upload kept nothing.
    const state = await send('/api/getAppState', { headers: { 'content-type': 'application/json', 'x-asystent-token': server.token }, body: '{}' });
    expect(JSON.parse(state.body)).toMatchObject({ ok: true, result: { profile: null } });
    expect(existsSync(join(dataDir, 'settings.json')) ? readFileSync(join(dataDir, 'settings.json'), 'utf8') : '').not.toContain('Intruz');
    const incoming = join(dataDir, 'imports', 'incoming');
    expect(existsSync(incoming) ? readdirSync(incoming) : []).toEqual([]);
  });

  it('the same requests with the token, from the page, do get through (so the refusals above are the checks at work)', async () => {
    const headers = (contentType: string) => ({ 'content-type': contentType, 'x-asystent-token': server.token, origin: server.origin, 'sec-fetch-site': 'same-origin' });
    expect((await send('/api/getAppState', { headers: headers('application/json'), body: '{}' })).status).toBe(200);
    const exported = await send('/api/exportRegister', { headers: headers('application/json'), body: JSON.stringify(EXPORT) });
    const { download } = (JSON.parse(exported.body) as { result: { download: string } }).result;
    expect((await send(download, { headers: headers('application/json'), body: '' })).status).toBe(200);
    // Past the checks, an upload that is no export is taken, then refused by the import for what it is, not for who sent it.
    const upload = await send('/files', { headers: headers('application/x-ndjson'), body: 'to nie jest eksport\n' });
    expect(upload.status).toBe(200);
    const { upload: id } = (JSON.parse(upload.body) as { result: { upload: string } }).result;
    const imported = await send('/api/importRecords', { headers: headers('application/json'), body: JSON.stringify({ path: null, upload: id }) });
    expect(imported.status).toBe(400);
  });

  it('the page itself is served only under its own host name, with the CSP header', async () => {
    const host = new URL(server.origin).host;
    for (const foreign of [`evil.example:${new URL(server.origin).port}`, '127.0.0.1', `${host}.evil.example`]) {
      expect((await send('/', { method: 'GET', headers: { host: foreign } })).status, foreign).toBe(403);
    }
    const page = await send('/', { method: 'GET', headers: { host } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.body).toContain('http-equiv="Content-Security-Policy"');
    expect(page.body).not.toContain(server.token);
  });

  it('never prints the token except in the one line with the address — not on refusals, bad input or failed requests', async () => {
    const host = new URL(server.origin).host;
    const withToken = { host, 'x-asystent-token': server.token };
    // Requests that end in errors the server reports: bad JSON, too large, a broken path, the token where it does not belong.
    await send('/api/saveProfile', { headers: { ...withToken, 'content-type': 'application/json' }, body: '{"firstName":' });
    await send('/api/saveDraft', { headers: { ...withToken, 'content-type': 'application/json' }, body: 'x'.repeat(300 * 1024) });
    await send('/%E0%A4%A', { method: 'GET', headers: { host } });
    await send(`/?token=${server.token}`, { method: 'GET', headers: { host } });
    await send(`/api/${server.token}`, { headers: { ...withToken, 'content-type': 'application/json' }, body: '{}' });
    // An upload cut off half-way: the server logs the failed request.
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port: new URL(server.origin).port, path: '/files', method: 'POST', headers: { ...withToken, 'content-type': 'application/x-ndjson', 'content-length': '100000' } });
      req.on('error', () => resolve());
      req.write('{"type":"call"');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
    await expect.poll(() => server.output()).toContain('[web] request failed');
    await server.stop();
    // Everything the process wrote to stdout and stderr, from start to exit.
    const lines = server.output().split('\n').filter((line) => line.includes(server.token));
    expect(lines).toEqual([`Asystent Rozmów w przeglądarce: ${server.url}`]);
    // …and keeps it on disk in one file only, for the next start (an open tab goes on), readable by its owner alone.
    const keeping = filesUnder(dataDir).filter((file) => readFileSync(file, 'latin1').includes(server.token));
    expect(keeping).toEqual([join(dataDir, 'web-access.json')]);
    expect(statSync(keeping[0]!).mode & 0o077).toBe(0);
  });
});

/** Whether anything answers HTTP on this address at the server's port (within a second). */
function answers(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: address, port: new URL(server.origin).port, path: '/', method: 'GET', timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
