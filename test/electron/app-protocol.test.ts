import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APP_PAGE_URL, bundleSegments, createAppProtocolHandler, resolveBundleFile } from '../../electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/content-policy';
import { fuzzRuns } from '../fuzz/arbitraries';

/**
 * The app:// handler against a real folder laid out like a build, with
 * secrets beside it and symlinks out of it: it serves exactly the files of the
 * folder, by their plain names, and answers anything else with a 404 — every
 * answer with the CSP header.
 */
const SECRET = 'TAJNE-DANE-POZA-FOLDEREM';
const base = mkdtempSync(join(tmpdir(), 'app-protocol-'));
// base/secret.txt, base/out/secret.txt, base/out/renderer/… : every level above the served folder holds a secret.
const root = join(base, 'out', 'renderer');
mkdirSync(join(root, 'assets', 'nested'), { recursive: true });
writeFileSync(join(base, 'secret.txt'), SECRET);
writeFileSync(join(base, 'out', 'secret.txt'), SECRET);
writeFileSync(join(base, 'out', 'main.js'), SECRET);

/** What the folder serves: URL → content and type. */
const SERVED = new Map<string, { body: string; type: string }>([
  ['app://bundle/index.html', { body: '<!doctype html><title>t</title>', type: 'text/html; charset=utf-8' }],
  ['app://bundle/assets/index-Ab_1.js', { body: 'console.log(1)', type: 'text/javascript; charset=utf-8' }],
  ['app://bundle/assets/index-Cd-2.css', { body: 'body{}', type: 'text/css; charset=utf-8' }],
  ['app://bundle/assets/font.woff2', { body: 'wOF2', type: 'font/woff2' }],
  ['app://bundle/assets/logo.png', { body: 'PNG', type: 'image/png' }],
  ['app://bundle/assets/icon.svg', { body: '<svg/>', type: 'image/svg+xml' }],
  ['app://bundle/assets/nested/data.bin', { body: 'bin', type: 'application/octet-stream' }],
]);
for (const [url, { body }] of SERVED) writeFileSync(join(root, ...url.slice('app://bundle/'.length).split('/')), body);
// Inside the folder but never served: a dot file, a name with a space, a Windows device name.
writeFileSync(join(root, '.env'), SECRET);
writeFileSync(join(root, 'with space.js'), SECRET);
writeFileSync(join(root, 'assets', 'nul.js'), SECRET);

/** Symbolic links: one out of the folder (refused), one within it (served as its target). */
let linksMade = true;
try {
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'out-file.js'));
  symlinkSync(join(base, 'out'), join(root, 'assets', 'out-dir'), 'dir');
  symlinkSync(join(root, 'assets', 'index-Ab_1.js'), join(root, 'assets', 'alias.js'));
  SERVED.set('app://bundle/assets/alias.js', { body: 'console.log(1)', type: 'text/javascript; charset=utf-8' });
} catch {
  linksMade = false; // Windows without the right to make links: the rest still runs
}

const serve = createAppProtocolHandler(root);
const get = (url: string) => serve({ url, method: 'GET' });

