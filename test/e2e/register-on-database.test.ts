import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { firstRun, joinTeamDatabase, quickIncomingCall } from '../helpers/e2e-steps';
import { postgresSkipReason, TEST_PASSWORD, useTestDatabase } from '../helpers/postgres';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason() || postgresSkipReason();

/**
 * An office on PostgreSQL: a clerk on her computer saves calls to the team
 * database; the team lead, on his, with his own login, opens the register —
 * it reads the database (not a folder) — sees them with the summary,
 * filters them and exports a CSV.
 */
describe.skipIf(unavailable)('web mode: the lead’s register on the team database', () => {
  const app = useWebMode({ prefix: 'asystent-e2e-dbreg-', context: { acceptDownloads: true } });
  const db = useTestDatabase();
  const registerCount = (text: string) => app.page.locator('.register [aria-live="polite"]', { hasText: text });

  it('shows the clerks’ calls from the database with the summary, filters them and exports them', async () => {
    await db.addLogin('anna_nowak', 'clerk', ['pup-lodz']);
    await db.addLogin('kierownik', 'lead', ['pup-lodz']);

    const anna = await app.another({ prefix: 'asystent-e2e-dbreg-clerk-' });
    await firstRun(anna.page, anna.server.url, 'Kancelaria', ['Anna', 'Nowak']);
    await joinTeamDatabase(anna.page, db.cluster.urlFor('anna_nowak'), TEST_PASSWORD);
    await quickIncomingCall(anna.page, '1');
    await quickIncomingCall(anna.page, '2'); // Przekierowana
    await quickIncomingCall(anna.page, '1');
    // Her computer delivers in the background: stopped before the last call is out of her outbox, it would wait there for her next start.
    await expect.poll(() => (existsSync(join(anna.dataDir, 'outbox')) ? readdirSync(join(anna.dataDir, 'outbox')).length : 0)).toBe(0);
    await anna.server.stop();

    const { page, dataDir } = app;
    await firstRun(page, app.url, 'Centrum Aktywizacji Zawodowej', ['Jan', 'Kierownik']);
    await joinTeamDatabase(page, db.cluster.urlFor('kierownik'), TEST_PASSWORD);
    await page.getByRole('button', { name: 'Rejestr' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Rejestr rozmów' }).isVisible()).toBe(true);
    await expect.poll(() => registerCount('3 rozmowy').isVisible()).toBe(true);
    const summary = page.getByRole('region', { name: 'Podsumowanie' });
    await expect.poll(() => summary.innerText()).toMatch(/Przekierowane\s*33%\s*1 z 3/i);
    expect(await page.getByRole('listitem').filter({ hasText: 'Anna Nowak' }).count()).toBe(3);
    await page.screenshot({ path: screenshotPath('83-register-on-database'), fullPage: true });

    await page.getByLabel('Wynik').selectOption({ label: 'Przekierowana' });
    await expect.poll(() => registerCount('1 rozmowa').isVisible()).toBe(true);
    await expect.poll(() => summary.innerText()).toMatch(/Rozmowy\s*1/i);
    await page.getByRole('button', { name: 'Wyczyść filtry' }).click();
    await expect.poll(() => registerCount('3 rozmowy').isVisible()).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Eksport CSV (Excel)' }).click()]);
    const path = join(dataDir, 'z-bazy.csv');
    await download.saveAs(path);
    const [header, ...calls] = parse(readFileSync(path, 'utf8').slice(1), { delimiter: ';' }) as string[][];
    expect(header!.slice(0, 2)).toEqual(['Data rozpoczęcia', 'Pracownik']);
    expect(calls.map((c) => c[1])).toEqual(['Anna Nowak', 'Anna Nowak', 'Anna Nowak']);
    await expect.poll(() => page.getByText(/Wyeksportowano 3 rozmowy/).isVisible()).toBe(true);

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: screenshotPath('84-register-on-database-wide'), fullPage: true });
  });
});
