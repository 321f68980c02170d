/**
 * `npm run bench`: figures for docs/benchmarks.md, each next to a baseline
 * measured in the same run on the same disk, as a ratio. A benchmark, not a
 * test: it never fails on a timing, it reports.
 *
 * 1. Journal append (the owner check, validate, chain, write, fsync, the
 *    month's head) against the least a durable append can do:
 *    FileHandle.appendFile of the same bytes + fsync.
 * 2. Opening and verifying a month file of 100,000 records against reading it
 *    and JSON.parse-ing every line (no hashing, no validation); also opening
 *    it for an append, and reading every record with full validation.
 * 3. Key press to greeting painted in Chromium (web mode), against a key the
 *    app ignores measured the same way in the same page; and the app's own
 *    share of it, to the greeting in the page, against the ignored key's
 *    handlers.
 * 4. Search latency, routing accuracy and index cost against MiniSearch
 *    (given the app's Polish folding) and Fuse.js on the same data.
 * 5. The register: the summary of 300,000 calls, and a CSV export of
 *    100,000, against the naive approach (everything in memory, joined),
 *    each in a process of its own for an honest peak-memory figure; opening
 *    cold (in one thread and in the worker threads) and reopened against
 *    the chain check; a million calls reopened (memory) and summarised
 *    against a loop over flat typed arrays.
 * 6. Start of web mode to the first screen painted in Chromium, against a
 *    bare Node HTTP server's one-line page timed the same way.
 * 7. The renderer's JavaScript for the first screen, gzipped, against React
 *    and ReactDOM alone.
 * 8. Importing a 200 MB export (and the same again: all duplicates): time,
 *    peak heap growth and the longest the event loop was held, against
 *    reading the same file line by line with JSON.parse and nothing else.
 * 9. The team database: records delivered from the outbox to a throwaway
 *    PostgreSQL, against plain INSERTs of the same lines (skipped, with the
 *    reason, where the server's binaries are missing).
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CallJournal, genesisHash, serializeRecord, sha256 } from '../electron/services/journal';
import { DataDirLock } from '../electron/services/data-dir-lock';
import type { CallRecord } from '../shared/journal/call-record';
import { writeBigExport } from '../test/helpers/big-export';
import { writeMonthWithHead } from '../test/helpers/month-files';
import { CLERK_ID, sampleRecord } from '../test/helpers/records';
import { runChild, writeRegister } from './register-bench';
import { missBench } from './search-miss-bench';
import { searchBench, type EngineFigures } from './search-bench';
import { measureBundle } from './bundle-size';
import { measureKeyToGreeting } from './ui-latency';
import { measureWebStart } from './web-start';
import { teamDatabaseBench } from './team-database-bench';
import type { BenchRow } from './bench-row';

const APPENDS = Number(process.env.BENCH_APPENDS ?? 1000);
const VERIFY_RECORDS = Number(process.env.BENCH_VERIFY_RECORDS ?? 100_000);
const ROUNDS = 3;
const UI_SAMPLES = Number(process.env.BENCH_UI_SAMPLES ?? 100);
/** Key → greeting in the page, p95, as last recorded before the call screen was built ahead of the key (docs/benchmarks.md, 2026-12-07). */
const UI_IN_PAGE_P95_BEFORE = '10.0 ms on 2026-12-07';
const SUMMARY_RECORDS = Number(process.env.BENCH_SUMMARY_RECORDS ?? 300_000);
const EXPORT_RECORDS = Number(process.env.BENCH_EXPORT_RECORDS ?? 100_000);
const START_SAMPLES = Number(process.env.BENCH_START_SAMPLES ?? 7);
const IMPORT_MB = Number(process.env.BENCH_IMPORT_MB ?? 200);

const rows: BenchRow[] = [];

/** Starts each timed section with an empty young generation (npm run bench passes --expose-gc). */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const month = '2026-11';
const baseTime = new Date(2026, 10, 10, 9).getTime();

