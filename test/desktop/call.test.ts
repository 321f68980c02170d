import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quickIncomingCall } from '../helpers/e2e-steps';
import { desktopSkipReason, firstRun, freshDesktopApps, journalCalls, journalFiles } from './desktop-app';

const unavailable = desktopSkipReason();

/**
 * One call, made in the real window with the keyboard alone, saved over IPC
 * (the desktop app has no server: the preload's `api` is the only way in),
 * and read back from the journal file the way anyone opening the data
 * directory would find it.
 */
describe.skipIf(unavailable)('a call in the desktop app', () => {
  const apps = freshDesktopApps('asystent-desktop-call-');

  it('F2, the greeting ticked with 1, F4, the outcome, Ctrl+Enter: one line in the month’s journal file', async () => {
    const { window, dataDir } = await apps.launch();
    await firstRun(window);
    expect(journalCalls(dataDir)).toEqual([]);

    await quickIncomingCall(window, '1', 'Pytanie o godziny otwarcia');

    await expect.poll(() => journalCalls(dataDir).length).toBe(1);
    const files = journalFiles(dataDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^calls\/[^/]+\/\d{4}-\d{2}\.jsonl$/);

    const lines = readFileSync(join(dataDir, files[0]!), 'utf8').split('\n').filter(Boolean);
    const call = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((record) => record.type === 'call')!;
    expect(call).toMatchObject({ direction: 'incoming', outcome: 'resolved', note: 'Pytanie o godziny otwarcia' });
    const items = call.items as { done: boolean }[];
    expect(items[0]!.done).toBe(true); // the greeting, ticked with 1 during the call
    // Filed under the clerk who took it.
    const clerk = call.clerk as { id: string; firstName: string; lastName: string };
    expect(clerk).toMatchObject({ firstName: 'Ewa', lastName: 'Zielińska' });
    expect(files[0]!.startsWith(`calls/${clerk.id}/`)).toBe(true);
  });
});
