import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { firstRun, journalRecords } from '../helpers/e2e-steps';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

/**
 * A clerk's day, scripted: twenty calls of every kind — incoming, outbound
 * answered, nobody, someone else, a callback agreed and one made, a routing,
 * an invitation, both in one call, a late greeting, personal data, a restart
 * of the server mid-call — then the register's figures checked against the
 * values worked out by hand below.
 *
 * Time is the window's clock held still (Playwright's fixed time) and moved
 * on by the script: every call lasts exactly two minutes, each tick lands at
 * a stated second, so the figures do not depend on how fast the machine is.
 * The day is set three hours back, so every call is over by the server's own
 * clock; callbacks are agreed for the next working morning.
 */

/** Item keys: incoming 1 greeting, 2 no third voices, 3 matter identified, 4 identity verified (personal data), 5 plain language, 6 polite closing.
 *  Outgoing 1 greeting, 2 identity confirmed, 3 good moment, 4 no third voices, 5 no sensitive data asked, 6 plain language, 7 polite closing. */
interface Call {
  direction: 'incoming' | 'outgoing';
  /** Outbound: T (the person), I (someone else), B (nobody); then the moment: T (good) or N (not now). */
  answers?: string[];
  /** Item keys pressed, 10 s apart from the 10th second (a late greeting is pressed at the 40th). */
  keys?: string[];
  lateGreeting?: boolean;
  personalData?: boolean;
  route?: boolean;
  invite?: boolean;
  /** The outcome key at the wrap-up, when it is not the preset one. */
  outcome?: string;
  /** A callback agreed for the next working morning, for this person. */
  callbackFor?: string;
  /** Made from the callback list, for this person. */
  callingBack?: string;
  restartMidCall?: boolean;
  /** Worked out by hand: the weighted share of the items that apply (incoming: 3,1,2,[3],1,1 — 8 without personal data; outgoing 3,3,2,1,2,1,1 — 13; someone else: 8), or null for no conversation. */
  score: number | null;
  greetingIn30s: boolean;
}

const DAY: Call[] = [
  /* 1 */ { direction: 'incoming', keys: ['1', '2', '3', '5', '6'], outcome: '1', score: 8 / 8, greetingIn30s: true },
  /* 2 */ { direction: 'incoming', keys: ['1'], outcome: '1', score: 3 / 8, greetingIn30s: true },
  /* 3 */ { direction: 'incoming', keys: [], outcome: '7', score: 0, greetingIn30s: false },
  /* 4 */ { direction: 'incoming', keys: ['3'], lateGreeting: true, outcome: '1', score: 5 / 8, greetingIn30s: false },
  /* 5 */ { direction: 'incoming', keys: ['1', '4'], personalData: true, outcome: '1', score: 6 / 11, greetingIn30s: true },
  /* 6 */ { direction: 'incoming', keys: ['1'], route: true, score: 3 / 8, greetingIn30s: true },
  /* 7 */ { direction: 'incoming', keys: ['1', '3'], invite: true, score: 5 / 8, greetingIn30s: true },
  /* 8 */ { direction: 'incoming', keys: ['1', '2'], outcome: '4', callbackFor: 'Jan Kowalski', score: 4 / 8, greetingIn30s: true },
  /* 9 */ { direction: 'outgoing', answers: ['t', 't'], keys: ['1', '4', '5', '6', '7'], outcome: '1', score: 13 / 13, greetingIn30s: true },
  /* 10 */ { direction: 'outgoing', answers: ['t', 't'], keys: ['1'], outcome: '1', score: 8 / 13, greetingIn30s: true },
  /* 11 */ { direction: 'outgoing', answers: ['b'], keys: [], score: null, greetingIn30s: false },
  /* 12 */ { direction: 'outgoing', answers: ['b'], keys: ['1'], score: null, greetingIn30s: false },
  /* 13 */ { direction: 'outgoing', answers: ['i'], keys: ['1'], score: 3 / 8, greetingIn30s: true },
  /* 14 */ { direction: 'outgoing', answers: ['i'], keys: [], score: 0, greetingIn30s: false },
  /* 15 */ { direction: 'outgoing', answers: ['t', 'n'], keys: ['1'], callbackFor: 'Anna Nowak', score: 8 / 13, greetingIn30s: true },
  /* 16 */ { direction: 'outgoing', answers: ['t', 't'], keys: ['1', '4', '5', '6', '7'], callingBack: 'Jan Kowalski', outcome: '1', score: 13 / 13, greetingIn30s: true },
  /* 17 */ { direction: 'incoming', keys: ['1', '2', '3'], restartMidCall: true, outcome: '1', score: 6 / 8, greetingIn30s: true },
  /* 18 */ { direction: 'outgoing', answers: ['t', 't'], keys: [], lateGreeting: true, outcome: '1', score: 8 / 13, greetingIn30s: false },
  /* 19 */ { direction: 'incoming', keys: ['1', '2', '3'], route: true, invite: true, score: 6 / 8, greetingIn30s: true },
  /* 20 */ { direction: 'incoming', keys: ['1', '2', '3', '5', '6'], outcome: '1', score: 8 / 8, greetingIn30s: true },
];