async function appendBench(): Promise<void> {
  const journalTimes: number[] = [];
  const baselineTimes: number[] = [];
  const journalP95: number[] = [];
  const baselineP95: number[] = [];

  for (let round = 0; round < ROUNDS; round++) {
    const dir = await fs.mkdtemp(join(tmpdir(), 'bench-append-'));
    const records = Array.from({ length: APPENDS }, (_, i) => sampleRecord(new Date(baseTime + round * 1e7 + i * 1000), 120));
    // As the app appends: the data directory's owner checked before each write, the month's head written after.
    const lock = await DataDirLock.acquire(dir);
    const journal = new CallJournal(dir, { createBase: true, beforeWrite: () => lock.assertOwned() });
    await journal.append(sampleRecord(new Date(baseTime + round * 1e7 - 1000), 120)); // open the file first
    const handle = await fs.open(join(dir, 'baseline.jsonl'), 'a');

    // Interleaved, one journal append then the baseline append of the very
    // same bytes, so both see the same disk, cache and machine load.
    const perOp: number[] = [];
    const basePerOp: number[] = [];
    for (const record of records) {
      const s = performance.now();
      const saved = await journal.append(record);
      perOp.push(performance.now() - s);

      const line = serializeRecord(saved) + '\n';
      const b = performance.now();
      await handle.appendFile(line, 'utf8');
      await handle.sync();
      basePerOp.push(performance.now() - b);
    }
    journalTimes.push(perOp.reduce((a, b) => a + b, 0) / APPENDS);
    baselineTimes.push(basePerOp.reduce((a, b) => a + b, 0) / APPENDS);
    journalP95.push(percentile(perOp, 95));
    baselineP95.push(percentile(basePerOp, 95));
    await handle.close();
    await journal.close();
    await lock.release();
    await fs.rm(dir, { recursive: true, force: true });
  }

  const j = median(journalTimes);
  const b = median(baselineTimes);
  rows.push({
    name: `journal append + fsync, mean of ${APPENDS} (median of ${ROUNDS} rounds)`,
    value: `${j.toFixed(3)} ms`,
    baseline: `${b.toFixed(3)} ms (appendFile + fsync)`,
    ratio: `${(j / b).toFixed(2)}×`,
    target: '≤ 1.3×',
    met: j / b <= 1.3 ? 'yes' : 'no',
  });
  const jp = median(journalP95);
  const bp = median(baselineP95);
  rows.push({
    name: 'journal append + fsync, p95',
    value: `${jp.toFixed(3)} ms`,
    baseline: `${bp.toFixed(3)} ms`,
    ratio: `${(jp / bp).toFixed(2)}×`,
    target: '—',
    met: '—',
  });
}

async function verifyBench(): Promise<void> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'bench-verify-'));
  const folder = join(dir, 'calls', CLERK_ID);
  await fs.mkdir(folder, { recursive: true });
  const file = join(folder, `${month}.jsonl`);
  // Build a valid chained file directly: appending 100,000 records one fsync
  // at a time would only measure the disk.
  let prevHash = genesisHash(CLERK_ID, month);
  const out: string[] = [];
  for (let i = 0; i < VERIFY_RECORDS; i++) {
    const record = { ...sampleRecord(new Date(baseTime + i * 1000), i % 200), prevHash } as CallRecord;
    const line = serializeRecord(record);
    out.push(line);
    prevHash = sha256(line);
  }
  // With its head beside it, as the journal leaves a month: a month with records and no head is reported.
  writeMonthWithHead(file, out);
  const size = (await fs.stat(file)).size;

  const verifyTimes: number[] = [];
  const readAllTimes: number[] = [];
  const openTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const journal = new CallJournal(dir);
    collectGarbage();
    const t0 = performance.now();
    const scan = await journal.scanMonth(CLERK_ID, month);
    verifyTimes.push(performance.now() - t0);
    if (scan.lines.length !== VERIFY_RECORDS + round || scan.problems.length) throw new Error('verification bench read a broken journal');


    // Opening for append = read, check the tail, verify, index ids; then one append.
    collectGarbage();
    const t1 = performance.now();
    await journal.append(sampleRecord(new Date(baseTime + (VERIFY_RECORDS + round) * 1000), 50));
    openTimes.push(performance.now() - t1);
    await journal.close();

    collectGarbage();
    const t3 = performance.now();
    const { records } = await journal.readMonth(CLERK_ID, month);
    readAllTimes.push(performance.now() - t3);
    if (records.length !== VERIFY_RECORDS + round + 1) throw new Error('full read returned too few records');

    collectGarbage();
    const t2 = performance.now();
    const text = await fs.readFile(file, 'utf8');
    let parsed = 0;
    for (const line of text.split('\n')) {
      if (!line) continue;
      JSON.parse(line);
      parsed++;
    }
    baselineTimes.push(performance.now() - t2);
    if (parsed < VERIFY_RECORDS) throw new Error('baseline read too few lines');
  }
  await fs.rm(dir, { recursive: true, force: true });

  const v = median(verifyTimes);
  const r = median(readAllTimes);
  const o = median(openTimes);
  const b = median(baselineTimes);
  const label = `${VERIFY_RECORDS.toLocaleString('en')} records, ${(size / 1e6).toFixed(0)} MB`;
  rows.push({
    name: `open + verify the hash chain of a month file (${label})`,
    value: `${(v / 1000).toFixed(2)} s`,
    baseline: `${(b / 1000).toFixed(2)} s (readFile + JSON.parse)`,
    ratio: `${(v / b).toFixed(2)}×`,
    target: '< 1 s',
    met: v < 1000 ? 'yes' : 'no',
  });
  rows.push({
    name: `read every record: verify + parse + validate (${label})`,
    value: `${(r / 1000).toFixed(2)} s`,
    baseline: `${(b / 1000).toFixed(2)} s`,
    ratio: `${(r / b).toFixed(2)}×`,
    target: '—',
    met: '—',
  });
  rows.push({
    name: `open for append + first append (${label})`,
    value: `${(o / 1000).toFixed(2)} s`,
    baseline: `${(b / 1000).toFixed(2)} s`,
    ratio: `${(o / b).toFixed(2)}×`,
    target: '< 1 s',
    met: o < 1000 ? 'yes' : 'no',
  });
}

