import { describe, expect, it } from 'vitest';
import { firstRun } from '../helpers/e2e-steps';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

/**
 * Keys do what the hint says: in the search box a number is text; Esc clears
 * what was typed, and Esc again gives the keys back to the checklist, so the
 * next number ticks its item.
 */
describe.skipIf(unavailable)('web mode: where keys go during a call', () => {
  const app = useWebMode({ prefix: 'asystent-e2e-keys-' });

  /** A clerk past the first run, in an incoming call. */
  async function inIncomingCall() {
    await firstRun(app.page, app.url);
    await app.page.keyboard.press('F2');
    await expect.poll(() => app.page.getByRole('region', { name: 'Powitanie' }).isVisible()).toBe(true);
  }

  it('Esc clears the search, Esc again returns to the checklist: 3 then ticks item 3, and nothing was typed into the box', async () => {
    const { page } = app;
    await inIncomingCall();
    const box = page.getByRole('combobox');
    const focused = () => page.locator('input[type="search"]:focus').count().then((n) => n === 1);
    await page.keyboard.press('/');
    await expect.poll(() => focused()).toBe(true);
    await page.keyboard.type('zasiłek 3');
    const third = page.locator('.checklist input[type="checkbox"]').nth(2);
    expect(await third.isChecked()).toBe(false); // typed into the box, not a tick
    await page.keyboard.press('Escape');
    await expect.poll(() => box.inputValue()).toBe('');
    await expect.poll(() => focused()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => focused()).toBe(false);
    await page.keyboard.press('3');
    await expect.poll(() => third.isChecked()).toBe(true);
    expect(await box.inputValue()).toBe('');
  });

  it('a paste longer than the note holds is cut, and the screen says by how much', async () => {
    const { page } = app;
    await inIncomingCall();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.origin });
    await page.keyboard.press('F4');
    await expect.poll(() => page.getByRole('heading', { name: 'Podsumowanie rozmowy' }).isVisible()).toBe(true);
    const note = page.getByLabel(/Notatka/);
    await note.focus();
    await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify('a'.repeat(600))})`);
    await page.keyboard.press('Control+V');
    await expect.poll(() => note.inputValue().then((v) => v.length)).toBe(500);
    await expect.poll(() => page.getByText('Wklejony tekst był za długi: 100 znaków się nie zmieściło').isVisible()).toBe(true);
    await page.keyboard.press('Backspace'); // the next edit: the word about the paste has done its job
    await expect.poll(() => page.getByText('Wklejony tekst był za długi').count()).toBe(0);
  });

  it('the screen says where keys go; a number that unticks what the script ticked says so, and Ctrl+Z puts the tick back as it was', async () => {
    const tab = app.page;
    await firstRun(tab, app.url);
    await tab.keyboard.press('F3');
    const keys = tab.getByTestId('keys-target');
    await expect.poll(() => keys.innerText()).toMatch(/Klawisze 1–\d zaznaczają punkty/);
    // Typing the name: the keys go to the field, and the screen says so; Esc gives them back.
    await tab.getByLabel(/Do kogo dzwonisz/).focus();
    await expect.poll(() => keys.innerText()).toContain('Piszesz w polu tekstowym');
    await tab.keyboard.press('Escape');
    await expect.poll(() => keys.innerText()).toMatch(/Klawisze 1–\d zaznaczają punkty/);

    await tab.keyboard.press('t'); // the right person: the script ticks "Potwierdzona osoba"
    const identity = tab.getByRole('checkbox', { name: /Potwierdzona osoba/ });
    await expect.poll(() => identity.isChecked()).toBe(true);
    const key = await identity.getAttribute('aria-keyshortcuts');
    const tickedAt = await tab.locator('#item-identity-confirmed-hint').innerText();
    await tab.keyboard.press(key!);
    await expect.poll(() => identity.isChecked()).toBe(false);
    const notice = tab.getByRole('status').filter({ hasText: 'Odznaczono' });
    expect(await notice.innerText()).toContain('punkt zaznaczony odpowiedzią w skrypcie');
    // In view, under the title bar, and nothing drawn over its button, however far the list was scrolled.
    const undo = notice.getByRole('button', { name: /Cofnij/ });
    type Element = { getBoundingClientRect(): { left: number; top: number; width: number; height: number; bottom: number }; closest(s: string): unknown };
    type Document = { elementFromPoint(x: number, y: number): Element | null; defaultView: { innerHeight: number } };
    const reachable = await undo.evaluate((node) => {
      const button = node as unknown as Element & { ownerDocument: Document };
      const r = button.getBoundingClientRect();
      const hit = button.ownerDocument.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return hit?.closest('button') === button && r.bottom <= button.ownerDocument.defaultView.innerHeight;
    });
    expect(reachable).toBe(true);
    await tab.screenshot({ path: screenshotPath('45-untick-undo-460'), fullPage: true });
    await tab.keyboard.press('Control+z');
    await expect.poll(() => identity.isChecked()).toBe(true);
    // The same tick: its time as it was, not the moment of the undo.
    expect(await tab.locator('#item-identity-confirmed-hint').innerText()).toBe(tickedAt);
    expect(await notice.count()).toBe(0);
  });
});
