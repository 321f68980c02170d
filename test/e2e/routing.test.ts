import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { firstRun, journalRecords } from '../helpers/e2e-steps';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

/**
 * A clerk of Centrum Aktywizacji Zawodowej gets calls about other units'
 * matters: the search routes them, a complex matter is an invitation, and a
 * term is explained in plain words.
 */
describe.skipIf(unavailable)('web mode: search, routing and the complex-matter hint', () => {
  // Each test its own clerk of Centrum Aktywizacji Zawodowej, on a new data folder.
  const app = useWebMode({ prefix: 'asystent-e2e-route-' });
  let page: Page;
  beforeEach(() => void (page = app.page));
  const calls = () => journalRecords(app.dataDir).filter((r) => r.type === 'call');
  const newClerk = () => firstRun(page, app.url, 'Centrum Aktywizacji Zawodowej');

  async function searchFor(query: string) {
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('search-input');
    await page.keyboard.type(query);
    await expect.poll(() => page.getByRole('option').count()).toBeGreaterThan(0);
  }

  it('sets up a clerk of Centrum Aktywizacji Zawodowej', async () => {
    await newClerk();
  });

  it('"zasilek" routes to the unit handling benefits; "Przekierowano" records it, and the saved call names the target', async () => {
    await newClerk();
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByRole('region', { name: 'Powitanie' }).isVisible()).toBe(true);
    await searchFor('zasilek');
    const first = page.getByRole('option').first();
    expect(await first.innerText()).toMatch(/Sprawa[\s\S]*Wysokość zasiłku[\s\S]*Dział Ewidencji i Świadczeń/i);
    await page.keyboard.press('Enter');
    const details = page.getByRole('region', { name: 'Wysokość zasiłku i okres jego pobierania' });
    await expect.poll(() => details.isVisible()).toBe(true);
    expect(await details.innerText()).toContain('Tą sprawą zajmuje się Dział Ewidencji i Świadczeń');
    await page.screenshot({ path: screenshotPath('20-routing-card'), fullPage: true });
    await details.getByRole('button', { name: 'Przekierowano' }).click();
    await expect.poll(() => page.getByText('Zapisano przekierowanie do: Dział Ewidencji i Świadczeń').isVisible()).toBe(true);

    await page.keyboard.press('F4');
    await expect.poll(() => page.getByRole('radio', { name: /Przekierowana/ }).isChecked()).toBe(true);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => calls().length).toBe(1);
    expect(calls()[0]).toMatchObject({ outcome: 'routed', routedTo: { unitId: 'dzial-ewidencji-i-swiadczen', unitName: 'Dział Ewidencji i Świadczeń', external: false } });
    await page.getByRole('button', { name: 'Historia' }).click();
    await expect.poll(() => page.locator('.call-item').count()).toBe(1);
    expect(await page.locator('.call-item').first().innerText()).toContain('Przekierowano do: Dział Ewidencji i Świadczeń');
  });

  it('"odwołanie od decyzji" shows the complex-matter hint; the invitation is recorded with its date', async () => {
    await newClerk();
    await page.getByRole('button', { name: 'Rozmowa', exact: true }).click();
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByRole('region', { name: 'Powitanie' }).isVisible()).toBe(true);
    await searchFor('odwołanie od decyzji');
    await page.keyboard.press('Enter');
    const hint = page.getByRole('note').filter({ hasText: 'Nie wyjaśniaj złożonych spraw przez telefon — zaproś do Urzędu' });
    await expect.poll(() => hint.isVisible()).toBe(true);
    expect(await hint.innerText()).toContain('decyzja, od której się odwołuje');
    await hint.getByLabel('Termin wizyty (opcjonalnie)').fill('2020-03-12T10:30');
    await hint.getByRole('button', { name: 'Zaproszono do Urzędu' }).click();
    await expect.poll(() => hint.getByText('Ten termin już minął').isVisible()).toBe(true);
    await hint.getByLabel('Termin wizyty (opcjonalnie)').fill('2030-03-12T10:30');
    await page.screenshot({ path: screenshotPath('21-complex-hint'), fullPage: true });
    await hint.getByRole('button', { name: 'Zaproszono do Urzędu' }).click();
    await expect.poll(() => page.getByText('Zapisano zaproszenie do Urzędu').isVisible()).toBe(true);
    await page.keyboard.press('F4');
    await expect.poll(() => page.getByRole('radio', { name: /Zaproszenie do Urzędu/ }).isChecked()).toBe(true);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => calls().length).toBe(1);
    const invited = calls()[0]!;
    expect(invited.outcome).toBe('invited');
    expect(new Date((invited.invitation as { appointmentAt: string }).appointmentAt).getFullYear()).toBe(2030);
  });

  it('a term is explained in plain words, also when idle', async () => {
    await newClerk();
    await expect.poll(() => page.getByRole('button', { name: /Połączenie przychodzące/ }).isVisible()).toBe(true);
    await searchFor('karencja');
    // The matter that mentions it comes first; the term is further down, reached with the arrows.
    const options = await page.getByRole('option').allInnerTexts();
    const termAt = options.findIndex((text) => /^pojęcie\s+karencja/i.test(text.trim()));
    expect(termAt).toBeGreaterThan(0);
    for (let i = 0; i < termAt; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const term = page.getByRole('region', { name: 'karencja' });
    await expect.poll(() => term.isVisible()).toBe(true);
    expect(await term.innerText()).toMatch(/powiedz prościej/i);
    await page.screenshot({ path: screenshotPath('22-glossary-term'), fullPage: true });
  });

  it("an office's own directory, chosen in settings, is checked first and then searched", async () => {
    await newClerk();
    await page.getByRole('button', { name: 'Ustawienia' }).click();
    const form = page.getByRole('region', { name: 'Katalog spraw i słowniczek urzędu' });
    await expect.poll(() => form.isVisible()).toBe(true);
    const file = join(app.folder('asystent-e2e-office-'), 'katalog.json');
    const directory = JSON.parse(readFileSync('resources/directory.json', 'utf8'));
    directory.matters.push({ ...directory.matters[0], id: 'karta-rodziny', title: 'Karta Dużej Rodziny', keywords: ['karta dużej rodziny'] });

    // Broken first: one matter points at a unit the directory does not have.
    writeFileSync(file, JSON.stringify({ ...directory, matters: [...directory.matters.slice(0, -1), { ...directory.matters.at(-1), unit: 'dzial-ktorego-nie-ma' }] }, null, 2));
    await form.getByLabel('Plik katalogu spraw i komórek (.json)').fill(file);
    await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
    const problems = form.getByRole('alert');
    await expect.poll(() => problems.isVisible()).toBe(true);
    expect(await problems.innerText()).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ matters\\.43\\.unit`));
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('23-office-file-refused') });

    writeFileSync(file, JSON.stringify(directory, null, 2));
    await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
    await expect.poll(() => form.getByText('W użyciu: plik urzędu (44 sprawy).').isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('24-office-file-in-use') });

    await page.getByRole('button', { name: 'Rozmowa', exact: true }).click();
    await searchFor('karta duzej rodziny');
    expect(await page.getByRole('option').first().innerText()).toMatch(/Karta Dużej Rodziny/);
  });
  it("a matter past its check: the office files' part lists it for the lead, and the clerk's card says since when", async () => {
    await newClerk();
    const file = join(app.folder('asystent-e2e-stale-'), 'katalog.json');
    const directory = JSON.parse(readFileSync('resources/directory.json', 'utf8'));
    for (const matter of directory.matters) {
      if (matter.id === 'wysokosc-zasilku') Object.assign(matter, { checked: '2020-01-10', reviewBy: undefined });
      if (matter.id === 'emerytura-renta') delete matter.checked;
    }
    writeFileSync(file, JSON.stringify(directory, null, 2));
    await page.getByRole('button', { name: 'Ustawienia' }).click();
    const form = page.getByRole('region', { name: 'Katalog spraw i słowniczek urzędu' });
    await expect.poll(() => form.isVisible()).toBe(true);
    // The built-in directory, checked recently: nothing due, and when the next check is.
    expect(await form.innerText()).toMatch(/Wszystkie sprawy są sprawdzone w terminie\. Najbliższy termin: \d+ \S+ \d{4} r\./);
    await form.getByLabel('Plik katalogu spraw i komórek (.json)').fill(file);
    await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
    const list = form.getByText('2 sprawy do sprawdzenia');
    await expect.poll(() => list.isVisible()).toBe(true);
    await list.click();
    const items = form.locator('.stale-matters li');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(0).innerText()).toMatch(/Wysokość zasiłku[\s\S]*do sprawdzenia od 10 stycznia 2021 r\.[\s\S]*dba o nią: Dział Ewidencji i Świadczeń[\s\S]*sprawdzona 10 stycznia 2020 r\.[\s\S]*źródło: ustawa z 20 marca 2025/);
    expect(await items.nth(1).innerText()).toMatch(/Emerytura[\s\S]*bez daty sprawdzenia[\s\S]*dba o nią: Dział Ewidencji i Świadczeń/);
    for (const width of [460, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await items.nth(0).scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`25-stale-matters-${width}`) });
    }

    await page.getByRole('button', { name: 'Rozmowa', exact: true }).click();
    await searchFor('ile wynosi zasilek');
    await page.keyboard.press('Enter');
    const details = page.getByRole('region', { name: 'Wysokość zasiłku i okres jego pobierania' });
    await expect.poll(() => details.isVisible()).toBe(true);
    expect(await details.innerText()).toContain('Sprawdzone 10 stycznia 2020 r., do ponownego sprawdzenia od 10 stycznia 2021 r. — te informacje mogły się od tego czasu zmienić.');
    await page.screenshot({ path: screenshotPath('26-stale-matter-card-1280') });
    await page.setViewportSize({ width: 460, height: 900 });
    await page.screenshot({ path: screenshotPath('26-stale-matter-card-460') });
    // A matter checked in time says nothing of it.
    await page.keyboard.press('Escape');
    await searchFor('staz');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.hit-details').isVisible()).toBe(true);
    expect(await page.locator('.freshness-due').count()).toBe(0);
  });
});