function printTable(): void {
  const header = ['measure', 'value', 'baseline (same run)', 'ratio', 'target', 'met'];
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${[r.name, r.value, r.baseline, r.ratio, r.target, r.met].join(' | ')} |`),
  ];
  console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`);
  console.log(`Date: ${new Date().toISOString().slice(0, 10)}; temp folder: the OS temp directory\n`);
  console.log(lines.join('\n'));
}

async function uiBench(): Promise<void> {
  if (UI_SAMPLES <= 0) return;
  const result = await measureKeyToGreeting(UI_SAMPLES);
  if (typeof result === 'string') {
    console.log(`key → greeting skipped: ${result}`);
    return;
  }
  const p50 = percentile(result.greeting, 50);
  const p95 = percentile(result.greeting, 95);
  const b50 = percentile(result.baseline, 50);
  const b95 = percentile(result.baseline, 95);
  rows.push({
    name: `key F2 → greeting painted, p95 of ${result.samples} calls (Chromium, web mode)`,
    value: `${p95.toFixed(1)} ms`,
    baseline: `${b95.toFixed(1)} ms (ignored key → next frame)`,
    ratio: `${(p95 / b95).toFixed(2)}×`,
    target: '< 16 ms',
    met: p95 < 16 ? 'yes' : 'no',
  });
  rows.push({
    name: 'key F2 → greeting painted, p50',
    value: `${p50.toFixed(1)} ms`,
    baseline: `${b50.toFixed(1)} ms`,
    ratio: `${(p50 / b50).toFixed(2)}×`,
    target: '—',
    met: '—',
  });
  // The app's own share: from the key to the greeting in the page (shown, not
  // hidden), before the browser's frame. Its floor is the ignored key's: from
  // the key to the end of its handlers (the browser handing the key over, and
  // the app's own handler finding nothing to do).
  const own50 = percentile(result.greetingInPage, 50);
  const own95 = percentile(result.greetingInPage, 95);
  const floor50 = percentile(result.baselineInPage, 50);
  const floor95 = percentile(result.baselineInPage, 95);
  rows.push({
    name: `key F2 → greeting in the page (the app's own share, before the frame), p95 (was ${UI_IN_PAGE_P95_BEFORE})`,
    value: `${own95.toFixed(1)} ms`,
    baseline: `${floor95.toFixed(1)} ms (ignored key → its handlers done)`,
    ratio: `${(own95 / floor95).toFixed(2)}×`,
    target: '≤ 4 ms',
    met: own95 <= 4 ? 'yes' : 'no',
  });
  rows.push({
    name: 'key F2 → greeting in the page, p50',
    value: `${own50.toFixed(1)} ms`,
    baseline: `${floor50.toFixed(1)} ms`,
    ratio: `${(own50 / floor50).toFixed(2)}×`,
    target: '—',
    met: '—',
  });
}

async function webStartBench(): Promise<void> {
  if (START_SAMPLES <= 0) return;
  const result = await measureWebStart(START_SAMPLES);
  if (typeof result === 'string') {
    console.log(`web mode start → first paint skipped: ${result}`);
    return;
  }
  const app = median(result.app);
  const base = median(result.baseline);
  rows.push({
    name: `start of web mode → first screen painted, median of ${result.samples} (Chromium running)`,
    value: `${app.toFixed(0)} ms (server ready at ${median(result.serverReady).toFixed(0)} ms)`,
    baseline: `${base.toFixed(0)} ms (bare Node HTTP server, one-line page)`,
    ratio: `${(app / base).toFixed(2)}×`,
    target: '—',
    met: '—',
  });
}

