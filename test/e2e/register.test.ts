import { readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { firstRun, joinTeamFolder, quickIncomingCall } from '../helpers/e2e-steps';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

/**
 * Two clerks on two computers share a team folder and take three calls
 * between them (one while the folder is unreachable); the team lead's
 * register shows all three, is filtered, its summary checked, and a CSV
 * exported (a browser download in web mode) and read back.
 */
describe.skipIf(unavailable)('web mode: the register, its summary and the CSV export', () => {
  let team: string;

  async function joinTeam(p: Page, screenshot?: string) {
    await joinTeamFolder(p, team, async () => {
      if (!screenshot) return;
      await p.getByRole('region', { name: 'Zespół i przechowywanie zapisów' }).scrollIntoViewIfNeeded();
      await p.screenshot({ path: screenshotPath(screenshot) });
    });
  }

  /** The second clerk, Piotr of Kancelaria, on a computer of his own: in the team, one call taken (routed, a formula in the note). */
  async function piotrsCall(page: Page, url: string) {
    await firstRun(page, url, 'Kancelaria', ['Piotr', 'Wiśniewski']);
    await joinTeam(page);
    await quickIncomingCall(page, '2', '=HYPERLINK("http://zly.example") oddzwonić'); // Przekierowana
  }

  describe('the clerks’ computers, each test with a team folder of its own', () => {
    const app = useWebMode({ prefix: 'asystent-e2e-register-', context: { acceptDownloads: true } });
    let page: Page;
    beforeEach(() => {
      page = app.page;
      team = app.folder('asystent-e2e-team-');
    });

    it('a second clerk joins the team folder in settings and takes one call on their own computer', async () => {
      await piotrsCall(page, app.url);
    });

    it('the team lead takes two; while the team folder is unreachable the record waits and a banner says so', async () => {
      await firstRun(page, app.url);
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
  });

  describe('the lead’s register of three calls, taken once for the file', () => {
    const app = useWebMode({ prefix: 'asystent-e2e-register-', scope: 'file', context: { acceptDownloads: true } });
    let page: Page;
    let leadDir: string;
    /** The count under the filters (the charts say "2 rozmowy" too). */
    const registerCount = (text: string) => page.locator('.register [aria-live="polite"]', { hasText: text });

    beforeAll(() => {
      ({ page, dataDir: leadDir } = app);
      team = app.folder('asystent-e2e-team-');
    });

    /** Piotr's call on his computer, then Ewa's (the lead's) two in the same team. */
    async function takeThreeCalls() {
      const piotr = await app.another({ prefix: 'asystent-e2e-register-other-' });
      await piotrsCall(piotr.page, piotr.server.url);
      await piotr.server.stop();
      await firstRun(page, app.url);
      await joinTeam(page);
      await quickIncomingCall(page, '1');
      await quickIncomingCall(page, '1');
    }
    // Taken by whichever test comes first (its waits must run inside a test), then shared.
    let threeCalls: Promise<void> | undefined;

    /** The register with the three calls, in a fresh window: nothing opened, filtered or printed before. */
    async function openRegister() {
      await (threeCalls ??= takeThreeCalls());
      await page.emulateMedia({ media: 'screen' });
      await page.reload();
      await page.getByRole('button', { name: 'Rejestr' }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Rejestr rozmów' }).isVisible()).toBe(true);
    }

    it('the register lists all three with the summary, and filters by clerk', async () => {
      await openRegister();
      await expect.poll(() => registerCount('3 rozmowy').isVisible()).toBe(true);
      const summary = page.getByRole('region', { name: 'Podsumowanie' });
      await expect.poll(() => summary.innerText()).toMatch(/Przekierowane\s*33%\s*1 z 3/i);
      await page.screenshot({ path: screenshotPath('30-register'), fullPage: true });

      await page.getByLabel('Pracownik').selectOption({ label: 'Ewa Zielińska' });
      await expect.poll(() => registerCount('2 rozmowy').isVisible()).toBe(true);
      await expect.poll(() => summary.innerText()).toMatch(/Rozmowy\s*2/i);
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
      await openRegister();
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
      await openRegister();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Eksport JSON Lines' }).click()]);
      const exported = join(leadDir, 'od-pracownika.jsonl');
      await download.saveAs(exported);
      // The three calls, with the two clerks' readiness checks of the day (so each month's chain stays whole).
      const types = readFileSync(exported, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { type: string }).type);
      expect(types.filter((t) => t === 'call')).toHaveLength(3);
      expect(types.filter((t) => t === 'shift')).toHaveLength(2);

      const elsewhere = await app.another({ prefix: 'asystent-e2e-register-import-' });
      try {
        const other = elsewhere.page;
        await firstRun(other, elsewhere.server.url, 'Centrum Aktywizacji Zawodowej', ['Joanna', 'Kierownik']);
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
        await elsewhere.server.stop();
      }
    });
  });
});
