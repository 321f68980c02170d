import { describe, expect, it } from 'vitest';
import { allStoredText, firstRun, journalRecords } from '../helpers/e2e-steps';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

/**
 * No client names in notes: a name typed into the wrap-up's note is shown
 * masked in the live preview, which says a name was hidden, and is stored
 * masked; the unit, the street and the institution in the same note are kept.
 */
describe.skipIf(unavailable)('web mode: client names in a note', () => {
  const app = useWebMode({ prefix: 'asystent-e2e-names-' });

  it('the preview says „[nazwisko]” and „Ukryto: nazwisko”, the journal holds no name, the unit, street and institution stay', async () => {
    const { page, dataDir } = app;
    await firstRun(page, app.url);
    await page.keyboard.press('F2');
    await page.keyboard.press('F4');
    await page.keyboard.press('1');
    const note = 'Pan Jan Kowalski pyta o staż; rozmawiał wcześniej z Panią Nowak-Jeziorańską. Skierowany do Działu Ewidencji i Świadczeń, ul. Milionowa, sprawa z ZUS.';
    await page.getByLabel(/Notatka/).fill(note);
    const preview = page.getByTestId('stored-note');
    await expect.poll(() => preview.innerText()).toBe(
      'Pan [nazwisko] pyta o staż; rozmawiał wcześniej z Panią [nazwisko]. Skierowany do Działu Ewidencji i Świadczeń, ul. Milionowa, sprawa z ZUS.',
    );
    expect(await page.getByText('Ukryto: nazwisko').isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('48-note-name-masked-460'), fullPage: true });
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => journalRecords(dataDir).filter((r) => r.type === 'call').length).toBe(1);
    const stored = allStoredText(dataDir);
    for (const name of ['Kowalski', 'Jan ', 'Jeziorańsk']) expect(stored).not.toContain(name);
    expect(stored).toContain('Działu Ewidencji i Świadczeń, ul. Milionowa, sprawa z ZUS');
  });
});
