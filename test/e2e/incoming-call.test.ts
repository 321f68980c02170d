import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { quickIncomingCall } from '../helpers/e2e-steps';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

/**
 * A new clerk's first day, in web mode in Chromium: the profile (with the
 * mistakes people make), an incoming call driven from the keyboard, the
 * wrap-up with a note that contains identifiers, the history, a restart of
 * the server, and a killed server mid-call.
 */
describe.skipIf(unavailable)('web mode: the incoming-call flow as a new clerk', () => {
  // Each test starts a new clerk's computer and takes the day as far as it needs, with the steps the tests before it check.
  const app = useWebMode({ prefix: 'asystent-e2e-', viewport: { width: 480, height: 900 } });
  let page: Page;
  let dataDir: string;
  beforeEach(() => void ({ page, dataDir } = app));

  async function profileForm() {
    await page.goto(app.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Profil pracownika' }).isVisible()).toBe(true);
  }

  /** Anna Nowak, an intern of Dział Ewidencji i Świadczeń: her profile saved, the readiness check next. */
  async function profileSaved() {
    await profileForm();
    await page.getByLabel('Imię').fill('Anna');
    await page.getByLabel('Nazwisko').fill('Nowak');
    await page.getByLabel('stażysta').check();
    await page.getByLabel('Komórka organizacyjna').fill('Dział Ewidencji i Świadczeń');
    await page.getByRole('button', { name: 'Zapisz profil' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Gotowość do dyżuru' }).isVisible()).toBe(true);
  }

  /** Her profile saved and today's readiness check recorded (four of five ticked): the idle screen. */
  async function readyForCalls() {
    await profileSaved();
    for (const key of ['1', '2', '3', '4', '5', '5']) await page.keyboard.press(key);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByText('Gotowość do dyżuru zapisana.').isVisible()).toBe(true);
  }

  /** In an incoming call: the greeting and the matter ticked, about personal data. */
  async function inCall() {
    await readyForCalls();
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByRole('region', { name: 'Powitanie' }).isVisible()).toBe(true);
    for (const key of ['1', '3', 'd']) await page.keyboard.press(key);
    await expect.poll(() => page.getByRole('checkbox', { name: 'Rozmowa dotyczy danych osobowych' }).isChecked()).toBe(true);
  }

  it('opens on the profile form and rejects invalid input inline without saving', async () => {
    await profileForm();
    expect(page.url()).not.toContain('token=');
    expect(await page.getByRole('navigation').count()).toBe(0);

    await page.getByLabel('Nazwa Urzędu').fill('');
    await page.getByRole('button', { name: 'Zapisz profil' }).click();
    await expect.poll(() => page.getByText('To pole jest wymagane.').count()).toBe(4);
    await page.screenshot({ path: screenshotPath('01-profile-empty') });

    await page.getByLabel('Imię').fill('Anna1');
    await page.getByLabel('Nazwisko').fill('   ');
    await page.getByLabel('Komórka organizacyjna').fill('D'.repeat(121));
    await page.getByLabel('Nazwa Urzędu').fill('Powiatowy Urząd Pracy w Łodzi');
    await page.getByRole('button', { name: 'Zapisz profil' }).click();
    await expect.poll(() => page.getByText('Nie może zawierać cyfr.').isVisible()).toBe(true);
    expect(await page.getByText('To pole jest wymagane.').count()).toBe(1);
    expect(await page.getByText('Za długie: 121 znaków, dozwolone 120.').isVisible()).toBe(true);
    expect(await page.getByLabel('Imię').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: screenshotPath('02-profile-invalid') });
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(false);
  });

  it('saves a valid profile and shows the greeting built from it', async () => {
    await profileForm();
    await page.getByLabel('Imię').fill('Anna');
    await page.getByLabel('Nazwisko').fill('Nowak');
    await page.getByLabel('stażysta').check();
    await page.getByLabel('Komórka organizacyjna').fill('Dział Ewidencji i Świadczeń');
    await page.getByRole('button', { name: 'Zapisz profil' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Gotowość do dyżuru' }).isVisible()).toBe(true);
    const settings = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'));
    expect(settings.profile).toMatchObject({ firstName: 'Anna', lastName: 'Nowak', role: 'stazysta' });
  });

  it('asks for the shift-readiness check first, by keys, and records it in the journal', async () => {
    await profileSaved();
    await expect.poll(() => page.getByRole('heading', { name: 'Gotowość do dyżuru' }).isVisible()).toBe(true);
    for (const key of ['1', '2', '3', '4', '5']) await page.keyboard.press(key);
    await page.keyboard.press('5'); // and one back off again
    expect(await page.getByRole('checkbox', { name: /Prywatny telefon/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /Ciche miejsce/ }).isChecked()).toBe(false);
    await page.screenshot({ path: screenshotPath('03-shift') });
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByText('Gotowość do dyżuru zapisana.').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: /Połączenie przychodzące/ }).isVisible()).toBe(true);
    const shift = JSON.parse(journalText(dataDir).trim().split('\n')[0]!);
    expect(shift).toMatchObject({ type: 'shift', skipped: false });
    expect(shift.items.filter((i: { done: boolean }) => i.done)).toHaveLength(4);
    await page.screenshot({ path: screenshotPath('03-idle') });
  });

  it('takes an incoming call from the keyboard: greeting, ticks with number keys, personal data', async () => {
    await readyForCalls();
    await page.keyboard.press('F2');
    const greeting = page.getByRole('region', { name: 'Powitanie' });
    await expect.poll(() => greeting.isVisible()).toBe(true);
    const text = await greeting.innerText();
    for (const fact of ['Anna', 'Nowak', 'Powiatowy Urząd Pracy w Łodzi', 'Dział Ewidencji i Świadczeń']) {
      expect(text).toContain(fact);
    }
    expect(await page.getByRole('timer').innerText()).toMatch(/^0:0\d$/);

    await page.keyboard.press('1');
    await page.keyboard.press('3');
    await page.keyboard.press('2');
    await page.keyboard.press('2'); // untick again
    await page.keyboard.press('d');
    const box = (label: string) => page.getByRole('checkbox', { name: label });
    await expect.poll(() => box('Powitanie: imię i nazwisko, Urząd, komórka').isChecked()).toBe(true);
    expect(await box('Sprawa rozmówcy ustalona').isChecked()).toBe(true);
    expect(await box('Do rozmówcy nie docierają głosy osób trzecich').isChecked()).toBe(false);
    expect(await box('Rozmowa dotyczy danych osobowych').isChecked()).toBe(true);
    expect(await page.getByText(/zaznaczono w 0:0\d/).count()).toBe(2);
    await page.screenshot({ path: screenshotPath('04-in-call'), fullPage: true });
  });

  it('wraps up: missing items shown, outcome by key, identifiers masked before saving', async () => {
    await inCall();
    await page.keyboard.press('F4');
    await expect.poll(() => page.getByRole('heading', { name: 'Podsumowanie rozmowy' }).isVisible()).toBe(true);
    const missed = page.locator('.missed li');
    expect(await missed.allInnerTexts()).toEqual([
      'Do rozmówcy nie docierają głosy osób trzecich',
      'Tożsamość potwierdzona przed podaniem danych osobowych',
      'Język zrozumiały, bez żargonu',
      'Uprzejme zakończenie rozmowy',
    ]);
    await page.keyboard.press('Control+Enter'); // no outcome yet: refused, with the reason
    await expect.poll(() => page.getByRole('alert').innerText()).toBe('Wybierz wynik rozmowy.');
    await page.keyboard.press('1');
    await expect.poll(() => page.getByRole('radio', { name: /Załatwiona/ }).isChecked()).toBe(true);

    await page.getByLabel('Notatka (opcjonalnie)').fill('Pytał o termin; PESEL 44051401359, tel. 601 234 567, jan.k@example.pl. Oddzwoni 12:30.');
    const stored = page.getByTestId('stored-note');
    await expect.poll(() => stored.innerText()).toBe('Pytał o termin; PESEL [PESEL], tel. [telefon], [e-mail]. Oddzwoni 12:30.');
    await page.screenshot({ path: screenshotPath('05-wrap-up'), fullPage: true });

    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByText('Rozmowa zapisana w dzienniku.').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /Połączenie przychodzące/ }).isVisible()).toBe(true);

    const journal = journalText(dataDir);
    expect(journal).toContain('[PESEL]');
    expect(journal).not.toContain('44051401359');
    expect(journal).not.toContain('601 234 567');
    expect(journal).not.toContain('jan.k@example.pl');
    expect(existsSync(join(dataDir, 'draft.json'))).toBe(false);
  });

  it('lists the call in the history, and still after the server restarts', async () => {
    await readyForCalls();
    await quickIncomingCall(page, '1'); // Załatwiona
    await page.getByRole('button', { name: 'Historia' }).click();
    const rows = page.locator('.call-item');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('Załatwiona');
    expect(await rows.first().innerText()).toContain('przychodząca');
    await page.screenshot({ path: screenshotPath('06-history') });

    expect(await app.server.stop()).toBe(0);
    await app.restart();
    await page.goto(app.url);
    await expect.poll(() => page.getByRole('button', { name: /Połączenie przychodzące/ }).isVisible()).toBe(true);
    // The readiness check was recorded today: it is not asked again.
    expect(await page.getByRole('heading', { name: 'Gotowość do dyżuru' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Historia' }).click();
    await expect.poll(() => page.locator('.call-item').count()).toBe(1);
    await expect.poll(() => page.getByText('1 rozmowa').isVisible()).toBe(true);
  });

  it('restores a call in progress after the server is killed mid-call', async () => {
    await readyForCalls();
    await quickIncomingCall(page, '1'); // the day's first call
    await page.getByRole('button', { name: 'Rozmowa', exact: true }).click();
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByRole('region', { name: 'Powitanie' }).isVisible()).toBe(true);
    await page.keyboard.press('1');
    await expect.poll(() => existsSync(join(dataDir, 'draft.json'))).toBe(true);
    await expect.poll(() => readFileSync(join(dataDir, 'draft.json'), 'utf8')).toContain('"done":true');

    await app.restart({ signal: 'SIGKILL' });
    await page.goto(app.url);
    await expect.poll(() => page.getByText('Przywrócono niezakończoną rozmowę.').isVisible()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Powitanie: imię i nazwisko, Urząd, komórka' }).isChecked()).toBe(true);
    await page.screenshot({ path: screenshotPath('07-restored'), fullPage: true });

    await page.keyboard.press('F4');
    await page.keyboard.press('7');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByText('Rozmowa zapisana w dzienniku.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Historia' }).click();
    await expect.poll(() => page.locator('.call-item').count()).toBe(2);
    await expect.poll(() => page.getByText('2 rozmowy').isVisible()).toBe(true);
  });

  it('edits the profile later, and the greeting follows', async () => {
    await readyForCalls();
    await page.getByRole('button', { name: 'Ustawienia' }).click();
    const unit = page.getByLabel('Komórka organizacyjna');
    await expect.poll(() => unit.inputValue()).toBe('Dział Ewidencji i Świadczeń');
    await unit.fill('Centrum Aktywizacji Zawodowej');
    await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
    await expect.poll(() => page.getByText('Zapisano ustawienia.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Rozmowa', exact: true }).click();
    await expect.poll(() => page.getByText('Twoje powitanie').isVisible()).toBe(true);
    expect(await page.locator('.greeting-preview').innerText()).toContain('Centrum Aktywizacji Zawodowej');
  });

  it('shows an edited journal line in the history instead of accepting it', async () => {
    await readyForCalls();
    await quickIncomingCall(page, '1'); // Załatwiona: the line edited below
    await quickIncomingCall(page, '7'); // the next line, whose link to it breaks
    expect(await app.server.stop()).toBe(0);
    const file = journalFiles(dataDir)[0]!;
    const lines = readFileSync(file, 'utf8').split('\n');
    const resolved = lines.findIndex((l) => l.includes('"outcome":"resolved"'));
    expect(resolved).toBe(1); // after the shift-readiness record
    lines[resolved] = lines[resolved]!.replace('"outcome":"resolved"', '"outcome":"routed"');
    writeFileSync(file, lines.join('\n'));
    await app.restart();
    await page.goto(app.url);
    // Said at start, until the clerk acknowledges it (also after a restart).
    const alert = page.locator('.journal-alerts');
    await expect.poll(() => alert.isVisible()).toBe(true);
    expect(await alert.innerText()).toMatch(/przerwany łańcuch zapisów od wiersza 3/);
    await page.screenshot({ path: screenshotPath('08-journal-alert') });
    await page.getByRole('button', { name: 'Historia' }).click();
    const warning = page.locator('.history').getByRole('alert');
    await expect.poll(() => warning.isVisible()).toBe(true);
    expect(await warning.innerText()).toMatch(/wiersz 3: przerwany łańcuch sum kontrolnych/);
    await expect.poll(() => page.locator('.call-item').count()).toBe(2);
    await page.screenshot({ path: screenshotPath('08-history-tampered') });
    await alert.getByRole('button', { name: 'Przyjmuję do wiadomości' }).click();
    await expect.poll(() => alert.count()).toBe(0);
    await page.reload();
    await page.getByRole('button', { name: 'Historia' }).waitFor();
    expect(await page.locator('.journal-alerts').count()).toBe(0);
  });
});

function journalFiles(dataDir: string): string[] {
  const root = join(dataDir, 'calls');
  return readdirSync(root).flatMap((clerk) =>
    readdirSync(join(root, clerk))
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => join(root, clerk, f)),
  );
}

function journalText(dataDir: string): string {
  return journalFiles(dataDir)
    .map((f) => readFileSync(f, 'utf8'))
    .join('');
}
