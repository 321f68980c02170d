/**
 * One import measurement in a process of its own (so one approach's garbage
 * never counts against the next). Prints one JSON line:
 * { ms, records, peakHeapMb, maxLoopDelayMs } — the peak as growth over the
 * process before the measured work began.
 *
 *   node --expose-gc --import tsx bench/import-child.ts <mode> <export-file> <imports-dir>
 *
 * Modes:
 * - import: the app's import (stream, check, mask, file) into an empty folder;
 * - reimport: the same file again, into the folder the first import filled
 *   (every record a duplicate);
 * - read: the plain baseline — readline over the file, JSON.parse of each line,
 *   nothing kept, nothing written.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { importJsonl } from '../electron/services/import';

const [mode, file, importsDir] = process.argv.slice(2) as [string, string, string];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

gc();
const base = process.memoryUsage().heapUsed;
let peak = base;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
const t0 = performance.now();
let records = 0;
if (mode === 'import' || mode === 'reimport') {
  const result = await importJsonl(file, importsDir, { row: () => undefined });
  records = result.imported + result.duplicates;
} else if (mode === 'read') {
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    JSON.parse(line);
    records++;
  }
} else throw new Error(`unknown mode ${mode}`);
const ms = performance.now() - t0;
delay.disable();
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().heapUsed);
console.log(JSON.stringify({ ms, records, peakHeapMb: (peak - base) / 2 ** 20, maxLoopDelayMs: delay.max / 1e6 }));