const CALL_SECONDS = 120;

describe.skipIf(unavailable)('web mode: a scripted day, and the register it makes', () => {
  const app = useWebMode({ prefix: 'asystent-e2e-day-', viewport: { width: 1280, height: 800 } });
  let page: Page;
  let dataDir: string;
  beforeEach(() => void ({ page, dataDir } = app));
  const calls = () => journalRecords(dataDir).filter((r) => r.type === 'call');
  // Three hours back, on the minute.
  const dayStart = Math.floor((Date.now() - 3 * 3_600_000) / 60_000) * 60_000;

  const at = (callStart: number, second: number) => page.clock.setFixedTime(callStart + second * 1000);

  async function search(query: string) {
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('search-input');
    // What the box held from a search before in this call is replaced.
    await page.getByRole('combobox').fill(query);
    await expect.poll(() => page.getByRole('option').first().innerText()).toContain(query === 'zasilek' ? 'Wysokość zasiłku' : 'Odwołanie od decyzji');
    await page.keyboard.press('Enter');
  }

  async function oneCall(call: Call, n: number, start: number) {
    const before = calls().length;
    await at(start, 0);
    if (call.callingBack) {
      await page.getByRole('button', { name: /Oddzwonienia/ }).click();
      const item = page.getByTestId('callback-item').filter({ hasText: call.callingBack });
      await item.getByRole('button', { name: 'Zadzwoń teraz' }).click();
    } else {
      await page.keyboard.press(call.direction === 'incoming' ? 'F2' : 'F3');
    }
    await expect.poll(() => page.getByTestId('call-guide').isVisible()).toBe(true);
    if (call.callingBack) expect(await page.getByRole('region', { name: 'Oddzwonienie' }).innerText()).toContain(call.callingBack);

    let second = 2;
    for (const answer of call.answers ?? []) {
      await at(start, (second += 3));
      await page.keyboard.press(answer);
      if (answer === 'n') {
        await page.getByRole('button', { name: 'Następny dzień roboczy, 9:00' }).click();
        await expect.poll(() => page.getByText(/^Umówiono:/).isVisible()).toBe(true);
      }
    }
    if (call.personalData) await page.keyboard.press('d');
    const greetingKey = call.lateGreeting ? ['1'] : [];
    let tick = 10;
    for (const key of call.keys ?? []) {
      await at(start, tick);
      await page.keyboard.press(key);
      tick += 10;
    }
    if (call.lateGreeting) {
      await at(start, 40);
      await page.keyboard.press(greetingKey[0]!);
    }
    if (call.route) {
      await at(start, 70);
      await search('zasilek');
      await page.getByRole('region', { name: 'Wysokość zasiłku i okres jego pobierania' }).getByRole('button', { name: 'Przekierowano' }).click();
      await expect.poll(() => page.getByText('Zapisano przekierowanie do: Dział Ewidencji i Świadczeń').isVisible()).toBe(true);
      await page.keyboard.press('Escape');
    }
    if (call.invite) {
      await at(start, 80);
      await search('odwołanie od decyzji');
      const hint = page.getByRole('note').filter({ hasText: 'Nie wyjaśniaj złożonych spraw przez telefon' });
      await hint.getByRole('button', { name: 'Zaproszono do Urzędu' }).click();
      await expect.poll(() => page.getByText('Zapisano zaproszenie do Urzędu').isVisible()).toBe(true);
      await page.keyboard.press('Escape');
    }
    if (call.restartMidCall) {
      // The ticks so far are in the draft; the server is killed and started again; the tab is reloaded.
      // Every tick made so far (the last is "matter-identified", key 3) is written before the kill.
      await expect.poll(() => readFileSync(join(dataDir, 'draft.json'), 'utf8')).toMatch(/"matter-identified":\{"done":true/);
      await app.restart({ signal: 'SIGKILL' });
      await at(start, 90);
      await page.goto(app.url);
      await expect.poll(() => page.getByText('Przywrócono niezakończoną rozmowę.').isVisible()).toBe(true);
      expect(await page.getByRole('checkbox', { name: /Powitanie/ }).isChecked()).toBe(true);
    }

    await at(start, CALL_SECONDS);
    await page.keyboard.press('F4');
    await expect.poll(() => page.getByRole('heading', { name: 'Podsumowanie rozmowy' }).isVisible()).toBe(true);
    await at(start, CALL_SECONDS + 20);
    if (call.outcome) await page.keyboard.press(call.outcome);
    if (call.callbackFor) {
      if (call.outcome === '4') await page.getByRole('button', { name: 'Następny dzień roboczy, 9:00' }).click();
      await page.getByLabel('Numer telefonu').fill(n % 2 ? '600 700 800' : '42 123 45 67');
      await page.getByLabel(/Imię i nazwisko/).fill(call.callbackFor);
    }
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => calls().length, { message: `call ${n} saved` }).toBe(before + 1);
    await expect.poll(() => page.getByRole('heading', { name: 'Podsumowanie rozmowy' }).count()).toBe(0);
  }

  it('twenty calls of every kind, one across a restart of the server; the register shows the figures worked out by hand', async () => {
    await page.clock.setFixedTime(dayStart - 60_000);
    await firstRun(page, app.url, 'Centrum Aktywizacji Zawodowej', ['Anna', 'Nowak']);
    for (const [i, call] of DAY.entries()) await oneCall(call, i + 1, dayStart + i * 180_000);
    expect(calls()).toHaveLength(20);

    // The stored records agree with the plan, call by call.
    const stored = calls() as { adherence: { score: number | null; greetingWithin30s: boolean } }[];
    expect(stored.map((c) => c.adherence.score)).toEqual(DAY.map((c) => (c.score === null ? null : expect.closeTo(c.score, 6))));
    expect(stored.map((c) => c.adherence.greetingWithin30s)).toEqual(DAY.map((c) => c.greetingIn30s));

    // The register shows the figures worked out by hand.
    await page.getByRole('button', { name: 'Rejestr' }).click();
    const tile = (label: string) => page.locator('.tile').filter({ has: page.getByText(label, { exact: true }) });
    await expect.poll(() => tile('Rozmowy').innerText()).toContain('20');

    const scored = DAY.filter((c) => c.score !== null);
    const judged = scored.length; // 18: the two nobody answered are out
    const greeting = DAY.filter((c) => c.greetingIn30s).length; // 14
    const meanScore = scored.reduce((sum, c) => sum + c.score!, 0) / judged;
    const percent = (x: number) => `${Math.round(x * 100)}%`;

    expect(await tile('Rozmowy').innerText()).toContain('przychodzące 11, wychodzące 9');
    expect(await tile('Średni czas').innerText()).toContain('2:00');
    expect(await tile('Powitanie w 30 s').innerText()).toContain(`${greeting} z ${judged}`);
    expect(await tile('Powitanie w 30 s').innerText()).toContain(percent(greeting / judged));
    // Outbound with a conversation: 7 (two nobody answered), each confirmed by the answer or someone else.
    expect(await tile('Tożsamość potwierdzona (wychodzące)').innerText()).toContain('7 z 7');
    expect(await tile('Przekierowane').innerText()).toContain('2 z 20');
    expect(await tile('Zaproszone do Urzędu').innerText()).toContain('2 z 20');
    // Two agreed; the one made the same day is on time, the other is still ahead and not judged.
    expect(await tile('Oddzwonienia na czas').innerText()).toContain('2 umówione; na czas 1 z 1');
    expect(await tile('Średnia zgodność ze standardem').innerText()).toContain(percent(meanScore));
    await page.screenshot({ path: screenshotPath('47-scripted-day-register-1280'), fullPage: true });

  });
});
