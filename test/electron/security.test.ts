import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeWebContents, frameNavigation, SECURE_WEB_PREFERENCES, type FakeElectron } from '../helpers/fake-electron';

const fake: FakeElectron = vi.hoisted(() => ({}) as FakeElectron);
vi.mock('electron', async () => {
  const { createFakeElectron: create } = await import('../helpers/fake-electron');
  Object.assign(fake, create());
  return fake;
});

const { createMainWindow, mainWindowOptions } = await import('../../electron/window');
const { hardenSession, hardenWebContents, isAllowedExternalUrl, isAppPage, isTrustedSender } = await import('../../electron/security');
const { CONTENT_SECURITY_POLICY } = await import('../../electron/web');

const APP_URL = 'app://bundle/index.html';
/** The same built page as a file: what the window used to load, now refused everywhere. */
const FILE_URL = 'file:///opt/asystent/resources/app.asar/out/renderer/index.html';

beforeEach(() => {
  FakeBrowserWindow.created = [];
  vi.clearAllMocks();
});

describe('the overlay window', () => {
  it('is created with the security defaults and always on top', () => {
    const bounds = { x: 1444, y: 16, width: 460, height: 760 };
    const window = createMainWindow({ preloadPath: '/app/out/preload/index.cjs', appUrl: APP_URL, bounds, startHidden: false, packaged: true }) as unknown as FakeBrowserWindow;
    expect(window.options).toMatchObject({ alwaysOnTop: true, frame: false, show: false, ...bounds });
    expect(window.alwaysOnTopLevel).toBe('floating');
    expect(window.contentProtection).toBe(true);
    expect(window.options.webPreferences).toEqual(
      expect.objectContaining({ preload: '/app/out/preload/index.cjs', ...SECURE_WEB_PREFERENCES, devTools: false }),
    );
    expect(window.loadedUrl).toBe(APP_URL);
    expect(window.webContents.windowOpenHandler).not.toBeNull();
  });

  it('is small by default, as an overlay beside the phone', () => {
    const options = mainWindowOptions('/p.cjs', { x: 0, y: 0, width: 380, height: 560 }, { packaged: true });
    expect(options.width).toBeLessThanOrEqual(480);
    expect(options.minWidth).toBeLessThanOrEqual(380);
  });
});

describe('developer tools', () => {
  it('are off in a packaged build, and closed should they open anyway', () => {
    expect(mainWindowOptions('/p.cjs', { x: 0, y: 0, width: 380, height: 560 }, { packaged: true }).webPreferences?.devTools).toBe(false);
    const contents = new FakeWebContents();
    hardenWebContents(contents as never, APP_URL, { packaged: true });
    contents.openDevTools();
    expect(contents.closeDevTools).toHaveBeenCalledTimes(1);
    expect(contents.isDevToolsOpened()).toBe(false);
  });

  it('stay available while developing', () => {
    expect(mainWindowOptions('/p.cjs', { x: 0, y: 0, width: 380, height: 560 }, { packaged: false }).webPreferences?.devTools).toBe(true);
    const contents = new FakeWebContents();
    hardenWebContents(contents as never, APP_URL, { packaged: false });
    contents.openDevTools();
    expect(contents.closeDevTools).not.toHaveBeenCalled();
    expect(contents.isDevToolsOpened()).toBe(true);
  });
});

/** URLs that are not the app's page, though some look close. */
const NOT_THE_APP_PAGE = [
  'https://example.com/',
  FILE_URL,
  'app://bundle/other.html',
  'app://bundle/index.html?x=1',
  'app://bundle/assets/index.html',
  'app://evil/index.html',
  'app://bundle:8080/index.html',
  'app://user@bundle/index.html',
  'http://bundle/index.html',
  'about:blank',
  'javascript:alert(1)',
  'not a url',
];

