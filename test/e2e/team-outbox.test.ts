import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstRun, joinTeamFolder, quickIncomingCall } from '../helpers/e2e-steps';
import { e2eSkipReason, screenshotPath, useWebMode } from '../helpers/web-mode';

const unavailable = e2eSkipReason();

/**
 * Team mode when this computer's own queue of copies fails (here: something
 * else has taken the outbox's name — for a person, a full disk or a folder
 * without rights does the same): the call is saved, a banner says the copy
 * waits here and why, and once the queue works again the copy reaches the
 * team folder, once.
 */
describe.skipIf(unavailable)('web mode: team copies that cannot be queued on this computer', () => {
  // The page in the browser's own locale, as this test has always run.
  const app = useWebMode({ prefix: 'asystent-e2e-outbox-', context: { locale: undefined } });

  it('the call is saved, the banner says the copy waits here and why, and it reaches the team folder once the queue works', async () => {
    const { page, dataDir } = app;
    const team = app.folder('asystent-e2e-outbox-team-');
    await firstRun(page, app.url);
    await joinTeamFolder(page, team);

    rmSync(join(dataDir, 'outbox'), { recursive: true, force: true });
    writeFileSync(join(dataDir, 'outbox'), 'nie folder');
    await quickIncomingCall(page, '1');
    const banner = page.getByRole('status').filter({ hasText: 'na tym komputerze' });
    await expect.poll(() => banner.isVisible()).toBe(true);
    expect(await banner.innerText()).toMatch(/nie dały się zapisać na tym komputerze \(E[A-Z]+\)\. Czeka: 1 zapis\./);
    await page.screenshot({ path: screenshotPath('70-team-copy-waits-here') });

    rmSync(join(dataDir, 'outbox'));
    await quickIncomingCall(page, '1');
    await expect.poll(() => banner.isVisible()).toBe(false);
    const clerk = readdirSync(join(team, 'calls'))[0]!;
    const file = readdirSync(join(team, 'calls', clerk)).find((f) => f.endsWith('.jsonl'))!;
    const calls = readFileSync(join(team, 'calls', clerk, file), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; type: string })
      .filter((r) => r.type === 'call');
    expect(calls).toHaveLength(2);
    expect(new Set(calls.map((c) => c.id)).size).toBe(2);
    await page.screenshot({ path: screenshotPath('71-team-copy-caught-up') });
  });
});
