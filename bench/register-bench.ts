/**
 * The register: summary of 300,000 calls and a CSV export of 100,000, each
 * measured in a child process of its own (bench/register-child.ts) against
 * the naive approach in the same run — time and peak memory growth.
 */
import { writeMonthWithHead } from '../test/helpers/month-files';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { genesisHash, serializeRecord, sha256 } from '../electron/services/journal';
import type { CallRecord } from '../shared/journal/call-record';
import { OUTCOMES } from '../shared/call/outcomes';
import { INCOMING, OUTGOING, recordedItems, sampleRecord } from '../test/helpers/records';

export interface ChildResult {
  ms: number;
  /** summary mode: the figures alone, once the selection is made. */
  figuresMs: number;
  rows: number;
  peakRssMb: number;
  peakHeapMb: number;
  retainedMb: number;
}

/** The months before November 2026, the newest last. */
const monthsUpTo = (n: number) => Array.from({ length: n }, (_, k) => new Date(2026, 10 - n + k, 1)).map((d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`);

/**
 * `count` valid chained calls spread over clerks and months (12 clerks and
 * three months unless asked; a whole office is 100 clerks and 24 months),
 * with varied outcomes, directions and items.
 */
export async function writeRegister(count: number, { clerks: CLERKS = 12, months = 3 } = {}): Promise<string> {
  const MONTHS = monthsUpTo(months);
  const dir = await fs.mkdtemp(join(tmpdir(), 'bench-register-'));
  const perFile = Math.ceil(count / (CLERKS * MONTHS.length));
  let written = 0;
  for (let c = 0; c < CLERKS && written < count; c++) {
    const clerkId = `0b9f1e0e-3f5c-4a7e-9a39-${String(c).padStart(12, '0')}`;
    await fs.mkdir(join(dir, 'calls', clerkId), { recursive: true });
    for (const month of MONTHS) {
      const [y, m] = month.split('-').map(Number) as [number, number];
      let prevHash = genesisHash(clerkId, month);
      const lines: string[] = [];
      for (let i = 0; i < perFile && written < count; i++, written++) {
        const at = new Date(y, m - 1, 1 + (i % 28), 8 + (i % 8), i % 60);
        const base = sampleRecord(at, (i * 7) % 120, clerkId);
        const outgoing = i % 3 === 0;
        const checklist = outgoing ? OUTGOING : INCOMING;
        const durationSec = 30 + ((i * 37) % 900);
        const endedAt = at.getTime() - 5_000;
        // Records as the service writes them (its checks hold, its checklists are known), so the register reads them all.
        const ticked = Object.fromEntries(checklist.items.filter((_, k) => (i + k) % 4 !== 0).map((item, k) => [item.id, 2_000 + k * 1_000]));
        const record = {
          ...base,
          clerk: { ...base.clerk, firstName: `Pracownik${c}` },
          direction: checklist.direction,
          outbound: outgoing ? { person: 'right', goodMoment: true } : null,
          startedAt: new Date(endedAt - durationSec * 1000).toISOString(),
          endedAt: new Date(endedAt).toISOString(),
          durationSec,
          outcome: OUTCOMES[i % OUTCOMES.length]!,
          ...recordedItems(checklist, ticked),
          prevHash,
        } as CallRecord;
        const line = serializeRecord(record);
        lines.push(line);
        prevHash = sha256(line);
      }
      // With the head beside it, as the clerk's app leaves a month.
      if (lines.length > 0) writeMonthWithHead(join(dir, 'calls', clerkId, `${month}.jsonl`), lines);
    }
  }
  return dir;
}

export function runChild(mode: string, dir: string): ChildResult {
  const out = join(dir, `out-${mode}.csv`);
  const stdout = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/register-child.ts', mode, dir, out], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult;
}
