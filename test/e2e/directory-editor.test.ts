import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { allStoredText, firstRun } from '../helpers/e2e-steps';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

const NEW_MATTER = {
  title: 'Zwrot kosztów dojazdu na staż lub szkolenie',
  keywords: ['zwrot kosztów dojazdu', 'koszty przejazdu', 'bilety na dojazd'],
  examples: ['czy oddacie mi za bilety jak dojeżdżam na staż', 'zwrot za dojazd na szkolenie'],
};

/**
 * A team lead keeps the office's directory in the app: a new matter with
 * the phrasings callers use, tried before saving, saved onto the share with
 * a change log line, and found by a clerk's search at once; a colleague's
 * save in between is never overwritten; a change that moves a caller's
 * example away from its matter is shown before it is saved.
 */
describe.skipIf(unavailable)('web mode: the team lead edits the directory', () => {
  const app = useWebMode({ prefix: 'asystent-e2e-editor-' });
  let page: Page;
  beforeEach(() => void (page = app.page));

  async function newLead() {
    await firstRun(page, app.url, 'Dział Ewidencji i Świadczeń', ['Marta', 'Kierownik']);
    await page.getByRole('button', { name: 'Ustawienia' }).click();
    await page.getByLabel(/Prowadzę katalog spraw Urzędu/).check();
    await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Katalog', exact: true }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Katalog', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Katalog spraw Urzędu' }).isVisible()).toBe(true);
  }

  async function addNewMatter() {
    await page.getByRole('button', { name: 'Dodaj sprawę' }).click();
    const form = page.getByRole('region', { name: 'Nowa sprawa' });
    await form.getByLabel('Nazwa sprawy').fill(NEW_MATTER.title);
    const saved = page.getByRole('region', { name: NEW_MATTER.title });
    await saved.getByLabel('Kto się tym zajmuje').selectOption({ label: 'Dział Instrumentów Rynku Pracy' });
    await saved.getByLabel(/Słowa kluczowe/).fill(NEW_MATTER.keywords.join('\n'));
    await saved.getByLabel(/Jak mówią dzwoniący/).fill(NEW_MATTER.examples.join('\n'));
    return saved;
  }

  it("a new lead adds a matter with two caller examples, tries it, saves it on the share, and a clerk is routed to it; a search left without a result reaches the lead's report with nothing of the caller, and is added to the directory", async () => {
    await newLead();
    const intro = page.locator('.directory-editor > .card').first();
    expect(await intro.innerText()).toContain('Teraz w użyciu jest wbudowany przykład; zapis utworzy plik Urzędu pod tą ścieżką.');
    const form = await addNewMatter();
    // The identifier is made from the title, and fixed once saved.
    expect(await form.getByLabel('Identyfikator').inputValue()).toBe('zwrot-kosztow-dojazdu-na-staz-lub-szkolenie');

    const tryIt = page.getByRole('searchbox', { name: /Wypróbuj/ });
    await tryIt.fill(NEW_MATTER.examples[0]!);
    const firstHit = page.locator('.try-it-hits li').first();
    await expect.poll(() => firstHit.innerText()).toContain(NEW_MATTER.title);
    expect(await firstHit.innerText()).toContain('← ten wpis');
    for (const width of [460, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: screenshotPath(`91-directory-editor-${width}`), fullPage: true });
    }

    // No office file yet: the save asks where to make one, and nothing is written.
    await page.getByRole('button', { name: /Zapisz katalog/ }).click();
    await expect.poll(() => page.getByText(/Wskaż, gdzie zapisać katalog Urzędu/).isVisible()).toBe(true);
    const file = join(app.folder('asystent-e2e-share-'), 'katalog.json');
    await page.getByLabel('Gdzie zapisać katalog Urzędu (pełna ścieżka do pliku .json)').fill(file);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByText(/Zapisano: 1 zmiana\. Każdy z przykładów rozmówców \(2\) znajduje swoją sprawę na pierwszym miejscu\./).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('92-directory-saved-460') });

    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.matters.find((m: { id: string }) => m.id === 'zwrot-kosztow-dojazdu-na-staz-lub-szkolenie')).toMatchObject({ title: NEW_MATTER.title, unit: 'dzial-instrumentow-rynku-pracy', keywords: NEW_MATTER.keywords, examples: NEW_MATTER.examples });
    const log = readFileSync(join(file, '..', 'katalog.changes.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ by: 'Marta Kierownik', before: null, changes: [{ list: 'matters', id: 'zwrot-kosztow-dojazdu-na-staz-lub-szkolenie', change: 'added' }] });
    expect(await form.getByLabel('Identyfikator').getAttribute('readonly')).not.toBeNull();

    // The office files of the settings now name it, and the clerk's search routes to it.
    await page.getByRole('button', { name: 'Ustawienia' }).click();
    expect(await page.getByLabel('Plik katalogu spraw i komórek (.json)').inputValue()).toBe(file);
    await page.getByRole('button', { name: 'Rozmowa', exact: true }).click();
    await page.keyboard.press('/');
    await page.keyboard.type(NEW_MATTER.examples[1]!);
    const option = page.getByRole('option').first();
    await expect.poll(() => option.innerText()).toContain(NEW_MATTER.title);
    expect(await option.innerText()).toContain('Dział Instrumentów Rynku Pracy');

    // The search above was left without opening its hit: a miss too. Then a caller's details typed in a hurry, given up.
    const box = page.locator('#search-input');
    await page.keyboard.press('Escape');
    await box.fill('Jan Kowalski PESEL 44051401359 tel. 601 234 567 zgubiłem świstek');
    await page.keyboard.press('Escape');
    // A search that found its matter and was opened is no miss.
    await box.fill('kuroniówka');
    await expect.poll(() => page.getByRole('option').count()).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.hit-details').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await box.fill('');

    await page.getByRole('button', { name: 'Katalog', exact: true }).click();
    const card = page.getByRole('region', { name: 'Czego szukano bez skutku' });
    const line = card.locator('li', { hasText: 'pesel tel zgubilem swistek' });
    await expect.poll(() => line.count()).toBe(1);
    expect(await line.innerText()).toMatch(/^„pesel tel zgubilem swistek” 1 raz, pracowników: 1/);
    expect(await card.locator('li').count()).toBe(2); // and the sentence searched above
    const stored = allStoredText(app.dataDir);
    for (const secret of ['44051401359', '601 234 567', '601234567', 'Kowalski', 'kowalski', 'kuroniowka']) expect(stored).not.toContain(secret);
    for (const width of [460, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`97-directory-misses-${width}`) });
    }

    await line.getByRole('button', { name: 'Dodaj do katalogu' }).click();
    await card.getByRole('button', { name: 'Jako nowa sprawa' }).click();
    const added = page.getByRole('region', { name: 'Nowa sprawa' });
    await expect.poll(() => added.getByLabel(/Jak mówią dzwoniący/).inputValue()).toBe('pesel tel zgubilem swistek');
  });

  it("a colleague's save in between is never overwritten: the editor names them, reloads, and lists what is to be made again", async () => {
    await newLead();
    const file = join(app.folder('asystent-e2e-share-'), 'katalog.json');
    const shipped = JSON.parse(readFileSync('resources/directory.json', 'utf8'));
    writeFileSync(file, JSON.stringify(shipped, null, 2));
    await page.getByRole('button', { name: 'Ustawienia' }).click();
    await page.getByLabel('Plik katalogu spraw i komórek (.json)').fill(file);
    await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
    await page.getByRole('button', { name: 'Katalog', exact: true }).click();
    await expect.poll(() => page.getByText(`Katalog: ${file}`).isVisible()).toBe(true);
    await addNewMatter();

    // Meanwhile, on another computer: a colleague renames a unit and saves.
    const theirs = structuredClone(shipped);
    theirs.units[0].name = 'Dział Ewidencji, Świadczeń i Zaświadczeń';
    const theirText = JSON.stringify(theirs, null, 2);
    writeFileSync(file, theirText);
    const after = createHash('sha256').update(theirText).digest('hex');
    writeFileSync(join(file, '..', 'katalog.changes.jsonl'), `${JSON.stringify({ at: '2026-12-08T09:42:00.000Z', by: 'Jan Kolega', before: null, after, changes: [] })}\n`);

    await page.getByRole('button', { name: /Zapisz katalog/ }).click();
    const conflict = page.getByText(/zmienił się, odkąd otwarto edytor \(ostatni zapis: Jan Kolega, 2026-12-08 10:42\)\. Nic nie zapisano/);
    await expect.poll(() => conflict.isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('93-directory-conflict-460') });
    expect(JSON.parse(readFileSync(file, 'utf8')).units[0].name).toBe('Dział Ewidencji, Świadczeń i Zaświadczeń');

    await page.getByRole('button', { name: 'Wczytaj ponownie' }).click();
    await expect.poll(() => page.getByText(/Twoja 1 zmiana nie została zapisana/).isVisible()).toBe(true);
    expect(await page.locator('.directory-editor').innerText()).toContain(`dodano: ${NEW_MATTER.title}`);
    await page.getByRole('button', { name: 'Komórki Urzędu' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Dział Ewidencji, Świadczeń i Zaświadczeń' }).isVisible()).toBe(true);
  });

  it('a keyword that pulls a caller example away from its matter is listed with what comes first instead, and saved only when the lead says so; problems keep the file from being saved, each linked to its entry and field', async () => {
    await newLead();
    const form = await addNewMatter();
    const file = join(app.folder('asystent-e2e-share-'), 'katalog.json');
    await page.getByLabel('Gdzie zapisać katalog Urzędu (pełna ścieżka do pliku .json)').fill(file);
    // The same matter's keywords are emptied of what told it apart: its examples now find the internship matter.
    await form.getByLabel(/Słowa kluczowe/).fill('dofinansowanie');
    await page.getByRole('button', { name: /Zapisz katalog/ }).click();
    const moved = page.locator('.editor-save .form-error');
    await expect.poll(() => moved.isVisible()).toBe(true);
    expect(await moved.innerText()).toMatch(/Nie zapisano: \d z 2 przykładów rozmówców/);
    expect(await moved.innerText()).toMatch(/„czy oddacie mi za bilety jak dojeżdżam na staż” → Zwrot kosztów dojazdu na staż lub szkolenie: (dopiero \d\. miejsce|nie ma jej wśród wyników); pierwsze jest „[^”]+”/);
    expect(existsSync(file)).toBe(false);
    await page.setViewportSize({ width: 460, height: 900 });
    await page.screenshot({ path: screenshotPath('94-directory-examples-moved-460') });
    await page.getByRole('button', { name: 'Zapisz mimo to' }).click();
    await expect.poll(() => existsSync(file)).toBe(true);

    // A new matter left empty: nothing is saved, and each problem is named at its entry and field.
    await page.getByRole('button', { name: 'Dodaj sprawę' }).click();
    await page.getByRole('button', { name: /Zapisz katalog/ }).click();
    const problems = page.locator('.editor-save .form-error');
    await expect.poll(() => problems.isVisible()).toBe(true);
    expect(await problems.innerText()).toMatch(/Nie zapisano — 2 problemy do poprawienia/);
    expect(await problems.innerText()).toContain('Nowa sprawa — Nazwa sprawy: pole nie może być puste');
    expect(await problems.innerText()).toContain('Nowa sprawa — Słowa kluczowe (po jednym w wierszu): potrzebne jest co najmniej jedno słowo kluczowe');
    // The form shows each at its field.
    await page.getByRole('button', { name: 'Nowa sprawa — Nazwa sprawy' }).click();
    const title = page.getByRole('region', { name: 'Nowa sprawa' }).getByLabel('Nazwa sprawy');
    await expect.poll(() => title.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#' + (await title.getAttribute('aria-describedby'))!.split(' ').pop()).innerText()).toBe('pole nie może być puste');
    // A unit that matters go to cannot be removed: they are named.
    await page.getByRole('button', { name: 'Komórki Urzędu' }).click();
    await page.getByRole('button', { name: 'Kancelaria' }).click();
    await page.getByRole('button', { name: 'Usuń komórkę' }).click();
    // Asked once more before anything goes.
    await expect.poll(() => page.getByText(/Usunąć ten wpis\?/).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Usuń komórkę' }).click();
    await expect.poll(() => page.getByText(/Nie można usunąć: ten wpis wskazuje 5 wpisów, m\.in\. „Odwołanie od decyzji”, „Skarga na obsługę/).isVisible()).toBe(true);
    for (const width of [460, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: screenshotPath(`95-directory-problems-${width}`), fullPage: true });
    }
  });

  it('a spreadsheet round trip: the matters go to Excel, a table with a mistake is refused by row and column, the corrected one replaces the list, and saves', async () => {
    await newLead();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Eksportuj sprawy do Excela' }).click()]);
    expect(download.suggestedFilename()).toBe('katalog-sprawy.csv');
    const exported = readFileSync((await download.path())!);
    expect([...exported.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = exported.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Identyfikator;Nazwa sprawy;Komórka (identyfikator);Sprawa złożona;Słowa kluczowe;Jak mówią dzwoniący;Dokumenty;Podpowiedź;Źródło;Sprawdzone;Do sprawdzenia od;Komórka odpowiedzialna (identyfikator)');
    await expect.poll(() => page.getByText(/Zapisano tabelę: katalog-sprawy\.csv/).isVisible()).toBe(true);

    // In Excel the lead adds a row — with the unit's name instead of its identifier — and saves as plain CSV (Windows-1250, dates rewritten).
    const folder = app.folder('asystent-e2e-sheet-');
    const row = (unit: string) => `bon-zasiedlenie;Bon na zasiedlenie;${unit};nie;bon na zasiedlenie | przeprowadzka do pracy;czy dostanę bon na zasiedlenie;;;;07.12.2026;;`;
    const wrong = join(folder, 'sprawy-z-bledem.csv');
    writeFileSync(wrong, Buffer.from(`${lines.slice(0, -1).join('\r\n')}\r\n${row('Dział Instrumentów Rynku Pracy')}\r\n`, 'utf8'));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Wczytaj tabelę z Excela…' }).click()]);
    await chooser.setFiles(wrong);
    const refused = page.locator('.editor-tables .form-error');
    await expect.poll(() => refused.isVisible()).toBe(true);
    expect(await refused.innerText()).toContain(`Nie wczytano sprawy-z-bledem.csv — 1 problem, nic nie zmieniono:`);
    expect(await refused.innerText()).toContain(`wiersz ${lines.length}, kolumna C (Komórka (identyfikator)): nieznana komórka „Dział Instrumentów Rynku Pracy”`);
    await page.setViewportSize({ width: 460, height: 900 });
    await refused.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('96-directory-table-refused-460') });
    // Nothing of the table was taken.
    expect(await page.locator('.editor-save').innerText()).toContain('Wszystko zapisane.');

    const right = join(folder, 'sprawy.csv');
    writeFileSync(right, Buffer.from(`${lines.slice(0, -1).join('\r\n')}\r\n${row('dzial-instrumentow-rynku-pracy')}\r\n`, 'utf8'));
    const [again] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Wczytaj tabelę z Excela…' }).click()]);
    await again.setFiles(right);
    await expect.poll(() => page.locator('.editor-tables [role=status]').innerText()).toMatch(/^Wczytano sprawy\.csv: 1 zmiana\. Sprawdź i zapisz katalog\.\s+dodano: Bon na zasiedlenie$/);
    await page.getByRole('button', { name: 'Bon na zasiedlenie' }).click();
    const form = page.getByRole('region', { name: 'Bon na zasiedlenie' });
    expect(await form.getByLabel('Sprawdzone dnia').inputValue()).toBe('2026-12-07');
    expect(await form.getByLabel(/Słowa kluczowe/).inputValue()).toBe('bon na zasiedlenie\nprzeprowadzka do pracy');
    const file = join(app.folder('asystent-e2e-share-'), 'katalog.json');
    await page.getByLabel('Gdzie zapisać katalog Urzędu (pełna ścieżka do pliku .json)').fill(file);
    await page.getByRole('button', { name: /Zapisz katalog/ }).click();
    await expect.poll(() => existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).matters.at(-1)).toMatchObject({ id: 'bon-zasiedlenie', unit: 'dzial-instrumentow-rynku-pracy', checked: '2026-12-07' });
  });
});
