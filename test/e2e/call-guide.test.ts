import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { firstRun } from '../helpers/e2e-steps';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

interface Box {
  top: number;
  bottom: number;
}

/**
 * The guidance stays in view at the overlay's size: through an outbound call
 * ticked item by item, the timer and what to say now (the greeting, then the
 * script's question) are on screen and clear of the title bar after every
 * tick, in the usual and the larger text; and every checklist item can be
 * brought into view without covering them.
 */
describe.skipIf(unavailable)('web mode: the guidance stays in view during a call', () => {
  const app = useWebMode({ prefix: 'asystent-e2e-guide-' });

  const box = (page: Page, selector: string) =>
    page.locator(selector).first().evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    }) as Promise<Box>;

  /** The timer and the guide's current line are inside the window, below the title bar. */
  async function guidanceInView(page: Page, what: string) {
    const height = page.viewportSize()!.height;
    const topbar = await box(page, '.topbar');
    for (const selector of ['.timer-value', '.call-guide .greeting-text, .call-guide .guide-line']) {
      const b = await box(page, selector);
      expect(b.top, `${what}: ${selector} under the title bar`).toBeGreaterThanOrEqual(topbar.bottom - 1);
      expect(b.bottom, `${what}: ${selector} within the window`).toBeLessThanOrEqual(height);
    }
  }

  for (const large of [false, true]) {
    it(`${large ? 'larger' : 'usual'} text at 460×760: guidance in view after every tick, every item reachable below it`, async () => {
      const { page } = app;
      await firstRun(page, app.url);
      if (large) {
        await page.getByRole('button', { name: 'Ustawienia', exact: true }).click();
        await page.getByLabel('Większy tekst').check();
        await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
        await expect.poll(() => page.evaluate('document.documentElement.className')).toContain('large');
        await page.getByRole('button', { name: 'Rozmowa', exact: true }).click();
      }
      await page.keyboard.press('F3');
      await expect.poll(() => page.getByTestId('call-guide').isVisible()).toBe(true);
      await guidanceInView(page, 'start');
      expect(await page.getByTestId('call-guide').innerText()).toContain('dzwonię z Powiatowego Urzędu Pracy w Łodzi');

      await page.keyboard.press('1'); // the greeting said: the guide now holds the script's question
      await expect.poll(() => page.locator('.guide-line').innerText()).toContain('Przepraszam, z kim mam przyjemność rozmawiać?');
      await page.keyboard.press('t');
      await expect.poll(() => page.locator('.guide-line').innerText()).toContain('Czy to dobry moment');
      await guidanceInView(page, 'after the person was confirmed');

      const items = page.locator('.checklist input[type="checkbox"]');
      const count = await items.count();
      for (let i = 0; i < count; i++) {
        const key = await items.nth(i).getAttribute('aria-keyshortcuts');
        const before = await items.nth(i).isChecked();
        await page.keyboard.press(key!);
        await expect.poll(() => items.nth(i).isChecked()).toBe(!before);
        await guidanceInView(page, `after key ${key}`);
        // The row just ticked is in view, not under the guide nor under the end-call bar.
        const row = await items.nth(i).evaluate((el) => {
          const r = el.closest('li')!.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom };
        });
        const guide = await box(page, '.call-guide');
        const footer = await box(page, '.call .actions.sticky');
        expect(row.top, `row ${key} below the guide`).toBeGreaterThanOrEqual(guide.bottom - 1);
        expect(row.bottom, `row ${key} above the end-call bar`).toBeLessThanOrEqual(footer.top + 1);
      }
      await page.screenshot({ path: screenshotPath(`46-call-guide-460${large ? '-larger' : ''}`) });
    });
  }
});
