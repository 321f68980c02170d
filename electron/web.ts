import { timingSafeEqual } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { ApiErrorCode } from '../shared/contract/api';
import { CONTENT_SECURITY_POLICY, MIME_TYPES } from './content-policy';
import { dispatch, type HandlerTable } from './handlers';
import type { BrowserExchange } from './services/file-exchange';
import { fail } from './handlers/dispatch';
import type { ServiceErrorKey } from '../shared/contract/service-errors';

/**
 * Web mode: the same handler table as the desktop app, over HTTP on
 * 127.0.0.1 only.
 *
 * POST /api/<method> needs the per-run token (header `x-asystent-token`), a
 * Host of this server (against DNS rebinding), and, when the browser sends
 * them, an Origin of this server and a same-origin Sec-Fetch-Site (against
 * cross-site requests). The token travels in the URL's #fragment, which the
 * browser never sends anywhere, and is never logged.
 *
 * POST /files takes a file the person gives (an upload, for an import) and
 * POST /files/<id> sends one the service gave them (an export), once, behind
 * the same checks: in a browser there is no save or open dialog; the
 * browser's download and upload are the way to "a file the person chooses"
 * (services/file-exchange.ts). The methods themselves are the contract's.
 */
export const TOKEN_HEADER = 'x-asystent-token';
export const MAX_BODY_BYTES = 256 * 1024;
/** The directory editor sends the office's two files whole (each up to 1 MB as read, safe-read.ts), or a table of one, a little more as JSON. */
export const MAX_EDITOR_BODY_BYTES = 3 * 1024 * 1024;
/** The largest body a method's call may have. */
export const bodyLimit = (method: string) => (method === 'saveDirectoryEdits' || method === 'exportDirectoryTable' ? MAX_EDITOR_BODY_BYTES : MAX_BODY_BYTES);
/** A year of a busy clerk's calls is tens of megabytes; this leaves room and stops a runaway upload. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

// The page's policy and file types, shared with the desktop window's app:// protocol.
export { CONTENT_SECURITY_POLICY };
const MIME = MIME_TYPES;

export interface WebServerOptions {
  handlers: HandlerTable;
  /** The browser's way of moving files (the services' own): downloads it holds, uploads it takes; absent: neither. */
  files?: BrowserExchange;
  /** The largest upload taken; MAX_UPLOAD_BYTES unless a test sets it lower. */
  maxUploadBytes?: number;
  rendererDir: string;
  token: string;
  port: number;
}

export interface RunningWebServer {
  server: Server;
  port: number;
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  let port = options.port;
  const server = createServer((req, res) => {
    handleRequest(req, res, { ...options, port }).catch((error: unknown) => {
      console.error('[web] request failed:', (error as Error).message);
      if (!res.headersSent) sendJson(res, 500, fail('internal', 'transport.serverError'));
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}/#token=${options.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, options: WebServerOptions): Promise<void> {
  const allowedHosts = [`127.0.0.1:${options.port}`, `localhost:${options.port}`];
  if (!allowedHosts.includes(req.headers.host ?? '')) return sendText(res, 403, 'Nieprawidłowy adres serwera.');

  const url = requestUrl(req);
  if (!url) return sendText(res, 400, 'Nieprawidłowy adres żądania.');
  if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice(5), options, allowedHosts);
  if (url.pathname === '/files') return handleUpload(req, res, options, allowedHosts);
  const download = /^\/files\/([0-9a-f]{32})$/.exec(url.pathname);
  if (download) return handleDownload(req, res, download[1]!, options, allowedHosts);
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Metoda niedozwolona.');
  return serveStatic(res, options.rendererDir, url.pathname);
}

/**
 * The request's URL, or null when it cannot be read. Only a path is taken
 * (nothing but the page calls this server, never through a proxy), and it is
 * read as a path even when it starts with "//", which `new URL(path, base)`
 * takes for another host: "//..%5c" threw (a 500 for a bad address) and
 * "//x/api/getAppState" was routed as "/api/getAppState".
 */
function requestUrl(req: IncomingMessage): URL | null {
  const target = req.url ?? '/';
  if (!target.startsWith('/')) return null;
  try {
    return new URL(`http://${req.headers.host}${target}`);
  } catch {
    return null;
  }
}

type Refusal = { status: number; code: ApiErrorCode; key: ServiceErrorKey; params?: Record<string, string | number> };

/** Who may call: this page's origin, with the token. */
function refuseCaller(req: IncomingMessage, options: WebServerOptions, allowedHosts: string[]): Refusal | null {
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
    return { status: 403, code: 'forbidden', key: 'transport.foreignOrigin' };
  }
  const fetchSite = req.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    return { status: 403, code: 'forbidden', key: 'transport.foreignOrigin' };
  }
  const token = req.headers[TOKEN_HEADER];
  if (typeof token !== 'string' || token.length === 0) {
    return { status: 401, code: 'forbidden', key: 'transport.noToken' };
  }
  if (!sameSecret(token, options.token)) {
    return { status: 403, code: 'forbidden', key: 'transport.badToken' };
  }
  if (req.method !== 'POST') return { status: 405, code: 'bad-input', key: 'transport.postOnly' };
  return null;
}

