/**
 * Which form the register's index takes, chosen by figures: the compact
 * file of columns per month file the app uses (register-index.ts) against an
 * embedded PostgreSQL (PGlite) holding the same rows. Each phase runs in a
 * process of its own, like the register bench, for honest memory figures.
 *
 *   npm install --no-save @electric-sql/pglite   (PGlite is not a dependency of the app)
 *   node --expose-gc --import tsx bench/register-index-forms.ts [calls]
 *
 * For each form: the time to reopen (from the index on disk to every row in
 * memory, as the register needs them today), peak heap and RSS growth, the
 * index's size on disk; for PGlite also the summary's basic figures as one
 * SQL query, beside the app's summary over rows in memory.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Register } from '../electron/services/register';
import { RegisterIndex } from '../electron/services/register-index';
import { NO_FILTER, type RegisterRow } from '../shared/register/register';
import { TEST_CATALOG } from '../test/helpers/records';
import { runChild, writeRegister } from './register-bench';

const sort = { key: 'startedAt' as const, descending: true };
const [phase, dataDir] = process.argv.slice(2);

interface Figures {
  ms: number;
  rows: number;
  peakHeapMb: number;
  peakRssMb: number;
  extra?: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function measured(work: () => Promise<{ rows: number; extra?: number }>): Promise<Figures> {
  gc();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  const timer = setInterval(sample, 2);
  const t = performance.now();
  const { rows, extra } = await work();
  const ms = performance.now() - t;
  sample();
  clearInterval(timer);
  return { ms, rows, peakHeapMb: (peakHeap - base.heapUsed) / 2 ** 20, peakRssMb: (peakRss - base.rss) / 2 ** 20, extra };
}

const indexDir = (dir: string) => join(dir, 'cache', 'register');
const pgDir = (dir: string) => join(dir, 'cache', 'pglite');

/** What is used of PGlite: it is installed only to run this comparison, so it is typed here, not by the package. */
interface PgliteDb {
  exec(sql: string): Promise<unknown>;
  query<R = Record<string, unknown>>(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ rows: R[] }>;
  close(): Promise<void>;
}

async function loadPglite(): Promise<{ create(dataDir: string): Promise<PgliteDb> }> {
  const name = '@electric-sql/pglite';
  try {
    return ((await import(name)) as { PGlite: { create(dataDir: string): Promise<PgliteDb> } }).PGlite;
  } catch {
    console.error('PGlite is not installed: npm install --no-save @electric-sql/pglite');
    process.exit(2);
  }
}

const COLUMNS = `id text primary key, clerk_id text, clerk_name text, started_at double precision, saved_at double precision,
  direction text, duration_sec double precision, outcome text, unit_id text, unit_name text, unit_external boolean,
  appointment_at double precision, callback_due_at double precision, callback_of text, outbound_person text,
  personal_data boolean, greeting boolean, score double precision, item_ids text, item_labels text, states text,
  note text, file text, copy text, trust text, digest text`;

function csvOf(rows: readonly RegisterRow[]): string {
  const q = (v: string | number | boolean | null) => (v === null ? '' : typeof v === 'string' ? `"${v.replace(/"/g, '""')}"` : String(v));
  return rows
    .map((r) =>
      [r.id, r.clerkId, r.clerkName, r.startedAt, r.savedAt, r.direction, r.durationSec, r.outcome, r.routedTo?.unitId ?? null, r.routedTo?.unitName ?? null, r.routedTo?.external ?? null, r.appointmentAt, r.callbackDueAt, r.callbackOf, r.outboundPerson, r.personalData, r.greetingWithin30s, r.score, JSON.stringify(r.items.ids), JSON.stringify(r.items.labels), r.states, r.note, r.file, r.copy, r.trust, r.digest]
        .map(q)
        .join(','),
    )
    .join('\n');
}

async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await fs.stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

