import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { firstRun, journalRecords } from '../helpers/e2e-steps';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

/**
 * Web mode after a restart: started as a person starts it (no --port), the
 * server comes back on the same address with the same key, so a tab left
 * open goes on — its call and its ticks — and saves; `--new-token` makes the
 * old address stop, and a page without a valid key says how to get one.
 */
describe.skipIf(unavailable)('web mode: a tab left open across a restart', () => {
  // Started as a person starts it: on the port (and with the key) of the data folder's last start.
  const app = useWebMode({ prefix: 'asystent-e2e-restart-', freePort: false });
  let page: Page;
  let dataDir: string;
  beforeEach(() => void ({ page, dataDir } = app));

  it('the same address after a restart: the call in the open tab goes on, keeps its ticks and saves', async () => {
    await firstRun(page, app.url);
    const first = app.url;
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByRole('region', { name: 'Powitanie' }).isVisible()).toBe(true);
    await page.keyboard.press('1');
    await app.restart();
    expect(app.url).toBe(first);
    await page.keyboard.press('2');
    await page.keyboard.press('F4');
    await expect.poll(() => page.getByRole('heading', { name: 'Podsumowanie rozmowy' }).isVisible()).toBe(true);
    await page.keyboard.press('1');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => journalRecords(dataDir).filter((r) => r.type === 'call').length).toBe(1);
    const [call] = journalRecords(dataDir).filter((r) => r.type === 'call') as { items: { done: boolean }[] }[];
    expect(call!.items.slice(0, 2).map((i) => i.done)).toEqual([true, true]);
  });

  it('--new-token: the old address is refused, and the page says how to get the right one', async () => {
    await firstRun(page, app.url);
    await app.restart({ args: ['--new-token'] });
    await page.reload();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Otwórz adres wypisany przy uruchomieniu trybu przeglądarkowego');
    await page.screenshot({ path: screenshotPath('90-web-old-key'), fullPage: true });
    // The new address (only its #token differs: a reload takes it in).
    await page.goto(app.url);
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Historia' }).isVisible()).toBe(true);
    expect(await page.getByText('Ten adres nie ma ważnego klucza dostępu').count()).toBe(0);
  });
});