describe('navigation and new windows', () => {
  function hardened() {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never, APP_URL, { packaged: false });
    return contents;
  }

  it('the app page is app://bundle/index.html, fragment aside; the same file over file:// is not it', () => {
    expect(isAppPage(APP_URL, APP_URL)).toBe(true);
    expect(isAppPage(`${APP_URL}#top`, APP_URL)).toBe(true);
    for (const url of NOT_THE_APP_PAGE) expect(isAppPage(url, APP_URL), url).toBe(false);
  });

  it('denies navigation to any other page', () => {
    const contents = hardened();
    for (const url of NOT_THE_APP_PAGE) {
      const away = { preventDefault: vi.fn() };
      contents.emit('will-navigate', away, url);
      expect(away.preventDefault, url).toHaveBeenCalled();
    }
    const reload = { preventDefault: vi.fn() };
    contents.emit('will-navigate', reload, APP_URL);
    expect(reload.preventDefault).not.toHaveBeenCalled();
  });

  it('denies every frame navigation but the top frame to the app page (will-frame-navigate)', () => {
    const contents = hardened();
    for (const url of NOT_THE_APP_PAGE) {
      for (const isMainFrame of [true, false]) {
        const navigation = frameNavigation(url, isMainFrame);
        contents.emit('will-frame-navigate', navigation);
        expect(navigation.preventDefault, `${url} in the ${isMainFrame ? 'top frame' : 'sub-frame'}`).toHaveBeenCalled();
      }
    }
    // The app has no frames: a sub-frame may not even show the app page (its CSP forbids framing it, too).
    const framed = frameNavigation(APP_URL, false);
    contents.emit('will-frame-navigate', framed);
    expect(framed.preventDefault).toHaveBeenCalled();
    const reload = frameNavigation(APP_URL, true);
    contents.emit('will-frame-navigate', reload);
    expect(reload.preventDefault).not.toHaveBeenCalled();
  });

  it('denies redirects and webviews', () => {
    const contents = hardened();
    const redirect = { preventDefault: vi.fn() };
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-redirect', redirect);
    contents.emit('will-attach-webview', webview);
    expect(redirect.preventDefault).toHaveBeenCalled();
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window; only allow-listed https links go to the system browser', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler!({ url: 'https://www.praca.gov.pl/eurzad' })).toEqual({ action: 'deny' });
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://www.praca.gov.pl/eurzad');
    for (const url of ['http://www.praca.gov.pl/', 'https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('allow-lists by exact host over https, without credentials', () => {
    expect(isAllowedExternalUrl('https://praca.gov.pl/')).toBe(true);
    expect(isAllowedExternalUrl('https://praca.gov.pl.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@praca.gov.pl/')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    const session = fake.session.defaultSession;
    hardenSession(session as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const callback = vi.fn();
      session.permissionRequestHandler!(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler!(null, permission)).toBe(false);
    }
  });
});

describe('IPC sender check', () => {
  it('trusts only the top frame showing the bundled page over app://', () => {
    expect(isTrustedSender({ url: APP_URL, parent: null } as never, APP_URL)).toBe(true);
    expect(isTrustedSender({ url: `${APP_URL}#x`, parent: null } as never, APP_URL)).toBe(true);
    expect(isTrustedSender({ url: APP_URL, parent: {} } as never, APP_URL)).toBe(false);
    expect(isTrustedSender({ url: 'file:///srv/evil.html', parent: null } as never, APP_URL)).toBe(false);
    for (const url of NOT_THE_APP_PAGE) expect(isTrustedSender({ url, parent: null } as never, APP_URL), url).toBe(false);
    expect(isTrustedSender(null, APP_URL)).toBe(false);
  });
});

/** The CSP of a page's <meta http-equiv>, as directive name → value. */
function metaCsp(html: string): Map<string, string> {
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
  return directives(csp);
}

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1).join(' ')] as const),
  );
}

describe('content security policy', () => {
  it('the built page (what both the desktop window and web mode load) runs only script files of its own, none inline', () => {
    const html = readFileSync('out/renderer/index.html', 'utf8');
    const csp = metaCsp(html);
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect([...csp.values()].join(' ')).not.toMatch(/unsafe-|\*|blob:|https?:/);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body!.trim()).toBe('');
      const src = /\bsrc="([^"]+)"/.exec(attributes!)?.[1];
      expect(src).toMatch(/^\.\/assets\/[\w.-]+\.js$/);
      expect(existsSync(join('out/renderer', src!))).toBe(true);
    }
    // No inline handlers or javascript: links, which a CSP without 'unsafe-inline' would block anyway.
    expect(html).not.toMatch(/\son[a-z]+\s*=|javascript:/i);
  });

  it("web mode's CSP header says the same as the page, and also forbids framing the app", () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    const meta = metaCsp(readFileSync('out/renderer/index.html', 'utf8'));
    // frame-ancestors is ignored in a <meta>; the header carries it.
    expect(header.get('frame-ancestors')).toBe("'none'");
    header.delete('frame-ancestors');
    expect(Object.fromEntries(meta)).toEqual(Object.fromEntries(header));
  });

  it('the page allows scripts only from the app itself, never inline', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const csp = /Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});

