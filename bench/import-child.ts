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
import { importJsonl } from '../electron/services/import';
import { measureRun } from '../test/helpers/measure-run';

const [mode, file, importsDir] = process.argv.slice(2) as [string, string, string];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const measured = await measureRun(async () => {
  if (mode === 'import' || mode === 'reimport') {
    const result = await importJsonl(file, importsDir, { row: () => undefined });
    return result.imported + result.duplicates;
  }
  if (mode !== 'read') throw new Error(`unknown mode ${mode}`);
  let records = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    JSON.parse(line);
    records++;
  }
  return records;
}, gc);
console.log(JSON.stringify({ ms: measured.ms, records: measured.result, peakHeapMb: measured.peakHeapMb, maxLoopDelayMs: measured.maxLoopDelayMs }));
