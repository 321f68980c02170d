import { appendFileSync, existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { firstRun, joinTeamFolder } from '../helpers/e2e-steps';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

/**
 * A clerk's day in web mode in Chromium with a caller's name and numbers
 * typed into every place the window takes text about a call — the outbound
 * call's "Do kogo dzwonisz", the search box, the callback reference and the
 * note (identifiers only: the note's hint says no names) — through team mode
 * with the share gone and back, a restart mid-call with a torn journal line,
 * and both exports. Then every file written anywhere (the data directory
 * whole, the team folder, the downloads) is read: neither the name nor the
 * raw numbers may be in any of them, at any point.
 */
const CLIENT = 'Brzęczyszczykiewicz';
/** The name's tail without Polish letters: found even if some writer escaped or folded the "ę". */
const CLIENT_TAIL = 'szczykiewicz';
const PESEL = '44051401359';
const PHONE = '601 234 567';
const EMAIL = 'grzegorz.b@poczta.example.pl';

describe.skipIf(unavailable)('web mode: a caller’s name and numbers never reach the disk', () => {
  const app = useWebMode({ prefix: 'asystent-e2e-pii-', context: { acceptDownloads: true } });
  let page: Page;
  let dataDir: string;
  let team: string;
  let downloads: string;
  /** Whole call records in the journal (a torn last line, put there below, is not one). */
  const calls = () =>
    filesUnder(join(dataDir, 'calls'))
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n'))
      .filter((line) => line.startsWith('{') && line.endsWith('}') && (JSON.parse(line) as { type: string }).type === 'call');
  const scanned = new Set<string>();

  /** Every file under these folders whose text holds the name or a raw identifier, with what it holds. */
  function leaks(): string[] {
    const found: string[] = [];
    for (const root of [dataDir, team, downloads]) {
      for (const file of filesUnder(root)) {
        scanned.add(relative(root, file));
        const text = readFileSync(file, 'utf8');
        const folded = text.toLowerCase();
        for (const [what, hit] of [
          ['the name', text.includes(CLIENT) || folded.includes(CLIENT_TAIL)],
          ['the PESEL', text.includes(PESEL)],
          // However it is grouped: spaces and hyphens taken out first.
          ['the phone', text.replace(/[\s-]/g, '').includes(PHONE.replace(/\D/g, ''))],
          ['the e-mail', text.includes(EMAIL)],
        ] as const) {
          if (hit) found.push(`${file}: ${what}`);
        }
      }
    }
    return found;
  }

  /** Saved, and back at the idle screen. */
  const idle = () => expect.poll(() => page.getByRole('button', { name: /Połączenie przychodzące/ }).isVisible()).toBe(true);

  /** The draft as the server last wrote it (it follows every change a moment later). */
  const draft = () => (existsSync(join(dataDir, 'draft.json')) ? readFileSync(join(dataDir, 'draft.json'), 'utf8') : '');

  beforeEach(() => {
    ({ page, dataDir } = app);
    team = app.folder('asystent-e2e-pii-team-');
    downloads = app.folder('asystent-e2e-pii-downloads-');
    scanned.clear();
  });

  async function clerkInTeam() {
    await firstRun(page, app.url);
    await joinTeamFolder(page, team);
  }

  /**
   * One step of the day, named when it fails. The steps build on one another
   * (one call across several, the files of all of them scanned at the end),
   * so they are one test, not tests that would depend on the one before.
   */
  async function step(name: string, run: () => Promise<void>) {
    try {
      await run();
    } catch (error) {
      if (error instanceof Error) error.message = `${name}: ${error.message}`;
      throw error;
    }
  }

  it('the page refuses to run script injected into it, and eval (the CSP at work in the browser)', async () => {
    await clerkInTeam();
    // Run in the page (as a string: these tests are compiled without the DOM's types).
    const ran = await page.evaluate(`(async () => {
      const inline = document.createElement('script');
      inline.textContent = 'window.__injected = true';
      document.head.append(inline);
      const handler = document.createElement('img');
      handler.setAttribute('onerror', 'window.__handler = true');
      // The image cannot load: once its error event has been dispatched, the inline handler had its chance to run.
      const failed = new Promise((resolve) => handler.addEventListener('error', resolve, { once: true }));
      handler.src = 'data:,';
      document.body.append(handler);
      await failed;
      let evaluated = false;
      try {
        evaluated = (0, eval)('true');
      } catch {
        evaluated = false;
      }
      handler.remove();
      inline.remove();
      return { inline: window.__injected === true, handler: window.__handler === true, evaluated };
    })()`);
    expect(ran).toEqual({ inline: false, handler: false, evaluated: false });
  });

  it('a clerk’s day, from the first run to both exports: at no point does any file hold the caller’s name or raw numbers', async () => {
    await step('a clerk sets up and joins a team folder', clerkInTeam);

    await step('an outbound call: the name typed for "Czy rozmawiam z …?" is on screen, never in the draft', async () => {
      await page.keyboard.press('F3');
      await expect.poll(() => page.getByRole('region', { name: 'Powitanie' }).isVisible()).toBe(true);
      await page.keyboard.press('1'); // ticks the greeting: a change the draft follows
      await page.getByLabel(/Do kogo dzwonisz/).fill(`Panią ${CLIENT}`);
      await expect.poll(() => page.getByText(`Czy rozmawiam z Panią ${CLIENT}?`).isVisible()).toBe(true);
      await expect.poll(draft).toContain('"phase":"in-call"');
      expect.soft(leaks()).toEqual([]);
    });

    await step('the search box: the caller’s name among the words searched is kept nowhere', async () => {
      await page.keyboard.press('Tab'); // out of the name field, so "/" opens the search
      await page.keyboard.press('/');
      await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('search-input');
      await page.keyboard.type(`${CLIENT} zasiłek`);
      await expect.poll(() => page.getByRole('option').count()).toBeGreaterThan(0);
      await page.keyboard.press('Escape');
      expect.soft(leaks()).toEqual([]);
    });

    await step('not a good moment: the callback reference with a PESEL and a phone is masked, in the draft too', async () => {
      await page.getByRole('button', { name: /Tak, to ta osoba/ }).click();
      await page.getByRole('button', { name: /Nie — umówmy termin/ }).click();
      await expect.poll(() => page.getByText('Kiedy mogę zadzwonić ponownie?').isVisible()).toBe(true);
      await page.getByLabel(/Krótka notatka do oddzwonienia/).fill(`PESEL ${PESEL}, tel. ${PHONE}`);
      await page.getByRole('button', { name: 'Następny dzień roboczy, 9:00' }).click();
      await expect.poll(() => page.getByText(/^Umówiono:/).isVisible()).toBe(true);
      await expect.poll(draft).toContain('"dueAt"');
      expect.soft(leaks()).toEqual([]);
    });

    await step('the note with identifiers: masked in the draft at wrap-up, and still masked after going back to the call', async () => {
      await page.keyboard.press('F4');
      await expect.poll(() => page.getByRole('heading', { name: 'Podsumowanie rozmowy' }).isVisible()).toBe(true);
      // The note's hint tells the clerk to leave names out; identifiers are masked whatever is typed.
      expect(await page.getByText(/Bez danych klienta \(nazwisk, adresów\)/).isVisible()).toBe(true);
      await page.getByLabel(/Notatka/).fill(`Oddzwonić: tel. ${PHONE}, e-mail ${EMAIL}, PESEL ${PESEL}.`);
      await expect.poll(draft).toContain('[e-mail]');
      expect.soft(leaks()).toEqual([]);
      // Esc in the note leaves the field; Esc again goes back to the call — the note waits in the draft.
      await page.keyboard.press('Escape');
      await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.name')).toBe('outcome');
      await page.keyboard.press('Escape');
      await expect.poll(draft).toContain('"phase":"in-call"');
      expect.soft(leaks()).toEqual([]);
      await page.keyboard.press('F4');
      // The number to call back is asked for and kept on this computer only (another number than the client's in the note).
      await page.getByLabel('Numer telefonu').fill('42 123 45 67');
      await page.keyboard.press('Control+Enter');
      await expect.poll(() => calls().length).toBe(1);
      await idle();
      expect.soft(leaks()).toEqual([]);
    });

    await step('with the team folder gone, the record waits in the outbox — masked too — and is delivered when it returns', async () => {
      renameSync(team, `${team}-odlaczony`);
      await page.keyboard.press('F2');
      await expect.poll(() => page.getByRole('region', { name: 'Powitanie' }).isVisible()).toBe(true);
      await page.keyboard.press('F4');
      await page.keyboard.press('1');
      await page.getByLabel(/Notatka/).fill(`Dzwonił z ${PHONE}, PESEL ${PESEL}.`);
      await page.keyboard.press('Control+Enter');
      await expect.poll(() => calls().length).toBe(2);
      await idle();
      await expect.poll(() => (existsSync(join(dataDir, 'outbox')) ? readdirSync(join(dataDir, 'outbox')).length : 0)).toBe(1);
      expect.soft(leaks()).toEqual([]);
      renameSync(`${team}-odlaczony`, team);
      await page.reload();
      // The window is back (its keys do nothing until it has loaded, and the next step starts with one).
      await expect.poll(() => page.getByRole('button', { name: /Połączenie wychodzące/ }).isVisible()).toBe(true);
      await expect.poll(() => readdirSync(join(dataDir, 'outbox')).length).toBe(0);
      expect(filesUnder(team).some((f) => f.endsWith('.jsonl'))).toBe(true);
      expect.soft(leaks()).toEqual([]);
    });

    await step('a server stopped mid-call, a half-written journal line: the draft, the quarantine and the restored call hold no name', async () => {
      await page.keyboard.press('F3');
      await page.getByLabel(/Do kogo dzwonisz/).fill(`Panem ${CLIENT}`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter'); // the right person
      await expect.poll(draft).toContain('"step":"good-moment"');
      // Stopped, not killed: a killed server's lock takes seconds to go stale, and the draft is the same either way.
      await app.server.stop();
      const journal = filesUnder(join(dataDir, 'calls')).find((f) => f.endsWith('.jsonl'))!;
      appendFileSync(journal, '{"type":"call","schemaVersion":1,"id":"torn'); // what a write cut off by a crash leaves
      await app.restart();
      await page.goto(app.url);
      await expect.poll(() => page.getByText('Przywrócono niezakończoną rozmowę.').isVisible()).toBe(true);
      await page.keyboard.press('t');
      await page.keyboard.press('F4');
      await expect.poll(() => page.getByRole('heading', { name: 'Podsumowanie rozmowy' }).isVisible()).toBe(true);
      await page.keyboard.press('1');
      await page.keyboard.press('Control+Enter');
      await expect.poll(() => calls().length).toBe(3);
      await idle();
      expect(filesUnder(dataDir).some((f) => f.endsWith('.quarantine'))).toBe(true);
      expect.soft(leaks()).toEqual([]);
    });

    await step('both exports, downloaded, hold no name and no raw number; nor does anything the page keeps in the browser', async () => {
      await page.getByRole('button', { name: 'Rejestr' }).click();
      await expect.poll(() => page.locator('.register [aria-live="polite"]').innerText()).toBe('3 rozmowy');
      for (const button of ['Eksport CSV (Excel)', 'Eksport JSON Lines']) {
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
        await download.saveAs(join(downloads, download.suggestedFilename()));
      }
      const stored = (await page.evaluate(`(async () => ({
        local: JSON.stringify({ ...localStorage }),
        session: JSON.stringify({ ...sessionStorage }),
        databases: (await indexedDB.databases()).length,
        caches: (await caches.keys()).length,
      }))()`)) as { local: string; session: string; databases: number; caches: number };
      expect(stored.local + stored.session).not.toContain(CLIENT_TAIL);
      expect(stored.local + stored.session).not.toContain(PESEL);
      expect(stored).toMatchObject({ databases: 0, caches: 0 });
      await page.screenshot({ path: screenshotPath('70-personal-data-register'), fullPage: true });
      expect.soft(leaks()).toEqual([]);
      // The scan saw every kind of file the app writes; a path that moved would make it look at nothing.
      const kinds = [...scanned].map((f) => f.replace(/\\/g, '/'));
      for (const expected of [/^settings\.json$/, /^draft\.json$/, /^calls\/[^/]+\/\d{4}-\d{2}\.jsonl$/, /\.quarantine$/, /^outbox\//, /^\.asystent-rozmow-zespol$/, /\.csv$/, /\.jsonl$/]) {
        expect(kinds.some((k) => expected.test(k)), String(expected)).toBe(true);
      }
    });
  });
});

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
