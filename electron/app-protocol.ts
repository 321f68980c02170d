import { promises as fs } from 'node:fs';
import { extname, isAbsolute, join, relative } from 'node:path';
import { CONTENT_SECURITY_POLICY, MIME_TYPES } from './content-policy';

/**
 * The desktop window's page comes from app://bundle/, a privileged custom
 * scheme, instead of file://: the page gets a real origin of its own (no
 * file:// privileges, nothing else on the disk is "same origin"), and every
 * response carries the Content-Security-Policy as a header.
 *
 * The handler serves only regular files inside the built renderer folder.
 * Anything else is a 404: another host, a port or user name, a query, a
 * fragment, a `.`/`..` or empty segment, any percent-encoding, backslashes,
 * colons (drive letters, Windows streams), dot files, Windows device names,
 * folders, and files that resolve (through a symlink) outside the folder.
 * The asset names Vite writes need none of these, so nothing is decoded.
 * Plain Node, no `electron` import: test/electron/app-protocol.test.ts runs it
 * against a temp folder.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The one page the window shows; navigation guards and the IPC sender check compare with it. */
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/**
 * For protocol.registerSchemesAsPrivileged (before `ready`, once): standard
 * (relative URLs resolve, the page has an origin and 'self' means it), secure
 * (a secure context, like https), fetch for the page's own module scripts.
 * Not corsEnabled (no other origin may read it), not bypassCSP.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/** A file name segment as Vite writes them: word characters, dots and dashes, not starting with a dot, not ending with one. */
const SAFE_SEGMENT = /^\w(?:[\w.-]*\w)?$/;
/** Names Windows maps to devices in any folder (CON, NUL, COM1, …), with or without an extension. */
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|conin\$|conout\$|com\d|lpt\d)(?:\.|$)/i;

/**
 * The request's path as file name segments under the renderer folder, or null
 * when the URL is not a plain request for a file of the bundle. Works on the
 * raw string: a URL parser would quietly resolve `..` and `%2e%2e` first.
 */
export function bundleSegments(rawUrl: string): string[] | null {
  const prefix = `${APP_ORIGIN}/`;
  if (!rawUrl.startsWith(prefix)) return null;
  const path = rawUrl.slice(prefix.length);
  if (path === '' || /[?#%\\:\0]/.test(path)) return null;
  const segments = path.split('/');
  for (const segment of segments) {
    if (!SAFE_SEGMENT.test(segment) || WINDOWS_DEVICE.test(segment)) return null;
  }
  return segments;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * The file a request URL names, as an absolute path inside `root` — after
 * symlinks are followed, so a link pointing out of the folder is refused —
 * or null (no such file, a folder, outside, or a refused URL).
 */
export async function resolveBundleFile(root: string, rawUrl: string): Promise<string | null> {
  const segments = bundleSegments(rawUrl);
  if (!segments) return null;
  const candidate = join(root, ...segments);
  if (!inside(root, candidate)) return null;
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(candidate)]);
    if (!inside(realRoot, realFile)) return null;
    return (await fs.stat(realFile)).isFile() ? realFile : null;
  } catch {
    return null;
  }
}

/** Sent with every answer, the refusals too. */
function baseHeaders(): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
}

function refusal(status: 404 | 405): Response {
  return new Response(status === 404 ? 'Nie znaleziono.' : 'Niedozwolona metoda.', {
    status,
    headers: { ...baseHeaders(), 'content-type': 'text/plain; charset=utf-8' },
  });
}

/** What protocol.handle needs of a request (Electron passes a full Request). */
export interface AppProtocolRequest {
  url: string;
  method: string;
}

/** The handler for protocol.handle(APP_SCHEME, …): GET and HEAD of the bundle's files, nothing else. */
export function createAppProtocolHandler(rendererDir: string): (request: AppProtocolRequest) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405);
    const file = await resolveBundleFile(rendererDir, request.url);
    if (!file) return refusal(404);
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return refusal(404);
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...baseHeaders(), 'content-type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' },
    });
  };
}
