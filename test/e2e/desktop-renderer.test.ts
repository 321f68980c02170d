import { describe, expect, it } from 'vitest';
import { API_METHOD_NAMES } from '../../shared/contract/api-methods';
import { seriousViolations } from '../helpers/axe';
import { firstRun } from '../helpers/e2e-steps';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

/**
 * The desktop window's page, in Chromium: the Electron binary cannot run
 * here, so a stand-in for the preload gives the page `window.api` (each call
 * carried over HTTP to the same services, as envelopes, like IPC) and
 * `window.shell` (commands handed in by the test, as a hotkey or the tray
 * would). What this shows is the page in desktop mode — its frameless title
 * bar, the compact and full views in both languages, shell commands — not
 * the Electron window around it, which the wiring tests cover with a fake.
 */
const PRELOAD_STAND_IN = `(() => {
  const match = /token=([^&]+)/.exec(location.hash);
  if (match) sessionStorage.setItem('stand-in-token', decodeURIComponent(match[1]));
  const token = sessionStorage.getItem('stand-in-token') || '';
  const call = (method) => (payload) =>
    fetch('/api/' + method, { method: 'POST', headers: { 'content-type': 'application/json', 'x-asystent-token': token }, body: JSON.stringify(payload ?? {}) }).then((r) => r.json());
  window.api = Object.freeze(Object.fromEntries(${JSON.stringify(API_METHOD_NAMES)}.map((m) => [m, call(m)])));
  window.shell = Object.freeze({ onCommand(listener) { window.__standInCommand = listener; } });
})();`;

describe.skipIf(unavailable)('the desktop page in Chromium (preload stand-in)', () => {
  // Each test its own clerk, in the compact window's size.
  const app = useWebMode({ prefix: 'asystent-e2e-desktop-', viewport: { width: 380, height: 560 }, context: { reducedMotion: 'reduce' }, initScript: PRELOAD_STAND_IN });

  const command = (name: string) => app.page.evaluate(`window.__standInCommand(${JSON.stringify(name)})`);

  /** A clerk past the first run, in an incoming call started by the hotkey, the greeting ticked (compact, as it opens). */
  async function inIncomingCall() {
    await firstRun(app.page, app.url);
    await command('start-incoming');
    await expect.poll(() => app.page.getByRole('region', { name: 'Powitanie' }).isVisible()).toBe(true);
    await app.page.keyboard.press('1');
  }

  it('opens compact, with its own title-bar buttons; a hotkey starts a call there', async () => {
    const { page } = app;
    await firstRun(page, app.url);
    expect(await page.locator('.app.compact').count()).toBe(1);
    for (const name of ['Minimalizuj', 'Ukryj do zasobnika (aplikacja działa dalej)']) expect(await page.getByRole('button', { name }).isVisible()).toBe(true);
    await command('start-incoming');
    await expect.poll(() => page.getByRole('region', { name: 'Powitanie' }).isVisible()).toBe(true);
    await page.keyboard.press('1');
    expect(await page.locator('.search').isVisible()).toBe(false); // compact: timer, greeting, checklist
    await page.screenshot({ path: screenshotPath('60-desktop-compact-pl') });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the privacy hotkey hides everything and brings it back; the full view shows the rest', async () => {
    const { page } = app;
    await inIncomingCall();
    await command('toggle-privacy');
    await expect.poll(() => page.getByRole('button', { name: /Pokaż okno/ }).isVisible()).toBe(true);
    await command('start-outgoing'); // nothing changes under the privacy screen
    await page.screenshot({ path: screenshotPath('65-desktop-privacy') });
    await command('toggle-privacy');
    // The page draws what a command did after the command has returned: waited on, not read at once.
    await expect.poll(() => page.getByRole('heading', { name: 'Rozmowa przychodząca' }).isVisible()).toBe(true);
    await page.setViewportSize({ width: 460, height: 760 }); // what the window does when expanded
    await page.getByRole('button', { name: 'Pełny widok' }).click();
    await expect.poll(() => page.locator('.app.compact').count()).toBe(0);
    await expect.poll(() => page.locator('.search').isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('61-desktop-expanded-pl') });
    await command('end-call');
    await expect.poll(() => page.getByRole('heading', { name: 'Podsumowanie rozmowy' }).isVisible()).toBe(true);
    await page.keyboard.press('1');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByText('Rozmowa zapisana w dzienniku.').isVisible()).toBe(true);
  });

  it('in English, full and compact; the hotkey fields appear in settings', async () => {
    const { page } = app;
    // A clerk who has opened the full view (the window grown to the overlay's size).
    await firstRun(page, app.url);
    await page.setViewportSize({ width: 460, height: 760 });
    await page.getByRole('button', { name: 'Pełny widok' }).click();
    await expect.poll(() => page.locator('.app.compact').count()).toBe(0);
    await page.getByRole('button', { name: 'Ustawienia', exact: true }).click();
    await expect.poll(() => page.getByRole('group', { name: /Skróty globalne/ }).isVisible()).toBe(true);
    await page.getByLabel('Język').selectOption('en');
    await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Call', exact: true }).isVisible()).toBe(true);
    await page.getByRole('group', { name: /Global hotkeys/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('62-desktop-settings-en') });
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await command('start-outgoing');
    await expect.poll(() => page.getByRole('heading', { name: 'Outgoing call', exact: true }).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('63-desktop-expanded-en') });
    await page.getByRole('button', { name: 'Compact view' }).click();
    await page.setViewportSize({ width: 380, height: 560 });
    await expect.poll(() => page.locator('.app.compact').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('64-desktop-compact-en') });
    expect(await seriousViolations(page)).toEqual([]);
  });
});
