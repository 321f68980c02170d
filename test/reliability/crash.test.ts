import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeLeftoverTempFiles } from '../../electron/services/atomic-file';
import { DraftStore } from '../../electron/services/draft-store';
import { headPathOf } from '../../electron/services/journal-head';
import { CallJournal, monthOf, serializeRecord } from '../../electron/services/journal';
import { SettingsStore } from '../../electron/services/settings-store';
import { JournalRecordSchema } from '../../shared/journal/journal-record';
import { bundleCrashChild, runAndKill, seeded, type Ack } from '../helpers/crash-harness';
import { stepOfDraft, stepOfSettings } from '../helpers/crash-states';
import { CLERK_ID, sampleRecord } from '../helpers/records';

/**
 * A process writing calls to the journal, settings.json and draft.json all
 * at once is killed with SIGKILL at random moments, again and again, on the
 * same data directory — notes from empty to the longest stored, calls 20
 * minutes apart across the midnights that end months. After each kill the
 * data is opened as the app would open it right after a crash:
 *
 * - the journal: every acknowledged call is there once, at most one torn
 *   line was set aside, every chain verifies, and saving goes on;
 * - settings.json and draft.json: each is one whole version — the last
 *   acknowledged or the one in flight — never half of one, never set aside
 *   as corrupt; the temp files a kill leaves are cleared.
 *
 * A kill alone cannot leave half a line on Linux (the kernel finishes a
 * write it started), so every fourth kill is made a power cut: a random part
 * of a line that was never acknowledged is left at the end of the journal,
 * as a disk may keep it. CRASH_ITERATIONS changes the count (120 by default).
 */
