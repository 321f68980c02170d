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
 * - typed-summary: the baseline for the summary's figures at scale — every
 *   row's figures copied from the index into flat typed arrays (not timed),
 *   then every figure counted in one plain loop over them.
 *
 * `summary` opens the register over its index when `cold` left one (else it
 * reads every file first, not timed) and prints `figuresMs` too: the
 * figures alone, once the selection is made.
 */
import { createWriteStream, promises as fs } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { monthOfFileName } from '../electron/services/journal-layout';
import { performance } from 'node:perf_hooks';
import { Register } from '../electron/services/register';
import { RegisterIndex } from '../electron/services/register-index';
import { MonthReaders } from '../electron/services/month-readers';
import { readHead } from '../electron/services/journal-head';
import { genesisHash, scanJournalTextYielding } from '../electron/services/journal-format';
import { writeCsv } from '../electron/services/register-export';
import type { CallRecord } from '../shared/journal/call-record';
import { csvCells, csvHeader, itemColumns } from '../shared/register/register-csv';
import { createRowMaker, NO_FILTER } from '../shared/register/register';
import { TEST_CATALOG } from '../test/helpers/records';

const [mode, dataDir, outFile] = process.argv.slice(2) as [string, string, string];
/** Built by `npm run bench` before the children run (electron-vite build). */
const BUILT_MONTH_READER = join(import.meta.dirname, '..', 'out', 'main', 'month-reading-worker.js');
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
  return rows.rows.length;
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

/** Every row's figures from the index, in flat typed arrays: durations, times, codes, and each item's state in a column of its own. */
async function flatFigures() {
  const index = new RegisterIndex(join(dataDir, 'cache', 'register'));
  const chunks = [];
  for (const path of await files()) {
    const copy = await index.load('local', dataDir, basename(dirname(path)), path, monthOfFileName(basename(path))!);
    if (!copy) throw new Error(`no index of ${path}: run the cold mode first`);
    chunks.push(copy.rows);
  }
  const n = chunks.reduce((sum, c) => sum + c.count, 0);
  const itemIds = new Map<string, number>();
  for (const chunk of chunks) for (const list of chunk.tables.lists) for (const id of list.ids) if (!itemIds.has(id)) itemIds.set(id, itemIds.size);
  const width = itemIds.size;
  const flat = {
    n,
    width,
    durationSec: new Float64Array(n),
    startedAt: new Float64Array(n),
    score: new Float64Array(n),
    appointmentAt: new Float64Array(n),
    outcome: new Uint8Array(n),
    outgoing: new Uint8Array(n),
    judged: new Uint8Array(n),
    greeting: new Uint8Array(n),
    identity: new Uint8Array(n),
    unit: new Int32Array(n),
    /** Per row and item: 0 not applying, 1 done, 2 done at wrap-up, 3 missed. */
    states: new Uint8Array(n * width),
  };
  let r = 0;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.count; i++, r++) {
      const c = chunk.columns;
      flat.durationSec[r] = c.durationSec[i]!;
      flat.startedAt[r] = c.startedAt[i]!;
      flat.score[r] = c.score[i]!;
      flat.appointmentAt[r] = chunk.appointmentAt(i);
      flat.outcome[r] = c.outcome[i]!;
      flat.outgoing[r] = c.direction[i]!;
      const person = chunk.outboundPerson(i);
      flat.judged[r] = (c.direction[i] === 1 && person === 'no-answer') || chunk.trust(i) === 'unknown-checklist' ? 0 : 1;
      flat.greeting[r] = c.flags[i]! & 2 ? 1 : 0;
      flat.identity[r] = person === 'right' || person === 'someone-else' ? 1 : 0;
      flat.unit[r] = chunk.unitNumber(i);
      const list = chunk.items(i);
      const states = chunk.states(i);
      for (let k = 0; k < states.length; k++) flat.states[r * width + itemIds.get(list.ids[k]!)!] = STATE_CODES[states[k]!] ?? 0;
    }
  }
  return flat;
}
const STATE_CODES: Record<string, number> = { '-': 0, d: 1, w: 2, x: 3 };

