import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** First run as a clerk: fill the profile, then skip the readiness check (another test covers it). */
export async function firstRun(page: Page, url: string, unit = 'Centrum Aktywizacji Zawodowej', name = ['Ewa', 'Zielińska']): Promise<void> {
  await page.goto(url);
  await expect.poll(() => page.getByRole('heading', { name: 'Profil pracownika' }).isVisible()).toBe(true);
  await page.getByLabel('Imię').fill(name[0]!);
  await page.getByLabel('Nazwisko').fill(name[1]!);
  await page.getByLabel('Komórka organizacyjna').fill(unit);
  await page.getByRole('button', { name: 'Zapisz profil' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Gotowość do dyżuru' }).isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Pomiń dziś' }).click();
  await expect.poll(() => page.getByRole('button', { name: /Połączenie wychodzące/ }).isVisible()).toBe(true);
}

/** Every file under the data directory, as text, for "is this stored anywhere?" checks. */
export function allStoredText(dir: string): string {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      try {
        return statSync(path).isDirectory() ? [allStoredText(path)] : [readFileSync(path, 'utf8')];
      } catch (error) {
        // The server removes a file while it is listed here (the draft after a save): it holds nothing then.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    })
    .join('\n');
}

/** The journal's records, oldest first. */
export function journalRecords(dataDir: string): Record<string, unknown>[] {
  const root = join(dataDir, 'calls');
  return readdirSync(root)
    .flatMap((clerk) =>
      readdirSync(join(root, clerk))
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => readFileSync(join(root, clerk, f), 'utf8')),
    )
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** An incoming call from F2 to a saved record: the greeting ticked, the outcome chosen by its number key. */
export async function quickIncomingCall(page: Page, outcomeKey: string, note = ''): Promise<void> {
  await page.keyboard.press('F2');
  await expect.poll(() => page.getByRole('region', { name: 'Powitanie' }).isVisible()).toBe(true);
  await page.keyboard.press('1');
  await page.keyboard.press('F4');
  await page.keyboard.press(outcomeKey);
  if (note) await page.getByLabel(/Notatka/).fill(note);
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => page.getByText('Rozmowa zapisana w dzienniku.').isVisible()).toBe(true);
  await expect.poll(() => page.getByRole('button', { name: /Połączenie przychodzące/ }).isVisible()).toBe(true);
}

/** Switches team mode to the team database in Ustawienia (a local server: no TLS), then goes back to the call screen. */
export async function joinTeamDatabase(page: Page, url: string, password: string, officeId = 'pup-lodz'): Promise<void> {
  await page.getByRole('button', { name: 'Ustawienia' }).click();
  await page.getByRole('radio', { name: 'Baza zespołu' }).check();
  await page.getByLabel('Adres bazy').fill(url);
  await page.getByLabel('Hasło').fill(password);
  await page.getByLabel('Szyfrowanie połączenia').selectOption('disable');
  await page.getByLabel('Identyfikator urzędu').fill(officeId);
  await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
  await expect.poll(() => page.getByText('Zapisano ustawienia. Tryb zespołu włączony.').isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Rozmowa', exact: true }).click();
}

/** Switches team mode on in Ustawienia with this folder, then goes back to the call screen; `beforeSave` runs with the form filled. */
export async function joinTeamFolder(page: Page, folder: string, beforeSave?: () => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: 'Ustawienia' }).click();
  await page.getByRole('radio', { name: 'Folder zespołu' }).check();
  await page.getByLabel('Ścieżka folderu zespołu').fill(folder);
  await beforeSave?.();
  await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
  await expect.poll(() => page.getByText('Zapisano ustawienia. Tryb zespołu włączony.').isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Rozmowa', exact: true }).click();
}

