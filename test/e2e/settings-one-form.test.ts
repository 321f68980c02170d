import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { firstRun } from '../helpers/e2e-steps';
import { e2eSkipReason, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

/** Screenshots of the settings form to look at, outside the repository. */
const SHOTS = join(tmpdir(), 'asystent-settings-one-form');

/**
 * The settings are one form: changes in several parts are saved by one
 * press of one button, and are all there after the page is loaded again.
 */
describe.skipIf(unavailable)('web mode: the settings are one form with one save button', () => {
  const app = useWebMode({ prefix: 'asystent-e2e-settings-' });

  /** This test's fresh data folder, past the first run, on the settings screen. */
  async function settingsOfNewClerk(width: number, height: number): Promise<{ page: Page; dataDir: string }> {
    const { page, dataDir } = app;
    await page.setViewportSize({ width, height });
    await firstRun(page, app.url);
    await openSettings(page);
    return { page, dataDir };
  }

  async function openSettings(page: Page) {
    await page.getByRole('button', { name: 'Ustawienia', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Katalog spraw i słowniczek urzędu' }).isVisible()).toBe(true);
  }

  const largeText = (page: Page) => page.evaluate('document.documentElement.classList.contains("large-text")') as Promise<boolean>;

  it('the text size, the office’s number and a profile field, saved by one press, are all there after a reload', async () => {
    const { page, dataDir } = await settingsOfNewClerk(460, 760);
    await page.getByLabel('Większy tekst').check();
    await page.getByLabel('Opublikowany numer telefonu Urzędu').fill('+48 42-123-45-67');
    await page.getByLabel('Komórka organizacyjna').fill('Dział Ewidencji i Świadczeń');
    await expect.poll(() => page.getByText('niezapisane zmiany', { exact: true }).count()).toBe(2);

    await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
    await expect.poll(() => page.getByText('Zapisano ustawienia.').isVisible()).toBe(true);
    await expect.poll(() => largeText(page)).toBe(true);
    expect(await page.getByText('niezapisane zmiany', { exact: true }).count()).toBe(0);
    const saved = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'));
    expect(saved.profile.unit).toBe('Dział Ewidencji i Świadczeń');
    expect(saved.preferences).toMatchObject({ largeText: true, officePhone: '42 123 45 67' });

    await page.reload();
    await openSettings(page);
    await expect.poll(() => largeText(page)).toBe(true);
    expect(await page.getByLabel('Większy tekst').isChecked()).toBe(true);
    expect(await page.getByLabel('Opublikowany numer telefonu Urzędu').inputValue()).toBe('42 123 45 67');
    expect(await page.getByLabel('Komórka organizacyjna').inputValue()).toBe('Dział Ewidencji i Świadczeń');
    await page.close();
  });

  it('an invalid field stops the whole save: the focus goes to it and nothing is written', async () => {
    const { page, dataDir } = await settingsOfNewClerk(460, 760);
    const before = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    await page.getByLabel('Komórka organizacyjna').fill('Dział Ewidencji i Świadczeń');
    const phone = page.getByLabel('Opublikowany numer telefonu Urzędu');
    await phone.fill('12 34');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => phone.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => phone.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await page.getByRole('alert').filter({ hasText: 'Do poprawienia: Ustawienia aplikacji.' }).isVisible()).toBe(true);
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(before);

    // Corrected, the same key saves both parts.
    await phone.fill('600 123 456');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByText('Zapisano ustawienia.').isVisible()).toBe(true);
    const saved = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'));
    expect(saved.profile.unit).toBe('Dział Ewidencji i Świadczeń');
    expect(saved.preferences.officePhone).toBe('600 123 456');
    await page.close();
  });

  it('at 460 × 760 and 1280 × 800, in both text sizes, the save bar stays in the window and nothing is wider than it', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { page } = await settingsOfNewClerk(460, 760);
    for (const large of [false, true]) {
      if (large) {
        await page.getByLabel('Większy tekst').check();
        await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
        await expect.poll(() => largeText(page)).toBe(true);
      }
      for (const [width, height] of [
        [460, 760],
        [1280, 800],
      ] as const) {
        await page.setViewportSize({ width, height });
        const size = `${width}x${height}${large ? '-larger' : ''}`;
        await page.evaluate('window.scrollTo(0, 0)');
        // Two parts changed and marked, one of them wrong: the bar says which to correct.
        await page.getByLabel('Nazwisko').fill('Zielińska-Nowak');
        await page.getByLabel('Przechowywanie zapisów (miesiące)').fill('0');
        await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
        await expect.poll(() => page.getByText('Podaj liczbę miesięcy od 1 do 240.').isVisible()).toBe(true);
        const bar = page.locator('.settings-actions');
        const box = await bar.boundingBox();
        expect(box && box.y + box.height <= height + 1, `${size}: the save bar is in the window`).toBe(true);
        expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'), `${size}: nothing wider than the window`).toBe(0);
        await page.screenshot({ path: join(SHOTS, `${size}-error.png`) });
        await page.evaluate('window.scrollTo(0, 0)');
        await page.screenshot({ path: join(SHOTS, `${size}-top.png`) });
        await page.getByRole('button', { name: 'Anuluj' }).click();
        await openSettings(page);
      }
    }
    await page.close();
  });
});
