import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import { genesisHash, serializeRecord, sha256 } from '../../electron/services/journal-format';
import { itemAppliesTo, type CallFacts } from '../../shared/call/applicability';
import type { UnchainedCallRecord } from '../../shared/journal/call-record';
import { adherenceForFacts } from '../../shared/call/compliance';
import { JournalRecordSchema } from '../../shared/journal/journal-record';
import { seriousViolations } from '../helpers/axe';
import { writeMonthWithHead } from '../helpers/month-files';
import { INCOMING } from '../helpers/records';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

type Clerk = UnchainedCallRecord['clerk'];
const MARIA: Clerk = { id: randomUUID(), firstName: 'Maria-Magdalena', lastName: 'Szczepańska-Wojciechowska', role: 'pracownik', unit: 'Dział Ewidencji i Świadczeń' };
const BEATA: Clerk = { id: randomUUID(), firstName: 'Beata', lastName: 'Lis', role: 'stazysta', unit: 'Kancelaria' };
const PIOTR: Clerk = { id: randomUUID(), firstName: 'Piotr', lastName: 'Wiśniewski', role: 'pracownik', unit: 'Centrum Aktywizacji Zawodowej' };
const MONTH = '2026-11';

/** A call on the shipped incoming checklist as a clerk's app saves it: `ticks` by item id, at an offset, perhaps after the call's end. */
function incomingCall(clerk: Clerk, start: Date, durationSec: number, ticks: Record<string, { atMs: number; atWrapUp?: boolean }>, extra: Partial<UnchainedCallRecord> = {}): UnchainedCallRecord {
  const facts: CallFacts = { direction: 'incoming', outboundPerson: null, personalData: extra.personalData ?? false };
  const states = INCOMING.items.map((item) => (ticks[item.id] ? { done: true, atMs: ticks[item.id]!.atMs, atWrapUp: ticks[item.id]!.atWrapUp ?? false } : { done: false, atMs: null, atWrapUp: false }));
  const ended = new Date(start.getTime() + durationSec * 1000);
  return {
    schemaVersion: 1,
    type: 'call',
    id: uuidv7({ msecs: start.getTime() }),
    savedAt: new Date(ended.getTime() + 40_000).toISOString(),
    clerk,
    direction: 'incoming',
    startedAt: start.toISOString(),
    endedAt: ended.toISOString(),
    durationSec,
    personalData: facts.personalData,
    checklist: { id: INCOMING.id, version: INCOMING.version },
    items: INCOMING.items.map((item, i) => ({ id: item.id, label: item.label, weight: item.weight, applies: itemAppliesTo(item, facts), ...states[i]! })),
    adherence: adherenceForFacts(INCOMING.items.map((item, i) => ({ item, state: states[i]! })), facts),
    outbound: null,
    outcome: 'resolved',
    callback: null,
    callbackOf: null,
    routedTo: null,
    invitation: null,
    note: '',
    maskedCounts: {},
    ...extra,
  };
}

/** Each record's line, chained as the journal chains them. */
function chained(clerk: Clerk, records: UnchainedCallRecord[]): string[] {
  let prev = genesisHash(clerk.id, MONTH);
  return records.map((record) => {
    const line = serializeRecord(JournalRecordSchema.parse({ ...record, prevHash: prev }));
    prev = sha256(line);
    return line;
  });
}

/**
 * Three other clerks' months in this computer's data folder: Maria's call with everything a call can lead to,
 * Beata's two (her file edited afterwards by a hand), and Piotr's month of short calls.
 */
function otherClerksMonths(dataDir: string): void {
  const maria = incomingCall(
    MARIA,
    new Date(2026, 10, 20, 10, 14, 0),
    185,
    { greeting: { atMs: 12_000 }, 'matter-identified': { atMs: 41_000 }, 'plain-language': { atMs: 90_000 }, 'polite-closing': { atMs: 205_000, atWrapUp: true } },
    {
      outcome: 'invited',
      routedTo: { unitId: 'dzial-ewidencji-i-swiadczen', unitName: 'Dział Ewidencji i Świadczeń', external: false },
      invitation: { appointmentAt: new Date(2026, 11, 15, 9, 30).toISOString() },
      // Stored before masking knew this way of writing it: the register masks it as it shows it.
      note: 'Wnioskodawczyni przyjdzie z decyzją; PESEL 44051401359. Prosi o kontakt po 15:00.',
    },
  );
  writeMonthWithHead(join(dataDir, 'calls', MARIA.id, `${MONTH}.jsonl`), chained(MARIA, [maria]));
  const beata = [
    incomingCall(BEATA, new Date(2026, 10, 18, 9, 5), 60, { greeting: { atMs: 4_000 } }, { note: 'Pierwsza' }),
    incomingCall(BEATA, new Date(2026, 10, 18, 11, 40), 75, { greeting: { atMs: 6_000 } }, { note: 'Druga' }),
  ];
  const beataLines = chained(BEATA, beata);
  writeMonthWithHead(join(dataDir, 'calls', BEATA.id, `${MONTH}.jsonl`), beataLines);
  const beataFile = join(dataDir, 'calls', BEATA.id, `${MONTH}.jsonl`);
  writeFileSync(beataFile, readFileSync(beataFile, 'utf8').replace('"note":"Pierwsza"', '"note":"Pierwsza, poprawiona"'));
  const piotr = Array.from({ length: 40 }, (_, i) =>
    incomingCall(PIOTR, new Date(2026, 10, 1 + Math.floor(i / 3), 8 + (i % 3), 10), 40 + i * 7, i % 4 === 0 ? { greeting: { atMs: 35_000 } } : { greeting: { atMs: 3_000 }, 'matter-identified': { atMs: 20_000 } }),
  );
  writeMonthWithHead(join(dataDir, 'calls', PIOTR.id, `${MONTH}.jsonl`), chained(PIOTR, piotr));
}