function bundleRows(): void {
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;
  const size = measureBundle();
  rows.push({
    name: `renderer JavaScript for the first screen, gzipped (${size.firstScreenFiles} file${size.firstScreenFiles === 1 ? '' : 's'}; the register's ${kB(size.later)} load later)`,
    value: kB(size.firstScreen),
    baseline: `${kB(size.react)} (React + ReactDOM alone)`,
    ratio: `${(size.firstScreen / size.react).toFixed(2)}×`,
    target: '< 250 kB',
    met: size.firstScreen < 250_000 ? 'yes' : 'no',
  });
}

function searchMissRows(): void {
  const m = missBench();
  rows.push({
    name: `search p95 per key, counting the searches that found nothing (${m.keys} keys typed)`,
    value: `${m.counted.p95.toFixed(3)} ms`,
    baseline: `${m.alone.p95.toFixed(3)} ms (the search alone)`,
    ratio: `${(m.counted.p95 / m.alone.p95).toFixed(2)}×`,
    // No measurable effect: within the noise of two timings of the same work.
    target: '≤ 1.1×',
    met: m.counted.p95 / m.alone.p95 <= 1.1 ? 'yes' : 'no',
  });
  rows.push({
    name: "a missed search's phrase, made once as the search ends (masking, folding)",
    value: `${m.phrase.p95.toFixed(3)} ms p95`,
    baseline: `${m.alone.p95.toFixed(3)} ms (one key's search)`,
    ratio: `${(m.phrase.p95 / m.alone.p95).toFixed(2)}×`,
    target: '—',
    met: '—',
  });
}

function searchRows(): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  for (const r of searchBench()) {
    // The first MiniSearch configuration is the one tuned best (bench/search-bench.ts); the others are in docs/benchmarks.md.
    const mini = r.mini[0]!;
    const libraries = (f: (e: EngineFigures) => string) => `${f(mini)} (MiniSearch ${mini.config}), ${f(r.fuse)} (Fuse.js)`;
    rows.push({
      name: `search p95, ${r.name} (${r.entries} entries)`,
      value: `${r.ours.p95.toFixed(3)} ms`,
      baseline: libraries((e) => `${e.p95.toFixed(3)} ms`),
      ratio: `${(r.ours.p95 / mini.p95).toFixed(2)}× MiniSearch, ${(r.ours.p95 / r.fuse.p95).toFixed(3)}× Fuse.js`,
      target: '≤ 1 ms',
      met: r.ours.p95 <= 1 ? 'yes' : 'no',
    });
    rows.push({
      name: `search p50, ${r.name}`,
      value: `${r.ours.p50.toFixed(3)} ms`,
      baseline: libraries((e) => `${e.p50.toFixed(3)} ms`),
      ratio: `${(r.ours.p50 / mini.p50).toFixed(2)}× MiniSearch, ${(r.ours.p50 / r.fuse.p50).toFixed(3)}× Fuse.js`,
      target: '—',
      met: '—',
    });
    rows.push({
      name: `routing accuracy top-1 / top-3, ${r.name}`,
      value: `${pct(r.ours.top1)} / ${pct(r.ours.top3)}`,
      baseline: libraries((e) => `${pct(e.top1)} / ${pct(e.top3)}`),
      ratio: '—',
      target: r.name === 'built-in directory' ? '≥ 90% / ≥ 98%' : r.name === 'built-in directory, long sentences' ? '≥ 90% top-1' : '—',
      met:
        r.name === 'built-in directory'
          ? r.ours.top1 >= 0.9 && r.ours.top3 >= 0.98
            ? 'yes'
            : 'no'
          : r.name === 'built-in directory, long sentences'
            ? r.ours.top1 >= 0.9
              ? 'yes'
              : 'no'
            : '—',
    });
    rows.push({
      name: `search index build, ${r.name}`,
      value: `${r.ours.buildMs.toFixed(1)} ms, ${r.ours.heapKb.toFixed(0)} kB heap`,
      baseline: libraries((e) => `${e.buildMs.toFixed(1)} ms, ${e.heapKb.toFixed(0)} kB`),
      ratio: `${(r.ours.buildMs / mini.buildMs).toFixed(2)}× MiniSearch`,
      target: '—',
      met: '—',
    });
  }
}

