import { describe, expect, it } from 'vitest';
import { firstRun, quickIncomingCall } from '../helpers/e2e-steps';
import { postgresSkipReason, TEST_PASSWORD, useTestDatabase } from '../helpers/postgres';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason() || postgresSkipReason();

/**
 * A clerk switches team mode to the office's PostgreSQL as a person would:
 * a wrong password is said in the team part and nothing is saved; the right
 * one is taken, and never shown again; calls saved become rows; with the
 * server stopped the banner says why the copies wait, and when it is back
 * they arrive, once.
 */
describe.skipIf(unavailable)('web mode: team mode on a PostgreSQL database', () => {
  const app = useWebMode({ prefix: 'asystent-e2e-db-' });
  const db = useTestDatabase();

  async function rows(): Promise<number> {
    const admin = await db.admin();
    try {
      return (await admin.query(`SELECT count(*)::int AS n FROM asystent.calls WHERE record->>'type' = 'call'`)).rows[0].n as number;
    } finally {
      await admin.end();
    }
  }

  it('is set in Ustawienia, checked before it is saved, and every call arrives once — also after the server was away', async () => {
    const { page } = app;
    await db.addLogin('anna_nowak', 'clerk', ['pup-lodz']);
    await firstRun(page, app.url);
    await page.getByRole('button', { name: 'Ustawienia' }).click();
    await page.getByRole('radio', { name: 'Baza zespołu' }).check();
    await page.getByLabel('Adres bazy').fill(db.cluster.urlFor('anna_nowak'));
    await page.getByLabel('Hasło').fill('zle-haslo');
    await page.getByLabel('Szyfrowanie połączenia').selectOption('disable');
    await page.getByLabel('Identyfikator urzędu').fill('pup-lodz');
    await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
    const team = page.getByRole('region', { name: 'Zespół i przechowywanie zapisów' });
    await expect.poll(() => team.getByRole('alert').textContent()).toBe('Nie zapisano: Baza zespołu nie przyjęła loginu albo hasła.');
    await team.screenshot({ path: screenshotPath('80-team-database-wrong-password') });

    await page.getByLabel('Hasło').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
    await expect.poll(() => page.getByText('Zapisano ustawienia. Tryb zespołu włączony.').isVisible()).toBe(true);
    await expect.poll(() => team.getByText(/Kopie zapisów trafiają do bazy zespołu\. Oczekuje: 0 zapisów\./).isVisible()).toBe(true);
    // The password is not in the page, nor given back: only that one is saved.
    expect(await page.getByLabel('Hasło').inputValue()).toBe('');
    expect(await page.getByLabel('Hasło').getAttribute('placeholder')).toBe('zapisane — wpisz nowe, aby zmienić');
    expect(await page.content()).not.toContain(TEST_PASSWORD);
    await team.screenshot({ path: screenshotPath('81-team-database-on') });

    await page.getByRole('button', { name: 'Rozmowa', exact: true }).click();
    await quickIncomingCall(page, '1');
    await quickIncomingCall(page, '1');
    await expect.poll(rows).toBe(2);

    await db.cluster.stopServer();
    try {
      await quickIncomingCall(page, '1');
      const banner = page.getByRole('status').filter({ hasText: 'Baza zespołu nie przyjmuje teraz kopii' });
      await expect.poll(() => banner.isVisible()).toBe(true);
      expect(await banner.innerText()).toContain('Serwer bazy zespołu nie odpowiada (adres, port albo sieć). Na tym komputerze czeka: 1 zapis.');
      await page.screenshot({ path: screenshotPath('82-team-database-waits') });
    } finally {
      await db.cluster.start();
    }
    await quickIncomingCall(page, '1');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Baza zespołu nie przyjmuje' }).isVisible()).toBe(false);
    await expect.poll(rows).toBe(4);

    // The same part at the width of a desktop window: nothing wider than the window.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Ustawienia' }).click();
    await team.scrollIntoViewIfNeeded();
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.screenshot({ path: screenshotPath('85-team-database-settings-wide') });
  });
});