describe('app:// serves the built folder', () => {
  it('the page is app://bundle/index.html', () => {
    expect(APP_PAGE_URL).toBe('app://bundle/index.html');
  });

  it('each file of the folder by its plain URL, with its type, the CSP header, nosniff and no caching', async () => {
    for (const [url, { body, type }] of SERVED) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(await response.text(), url).toBe(body);
      expect(response.headers.get('content-type'), url).toBe(type);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it("the header is the page's policy (web mode sends the same; security.test.ts compares it with the page's <meta>), and forbids framing the app", () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('HEAD without a body; any other method is refused, with the CSP header too', async () => {
    const head = await serve({ url: APP_PAGE_URL, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'get']) {
      const refused = await serve({ url: APP_PAGE_URL, method });
      expect(refused.status, method).toBe(405);
      expect(refused.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });
});

/** Hand-picked refusals: every way out of the folder or around the plain names that comes to mind. */
const REFUSED = [
  // not this origin
  'app://evil/index.html', 'app://bundle.evil/index.html', 'app://evil.bundle/index.html', 'app://bundle:80/index.html', 'app://user@bundle/index.html',
  'app://user:pw@bundle/index.html', 'app:///index.html', 'app:index.html', 'app:/bundle/index.html', 'APP://BUNDLE/index.html', 'file:///etc/passwd',
  'https://bundle/index.html', 'app://bundle', 'app://bundle/', 'app://bundle\\index.html',
  // climbing out, plain and encoded
  'app://bundle/../secret.txt', 'app://bundle/../../secret.txt', 'app://bundle/assets/../../secret.txt', 'app://bundle/./index.html',
  'app://bundle/%2e%2e/secret.txt', 'app://bundle/%2E%2E/%2e%2e/secret.txt', 'app://bundle/.%2e/secret.txt', 'app://bundle/%2e./secret.txt',
  'app://bundle/..%2fsecret.txt', 'app://bundle/..%2Fsecret.txt', 'app://bundle/%2e%2e%2fsecret.txt', 'app://bundle/..%5csecret.txt',
  'app://bundle/%252e%252e/secret.txt', 'app://bundle/%c0%ae%c0%ae/secret.txt', 'app://bundle/\u2025/secret.txt', 'app://bundle/\uff0e\uff0e/secret.txt',
  'app://bundle/..\\secret.txt', 'app://bundle/assets\\..\\..\\secret.txt', 'app://bundle/\\\\server\\share\\secret.txt',
  // absolute paths and drive letters
  'app://bundle//etc/passwd', 'app://bundle/%2fetc/passwd', 'app://bundle/C:/Windows/win.ini', 'app://bundle/c:%5cWindows', 'app://bundle/C:secret.txt',
  // queries, fragments, NUL, stray encodings of allowed names
  'app://bundle/index.html?x=1', 'app://bundle/index.html?', 'app://bundle/index.html#top', 'app://bundle/index.html%3fx', 'app://bundle/index.html%00.png',
  'app://bundle/index.html\0', 'app://bundle/%69ndex.html', 'app://bundle/index%2ehtml', 'app://bundle/assets%2findex-Ab_1.js',
  // odd but lexically inside: empty and trailing segments, folders, dot files, spaces, devices, Windows stream and trailing-dot tricks
  'app://bundle/assets//index-Ab_1.js', 'app://bundle/assets/', 'app://bundle/assets', 'app://bundle/assets/nested', 'app://bundle/.env',
  'app://bundle/with space.js', 'app://bundle/with%20space.js', 'app://bundle/assets/nul.js', 'app://bundle/CON', 'app://bundle/index.html.',
  'app://bundle/index.html::$DATA', 'app://bundle/missing.js',
  // symlinks out of the folder
  'app://bundle/assets/out-file.js', 'app://bundle/assets/out-dir/secret.txt', 'app://bundle/assets/out-dir/main.js',
];

describe('app:// refuses everything else with a 404', () => {
  it.each(REFUSED)('%s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain(SECRET);
    expect(await resolveBundleFile(root, url)).toBeNull();
  });

  it.skipIf(!linksMade)('a link out of the folder would otherwise have been found (the refusal is the realpath check, not a missing file)', () => {
    expect(bundleSegments('app://bundle/assets/out-file.js')).toEqual(['assets', 'out-file.js']);
    expect(realpathSync(join(root, 'assets', 'out-file.js'))).toBe(realpathSync(join(base, 'secret.txt')));
  });
});

/**
 * The generated class: URLs built from pieces that climb (`..`, encoded dots,
 * slashes and backslashes, drive letters, NUL, look-alike Unicode dots),
 * names that exist inside and outside the folder, odd origins, queries and
 * fragments, in any mix. Oracle: the answer is a 200 exactly for the plain
 * URLs of the folder's files (with their content), a 404 for everything else,
 * the secret never in a body, the CSP header always.
 */
const PREFIXES = ['app://bundle/', 'app://bundle/', 'app://bundle/', 'app://bundle', 'app://bundle//', 'app://bundle\\', 'app://evil/', 'app://bundle:80/', 'app://u@bundle/', 'app:///', 'APP://bundle/', 'file:///'];
const SEGMENTS = [
  'index.html', 'assets', 'index-Ab_1.js', 'index-Cd-2.css', 'nested', 'data.bin', 'alias.js', 'out-file.js', 'out-dir', 'secret.txt', 'main.js', 'out', 'renderer',
  '..', '.', '...', '%2e%2e', '%2E%2e', '.%2e', '%2e.', '%2e', '%252e%252e', '%c0%ae%c0%ae', '\u2025', '\uff0e\uff0e', '..%00', '%00', '\0', 'C:', 'c:%5c', '~', '',
  '.env', 'nul.js', 'CON', 'with space.js', 'index.html.', 'etc', 'passwd',
];
const SEPARATORS = ['/', '/', '/', '\\', '//', '%2f', '%2F', '%5c', '%5C', '/./', '/../', '\\..\\'];
const SUFFIXES = ['', '', '', '?x=1', '?', '#top', '%3f', '%23', '%00'];

const generatedUrl = fc
  .tuple(
    fc.constantFrom(...PREFIXES),
    fc.array(fc.tuple(fc.constantFrom(...SEGMENTS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 6 }),
    fc.constantFrom(...SUFFIXES),
  )
  .map(([prefix, parts, suffix]) => prefix + parts.map(([segment, separator], i) => (i === 0 ? segment : separator + segment)).join('') + suffix);

describe('app:// against generated paths', () => {
  it('serves exactly the folder’s files by their plain URLs, and nothing else', async () => {
    let served = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 9, arbitrary: generatedUrl }, { weight: 1, arbitrary: fc.constantFrom(...SERVED.keys()) }), async (url) => {
        const response = await get(url);
        const body = await response.text();
        expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
        expect(body).not.toContain(SECRET);
        const expected = SERVED.get(url);
        if (expected) {
          served += 1;
          expect(response.status, url).toBe(200);
          expect(body).toBe(expected.body);
        } else {
          expect(response.status, url).toBe(404);
        }
      }),
      fuzzRuns(3000),
    );
    expect(served).toBeGreaterThan(0);
  });

  it('whatever resolves at all lies inside the real folder', async () => {
    const realRoot = realpathSync(root);
    await fc.assert(
      fc.asyncProperty(generatedUrl, async (url) => {
        const file = await resolveBundleFile(root, url);
        if (file !== null) expect(file.startsWith(realRoot + sep)).toBe(true);
        const segments = bundleSegments(url);
        if (segments) for (const segment of segments) expect(['', '.', '..']).not.toContain(segment);
      }),
      fuzzRuns(2000),
    );
  });
});
