import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { importJsonl } from '../../electron/services/import';
import { genesisHash, monthOf, serializeRecord, sha256 } from '../../electron/services/journal-format';
import { JournalRecordSchema } from '../../shared/journal-record';
import { randomClerkId, sampleRecord, TEST_CATALOG } from '../helpers/records';

/**
 * An import streams: a 200 MB export (IMPORT_MB to change it) grows the heap
 * by less than 128 MB and never holds the event loop 100 ms, so the window
 * stays live while a lead imports a year of a big office. Measured here, in
 * the test, on the import itself (the register it then reads is the
 * register's own memory).
 */
const MB = Number(process.env.IMPORT_MB ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'import-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A month file per clerk and month, chained as the journal writes it; notes long, as a real export's can be. */
async function writeExport(file: string, bytes: number): Promise<number> {
  const out = createWriteStream(file);
  const clerks = Array.from({ length: 20 }, randomClerkId);
  const last = new Map<string, string>();
  let written = 0;
  let records = 0;
  let at = Date.UTC(2025, 0, 2, 8);
  while (written < bytes) {
    at += 97_000;
    const clerk = clerks[records % clerks.length]!;
    const unchained = sampleRecord(new Date(at), 900, clerk);
    const key = `${clerk}/${monthOf(new Date(at))}`;
    const line = serializeRecord(JournalRecordSchema.parse({ ...unchained, prevHash: last.get(key) ?? genesisHash(clerk, monthOf(new Date(at))) }));
    last.set(key, sha256(line));
    if (!out.write(line + '\n')) await once(out, 'drain');
    written += Buffer.byteLength(line) + 1;
    records++;
  }
  out.end();
  await once(out, 'finish');
  return records;
}

describe('importing a big export', () => {
  it(`${MB} MB: the heap grows by less than 128 MB and the event loop is never held 100 ms`, async () => {
    const file = join(dir, 'eksport.jsonl');
    const records = await writeExport(file, MB * 2 ** 20);
    expect(statSync(file).size).toBeGreaterThanOrEqual(MB * 2 ** 20);

    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const t0 = performance.now();
    const result = await importJsonl(file, join(dir, 'imports'), { row: () => undefined }, TEST_CATALOG);
    const ms = performance.now() - t0;
    delay.disable();
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);

    expect(result).toMatchObject({ imported: records, duplicates: 0, conflicts: 0, rejectedCount: 0 });
    const growthMb = (peak - base) / 2 ** 20;
    const longestMs = delay.max / 1e6;
    console.log(`[import] ${MB} MB, ${records} records in ${(ms / 1000).toFixed(1)} s: heap +${growthMb.toFixed(1)} MB at most, event loop held ${longestMs.toFixed(1)} ms at most`);
    expect(growthMb).toBeLessThan(128);
    expect(longestMs).toBeLessThan(100);
  }, 600_000);
});
