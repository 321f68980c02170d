import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { allStoredText, firstRun, journalRecords } from '../helpers/e2e-steps';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

/**
 * A callback a clerk can act on: whom to call is asked for at the wrap-up,
 * shown in the list and during the call made for it, kept on this computer
 * only; attempts nobody answered are counted and, after three, a letter is
 * suggested; a callback can be moved and called off. Each test starts its
 * own data directory and server.
 */
describe.skipIf(unavailable)('web mode: callbacks a clerk can act on', () => {
  const app = useWebMode({ prefix: 'asystent-e2e-contacts-' });

  /** This test's clerk, past the first run, in a window of this width. */
  async function start(width = 460): Promise<{ page: Page; dataDir: string }> {
    const { page, dataDir } = app;
    if (width !== 460) await page.setViewportSize({ width, height: 800 });
    await firstRun(page, app.url);
    return { page, dataDir };
  }

  const calls = (dataDir: string) => journalRecords(dataDir).filter((r) => r.type === 'call');

  /** An incoming call that agrees a callback in an hour, for whom `fill` says. */
  async function agreeCallback(page: Page, dataDir: string, fill: () => Promise<void>) {
    const before = calls(dataDir).length;
    await page.keyboard.press('F2');
    await page.keyboard.press('1');
    await page.keyboard.press('F4');
    await page.keyboard.press('4'); // Oddzwonienie
    await page.getByRole('button', { name: 'Za godzinę' }).click();
    await fill();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => calls(dataDir).length).toBe(before + 1);
  }

  async function openCallbacks(page: Page) {
    await page.getByRole('button', { name: /Oddzwonienia/ }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Oddzwonienia' }).isVisible()).toBe(true);
  }

  it('asks whom to call back, shows it in the list and during the call, counts unanswered attempts and suggests a letter after three', async () => {
    const { page, dataDir } = await start();
    // Without a number the save is refused, said where the number goes.
    await page.keyboard.press('F2');
    await page.keyboard.press('F4');
    await page.keyboard.press('4');
    await page.getByRole('button', { name: 'Za godzinę' }).click();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByText('Oddzwonienie wymaga numeru telefonu — wpisz go poniżej.').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Podaj numer, pod który oddzwonić.').isVisible()).toBe(true);
    expect(calls(dataDir)).toHaveLength(0);
    await page.getByLabel('Numer telefonu').fill('+48 601-234-567');
    await page.getByLabel(/Imię i nazwisko/).fill('Jan Kowalski');
    await page.getByRole('radio', { name: 'Pan', exact: true }).check();
    await page.getByLabel(/Znak sprawy/).fill('CAZ.5410.77.2026');
    await page.screenshot({ path: screenshotPath('40-callback-contact-460'), fullPage: true });
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => calls(dataDir).length).toBe(1);

    // Everywhere but the contacts' own store: the journal, its heads, the draft, settings.
    const stored = allStoredText(dataDir).replace(readFileSync(join(dataDir, 'callback-contacts.json'), 'utf8'), '');
    expect(stored.replace(/\D/g, '')).not.toContain('601234567');
    expect(stored).not.toContain('Kowalski');
    expect(readFileSync(join(dataDir, 'callback-contacts.json'), 'utf8')).toContain('601 234 567');

    await openCallbacks(page);
    const item = page.getByTestId('callback-item');
    await expect.poll(() => item.count()).toBe(1);
    const text = await item.innerText();
    for (const fact of ['Jan Kowalski', '601 234 567', 'CAZ.5410.77.2026']) expect(text).toContain(fact);
    await page.screenshot({ path: screenshotPath('41-callbacks-list-460'), fullPage: true });

    for (let attempt = 1; attempt <= 3; attempt++) {
      await item.getByRole('button', { name: 'Zadzwoń teraz' }).click();
      const inUse = page.getByRole('region', { name: 'Oddzwonienie' });
      await expect.poll(() => inUse.isVisible()).toBe(true);
      expect(await inUse.innerText()).toContain('601 234 567');
      expect(await inUse.innerText()).toContain('Jan Kowalski');
      if (attempt === 1) await page.screenshot({ path: screenshotPath('42-callback-in-call-460'), fullPage: true });
      await page.getByRole('button', { name: /Nikt nie odbiera/ }).click();
      await page.keyboard.press('F4');
      await expect.poll(() => page.getByRole('radio', { name: /Brak kontaktu/ }).isChecked()).toBe(true);
      await page.keyboard.press('Control+Enter');
      await expect.poll(() => calls(dataDir).length).toBe(1 + attempt);
      await openCallbacks(page);
      await expect.poll(() => item.innerText()).toContain(attempt === 1 ? '1 próba bez odpowiedzi' : `${attempt} próby bez odpowiedzi`);
    }
    expect(await item.innerText()).toContain('rozważ pismo');
    await page.screenshot({ path: screenshotPath('43-callback-letter-460'), fullPage: true });
    // Still whom to call: attempts keep the contact.
    expect(await item.innerText()).toContain('601 234 567');
  });

  it('moves a callback to another time and calls it off; its contact goes with it', async () => {
    const { page, dataDir } = await start(1280);
    // A reference that is one long word (a pasted address) must not widen the list.
    await agreeCallback(page, dataDir, async () => {
      await page.getByLabel('Numer telefonu').fill('42 123 45 67');
      await page.getByRole('button', { name: 'Zmień termin' }).click();
      await page.getByLabel(/Krótka notatka do oddzwonienia/).fill(`https://example.org/${'sprawa'.repeat(16)}`);
      await page.getByRole('button', { name: 'Za godzinę' }).click();
    });
    await openCallbacks(page);
    const item = page.getByTestId('callback-item');
    await expect.poll(() => item.count()).toBe(1);
    expect(existsSync(join(dataDir, 'callback-contacts.json'))).toBe(true);
    await page.setViewportSize({ width: 460, height: 760 });
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });

    await item.getByRole('button', { name: 'Przełóż' }).click();
    await item.getByRole('button', { name: 'Następny dzień roboczy, 9:00' }).click();
    await expect.poll(() => item.innerText()).toContain('termin zmieniony');
    expect(await item.locator('time').innerText()).toContain('09:00');
    const change = journalRecords(dataDir).find((r) => r.type === 'callback-change');
    expect(change).toMatchObject({ change: 'rescheduled' });
    await page.screenshot({ path: screenshotPath('44-callback-rescheduled-1280'), fullPage: true });

    await item.getByRole('button', { name: 'Odwołaj' }).click();
    await expect.poll(() => page.getByText('Odwołać to oddzwonienie? Dane kontaktu zostaną usunięte.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Tak, odwołaj' }).click();
    await expect.poll(() => page.getByText('Brak umówionych oddzwonień.').isVisible()).toBe(true);
    expect(existsSync(join(dataDir, 'callback-contacts.json'))).toBe(false);
    expect(journalRecords(dataDir).filter((r) => r.type === 'callback-change').map((r) => r.change)).toEqual(['rescheduled', 'cancelled']);
  });
});
