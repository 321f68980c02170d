/**
 * One measurement of the register on the team database, in a process of its
 * own (the lead's computer): prints one JSON line { ms, rows, peakRssMb,
 * peakHeapMb } — peaks as growth over the process before the work began.
 *
 *   node --expose-gc --import tsx bench/register-db-child.ts <mode> <url> <password> <office> <out-file>
 *
 * Modes:
 * - open: the first opening — the facts of every record made (read, checked, judged, written back);
 * - reopen: an opening once the facts are there (what the lead waits for on another day);
 * - summary: the summary of every call (the opening not timed);
 * - first-page: the first page of 50, newest first, with its count;
 * - filtered-page: the first page of one clerk's outgoing calls that missed an item;
 * - export: the CSV export of every call, streamed from a cursor to a file.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { DatabaseRegister } from '../electron/services/postgres/pg-register';
import { NO_FILTER, RegisterFilterSchema } from '../shared/register/register';
import { TEST_CATALOG } from '../test/helpers/records';

const [mode, url, password, officeId, outFile] = process.argv.slice(2) as [string, string, string, string, string];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const sort = { key: 'startedAt' as const, descending: true };
const register = new DatabaseRegister({ url, password, tls: 'disable', caFile: null, officeId }, () => TEST_CATALOG);
const ask = (filter = NO_FILTER, withSummary = false, refresh = false) => register.page({ filter, sort, offset: 0, limit: 50, refresh, withSummary }, Date.now());

let peakRss = 0;
let peakHeap = 0;
function sampled(): { stop(): { peakRssMb: number; peakHeapMb: number } } {
  gc();
  const base = process.memoryUsage();
  peakRss = base.rss;
  peakHeap = base.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 2);
  return {
    stop() {
      sample();
      clearInterval(timer);
      return { peakRssMb: (peakRss - base.rss) / 2 ** 20, peakHeapMb: (peakHeap - base.heapUsed) / 2 ** 20 };
    },
  };
}

if (mode !== 'open') await ask(); // opened (facts made) before what is timed
const memory = sampled();
const started = performance.now();
let rows: number;
if (mode === 'open' || mode === 'reopen') rows = (await ask(NO_FILTER, false, true)).total;
else if (mode === 'summary') rows = (await ask(NO_FILTER, true)).summary!.calls;
else if (mode === 'first-page') rows = (await ask()).rows.length;
else if (mode === 'filtered-page') {
  const clerk = (await ask()).facets.clerks[0]!.id;
  rows = (await ask(RegisterFilterSchema.parse({ clerkIds: [clerk], direction: 'outgoing', missed: '*' }))).rows.length;
} else if (mode === 'export') {
  const { file, rows: count } = await register.exportFile(NO_FILTER, sort, 'csv', new Date());
  const out = createWriteStream(outFile, { highWaterMark: 256 * 1024 });
  await file.write(out);
  out.end();
  await once(out, 'finish');
  rows = count;
} else throw new Error(`unknown mode ${mode}`);
const ms = performance.now() - started;
const { peakRssMb, peakHeapMb } = memory.stop();
await register.close();
console.log(JSON.stringify({ ms, rows, peakRssMb, peakHeapMb }));
