/**
 * One register measurement in a process of its own, so that the memory one
 * approach leaves behind never counts against the next. Prints one JSON
 * line: { ms, peakRssMb, peakHeapMb, rows, retainedMb } — peaks as growth
 * over the process before the measured work began; "heap" is V8's heap and
 * the typed arrays' buffers together.
 *
 *   node --expose-gc --import tsx bench/register-child.ts <mode> <data-dir> <out-file>
 *
 * Modes:
 * - load: the register reads and verifies every file, with no index (what opening the view cost before the index);
 * - cold: the same with the index, none there yet: every file read, and the index written;
 * - reopen: the register opened again over the index `cold` left (what opening the view costs on another day);
 * - chain: the baseline for `cold` — every month file read and its hash chain checked, line by line, nothing else;
 * - export: load, then (timed alone) the streamed CSV export the app does;
 * - pipeline: load and export, timed together;
 * - naive: read every file into memory, JSON.parse every line, build each
 *   row's cells, join everything into one string and write it.
 * - summary: load, then (timed alone) the summary of every call: the
 *   filter, the sort and the figures, as for a newly chosen filter;
 * - naive-summary: every record parsed whole (not timed), then the same
 *   figures computed the straightforward way: one pass of filter/map/reduce
 *   per figure, the median from a sorted copy.
 */
import { createWriteStream, promises as fs } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { monthOfFileName } from '../electron/services/journal-layout';
import { performance } from 'node:perf_hooks';
import { Register } from '../electron/services/register';
import { RegisterIndex } from '../electron/services/register-index';
import { readHead } from '../electron/services/journal-head';
import { genesisHash, scanJournalTextYielding } from '../electron/services/journal-format';
import { writeCsv } from '../electron/services/register-export';
import type { CallRecord } from '../shared/journal/call-record';
import { csvCells, csvHeader, itemColumns } from '../shared/register/register-csv';
import { createRowMaker, NO_FILTER } from '../shared/register/register';
import { TEST_CATALOG } from '../test/helpers/records';

const [mode, dataDir, outFile] = process.argv.slice(2) as [string, string, string];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const sort = { key: 'startedAt' as const, descending: true };

let peakRss = 0;
let peakHeap = 0;
let baseRss = 0;
let baseHeap = 0;
function startSampling(): () => void {
  gc();
  const m = process.memoryUsage();
  baseRss = peakRss = m.rss;
  baseHeap = peakHeap = heapOf(m);
  const timer = setInterval(sample, 2);
  return () => {
    sample();
    clearInterval(timer);
  };
}
function sample(): void {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, heapOf(m));
}
/** The JavaScript heap and the typed arrays' buffers (outside V8's heap): the register keeps its rows in the latter. */
function heapOf(m: NodeJS.MemoryUsage): number {
  return m.heapUsed + m.arrayBuffers;
}

async function files(): Promise<string[]> {
  const root = join(dataDir, 'calls');
  const found: string[] = [];
  // The month files only: each has its head beside it (.jsonl.head), which holds no records.
  for (const clerk of await fs.readdir(root)) for (const name of await fs.readdir(join(root, clerk))) if (name.endsWith('.jsonl')) found.push(join(root, clerk, name));
  return found.sort();
}

