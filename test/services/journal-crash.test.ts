import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CallJournal } from '../../electron/services/journal';
import { CLERK_ID, sampleRecord } from '../helpers/records';

/**
 * A writer process is killed with SIGKILL at random moments, again and again,
 * on the same journal. After each kill the journal is opened as the app would
 * open it: every acknowledged record must be there, at most one torn line may
 * have been set aside, the chain must verify, and appending must go on.
 * CRASH_ITERATIONS raises the count (the reliability suite runs 200).
 */
const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 20);

function runWriterAndKill(dataDir: string, firstAt: number, stepMs: number, seed: number, killAfterMs: number) {
  return new Promise<string[]>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/journal-writer.ts', dataDir, String(firstAt), String(stepMs), String(seed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // Count time from the first acknowledged record, not from process start-up.
      if (!timer) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer ended by itself: ${err}`));
      resolve([...out.matchAll(/^ack (\S+)$/gm)].map((m) => m[1]!));
    });
  });
}

async function allRecords(dataDir: string) {
  const journal = new CallJournal(dataDir);
  const months = await journal.months(CLERK_ID);
  const results = await Promise.all(months.map((m) => journal.readMonth(CLERK_ID, m)));
  await journal.close();
  return { records: results.flatMap((r) => r.records), problems: results.flatMap((r) => r.problems), months };
}

describe('journal under kill -9', () => {
  it(`loses no acknowledged record across ${ITERATIONS} kills, month boundaries included`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crash-'));
    const acked = new Set<string>();
    let random = 12345;
    const rand = (n: number) => ((random = (random * 1103515245 + 12345) % 2 ** 31), random % n);
    // Records 20 minutes apart starting just before midnight of 31 October:
    // each writer run crosses into the next month's file.
    let at = new Date(2026, 9, 31, 23, 0).getTime();
    let quarantinedBefore = 0;

    for (let i = 0; i < ITERATIONS; i++) {
      const ids = await runWriterAndKill(dataDir, at, 20 * 60_000, i + 1, 5 + rand(60));
      ids.forEach((id) => acked.add(id));

      // Reopen as the app does, then append: a torn tail is quarantined here.
      const journal = new CallJournal(dataDir);
      const after = await journal.append(sampleRecord(new Date(at + 10 * 24 * 3600_000 + i)));
      acked.add(after.id);
      await journal.close();
      expect(journal.quarantined.length).toBeLessThanOrEqual(1);
      quarantinedBefore += journal.quarantined.length;

      const { records, problems } = await allRecords(dataDir);
      expect(problems).toEqual([]);
      const stored = new Set(records.map((r) => r.id));
      expect(stored.size).toBe(records.length); // no duplicates
      for (const id of acked) expect(stored.has(id), `acknowledged record ${id} is missing after kill ${i + 1}`).toBe(true);
      at = Math.max(...records.map((r) => Date.parse(r.savedAt))) + 60_000;
    }

    const { months } = await allRecords(dataDir);
    expect(months.length).toBeGreaterThan(1);
    expect(acked.size).toBeGreaterThan(ITERATIONS);
    const quarantineFiles = months.map((m) => join(dataDir, 'calls', CLERK_ID, `${m}.jsonl.quarantine`)).filter(existsSync);
    const quarantineLines = quarantineFiles.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean));
    expect(quarantineLines.length).toBe(quarantinedBefore);
    console.info(`[crash] ${ITERATIONS} kills, ${acked.size} acknowledged records kept, ${quarantinedBefore} torn lines quarantined`);
  }, 600_000);
});