/**
 * A team lead opens calls of the register: by mouse and from the keyboard,
 * each showing every checklist item with its time and marks, what the call
 * led to, the note as stored (masked), and whether its record is intact; Esc
 * closes and the focus is back on the row. Printed, the register is a report
 * with a head and page numbers and nothing to click; at 1280 px the list is
 * in the first screen; at 460 px nothing is wider than the window.
 */
describe.skipIf(unavailable)('web mode: a call of the register opened, the printed report, the wide screen', () => {
  // One register for the file (seeded once: it takes a while); each test opens it afresh with openRegister.
  const app = useWebMode({ prefix: 'asystent-e2e-register-call-', scope: 'file', seed: otherClerksMonths });
  let page: Page;
  /** How much wider than the window the page is (0: it fits). */
  const excess = () => page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;
  const dialog = () => page.getByRole('dialog');
  /** The register's list of calls (the summary's charts are lists too). */
  const calls = () => page.getByRole('list', { name: /^Lista rozmów/ });
  const rowButton = (text: string | RegExp) => calls().getByRole('listitem').filter({ hasText: text }).getByRole('button');
  /** The register's list item the focus is in, by its place in the list; null when the focus is elsewhere. */
  const focusedRow = () => page.evaluate('document.activeElement?.closest("[role=listitem]")?.getAttribute("aria-posinset") ?? null') as Promise<string | null>;

  beforeAll(async () => {
    page = app.page;
    // The lead's first run and own call (waited on with the page's own waits: a hook is not a test), from the keyboard:
    // the greeting ticked, routed by the search, a phone number in the note.
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Profil pracownika' }).waitFor();
    await page.getByLabel('Imię').fill('Ewa');
    await page.getByLabel('Nazwisko').fill('Zielińska');
    await page.getByLabel('Komórka organizacyjna').fill('Centrum Aktywizacji Zawodowej');
    await page.getByRole('button', { name: 'Zapisz profil' }).click();
    await page.getByRole('button', { name: 'Pomiń dziś' }).click();
    await page.getByRole('button', { name: /Połączenie przychodzące/ }).waitFor();
    await page.keyboard.press('F2');
    await page.getByRole('region', { name: 'Powitanie' }).waitFor();
    await page.keyboard.press('1');
    await page.keyboard.press('/');
    await page.locator('#search-input:focus').waitFor();
    await page.keyboard.type('zasilek');
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Wysokość zasiłku i okres jego pobierania' }).getByRole('button', { name: 'Przekierowano' }).click();
    await page.getByText('Zapisano przekierowanie do: Dział Ewidencji i Świadczeń').waitFor();
    await page.keyboard.press('F4');
    await page.getByRole('radio', { name: /Przekierowana/, checked: true }).waitFor();
    await page.getByLabel(/Notatka/).fill('Oddzwoni z numeru 601 234 567');
    await page.keyboard.press('Control+Enter');
    await page.getByText('Rozmowa zapisana w dzienniku.').waitFor();
  });

  /** The register afresh at this size: 44 calls, the first one (the newest, the lead's own) listed. */
  async function openRegister(width: number, height: number) {
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ media: 'screen' });
    await page.reload(); // a fresh window: nothing opened or chosen before
    await page.getByRole('button', { name: 'Rejestr' }).click();
    await expect.poll(() => page.locator('.register [aria-live="polite"]').innerText()).toBe('44 rozmowy');
    await expect.poll(() => calls().getByRole('listitem').first().getByRole('button').innerText()).toContain('Ewa Zielińska');
  }

  it('a row opened by the mouse shows the whole call: items with their times and marks, routing, invitation, the masked note, an intact record; Esc closes, focus back on the row', async () => {
    await openRegister(460, 760);
    const maria = rowButton('Szczepańska-Wojciechowska');
    // The clerk's name is whole in the list too: wrapped, never cut.
    const name = maria.locator('.clerk');
    expect(await name.innerText()).toBe('Maria-Magdalena Szczepańska-Wojciechowska');
    expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= el.ownerDocument.documentElement.clientWidth)).toBe(true);
    await calls().scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('70-register-list-460') });

    await maria.click();
    await expect.poll(() => dialog().getByRole('heading', { name: 'Rozmowa 20.11.2026, 10:14' }).isVisible()).toBe(true);
    const text = await dialog().innerText();
    expect(text).toMatch(/Pracownik\s*Maria-Magdalena Szczepańska-Wojciechowska/);
    expect(text).toMatch(/Data i godzina\s*20\.11\.2026, 10:14 – 10:17/);
    expect(text).toMatch(/Kierunek\s*przychodząca/);
    expect(text).toMatch(/Czas trwania\s*3:05/);
    expect(text).toMatch(/Wynik\s*Zaproszenie do Urzędu/);
    expect(text).toMatch(/Przekierowano do\s*Dział Ewidencji i Świadczeń/);
    expect(text).toMatch(/Zaproszenie do Urzędu\s*wizyta 15\.12\.2026, 09:30/);
    expect(text).toMatch(/Oddzwonienie\s*nie/);
    expect(text).toMatch(/Powitanie w 30 s\s*tak/);
    expect(text).toMatch(/Zgodność ze standardem\s*\d+%/);
    const items = dialog().getByRole('listitem');
    const item = async (label: string) => (await items.filter({ hasText: label }).innerText()).replace(/\s+/g, ' ');
    expect(await item('Powitanie: imię i nazwisko')).toContain('wykonano · zaznaczono po 0:12 od początku');
    expect(await item('Sprawa rozmówcy ustalona')).toContain('wykonano · zaznaczono po 0:41 od początku');
    expect(await item('Do rozmówcy nie docierają głosy')).toContain('pominięto');
    expect(await item('Tożsamość potwierdzona')).toContain('nie dotyczy tej rozmowy');
    expect(await item('Uprzejme zakończenie')).toContain('wykonano · zaznaczono po 3:25 od początku · zaznaczono po zakończeniu rozmowy');
    expect(text).toContain('Wnioskodawczyni przyjdzie z decyzją; PESEL [PESEL]. Prosi o kontakt po 15:00.');
    expect(text).not.toContain('44051401359');
    expect(text).toMatch(/Integralność zapisu\s*Zapis nienaruszony/);
    expect(await excess()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('71-register-call-460') });

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
    expect(await page.evaluate('document.activeElement?.textContent ?? ""')).toContain('Szczepańska-Wojciechowska');
  });

  it('from the keyboard: Tab reaches the list, the arrows move between rows, Enter opens, "Zamknij" and Esc close with the focus back on the row', async () => {
    await openRegister(460, 760);
    // After the last of the controls above the list (its order, beside its title), the next Tab is the list's first row.
    await page.getByLabel('Kolejność').focus();
    await page.keyboard.press('Tab');
    expect(await focusedRow()).toBe('1');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().getByRole('heading', { name: /^Rozmowa \d/ }).isVisible()).toBe(true);
    const own = await dialog().innerText();
    expect(own).toMatch(/Pracownik\s*Ewa Zielińska/);
    expect(own).toMatch(/Wynik\s*Przekierowana/);
    expect(own).toMatch(/Przekierowano do\s*Dział Ewidencji i Świadczeń/);
    expect(own).toMatch(/Zaproszenie do Urzędu\s*nie/);
    expect(own).toContain('Oddzwoni z numeru [telefon]');
    expect((await dialog().getByRole('listitem').filter({ hasText: 'Powitanie' }).innerText()).replace(/\s+/g, ' ')).toMatch(/wykonano · zaznaczono po 0:0\d od początku/);
    expect(own).toMatch(/Zapis nienaruszony/);
    await dialog().getByRole('button', { name: /Zamknij/ }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    expect(await focusedRow()).toBe('1');

    // Beata's two calls come third and fourth: her file was edited after it was saved.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedRow()).toBe('3');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().getByText('Beata Lis', { exact: true }).isVisible()).toBe(true);
    const integrity = dialog().getByRole('region', { name: 'Integralność zapisu' });
    expect(await integrity.innerText()).toMatch(/Zapis do wyjaśnienia[\s\S]*Beata Lis, 2026-11: przerwany łańcuch zapisów — wiersz 2/);
    await integrity.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('72-register-call-damaged-460') });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
    expect(await focusedRow()).toBe('3');

    // End goes to the last call of the list, scrolled to; the focus goes along.
    await page.keyboard.press('End');
    await expect.poll(focusedRow).toBe('44');
    await page.keyboard.press('Home');
    await expect.poll(focusedRow).toBe('1');
  });

  it('with larger text at 460 px, the list and an opened call still fit the window', async () => {
    await page.setViewportSize({ width: 460, height: 760 });
    await page.reload(); // a fresh window: nothing opened or chosen before
    await page.getByRole('button', { name: 'Ustawienia' }).click();
    await page.getByLabel('Większy tekst').check();
    await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
    await expect.poll(() => page.evaluate('document.documentElement.classList.contains("large-text")')).toBe(true);
    try {
      await page.getByRole('button', { name: 'Rejestr' }).click();
      await expect.poll(() => calls().getByRole('listitem').count()).toBeGreaterThan(3);
      expect(await excess()).toBe(0);
      await page.getByRole('region', { name: 'Rozmowy' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('73-register-list-460-larger') });
      await rowButton('Szczepańska-Wojciechowska').click();
      await expect.poll(() => dialog().getByText('Zapis nienaruszony').isVisible()).toBe(true);
      expect(await excess()).toBe(0);
      expect(await dialog().evaluate((el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= el.ownerDocument.documentElement.clientWidth)).toBe(true);
      await page.screenshot({ path: screenshotPath('74-register-call-460-larger') });
      await page.keyboard.press('Escape');
    } finally {
      if ((await dialog().count()) > 0) await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Ustawienia' }).click();
      await page.getByLabel('Większy tekst').uncheck();
      await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
      await expect.poll(() => page.evaluate('document.documentElement.classList.contains("large-text")')).toBe(false);
    }
  });

  it('at 1280 px the filters fold into a bar and the first call of the list is in the first screen', async () => {
    await openRegister(1280, 800);
    const filters = page.getByRole('group', { name: 'Filtry rejestru' });
    expect(await filters.isVisible()).toBe(true);
    for (const label of ['Od dnia', 'Do dnia', 'Pracownik', 'Kierunek', 'Wynik', 'Przekierowano do', 'Pominięte punkty']) expect(await filters.getByLabel(label).isVisible()).toBe(true);
    // One row of fields, not a screen of them; the order stands beside the list's title.
    const fieldTops = (await filters.locator('select, input').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)))) as number[];
    expect(Math.max(...fieldTops) - Math.min(...fieldTops)).toBeLessThan(10);
    expect(await page.getByRole('region', { name: 'Rozmowy' }).getByLabel('Kolejność').isVisible()).toBe(true);
    const first = await calls().getByRole('listitem').first().boundingBox();
    expect(first).not.toBeNull();
    expect(first!.y + first!.height).toBeLessThanOrEqual(800);
    expect(await excess()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('75-register-1280') });
    await rowButton('Szczepańska-Wojciechowska').click();
    await expect.poll(() => dialog().getByText('Zapis nienaruszony').isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('76-register-call-1280') });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
  });

  it('printed, the register is a report: a title, the office and unit, the period, filters and date, page numbers, and no button or field', async () => {
    await openRegister(1280, 800);
    await page.getByLabel('Pracownik').selectOption({ label: 'Piotr Wiśniewski' });
    await expect.poll(() => page.locator('.register [aria-live="polite"]').innerText()).toBe('40 rozmów');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByText('Raport z rejestru rozmów').isVisible()).toBe(true);
    expect(await page.getByText('Powiatowy Urząd Pracy w Łodzi — Centrum Aktywizacji Zawodowej').isVisible()).toBe(true);
    expect(await page.getByRole('region', { name: 'Podsumowanie' }).innerText()).toMatch(/Cały rejestr · Pracownik: Piotr Wiśniewski · sporządzono \d/);
    const controls = (await page.evaluate(`[...document.querySelectorAll('button, input, select, textarea, [role="list"]')].filter((el) => el.getClientRects().length > 0).length`)) as number;
    expect(controls).toBe(0);
    // Page numbers in the page's bottom margin, from the print styles.
    const pageRules = (await page.evaluate(`[...document.styleSheets].flatMap((sheet) => [...sheet.cssRules]).flatMap((rule) => rule instanceof CSSMediaRule ? [...rule.cssRules] : [rule]).filter((rule) => rule instanceof CSSPageRule).map((rule) => rule.cssText).join('\\n')`)) as string;
    expect(pageRules).toMatch(/@bottom-right\s*\{[^}]*counter\(page\)[^}]*counter\(pages\)/);
    await page.screenshot({ path: screenshotPath('77-register-print'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    writeFileSync(screenshotPath('77-register-print').replace(/\.png$/, '.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    await page.emulateMedia({ media: 'screen' });
  });
});
