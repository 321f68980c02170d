import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { allStoredText, firstRun, journalRecords } from '../helpers/e2e-steps';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

/** The typed name of the person called: it must never reach the disk. */
const CALLED = 'Kowalskim';

/**
 * Outbound calls through every branch of the script, callbacks agreed, shown
 * as due and kept, and a crash mid-call, from the keyboard in web mode.
 */
describe.skipIf(unavailable)('web mode: outbound calls and callbacks', () => {
  // Each test its own clerk of Centrum Aktywizacji Zawodowej, on a new data folder.
  const app = useWebMode({ prefix: 'asystent-e2e-out-' });
  let page: Page;
  let dataDir: string;
  beforeEach(() => void ({ page, dataDir } = app));
  const calls = () => journalRecords(dataDir).filter((r) => r.type === 'call');

  /** Saved, and back at the idle screen (a toast from the save before could still be showing). */
  async function savedAndIdle(countBefore: number) {
    await expect.poll(() => calls().length).toBe(countBefore + 1);
    await expect.poll(() => page.getByRole('button', { name: /Połączenie wychodzące/ }).isVisible()).toBe(true);
  }

  async function wrapUpAndSave(outcomeKey?: string, fill?: () => Promise<void>) {
    const before = calls().length;
    await page.keyboard.press('F4');
    await expect.poll(() => page.getByRole('heading', { name: 'Podsumowanie rozmowy' }).isVisible()).toBe(true);
    if (outcomeKey) await page.keyboard.press(outcomeKey);
    if (fill) await fill();
    await page.keyboard.press('Control+Enter');
    await savedAndIdle(before);
  }

  /** A callback agreed in an outbound call for the next working morning (not due today). */
  async function callbackForTomorrow() {
    await page.keyboard.press('F3');
    await expect.poll(() => page.getByRole('button', { name: /Tak, to ta osoba/ }).isVisible()).toBe(true);
    await page.keyboard.press('t');
    await page.keyboard.press('n');
    await page.getByLabel(/Krótka notatka do oddzwonienia/).fill('Staż — dokumenty, tel. 601 234 567');
    await page.getByRole('button', { name: 'Następny dzień roboczy, 9:00' }).click();
    await expect.poll(() => page.getByText(/^Umówiono:/).isVisible()).toBe(true);
    await wrapUpAndSave(undefined, () => page.getByLabel('Numer telefonu').fill('600 700 800'));
  }

  it('sets up a clerk of Centrum Aktywizacji Zawodowej', async () => {
    await firstRun(page, app.url);
  });

  it('right person, good moment: the name typed is shown in the prompt, answers tick their items', async () => {
    await firstRun(page, app.url);
    await page.keyboard.press('F3');
    const greeting = page.getByRole('region', { name: 'Powitanie' });
    await expect.poll(() => greeting.isVisible()).toBe(true);
    for (const fact of ['Ewa', 'Zielińska', 'dzwonię z Powiatowego Urzędu Pracy w Łodzi', 'Centrum Aktywizacji Zawodowej']) {
      expect(await greeting.innerText()).toContain(fact);
    }
    const reminder = page.getByRole('complementary', { name: 'Nigdy przez telefon' });
    expect(await reminder.innerText()).toContain('PESEL');
    await page.keyboard.press('1');

    await page.getByLabel(/Do kogo dzwonisz/).fill(`Panem ${CALLED}`);
    await expect.poll(() => page.getByText(`Czy rozmawiam z Panem ${CALLED}?`).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('10-outbound-confirm'), fullPage: true });
    await page.keyboard.press('Tab'); // out of the name field, onto "Tak, to ta osoba"
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Czy to dobry moment na krótką rozmowę?').isVisible()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /Potwierdzona osoba/ }).isChecked()).toBe(true);
    await page.keyboard.press('t');
    await expect.poll(() => page.getByText(/przejdź do sprawy/).isVisible()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /Zapytanie, czy to dobry moment/ }).isChecked()).toBe(true);
    expect(await reminder.isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('11-outbound-talk'), fullPage: true });

    await wrapUpAndSave('1');
    const [saved] = calls();
    expect(saved).toMatchObject({ direction: 'outgoing', outcome: 'resolved', outbound: { person: 'right', goodMoment: true } });
    expect(allStoredText(dataDir)).not.toContain(CALLED);
  });

  it('someone else answered: only the name and a request to contact the office (no number set: none said), and no contact preset', async () => {
    await firstRun(page, app.url);
    await page.keyboard.press('F3');
    await expect.poll(() => page.getByRole('button', { name: /Odebrał ktoś inny/ }).isVisible()).toBe(true);
    await page.keyboard.press('i');
    const script = page.getByText(/Proszę przekazać prośbę o kontakt z Urzędem\./);
    await expect.poll(() => script.isVisible()).toBe(true);
    expect(await script.innerText()).toContain('Ewa Zielińska');
    expect(await page.getByText(/Nie mów, w jakiej sprawie dzwonisz/).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('12-outbound-someone-else'), fullPage: true });
    await page.keyboard.press('F4');
    await expect.poll(() => page.getByRole('radio', { name: /Brak kontaktu/ }).isChecked()).toBe(true);
    await page.keyboard.press('Control+Enter');
    await savedAndIdle(0);
    expect(calls()[0]).toMatchObject({ outcome: 'no-contact', outbound: { person: 'someone-else', goodMoment: null } });
  });

  it('not a good moment: a past time is refused inline, a quick choice agrees a callback', async () => {
    await firstRun(page, app.url);
    await page.keyboard.press('F3');
    await expect.poll(() => page.getByRole('button', { name: /Tak, to ta osoba/ }).isVisible()).toBe(true);
    await page.keyboard.press('t');
    await page.keyboard.press('n');
    await expect.poll(() => page.getByText('Kiedy mogę zadzwonić ponownie?').isVisible()).toBe(true);
    await page.getByLabel('Data i godzina').fill('2020-01-15T10:00');
    await page.getByRole('button', { name: 'Ustal termin' }).click();
    await expect.poll(() => page.getByText('Termin oddzwonienia już minął — wybierz termin w przyszłości.').isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('13-callback-past'), fullPage: true });
    await page.getByLabel(/Krótka notatka do oddzwonienia/).fill('Staż — dokumenty, tel. 601 234 567');
    await page.getByRole('button', { name: 'Następny dzień roboczy, 9:00' }).click();
    await expect.poll(() => page.getByText(/^Umówiono:/).isVisible()).toBe(true);
    // The outcome "Oddzwonienie" is already chosen; it needs the number to call.
    await wrapUpAndSave(undefined, () => page.getByLabel('Numer telefonu').fill('600 700 800'));
    const saved = calls()[0]!;
    expect(saved).toMatchObject({ outcome: 'callback', outbound: { person: 'right', goodMoment: false } });
    expect((saved.callback as { reference: string }).reference).toBe('Staż — dokumenty, tel. [telefon]');
    expect(new Date((saved.callback as { dueAt: string }).dueAt).getHours()).toBe(9);
  });

  it('a callback due now is announced in the window and, started from the list, is kept when that call is saved', async () => {
    await firstRun(page, app.url);
    await callbackForTomorrow(); // the list holds another, later one
    // An incoming call where the clerk promised to call back in two minutes.
    await page.keyboard.press('F2');
    await page.keyboard.press('1');
    await page.keyboard.press('F4');
    await page.keyboard.press('4'); // Oddzwonienie
    await expect.poll(() => page.getByLabel('Data i godzina').isVisible()).toBe(true);
    const soon = new Date(Date.now() + 2 * 60_000);
    const local = new Date(soon.getTime() - soon.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await page.getByLabel('Data i godzina').fill(local);
    await page.getByLabel(/Krótka notatka do oddzwonienia/).fill('Pyta o bon szkoleniowy');
    await page.getByRole('button', { name: 'Ustal termin' }).click();
    await page.getByLabel('Numer telefonu').fill('42 123 45 67');
    await page.keyboard.press('Control+Enter');
    await savedAndIdle(1);

    const reminder = page.getByText(/Czas oddzwonić: .* — Pyta o bon szkoleniowy/);
    await expect.poll(() => reminder.isVisible()).toBe(true);
    await page.getByRole('button', { name: /Oddzwonienia/ }).click();
    const items = page.locator('.call-item');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.first().innerText()).toContain('Czas oddzwonić');
    await page.screenshot({ path: screenshotPath('14-callbacks'), fullPage: true });

    await items.first().getByRole('button', { name: 'Zadzwoń teraz' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Rozmowa wychodząca', exact: true }).isVisible()).toBe(true);
    await page.keyboard.press('t');
    await page.keyboard.press('t');
    await wrapUpAndSave('1');
    const last = calls().at(-1)!;
    const promised = calls().find((c) => (c.callback as { reference?: string } | null)?.reference === 'Pyta o bon szkoleniowy')!;
    expect(last.callbackOf).toBe(promised.id);
    await page.getByRole('button', { name: /Oddzwonienia/ }).click();
    await expect.poll(() => items.count()).toBe(1);
    await expect.poll(() => reminder.count()).toBe(0);
  });

  it('restores an outbound call with its answers after the server is killed; the typed name is not restored', async () => {
    await firstRun(page, app.url);
    await page.getByRole('button', { name: 'Rozmowa', exact: true }).click();
    await page.keyboard.press('F3');
    await page.getByLabel(/Do kogo dzwonisz/).fill(`Panem ${CALLED}`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Czy to dobry moment na krótką rozmowę?').isVisible()).toBe(true);
    await expect.poll(() => readFileSync(join(dataDir, 'draft.json'), 'utf8')).toContain('"step":"good-moment"');
    expect(readFileSync(join(dataDir, 'draft.json'), 'utf8')).not.toContain(CALLED);

    await app.restart({ signal: 'SIGKILL' });
    await page.goto(app.url);
    await expect.poll(() => page.getByText('Przywrócono niezakończoną rozmowę.').isVisible()).toBe(true);
    expect(await page.getByText('Czy to dobry moment na krótką rozmowę?').isVisible()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /Potwierdzona osoba/ }).isChecked()).toBe(true);
    await page.keyboard.press('t');
    await wrapUpAndSave('1');
    expect(allStoredText(dataDir)).not.toContain(CALLED);
  });

  it('nobody answers: the wrap-up says the checklist does not apply — no "0%", no late greeting — and the call is stored with no score', async () => {
    await firstRun(page, app.url);
    await page.keyboard.press('F3');
    await expect.poll(() => page.getByRole('button', { name: 'Nikt nie odbiera' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Nikt nie odbiera' }).click();
    const before = calls().length;
    await page.keyboard.press('F4');
    await expect.poll(() => page.getByRole('heading', { name: 'Podsumowanie rozmowy' }).isVisible()).toBe(true);
    const summary = page.locator('.wrap-up [role="status"]');
    expect(await summary.innerText()).toContain('Nikt nie odebrał — lista kontrolna nie dotyczy tej rozmowy');
    expect(await summary.innerText()).toContain('Zgodność ze standardem: nie dotyczy');
    expect(await summary.innerText()).not.toContain('Powitanie nie w ciągu 30 s');
    await page.screenshot({ path: screenshotPath('13-outbound-nobody-answered'), fullPage: true });
    await page.keyboard.press('Control+Enter');
    await savedAndIdle(before);
    const stored = calls().at(-1) as { outbound: { person: string }; adherence: { score: number | null } };
    expect(stored).toMatchObject({ outbound: { person: 'no-answer' }, adherence: { score: null } });
  });
});