/** The summary's figures in one loop over flat typed arrays: the least any way of counting them can cost. */
function typedSummary(f: Awaited<ReturnType<typeof flatFigures>>): number {
  const { n, width } = f;
  const durations = new Float64Array(n);
  const outcomes = new Float64Array(8);
  const done = new Float64Array(width);
  const applied = new Float64Array(width);
  const perDay = new Map<number, number>();
  let sum = 0;
  let incoming = 0;
  let greeting = 0;
  let spoken = 0;
  let identity = 0;
  let identityOf = 0;
  let routed = 0;
  let invited = 0;
  let scoreSum = 0;
  let scored = 0;
  let wrap = 0;
  const offset = new Date().getTimezoneOffset() * 60_000;
  for (let r = 0; r < n; r++) {
    const d = f.durationSec[r]!;
    durations[r] = d;
    sum += d;
    if (!f.outgoing[r]) incoming++;
    const o = f.outcome[r]!;
    outcomes[o]!++;
    if (f.unit[r]! >= 0 || o === 1) routed++;
    if (o === 2 || !Number.isNaN(f.appointmentAt[r]!)) invited++;
    const s = f.score[r]!;
    if (!Number.isNaN(s)) {
      scoreSum += s;
      scored++;
    }
    if (f.judged[r]) {
      spoken++;
      greeting += f.greeting[r]!;
      for (let k = 0; k < width; k++) {
        const state = f.states[r * width + k]!;
        if (state === 0) continue;
        applied[k]!++;
        if (state === 1 || state === 2) done[k]!++;
        if (state === 2) wrap++;
      }
      if (f.outgoing[r]) {
        identityOf++;
        identity += f.identity[r]!;
      }
    }
    const day = Math.floor((f.startedAt[r]! - offset) / 86_400_000);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  durations.sort();
  const figures = [sum / n, durations[n >> 1], incoming, greeting / spoken, identity / identityOf, routed, invited, scoreSum / scored, wrap, outcomes[0], done[0]! / applied[0]!, perDay.size];
  return figures.every((x) => x !== undefined) ? n : 0;
}

let rows: number;
let ms: number;
/** What the loaded register keeps once the reading is over (load mode). */
let retainedMb = 0;
/** The summary's figures alone, once the selection is made (summary mode). */
let figuresMs = 0;
/** The filter lists, made once per reading of the folders (summary mode): part of `ms`, apart from `figuresMs`. */
let facetsMs = 0;
if (mode === 'naive-summary') {
  const texts = await Promise.all((await files()).map((f) => fs.readFile(f, 'utf8')));
  const records: CallRecord[] = texts.flatMap((t) => t.split('\n').filter(Boolean).map((l) => JSON.parse(l) as CallRecord));
  texts.length = 0;
  const stop = startSampling();
  const t = performance.now();
  rows = naiveSummary(records);
  ms = performance.now() - t;
  stop();
} else if (mode === 'typed-summary') {
  const flat = await flatFigures();
  const stop = startSampling();
  const t = performance.now();
  rows = typedSummary(flat);
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
  const cold = mode === 'cold' || mode === 'cold-threads';
  if (cold) await fs.rm(indexDir, { recursive: true, force: true });
  // The app's own worker threads (the built month-reading-worker.js), as the desktop and web mode read a first opening.
  const readers = mode === 'cold-threads' ? new MonthReaders(BUILT_MONTH_READER) : null;
  const register = new Register(
    () => [{ kind: 'local', root: dataDir }],
    () => TEST_CATALOG,
    cold || mode === 'reopen' || mode === 'summary' ? new RegisterIndex(indexDir) : null,
    readers,
  );
  const timeLoad = mode === 'load' || cold || mode === 'reopen' || mode === 'pipeline';
  const stop = timeLoad ? startSampling() : () => undefined;
  const t0 = performance.now();
  await register.refresh();
  if (mode === 'load' || cold || mode === 'reopen') {
    ms = performance.now() - t0;
    await readers?.close();
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
    register.select(NO_FILTER, sort);
    facetsMs = performance.now();
    register.facets();
    const selected = performance.now();
    facetsMs = selected - facetsMs;
    const summary = register.summary(NO_FILTER, sort, Date.now());
    ms = performance.now() - t;
    figuresMs = performance.now() - selected;
    stopSummary();
    rows = summary.calls;
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}
console.log(JSON.stringify({ ms, figuresMs, facetsMs, rows, peakRssMb: (peakRss - baseRss) / 2 ** 20, peakHeapMb: (peakHeap - baseHeap) / 2 ** 20, retainedMb }));