async function runPhase(name: string, dir: string): Promise<Figures> {
  if (name === 'pg-write') {
    const PGlite = await loadPglite();
    const register = new Register(() => [{ kind: 'local', root: dir }], () => TEST_CATALOG, new RegisterIndex(indexDir(dir)));
    await register.refresh();
    const selection = register.select(NO_FILTER, sort);
    const { rows } = await selection.read.rows(selection.rows);
    await fs.rm(pgDir(dir), { recursive: true, force: true });
    return measured(async () => {
      const db = await PGlite.create(pgDir(dir));
      await db.exec(`create table calls (${COLUMNS})`);
      const chunk = 20_000;
      for (let i = 0; i < rows.length; i += chunk) {
        await db.query(`copy calls from '/dev/blob' with (format csv)`, [], { blob: new Blob([csvOf(rows.slice(i, i + chunk))]) });
      }
      await db.close();
      return { rows: rows.length, extra: await sizeOf(pgDir(dir)) };
    });
  }
  if (name === 'pg-reopen') {
    const PGlite = await loadPglite();
    return measured(async () => {
      const db = await PGlite.create(pgDir(dir));
      const result = await db.query<Record<string, unknown>>('select * from calls');
      // Rows as the register holds them: item lists shared per checklist version, as today.
      const lists = new Map<string, { ids: string[]; labels: string[] }>();
      const rows = result.rows.map((r) => {
        const key = `${r.item_ids}\u0000${r.item_labels}`;
        let items = lists.get(key);
        if (!items) lists.set(key, (items = { ids: JSON.parse(r.item_ids as string), labels: JSON.parse(r.item_labels as string) }));
        return { ...r, items };
      });
      await db.close();
      return { rows: rows.length };
    });
  }
  if (name === 'pg-summary') {
    const PGlite = await loadPglite();
    const db = await PGlite.create(pgDir(dir));
    await db.query('select count(*) from calls'); // opened and warm, as the register is when a filter changes
    const figures = await measured(async () => {
      const result = await db.query<{ calls: number }>(
        `select count(*)::int as calls, avg(duration_sec) as mean, percentile_cont(0.5) within group (order by duration_sec) as median,
           count(*) filter (where direction = 'incoming') as incoming, count(*) filter (where greeting) as greeting,
           count(*) filter (where unit_id is not null or outcome = 'routed') as routed, avg(score) as score,
           count(*) filter (where outcome = 'invited' or appointment_at is not null) as invited
         from calls`,
      );
      const perDay = await db.query(`select floor(started_at / 86400000) as day, count(*) from calls group by 1`);
      const outcomes = await db.query(`select outcome, count(*) from calls group by 1`);
      return { rows: result.rows[0]!.calls, extra: perDay.rows.length + outcomes.rows.length };
    });
    await db.close();
    return figures;
  }
  throw new Error(`unknown phase ${name}`);
}

if (phase?.startsWith('pg-')) {
  console.log(JSON.stringify(await runPhase(phase, dataDir!)));
} else {
  const calls = Number(process.argv[2] ?? 300_000);
  const dir = await writeRegister(calls);
  const child = (name: string): Figures =>
    JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/register-index-forms.ts', name, dir], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').at(-1)!) as Figures;
  const load = runChild('load', dir);
  const cold = runChild('cold', dir);
  const reopen = runChild('reopen', dir);
  const summary = runChild('summary', dir);
  const columnsSize = await sizeOf(indexDir(dir));
  const pgWrite = child('pg-write');
  const pgReopen = child('pg-reopen');
  const pgSummary = child('pg-summary');
  await fs.rm(dir, { recursive: true, force: true });
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const mb = (n: number) => `${Math.max(0, n).toFixed(0)} MB`;
  console.log(`${calls.toLocaleString('en')} calls; opened without an index: ${s(load.ms)}`);
  console.log('| form | written (cold open) | size on disk | reopened: every row in memory | peak heap / RSS growth | summary |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(`| file of columns per month file (the app's) | ${s(cold.ms)} (the whole open) | ${mb(columnsSize / 2 ** 20)} | ${s(reopen.ms)} (${(reopen.ms / load.ms).toFixed(3)}× the open without it) | ${mb(reopen.peakHeapMb)} / ${mb(reopen.peakRssMb)} | ${s(summary.ms)} (every figure, rows in memory) |`);
  console.log(`| PGlite (embedded PostgreSQL) | ${s(pgWrite.ms)} (COPY of the rows alone, after the open) | ${mb((pgWrite.extra ?? 0) / 2 ** 20)} | ${s(pgReopen.ms)} (${(pgReopen.ms / load.ms).toFixed(3)}×) | ${mb(pgReopen.peakHeapMb)} / ${mb(pgReopen.peakRssMb)} | ${s(pgSummary.ms)} (the basic figures in SQL) |`);
}
