import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { importJsonl } from '../../electron/services/import';
import { writeBigExport } from '../helpers/big-export';
import { measureRun } from '../helpers/measure-run';


/**
 * An import streams: a 200 MB export (IMPORT_MB to change it) grows the heap
 * by less than 128 MB and never holds the event loop 100 ms, so the window
 * stays live while a lead imports a year of a big office. Measured here, in
 * the test, on the import itself (the register it then reads is the
 * register's own memory).
 */
const MB = Number(process.env.IMPORT_MB ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'import-memory-'));
// Hundreds of megabytes to remove: on a busy machine that takes longer than a hook's default ten seconds.
afterAll(() => rmSync(dir, { recursive: true, force: true }), 120_000);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('importing a big export', () => {
  it(`${MB} MB: the heap grows by less than 128 MB and the event loop is never held 100 ms`, async () => {
    const file = join(dir, 'eksport.jsonl');
    const records = await writeBigExport(file, MB * 2 ** 20);
    expect(statSync(file).size).toBeGreaterThanOrEqual(MB * 2 ** 20);

    const { result, ms, peakHeapMb: growthMb, maxLoopDelayMs: longestMs } = await measureRun(() => importJsonl(file, join(dir, 'imports'), { row: () => undefined }), gc);

    expect(result).toMatchObject({ imported: records, duplicates: 0, conflicts: 0, rejectedCount: 0 });
    console.log(`[import] ${MB} MB, ${records} records in ${(ms / 1000).toFixed(1)} s: heap +${growthMb.toFixed(1)} MB at most, event loop held ${longestMs.toFixed(1)} ms at most`);
    expect(growthMb).toBeLessThan(128);
    expect(longestMs).toBeLessThan(100);
  }, 600_000);
});
