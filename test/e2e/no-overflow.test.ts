import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { firstRun, quickIncomingCall } from '../helpers/e2e-steps';
import { e2eSkipReason, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

/**
 * At the overlay's width (460 px) no screen scrolls sideways — in both text
 * sizes and both languages: every view, the call, the wrap-up and the
 * wrap-up with the callback picker open. Measured, not looked at: the page's
 * scroll width against its width.
 */
describe.skipIf(unavailable)('web mode: nothing wider than the overlay', () => {
  const app = useWebMode({ prefix: 'asystent-e2e-width-' });
  let page: Page;
  beforeEach(() => void (page = app.page));

  const WORDS = {
    pl: { views: ['Rozmowa', 'Oddzwonienia', 'Historia', 'Rejestr', 'Ustawienia'], settings: 'Ustawienia', save: 'Zapisz ustawienia', language: 'Język', larger: 'Większy tekst', wrapUp: 'Podsumowanie rozmowy', call: 'Rozmowa' },
    en: { views: ['Call', 'Callbacks', 'History', 'Register', 'Settings'], settings: 'Settings', save: 'Save settings', language: 'Language', larger: 'Larger text', wrapUp: 'Call summary', call: 'Call' },
  } as const;

  const rows: Record<string, number> = {};
  /** How many rows the navigation's tabs take. */
  const tabRows = () => page.evaluate('new Set([...document.querySelectorAll(".topbar nav .tab")].map((b) => Math.round(b.getBoundingClientRect().top))).size') as Promise<number>;
  /** How much wider than the window the page is (0: it fits). */
  const excess = () => page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;

  async function everyScreen(language: 'pl' | 'en', large: boolean): Promise<Record<string, number>> {
    const words = WORDS[language];
    const found: Record<string, number> = {};
    for (const view of words.views) {
      await page.getByRole('button', { name: view, exact: true }).click();
      await expect.poll(() => page.getByRole('button', { name: view, exact: true }).getAttribute('aria-current')).not.toBeNull();
      found[`${language}${large ? ', larger' : ''}: ${view}`] = await excess();
      // In the usual text size the five tabs keep one row: none is left alone on a second.
      if (!large) rows[`${language}: ${view}`] = await tabRows();
    }
    await page.getByRole('button', { name: words.call, exact: true }).click();
    await page.keyboard.press('F2');
    await expect.poll(() => page.locator('.checklist').isVisible()).toBe(true);
    found[`${language}${large ? ', larger' : ''}: in a call`] = await excess();
    await page.keyboard.press('F4');
    await expect.poll(() => page.getByRole('heading', { name: words.wrapUp }).isVisible()).toBe(true);
    found[`${language}${large ? ', larger' : ''}: wrap-up`] = await excess();
    await page.keyboard.press('4');
    await expect.poll(() => page.locator('.wrap-up input[type="datetime-local"], .wrap-up .callback-picker').count()).toBeGreaterThan(0);
    found[`${language}${large ? ', larger' : ''}: wrap-up, callback`] = await excess();
    await page.keyboard.press('6');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('.checklist').count()).toBe(0);
    return found;
  }

  async function setPreferences(from: 'pl' | 'en', language: 'pl' | 'en', large: boolean) {
    const words = WORDS[from];
    await page.getByRole('button', { name: words.settings, exact: true }).click();
    await page.getByLabel(words.language).selectOption(language);
    const box = page.getByLabel(words.larger);
    if ((await box.isChecked()) !== large) await box.click();
    await page.getByRole('button', { name: words.save }).click();
    await expect.poll(() => page.getByRole('button', { name: WORDS[language].settings, exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.evaluate('document.documentElement.classList.contains("large-text")')).toBe(large);
  }

  it('every screen fits 460 px, in both text sizes and both languages; the tabs keep one row in the usual size', async () => {
    await firstRun(page, app.url);
    await quickIncomingCall(page, '2'); // a row in the history and the register
    const found: Record<string, number> = {};
    let current: 'pl' | 'en' = 'pl';
    for (const [language, large] of [['pl', false], ['pl', true], ['en', false], ['en', true]] as const) {
      await setPreferences(current, language, large);
      current = language;
      Object.assign(found, await everyScreen(language, large));
    }
    expect(Object.keys(found)).toHaveLength(32);
    expect(Object.entries(found).filter(([, px]) => px > 0)).toEqual([]);
    expect(Object.entries(rows).filter(([, n]) => n !== 1)).toEqual([]);
  });
});
