import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHOD_NAMES } from '../../shared/contract/api-methods';
import { seriousViolations } from '../helpers/axe';
import { firstRun } from '../helpers/e2e-steps';
import { e2eSkipReason, launchChromium, screenshotPath, startWebMode, type WebModeProcess } from '../helpers/web-mode';

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
  let browser: Browser;
  let server: WebModeProcess;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startWebMode(mkdtempSync(join(tmpdir(), 'asystent-e2e-desktop-')));
    page = await browser.newPage({ viewport: { width: 380, height: 560 }, locale: 'pl-PL', reducedMotion: 'reduce' });
    await page.addInitScript(PRELOAD_STAND_IN);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const command = (name: string) => page.evaluate(`window.__standInCommand(${JSON.stringify(name)})`);

  it('opens compact, with its own title-bar buttons; a hotkey starts a call there', async () => {
    await firstRun(page, server.url);
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
    await command('toggle-privacy');
    await expect.poll(() => page.getByRole('button', { name: /Pokaż okno/ }).isVisible()).toBe(true);
    await command('start-outgoing'); // nothing changes under the privacy screen
    await page.screenshot({ path: screenshotPath('65-desktop-privacy') });
    await command('toggle-privacy');
    expect(await page.getByRole('heading', { name: 'Rozmowa przychodząca' }).isVisible()).toBe(true);
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
    await page.getByRole('button', { name: 'Ustawienia', exact: true }).click();
    expect(await page.getByRole('group', { name: /Skróty globalne/ }).isVisible()).toBe(true);
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
