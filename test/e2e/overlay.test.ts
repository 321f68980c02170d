import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe';
import { firstRun, quickIncomingCall } from '../helpers/e2e-steps';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

/**
 * What a clerk keeps open all day, in web mode: English and back, the
 * client-at-desk timer, the de-escalation card, the privacy screen, larger
 * text — and axe-core on every screen.
 */
describe.skipIf(unavailable)('web mode: languages, the desk, privacy and accessibility', () => {
  // Reduced motion: axe must see colours at rest, not half-way through a 120 ms transition.
  const app = useWebMode({ prefix: 'asystent-e2e-overlay-', context: { reducedMotion: 'reduce' } });
  let page: Page;
  beforeEach(() => void (page = app.page));

  /** A clerk past the first run, in an incoming call. */
  async function inIncomingCall() {
    await firstRun(page, app.url);
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByRole('region', { name: 'Powitanie' }).isVisible()).toBe(true);
  }

  async function expectAccessible(screen: string) {
    const violations = await seriousViolations(page);
    expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }

  it('the first screens pass axe-core with no serious or critical violation', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Profil pracownika' }).isVisible()).toBe(true);
    await expectAccessible('profile form');
    await page.getByLabel('Imię').fill('Ewa');
    await page.getByLabel('Nazwisko').fill('Zielińska');
    await page.getByLabel('Komórka organizacyjna').fill('Centrum Aktywizacji Zawodowej');
    await page.getByRole('button', { name: 'Zapisz profil' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Gotowość do dyżuru' }).isVisible()).toBe(true);
    await expectAccessible('shift readiness');
    await page.getByRole('button', { name: 'Pomiń dziś' }).click();
    await expect.poll(() => page.getByRole('button', { name: /Połączenie wychodzące/ }).isVisible()).toBe(true);
    await expectAccessible('idle');
  });

  it('switches to English and back; the page says which language it is in', async () => {
    await firstRun(page, app.url);
    await page.getByRole('button', { name: 'Ustawienia', exact: true }).click();
    await expectAccessible('settings');
    await page.getByLabel('Język').selectOption('en');
    await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Settings', exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('en');
    await page.getByRole('region', { name: 'App settings' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('49-settings-english') });
    await expectAccessible('settings, English');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Ready for a call' }).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('50-idle-english') });
    await expectAccessible('idle, English');
    await page.reload(); // kept in settings, so it survives a restart
    await expect.poll(() => page.getByRole('heading', { name: 'Ready for a call' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Language').selectOption('pl');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Ustawienia', exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('pl');
  });

  it('a client waiting at the desk is timed and, after the set minutes, gently pointed out', async () => {
    await firstRun(page, app.url);
    await page.getByRole('button', { name: 'Rozmowa', exact: true }).click();
    await page.clock.install();
    await page.keyboard.press('F8');
    const timer = page.getByRole('timer', { name: 'Jak długo czeka klient przy stanowisku' });
    await expect.poll(() => timer.innerText()).toBe('czeka 0:00');
    await page.keyboard.press('F2');
    await page.clock.runFor(3 * 60_000 + 5_000);
    await expect.poll(() => page.getByText('Klient przy stanowisku czeka już ponad 3 min.', { exact: false }).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('51-client-waiting') });
    await expectAccessible('in call, client waiting');
    await page.keyboard.press('F8');
    await expect.poll(() => timer.isVisible()).toBe(false);
  });

  it('F6 opens the de-escalation card over the call, and closes it', async () => {
    await inIncomingCall();
    await page.keyboard.press('F6');
    const card = page.getByRole('dialog', { name: 'Trudna rozmowa — jak obniżyć emocje' });
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.getByRole('listitem').count()).toBe(6);
    await page.screenshot({ path: screenshotPath('52-deescalation') });
    await expectAccessible('de-escalation card');
    await page.keyboard.press('F6');
    await expect.poll(() => card.isVisible()).toBe(false);
  });

  it('F9 hides everything on screen at once and shows it again; the call goes on', async () => {
    await inIncomingCall();
    await page.keyboard.press('F9');
    await expect.poll(() => page.getByRole('button', { name: /Pokaż okno/ }).isVisible()).toBe(true);
    const text = (await page.innerText('body')).trim();
    expect(text).toMatch(/^Pokaż okno\s+F9$/);
    await page.screenshot({ path: screenshotPath('53-privacy') });
    await page.keyboard.press('F9');
    await expect.poll(() => page.getByRole('region', { name: 'Powitanie' }).isVisible()).toBe(true);
    await page.keyboard.press('F4');
    await expect.poll(() => page.getByRole('heading', { name: 'Podsumowanie rozmowy' }).isVisible()).toBe(true);
    await expectAccessible('wrap-up');
    await page.keyboard.press('1');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByText('Rozmowa zapisana w dzienniku.').isVisible()).toBe(true);
  });

  it('the whole incoming flow from the keyboard only', async () => {
    await firstRun(page, app.url);
    await page.getByRole('button', { name: 'Rozmowa', exact: true }).focus();
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByRole('region', { name: 'Powitanie' }).isVisible()).toBe(true);
    for (const key of ['1', '2', '3', 'D', '4', '5', '6']) await page.keyboard.press(key);
    await page.keyboard.press('F4');
    await expect.poll(() => page.getByRole('heading', { name: 'Podsumowanie rozmowy' }).isVisible()).toBe(true);
    expect(await page.getByText('Wszystkie punkty listy zaznaczone.').isVisible()).toBe(true);
    await page.keyboard.press('1');
    // Tab reaches the note, and the focus shows where it is.
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate('document.activeElement && document.activeElement.tagName')) === 'TEXTAREA';
    }
    expect(reached).toBe(true);
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
    await page.keyboard.type('Wszystko wyjaśnione.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Gotowość do rozmowy' }).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('55-after-keyboard-only') });
  });

  it('larger text, and the register and history screens pass axe-core too', async () => {
    await firstRun(page, app.url);
    await quickIncomingCall(page, '2');
    await page.getByRole('button', { name: 'Ustawienia', exact: true }).click();
    await page.getByLabel('Większy tekst').check();
    await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
    await expect.poll(() => page.evaluate('document.documentElement.classList.contains("large-text")')).toBe(true);
    await page.getByRole('button', { name: 'Historia' }).click();
    await expect.poll(() => page.locator('.call-item').count()).toBeGreaterThan(0);
    await expectAccessible('history, larger text');
    await page.getByRole('button', { name: 'Oddzwonienia' }).click();
    await expectAccessible('callbacks');
    await page.getByRole('button', { name: 'Rejestr' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Podsumowanie' }).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('54-register-large-text') });
    await expectAccessible('register');
  });
});