async function naive(): Promise<number> {
  // Everything in memory at once: the texts, the parsed records, the cells, the whole CSV string.
  const texts = await Promise.all((await files()).map((f) => fs.readFile(f, 'utf8')));
  const records: CallRecord[] = texts.flatMap((t) => t.split('\n').filter(Boolean).map((l) => JSON.parse(l) as CallRecord));
  const make = createRowMaker(TEST_CATALOG);
  const rows = records.map((r) => make(r, '', 'local'));
  const items = itemColumns(new Set(rows.map((r) => r.items)));
  const quote = (cell: string) => (/[;"\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const csv = '\uFEFF' + [csvHeader(items), ...rows.map((r) => csvCells(r, items, ''))].map((cells) => cells.map(quote).join(';')).join('\r\n') + '\r\n';
  await fs.writeFile(outFile, csv);
  return rows.length;
}

async function streamed(register: Register): Promise<number> {
  const rows = register.select(NO_FILTER, sort);
  const out = createWriteStream(outFile, { highWaterMark: 256 * 1024 }); // as exportToFile opens it
  await writeCsv(register, rows, out);
  out.end();
  await once(out, 'finish');
  return rows.length;
}

/** The summary's figures, the way one would first write them. */
function naiveSummary(records: CallRecord[]): number {
  const n = records.length;
  const share = (list: CallRecord[], test: (r: CallRecord) => boolean) => list.filter(test).length / Math.max(1, list.length);
  const durations = records.map((r) => r.durationSec).sort((a, b) => a - b);
  const figures = {
    mean: records.reduce((s, r) => s + r.durationSec, 0) / n,
    median: durations[Math.floor(n / 2)],
    greeting: share(records, (r) => r.adherence.greetingWithin30s),
    routed: share(records, (r) => r.outcome === 'routed'),
    invited: share(records, (r) => r.outcome === 'invited'),
    identity: share(
      records.filter((r) => r.direction === 'outgoing'),
      (r) => r.items.some((i) => i.id === 'identity-confirmed' && i.done),
    ),
    items: [...new Set(records.flatMap((r) => r.items.map((i) => i.id)))].map((id) => {
      const applied = records.flatMap((r) => r.items.filter((i) => i.id === id && i.applies));
      return applied.filter((i) => i.done).length / Math.max(1, applied.length);
    }),
    atWrapUp: share(records, (r) => r.items.some((i) => i.atWrapUp)),
    score: records.filter((r) => r.adherence.score !== null).reduce((s, r) => s + r.adherence.score!, 0) / n,
    perDay: records.reduce<Record<string, number>>((acc, r) => ((acc[r.startedAt.slice(0, 10)] = (acc[r.startedAt.slice(0, 10)] ?? 0) + 1), acc), {}),
    outcomes: records.reduce<Record<string, number>>((acc, r) => ((acc[r.outcome] = (acc[r.outcome] ?? 0) + 1), acc), {}),
  };
  return figures.mean >= 0 ? n : 0;
}

let rows: number;
let ms: number;
/** What the loaded register keeps once the reading is over (load mode). */
let retainedMb = 0;
if (mode === 'naive-summary') {
  const texts = await Promise.all((await files()).map((f) => fs.readFile(f, 'utf8')));
  const records: CallRecord[] = texts.flatMap((t) => t.split('\n').filter(Boolean).map((l) => JSON.parse(l) as CallRecord));
  texts.length = 0;
  const stop = startSampling();
  const t = performance.now();
  rows = naiveSummary(records);
  ms = performance.now() - t;
  stop();
} else if (mode === 'chain') {
  const stop = startSampling();
  const t = performance.now();
  rows = 0;
  for (const path of await files()) {
    const scan = await scanJournalTextYielding(await fs.readFile(path), genesisHash(basename(dirname(path)), monthOfFileName(basename(path))!), path, await readHead(path), true);
    rows += scan.lineCount;
  }
  ms = performance.now() - t;
  stop();
} else if (mode === 'naive') {
  const stop = startSampling();
  const t = performance.now();
  rows = await naive();
  ms = performance.now() - t;
  stop();
} else {
  const indexDir = join(dataDir, 'cache', 'register');
  if (mode === 'cold') await fs.rm(indexDir, { recursive: true, force: true });
  const register = new Register(
    () => [{ kind: 'local', root: dataDir }],
    () => TEST_CATALOG,
    mode === 'cold' || mode === 'reopen' ? new RegisterIndex(indexDir) : null,
  );
  const timeLoad = mode === 'load' || mode === 'cold' || mode === 'reopen' || mode === 'pipeline';
  const stop = timeLoad ? startSampling() : () => undefined;
  const t0 = performance.now();
  await register.refresh();
  if (mode === 'load' || mode === 'cold' || mode === 'reopen') {
    ms = performance.now() - t0;
    rows = register.size;
    stop();
    gc();
    retainedMb = (heapOf(process.memoryUsage()) - baseHeap) / 2 ** 20;
  } else if (mode === 'pipeline') {
    rows = await streamed(register);
    ms = performance.now() - t0;
    stop();
  } else if (mode === 'export') {
    register.select(NO_FILTER, sort); // the selection the view already holds when the person clicks export
    const stopExport = startSampling();
    const t = performance.now();
    rows = await streamed(register);
    ms = performance.now() - t;
    stopExport();
  } else if (mode === 'summary') {
    const stopSummary = startSampling();
    const t = performance.now();
    const summary = register.summary(NO_FILTER, sort, Date.now());
    ms = performance.now() - t;
    stopSummary();
    rows = summary.calls;
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}
console.log(JSON.stringify({ ms, rows, peakRssMb: (peakRss - baseRss) / 2 ** 20, peakHeapMb: (peakHeap - baseHeap) / 2 ** 20, retainedMb }));