/** The checks every call from the page passes: same origin, the token, a JSON body within the limit. */
async function readCall(req: IncomingMessage, options: WebServerOptions, allowedHosts: string[], limit: number): Promise<{ payload: unknown } | Refusal> {
  const refused = refuseCaller(req, options, allowedHosts);
  if (refused) return refused;
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return { status: 415, code: 'bad-input', key: 'transport.jsonOnly' };
  }
  const body = await readBody(req, limit);
  if (body === null) return { status: 413, code: 'bad-input', key: 'transport.bodyTooLarge', params: { limit } };
  try {
    return { payload: body.length === 0 ? {} : JSON.parse(body) };
  } catch {
    return { status: 400, code: 'bad-input', key: 'transport.badJson' };
  }
}

async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, options: WebServerOptions, allowedHosts: string[]): Promise<void> {
  const call = await readCall(req, options, allowedHosts, bodyLimit(method));
  if ('status' in call) return sendRefusal(res, call);
  const envelope = await dispatch(options.handlers, method, call.payload);
  if (envelope.ok) return sendJson(res, 200, envelope);
  const status = { 'bad-input': 400, 'no-profile': 409, forbidden: 403, storage: 503, internal: 500 }[envelope.error.code];
  return sendJson(res, status, envelope);
}

/** A file the service gave the person (an export): sent once, to the page that holds the address and the token. */
async function handleDownload(req: IncomingMessage, res: ServerResponse, id: string, options: WebServerOptions, allowedHosts: string[]): Promise<void> {
  const refused = refuseCaller(req, options, allowedHosts);
  if (refused) return sendRefusal(res, refused);
  req.resume(); // nothing to read from the request
  const file = options.files?.collect(id) ?? null;
  if (!file) return sendRefusal(res, { status: 404, code: 'bad-input', key: 'transport.downloadGone' });
  res.writeHead(200, {
    ...securityHeaders(),
    'content-type': file.contentType,
    'content-disposition': `attachment; filename="${file.suggestedName}"`,
    'cache-control': 'no-store',
  });
  await file.write(res);
  res.end();
}

/** A file the person gives (a clerk's export, to import): streamed to a temporary file (never held whole in memory) and kept for the call that imports it. */
async function handleUpload(req: IncomingMessage, res: ServerResponse, options: WebServerOptions, allowedHosts: string[]): Promise<void> {
  const refused = refuseCaller(req, options, allowedHosts);
  if (refused) return sendRefusal(res, refused);
  if (!options.files) return sendRefusal(res, { status: 404, code: 'bad-input', key: 'transport.importUnavailable' });
  const limitBytes = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const tooLarge = () => {
    res.setHeader('connection', 'close'); // the rest of the body is not read
    sendRefusal(res, { status: 413, code: 'bad-input', key: 'transport.uploadTooLarge', params: { megabytes: Math.round(limitBytes / 1024 / 1024) } });
  };
  if (Number(req.headers['content-length'] ?? 0) > limitBytes) return tooLarge();
  const place = await options.files.receive(fileNameOf(req));
  let size = 0;
  const out = createWriteStream(place.path, { mode: 0o600 });
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > limitBytes ? Object.assign(new Error('too large'), { code: 'TOO_LARGE' }) : null, chunk);
    },
  });
  try {
    await pipeline(req, limit, out);
  } catch (error) {
    // Never kept half: a cut or oversized upload goes at once. (A stream cut short may still be opening its file; wait for it to close.)
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    await place.discard();
    if ((error as NodeJS.ErrnoException).code === 'TOO_LARGE') return tooLarge();
    throw error;
  }
  return sendJson(res, 200, { ok: true, result: { upload: place.keep() } });
}

/** The name the page says the person's file has (`x-file-name`, URI-encoded), or null. */
function fileNameOf(req: IncomingMessage): string | null {
  const header = req.headers['x-file-name'];
  if (typeof header !== 'string') return null;
  try {
    return decodeURIComponent(header);
  } catch {
    return null;
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function serveStatic(res: ServerResponse, root: string, pathname: string): Promise<void> {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    return sendText(res, 400, 'Nieprawidłowa ścieżka.');
  }
  const file = normalize(join(root, relative));
  if (!file.startsWith(normalize(root) + sep)) return sendText(res, 404, 'Nie znaleziono.');
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch {
    return sendText(res, 404, 'Nie znaleziono.');
  }
  res.writeHead(200, {
    ...securityHeaders(),
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    // Hashed asset names may be cached; the page itself never is.
    'cache-control': relative.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store',
  });
  res.end(data);
}

function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...securityHeaders(), 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendRefusal(res: ServerResponse, { status, code, key, params }: Refusal): void {
  sendJson(res, status, fail(code, key, params));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...securityHeaders(), 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
