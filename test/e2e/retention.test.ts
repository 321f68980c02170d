import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CallJournal, monthOf } from '../../electron/services/journal';
import { firstRun } from '../helpers/e2e-steps';
import { sampleRecord } from '../helpers/records';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

/** A clerk's computer holds months older than the retention period: the app says which, and removes them when told to. */
describe.skipIf(unavailable)('web mode: retention', () => {
  const app = useWebMode({ prefix: 'asystent-e2e-retention-' });

  it('the notice names the months; "Usuń teraz" removes them and the journal records it', async () => {
    const { page, dataDir } = app;
    await firstRun(page, app.url);
    const clerkId = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).profile.clerkId as string;
    await app.server.stop();

    const journal = new CallJournal(dataDir);
    for (const month of [2, 5]) await journal.append(sampleRecord(new Date(2022, month, 10, 9), 10, clerkId));
    await journal.close();

    await app.restart();
    await page.goto(app.url);
    const notice = page.getByRole('alert').filter({ hasText: 'Zapisy są przechowywane 24 miesiące' });
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(await notice.innerText()).toContain('Starsze są miesiące: 2022-03, 2022-06 (2 pliki)');
    await page.screenshot({ path: screenshotPath('40-retention-notice') });
    await notice.getByRole('button', { name: 'Usuń teraz' }).click();
    await expect.poll(() => page.getByText('Usunięto 2 pliki i odnotowano to w dzienniku.').isVisible()).toBe(true);
    expect(existsSync(join(dataDir, 'calls', clerkId, '2022-03.jsonl'))).toBe(false);
    const current = readFileSync(join(dataDir, 'calls', clerkId, `${monthOf(new Date())}.jsonl`), 'utf8');
    expect(current).toContain('"type":"retention"');
  });
});