async function registerBench(): Promise<void> {
  const mb = (n: number) => `${Math.max(0, n).toFixed(0)} MB`;
  const big = await writeRegister(SUMMARY_RECORDS);
  const load = runChild('load', big);
  const chain = runChild('chain', big);
  const cold = runChild('cold', big);
  const coldThreads = runChild('cold-threads', big);
  const reopen = runChild('reopen', big);
  const summary = runChild('summary', big);
  const naiveSummary = runChild('naive-summary', big);
  await fs.rm(big, { recursive: true, force: true });
  const n = SUMMARY_RECORDS.toLocaleString('en');
  rows.push({
    name: `register summary of ${n} calls (filter + sort + every figure)`,
    value: `${(summary.ms / 1000).toFixed(2)} s`,
    baseline: `${(naiveSummary.ms / 1000).toFixed(2)} s (one filter/map/reduce pass per figure)`,
    ratio: `${(summary.ms / naiveSummary.ms).toFixed(2)}×`,
    target: '< 1 s',
    met: summary.ms < 1000 ? 'yes' : 'no',
  });
  rows.push({
    name: `register opened without its index: ${n} calls read, chains verified, records validated`,
    value: `${(load.ms / 1000).toFixed(2)} s; peak +${mb(load.peakHeapMb)} heap, kept ${mb(load.retainedMb)}`,
    baseline: `${(chain.ms / 1000).toFixed(2)} s (every chain checked, nothing parsed)`,
    ratio: `${(load.ms / chain.ms).toFixed(2)}×`,
    target: '—',
    met: '—',
  });
  rows.push({
    name: `register opened cold, the index written: ${n} calls`,
    value: `${(cold.ms / 1000).toFixed(2)} s; peak +${mb(cold.peakHeapMb)} heap`,
    baseline: `${(chain.ms / 1000).toFixed(2)} s (every chain checked, nothing parsed)`,
    ratio: `${(cold.ms / chain.ms).toFixed(2)}×`,
    target: '—',
    met: '—',
  });
  rows.push({
    name: `register opened cold in the app's worker threads (one per core), the index written: ${n} calls`,
    value: `${(coldThreads.ms / 1000).toFixed(2)} s; peak RSS +${mb(coldThreads.peakRssMb)} (the workers' heaps are in it)`,
    baseline: `${(chain.ms / 1000).toFixed(2)} s (every chain checked, nothing parsed, one thread)`,
    ratio: `${(coldThreads.ms / chain.ms).toFixed(2)}×`,
    target: '≤ 1.2×',
    met: coldThreads.ms <= 1.2 * chain.ms ? 'yes' : 'no',
  });
  rows.push({
    name: `register reopened over its index: ${n} calls`,
    value: `${(reopen.ms / 1000).toFixed(2)} s; peak +${mb(reopen.peakHeapMb)} heap, kept ${mb(reopen.retainedMb)}`,
    baseline: `${(load.ms / 1000).toFixed(2)} s (opened without the index, same run)`,
    ratio: `${(reopen.ms / load.ms).toFixed(3)}×`,
    target: '≤ 0.1×',
    met: reopen.ms <= 0.1 * load.ms ? 'yes' : 'no',
  });

  // A whole office's retention — 100 clerks, 24 months, a million calls — reopened over the index, and the summary's figures beside a plain loop over flat typed arrays.
  const million = await writeRegister(1_000_000, { clerks: 100, months: 24 });
  const coldMillion = runChild('cold-threads', million);
  const reopenMillion = runChild('reopen', million);
  const summaryMillion = runChild('summary', million);
  const typedMillion = runChild('typed-summary', million);
  await fs.rm(million, { recursive: true, force: true });
  rows.push({
    name: 'register of 1,000,000 calls reopened over its index: peak growth of the heap and the typed arrays together',
    value: `${(reopenMillion.ms / 1000).toFixed(1)} s; peak +${mb(reopenMillion.peakHeapMb)}, RSS +${mb(reopenMillion.peakRssMb)}, kept ${mb(reopenMillion.retainedMb)}`,
    baseline: `${(coldMillion.ms / 1000).toFixed(1)} s, peak RSS +${mb(coldMillion.peakRssMb)} (opened cold in worker threads, the index written)`,
    ratio: `${(reopenMillion.ms / coldMillion.ms).toFixed(3)}×`,
    target: '≤ 150 MB',
    met: reopenMillion.peakHeapMb <= 150 ? 'yes' : 'no',
  });
  rows.push({
    name: 'summary of 1,000,000 calls: the figures, the selection made',
    value: `${(summaryMillion.figuresMs / 1000).toFixed(2)} s (with filter and sort: ${(summaryMillion.ms / 1000).toFixed(2)} s)`,
    baseline: `${(typedMillion.ms / 1000).toFixed(3)} s (one loop over flat typed arrays)`,
    ratio: `${(summaryMillion.figuresMs / typedMillion.ms).toFixed(2)}×`,
    target: '≤ 2×',
    met: summaryMillion.figuresMs <= 2 * typedMillion.ms ? 'yes' : 'no',
  });

  const dir = await writeRegister(EXPORT_RECORDS);
  const exported = runChild('export', dir);
  const pipeline = runChild('pipeline', dir);
  const naive = runChild('naive', dir);
  await fs.rm(dir, { recursive: true, force: true });
  const e = EXPORT_RECORDS.toLocaleString('en');
  rows.push({
    name: `CSV export of ${e} calls, register open (as in the app): time`,
    value: `${(exported.ms / 1000).toFixed(2)} s`,
    baseline: `${(naive.ms / 1000).toFixed(2)} s (read all, parse all, join, write)`,
    ratio: `${(naive.ms / exported.ms).toFixed(2)}× the throughput`,
    target: '≥ 2× the throughput',
    met: naive.ms / exported.ms >= 2 ? 'yes' : 'no',
  });
  rows.push({
    name: `CSV export of ${e} calls, register open: peak memory growth`,
    value: `${mb(exported.peakHeapMb)} heap, ${mb(exported.peakRssMb)} RSS`,
    baseline: `${mb(naive.peakHeapMb)} heap, ${mb(naive.peakRssMb)} RSS`,
    ratio: `${(exported.peakHeapMb / naive.peakHeapMb).toFixed(3)}×`,
    target: '< 64 MB',
    met: exported.peakHeapMb < 64 && exported.peakRssMb < 64 ? 'yes' : 'no',
  });
  rows.push({
    name: `CSV export of ${e} calls from disk: open the register (verify, validate) + export`,
    value: `${(pipeline.ms / 1000).toFixed(2)} s, +${mb(pipeline.peakHeapMb)} heap`,
    baseline: `${(naive.ms / 1000).toFixed(2)} s, +${mb(naive.peakHeapMb)} heap (no verification)`,
    ratio: `${(naive.ms / pipeline.ms).toFixed(2)}× the throughput`,
    target: '—',
    met: '—',
  });
}

