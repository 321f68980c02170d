import { mkdtempSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRun, joinTeamFolder, quickIncomingCall } from '../helpers/e2e-steps';
import { e2eSkipReason, launchChromium, screenshotPath, startWebMode, type WebModeProcess } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

/**
 * Two clerks on two computers share a team folder and take three calls
 * between them (one while the folder is unreachable); the team lead's
 * register shows all three, is filtered, its summary checked, and a CSV
 * exported (a browser download in web mode) and read back.
 */
describe.skipIf(unavailable)('web mode: the register, its summary and the CSV export', () => {
  let browser: Browser;
  let lead: WebModeProcess;
  let page: Page;
  const leadDir = mkdtempSync(join(tmpdir(), 'asystent-e2e-register-'));
  const otherDir = mkdtempSync(join(tmpdir(), 'asystent-e2e-register-other-'));
  const team = mkdtempSync(join(tmpdir(), 'asystent-e2e-team-'));

  /** The count under the filters (the charts say "2 rozmowy" too). */
  const registerCount = (text: string) => page.locator('.register [aria-live="polite"]', { hasText: text });

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await lead?.stop();
  });

  async function joinTeam(p: Page, screenshot?: string) {
    await joinTeamFolder(p, team, async () => {
      if (!screenshot) return;
      await p.getByRole('region', { name: 'Zespół i przechowywanie zapisów' }).scrollIntoViewIfNeeded();
      await p.screenshot({ path: screenshotPath(screenshot) });
    });
  }

  it('a second clerk joins the team folder in settings and takes one call on their own computer', async () => {
    const other = await startWebMode(otherDir);
    try {
      const otherPage = await browser.newPage({ viewport: { width: 460, height: 760 }, locale: 'pl-PL' });
      await firstRun(otherPage, other.url, 'Kancelaria', ['Piotr', 'Wiśniewski']);
      await joinTeam(otherPage);
      await quickIncomingCall(otherPage, '2', '=HYPERLINK("http://zly.example") oddzwonić'); // Przekierowana
      await otherPage.close();
    } finally {
      await other.stop();
    }
  });

  it('the team lead takes two; while the team folder is unreachable the record waits and a banner says so', async () => {
    lead = await startWebMode(leadDir);
    page = await browser.newPage({ viewport: { width: 460, height: 760 }, locale: 'pl-PL', acceptDownloads: true });
    await firstRun(page, lead.url);
    await joinTeam(page, '33-team-settings');
    await quickIncomingCall(page, '1');
    renameSync(team, `${team}-odlaczony`); // the share drops
    await quickIncomingCall(page, '1');
    const banner = page.getByRole('status').filter({ hasText: 'Folder zespołu' });
    await expect.poll(() => banner.isVisible()).toBe(true);
    expect(await banner.innerText()).toContain('Na tym komputerze czeka: 1 zapis.');
    await page.screenshot({ path: screenshotPath('32-team-folder-unreachable') });
    renameSync(`${team}-odlaczony`, team); // and comes back
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: /Połączenie przychodzące/ }).isVisible()).toBe(true);
    await expect.poll(() => banner.isVisible()).toBe(false);
  });

  it('the register lists all three with the summary, and filters by clerk', async () => {
    await page.getByRole('button', { name: 'Rejestr' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Rejestr rozmów' }).isVisible()).toBe(true);
    await expect.poll(() => registerCount('3 rozmowy').isVisible()).toBe(true);
    const summary = page.getByRole('region', { name: 'Podsumowanie' });
    expect(await summary.innerText()).toMatch(/Przekierowane\s*33%\s*1 z 3/i);
    await page.screenshot({ path: screenshotPath('30-register'), fullPage: true });

    await page.getByLabel('Pracownik').selectOption({ label: 'Ewa Zielińska' });
    await expect.poll(() => registerCount('2 rozmowy').isVisible()).toBe(true);
    expect(await summary.innerText()).toMatch(/Rozmowy\s*2/i);
    expect(await summary.innerText()).toMatch(/Powitanie w 30 s\s*100%\s*2 z 2/i);
    const rows = page.getByRole('listitem').filter({ hasText: 'Ewa Zielińska' });
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByRole('region', { name: 'Rozmowy' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('31-register-filtered') });
    // The printed report: the summary and charts alone, with the period.
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: screenshotPath('35-register-print'), fullPage: true });
    expect(await page.getByRole('button', { name: 'Eksport CSV (Excel)' }).isVisible()).toBe(false);
    expect(await summary.innerText()).toMatch(/Cały rejestr · Pracownik: Ewa Zielińska · sporządzono/);
    await page.emulateMedia({ media: 'screen' });

    // A filter nothing matches: the summary stays (zeros) and names the filters to clear.
    await page.getByLabel('Wynik').selectOption({ label: 'Inna' });
    await expect.poll(() => registerCount('0 rozmów').isVisible()).toBe(true);
    await expect.poll(() => summary.innerText()).toContain('Żadna rozmowa nie spełnia wybranych filtrów (Pracownik: Ewa Zielińska · Wynik: Inna)');
    expect(await summary.innerText()).toMatch(/Rozmowy\s*0/i);
    await page.screenshot({ path: screenshotPath('36-register-empty-filter'), fullPage: true });
    await page.getByRole('button', { name: 'Wyczyść filtry' }).click();
  });

  it('exports the whole register as CSV that reads back with Polish headers and the note neutralised', async () => {
    await page.getByRole('button', { name: 'Wyczyść filtry' }).click();
    await expect.poll(() => registerCount('3 rozmowy').isVisible()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Eksport CSV (Excel)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^rejestr-rozmow-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    const path = join(leadDir, 'pobrany.csv');
    await download.saveAs(path);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...calls] = parse(text.slice(1), { delimiter: ';' }) as string[][];
    expect(header!.slice(0, 3)).toEqual(['Data rozpoczęcia', 'Pracownik', 'Kierunek']);
    expect(calls.map((c) => c[1]).sort()).toEqual(['Ewa Zielińska', 'Ewa Zielińska', 'Piotr Wiśniewski']);
    const note = calls.find((c) => c[1] === 'Piotr Wiśniewski')![header!.indexOf('Notatka')];
    expect(note).toBe('\'=HYPERLINK("http://zly.example") oddzwonić');
    await expect.poll(() => page.getByText(/Wyeksportowano 3 rozmowy/).isVisible()).toBe(true);
    expect(readdirSync(leadDir).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it("without a shared folder, a team lead imports a clerk's JSON Lines export, and a second import adds nothing", async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Eksport JSON Lines' }).click()]);
    const exported = join(leadDir, 'od-pracownika.jsonl');
    await download.saveAs(exported);
    // The three calls, with the two clerks' readiness checks of the day (so each month's chain stays whole).
    const types = readFileSync(exported, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types.filter((t) => t === 'call')).toHaveLength(3);
    expect(types.filter((t) => t === 'shift')).toHaveLength(2);

    const elsewhere = await startWebMode(mkdtempSync(join(tmpdir(), 'asystent-e2e-register-import-')));
    try {
      const other = await browser.newPage({ viewport: { width: 460, height: 760 }, locale: 'pl-PL' });
      await firstRun(other, elsewhere.url, 'Centrum Aktywizacji Zawodowej', ['Joanna', 'Kierownik']);
      await other.getByRole('button', { name: 'Rejestr' }).click();
      await expect.poll(() => other.locator('.register [aria-live="polite"]').innerText()).toBe('0 rozmów');
      const importFrom = async () => {
        const [chooser] = await Promise.all([other.waitForEvent('filechooser'), other.getByRole('button', { name: 'Importuj od pracownika (JSON Lines)' }).click()]);
        await chooser.setFiles(exported);
      };
      await importFrom();
      await expect.poll(() => other.getByText('od-pracownika.jsonl: zaimportowano 3 rozmowy oraz 2 inne zapisy (listy gotowości do dyżuru, notatki o usunięciu starych miesięcy).').isVisible()).toBe(true);
      await expect.poll(() => other.locator('.register [aria-live="polite"]').innerText()).toBe('3 rozmowy');
      expect(await other.locator('.register-problems').count()).toBe(0); // whole months: every chain verifies
      await other.screenshot({ path: screenshotPath('34-register-imported') });
      await importFrom();
      await expect.poll(() => other.getByText('od-pracownika.jsonl: zaimportowano 0 rozmów; 3 były już w rejestrze.').isVisible()).toBe(true);
      await expect.poll(() => other.locator('.register [aria-live="polite"]').innerText()).toBe('3 rozmowy');
      await other.close();
    } finally {
      await elsewhere.stop();
    }
  });
});