const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 120);
const STEP_MS = 20 * 60_000;
let child: string;
let dataDir: string;
beforeAll(async () => {
  child = await bundleCrashChild();
});
afterAll(() => {
  rmSync(dirname(child), { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

type JournalScan = Awaited<ReturnType<CallJournal['scanMonth']>>;
/** The bytes of a month file and of its head as they were last scanned, with that scan. */
const lastScans = new Map<string, { file: Buffer; head: Buffer | null; scan: JournalScan }>();
const headBytes = (monthFile: string) => (existsSync(headPathOf(monthFile)) ? readFileSync(headPathOf(monthFile)) : null);
const sameBytes = (a: Buffer | null, b: Buffer | null) => (a === null || b === null ? a === b : a.equals(b));

/**
 * Ids and problems of every month file: the chain and every line's head, as
 * the app checks them on open (a journal opened afresh, as after a restart).
 * Every file and head is read again after every kill; one that is byte for
 * byte what it was at the last scan is not scanned again, as its scan would
 * be the same — so the whole journal is still checked each time, without
 * hashing a hundred untouched months again after every kill.
 */
async function scanJournal(dataDir: string) {
  const journal = new CallJournal(dataDir);
  const months = await journal.months(CLERK_ID);
  const scans: JournalScan[] = [];
  for (const month of months) {
    const path = join(dataDir, 'calls', CLERK_ID, `${month}.jsonl`);
    const [file, head] = [readFileSync(path), headBytes(path)];
    const last = lastScans.get(path);
    if (last && last.file.equals(file) && sameBytes(last.head, head)) {
      scans.push(last.scan);
      continue;
    }
    const scan = await journal.scanMonth(CLERK_ID, month);
    lastScans.set(path, { file, head, scan });
    scans.push(scan);
  }
  return { ids: scans.flatMap((s) => s.lines.map((l) => l.id)), problems: scans.flatMap((s) => s.problems) };
}

const lastStep = (acks: Ack[], kind: Ack['kind']) => acks.filter((a) => a.kind === kind).at(-1)?.step;

describe('kill -9 while the journal, settings and draft are being written', () => {
  it(`loses no acknowledged call and never leaves a half-written file, across ${ITERATIONS} kills`, async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'crash-'));
    const acked = new Set<string>();
    const rand = seeded(12345);
    const found = { settings: -1, draft: -1 };
    let lastGood = -1;
    let quarantined = 0;
    let tempFiles = 0;
    let firstStep = 0;
    let crossings = 0;

    for (let i = 0; i < ITERATIONS; i++) {
      // Each run starts one to four calls before a month ends; every other run is killed only once it has
      // saved a call of the next month — a state, not a speed — so half the kills land after a month's end.
      const monthStart = new Date(2026, i, 1).getTime();
      const firstAt = monthStart - (1 + rand(4)) * STEP_MS;
      const stepAt = (step: number) => firstAt + (step - firstStep) * STEP_MS;
      const arm = i % 2 === 0 ? (step: number) => stepAt(step) >= monthStart : undefined;
      const acks = await runAndKill(child, [dataDir, String(firstStep), String(i + 1), String(firstAt), String(STEP_MS)], rand(30), arm);
      const at = `after kill ${i + 1}`;

      // Journal.
      acks.filter((a) => a.kind === 'journal').forEach((a) => acked.add(a.id));
      const lastAt = firstAt + (lastStep(acks, 'journal')! - firstStep) * STEP_MS;
      if (monthOf(new Date(lastAt)) !== monthOf(new Date(firstAt))) crossings++;
      const powerCut = i % 4 === 3;
      if (powerCut) {
        const neverAcknowledged = serializeRecord(JournalRecordSchema.parse({ ...sampleRecord(new Date(lastAt + 1000), rand(1000)), prevHash: '0'.repeat(64) }));
        const monthFile = join(dataDir, 'calls', CLERK_ID, `${monthOf(new Date(lastAt))}.jsonl`);
        appendFileSync(monthFile, Buffer.from(neverAcknowledged + '\n').subarray(0, 1 + rand(neverAcknowledged.length)));
      }
      // Restart as the app does and save a call in the same month: a torn tail is set aside here.
      const journal = new CallJournal(dataDir);
      acked.add((await journal.append(sampleRecord(new Date(lastAt + 60_000)))).id);
      await journal.close();
      if (powerCut) expect(journal.quarantined, `the torn line ${at}`).toHaveLength(1);
      else expect(journal.quarantined.length, `torn lines ${at}`).toBeLessThanOrEqual(1);
      quarantined += journal.quarantined.length;
      const { ids, problems } = await scanJournal(dataDir);
      expect(problems, `journal problems ${at}`).toEqual([]);
      const stored = new Set(ids);
      expect(stored.size, 'no call stored twice').toBe(ids.length);
      for (const id of acked) expect(stored.has(id), `acknowledged call ${id} is missing ${at}`).toBe(true);

      // Settings and draft: the last acknowledged version or the one in flight (the first of this run if none was acknowledged).
      tempFiles += (await removeLeftoverTempFiles(dataDir)).length;
      expect(readdirSync(dataDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      const settings = await new SettingsStore(dataDir).load();
      const draft = await new DraftStore(dataDir).load();
      expect(settings.setAsideAs, `settings set aside ${at}`).toBeUndefined();
      expect(draft.setAsideAs, `draft set aside ${at}`).toBeUndefined();
      for (const [kind, step] of [['settings', stepOfSettings(settings.settings)], ['draft', stepOfDraft(draft.state)]] as const) {
        const last = lastStep(acks, kind);
        expect(last === undefined ? [found[kind], firstStep] : [last, last + 1], `${kind} ${at}`).toContain(step);
        found[kind] = step;
      }
      // The last good copy is written second: whole, and the version found, the one before it, or unchanged.
      const lastGoodNow = stepOfSettings(JSON.parse(readFileSync(join(dataDir, 'settings.last-good.json'), 'utf8')));
      expect([found.settings, found.settings - 1, lastGood], `last good settings ${at}`).toContain(lastGoodNow);
      lastGood = lastGoodNow;

      firstStep = Math.max(...acks.map((a) => a.step)) + 2;
    }

    // At the end every stored line must also be a valid call, not just a well-chained line.
    const journal = new CallJournal(dataDir);
    const months = await journal.months(CLERK_ID);
    const read = await Promise.all(months.map((m) => journal.readMonth(CLERK_ID, m)));
    expect(read.flatMap((r) => r.problems)).toEqual([]);
    expect(months.length).toBeGreaterThan(ITERATIONS / 2);
    expect(crossings, 'runs that crossed into the next month while writing').toBeGreaterThanOrEqual(ITERATIONS / 4);
    expect(acked.size).toBeGreaterThan(ITERATIONS * 2);
    const quarantineLines = months
      .map((m) => join(dataDir, 'calls', CLERK_ID, `${m}.jsonl.quarantine`))
      .filter(existsSync)
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean));
    expect(quarantineLines.length).toBe(quarantined);
    expect(quarantined).toBeGreaterThanOrEqual(Math.floor(ITERATIONS / 4));
    const stored = read.reduce((n, r) => n + r.records.length, 0);
    console.info(
      `[crash] ${ITERATIONS} kills (${crossings} while crossing a month's end): ${acked.size} acknowledged calls all kept (${stored} stored), ${quarantined} torn lines set aside; ` +
        `settings and draft always whole, ${tempFiles} leftover temp files cleared`,
    );
  }, 600_000);
});