interface ImportChildResult {
  ms: number;
  records: number;
  peakHeapMb: number;
  maxLoopDelayMs: number;
}

function runImportChild(mode: string, file: string, importsDir: string): ImportChildResult {
  const stdout = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/import-child.ts', mode, file, importsDir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ImportChildResult;
}

async function importBench(): Promise<void> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'bench-import-'));
  const file = join(dir, 'eksport.jsonl');
  const records = await writeBigExport(file, IMPORT_MB * 2 ** 20);
  const read = runImportChild('read', file, join(dir, 'imports'));
  const first = runImportChild('import', file, join(dir, 'imports'));
  const again = runImportChild('reimport', file, join(dir, 'imports'));
  await fs.rm(dir, { recursive: true, force: true });
  const figures = (r: ImportChildResult) => `${(r.ms / 1000).toFixed(1)} s, heap +${r.peakHeapMb.toFixed(0)} MB, event loop held ≤ ${r.maxLoopDelayMs.toFixed(0)} ms`;
  const baseline = `${figures(read)} (readline + JSON.parse, nothing kept)`;
  for (const [name, r] of [[`import of a ${IMPORT_MB} MB export (${records.toLocaleString('en')} records)`, first], [`the same import again (every record a duplicate)`, again]] as const) {
    rows.push({
      name,
      value: figures(r),
      baseline,
      ratio: `${(r.ms / read.ms).toFixed(1)}× the time, ${(r.peakHeapMb / read.peakHeapMb).toFixed(1)}× the heap`,
      target: 'heap < +128 MB, event loop < 100 ms',
      met: r.peakHeapMb < 128 && r.maxLoopDelayMs < 100 ? 'yes' : 'no',
    });
  }
}

await appendBench();
await verifyBench();
searchRows();
searchMissRows();
await registerBench();
await importBench();
await uiBench();
await webStartBench();
rows.push(...(await teamDatabaseBench()));
bundleRows();
printTable();
