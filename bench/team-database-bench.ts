import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { localClusterUnavailable, startLocalCluster, type LocalCluster } from '../electron/services/postgres/local-cluster';
import { migrate } from '../electron/services/postgres/schema-version';
import { serializeRecord } from '../electron/services/journal-format';
import { TeamSync } from '../electron/services/team-sync';
import { monthOf } from '../shared/journal/months';
import { CLERK_ID, sampleRecord } from '../test/helpers/records';
import { runChild, writeRegister } from './register-bench';
import { execFileSync } from 'node:child_process';
import type { BenchRow } from './bench-row';

/**
 * The team database: records delivered through the outbox (each one its own
 * transaction: the chain's head locked, the id looked for, the line
 * inserted, checked by the trigger under row-level security) against plain
 * INSERTs of the same lines into a table with nothing on it, one commit
 * each, on the same throwaway server over the same TCP connection kind.
 */

const DELIVERIES = Number(process.env.BENCH_DB_DELIVERIES ?? 2000);
const REGISTER_CALLS = Number(process.env.BENCH_DB_REGISTER_CALLS ?? 1_000_000);
const LOAD_BATCH = 5000;

export async function teamDatabaseBench(): Promise<BenchRow[]> {
  return [...(await deliveryBench()), ...(await registerBench())];
}

async function deliveryBench(): Promise<BenchRow[]> {
  const unavailable = localClusterUnavailable();
  if (unavailable) {
    console.error(`[bench] team database skipped: ${unavailable}`);
    return [];
  }
  const cluster = await startLocalCluster();
  const dataDir = await fs.mkdtemp(join(tmpdir(), 'bench-team-db-'));
  try {
    const admin = await preparedWith(cluster, 'bench_clerk', 'clerk');
    await admin.query('CREATE TABLE public.plain (id uuid PRIMARY KEY, line text NOT NULL)');
    await admin.query('GRANT INSERT ON public.plain TO bench_clerk');
    await admin.end();

    const now = new Date();
    const records = Array.from({ length: DELIVERIES }, (_, i) => ({ ...sampleRecord(new Date(now.getTime() - (DELIVERIES - i) * 1000), 10, CLERK_ID), id: uuidv7(), prevHash: '0'.repeat(64) }));

    // Baseline: the same lines, one INSERT and one commit each, nothing checked.
    const plain = new pg.Client({ host: '127.0.0.1', port: cluster.port, database: cluster.database, user: 'bench_clerk', password: 'bench' });
    await plain.connect();
    let started = performance.now();
    for (const record of records) await plain.query('INSERT INTO public.plain (id, line) VALUES ($1, $2)', [record.id, serializeRecord(record)]);
    const plainMs = performance.now() - started;
    await plain.end();

    const team = new TeamSync(dataDir, null);
    for (const record of records) await team.enqueue(record); // team mode off: nothing queued yet
    await team.setTarget({ kind: 'database', database: { url: cluster.urlFor('bench_clerk'), password: 'bench', tls: 'disable', caFile: null, officeId: 'pup-bench' } });
    // Queued now, as saves would have, then delivered in one go.
    for (const record of records) await team.enqueue(record);
    started = performance.now();
    const status = await team.deliver();
    const deliverMs = performance.now() - started;
    await team.close();
    if (status.pending !== 0) throw new Error(`team database bench: ${status.pending} not delivered (${status.lastError})`);
    const perSecond = (ms: number) => `${Math.round(DELIVERIES / (ms / 1000)).toLocaleString('en')} records/s`;
    return [
      {
        name: `team database: ${DELIVERIES.toLocaleString('en')} records delivered from the outbox (${monthOf(now)})`,
        value: `${(deliverMs / 1000).toFixed(2)} s, ${perSecond(deliverMs)}`,
        baseline: `${(plainMs / 1000).toFixed(2)} s, ${perSecond(plainMs)} (plain INSERT, one commit each)`,
        ratio: `${(deliverMs / plainMs).toFixed(2)}× the time`,
        target: '—',
        met: '—',
      },
    ];
  } finally {
    await cluster.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * The register of REGISTER_CALLS calls on the team database — its first
 * opening, a later one, the summary, the first page, a filtered page and a
 * CSV export, each in a process of its own as the lead's computer — beside
 * the folder register over the same calls (bench/register-child.ts).
 */
async function registerBench(): Promise<BenchRow[]> {
  if (localClusterUnavailable()) return [];
  const dir = await writeRegister(REGISTER_CALLS);
  const cluster = await startLocalCluster();
  try {
    const admin = await preparedWith(cluster, 'bench_lead', 'lead');
    // The same lines, in chain order, checked by the engine's trigger as any delivery is.
    let loaded = 0;
    const started = performance.now();
    for (const clerk of (await fs.readdir(join(dir, 'calls'))).sort()) {
      for (const name of (await fs.readdir(join(dir, 'calls', clerk))).filter((n) => n.endsWith('.jsonl')).sort()) {
        const month = name.slice(0, 7);
        const lines = (await fs.readFile(join(dir, 'calls', clerk, name), 'utf8')).split('\n').filter(Boolean);
        for (let i = 0; i < lines.length; i += LOAD_BATCH) {
          const batch = lines.slice(i, i + LOAD_BATCH).map((line) => JSON.parse(line) as { id: string; prevHash: string; line: string });
          await admin.query(
            `INSERT INTO asystent.calls (id, office_id, clerk_id, month, prev_hash, line)
             SELECT id, 'pup-bench', $3::uuid, $4, prev, line FROM unnest($1::uuid[], $2::text[], $5::text[]) WITH ORDINALITY AS t(id, prev, line, n) ORDER BY n`,
            [batch.map((r) => r.id), batch.map((r) => r.prevHash), clerk, month, lines.slice(i, i + LOAD_BATCH)],
          );
          loaded += batch.length;
        }
      }
    }
    const loadMs = performance.now() - started;
    await admin.end();
    const url = cluster.urlFor('bench_lead');
    const db = (mode: string) => runDbChild(mode, url, join(dir, `db-${mode}.csv`));
    const open = db('open');
    const reopen = db('reopen');
    const summary = db('summary');
    const firstPage = db('first-page');
    const filtered = db('filtered-page');
    const exported = db('export');
    const folderLoad = runChild('load', dir);
    const folderSummary = runChild('summary', dir);
    const folderExport = runChild('export', dir);
    const n = loaded.toLocaleString('en');
    const s = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
    const mem = (r: { peakRssMb: number; peakHeapMb: number }) => `+${r.peakHeapMb.toFixed(0)} MB heap, +${r.peakRssMb.toFixed(0)} MB RSS`;
    const row = (name: string, value: { ms: number; peakRssMb: number; peakHeapMb: number }, baseline: { ms: number; peakRssMb: number; peakHeapMb: number }, what: string): BenchRow => ({
      name: `register on the team database, ${n} calls: ${name}`,
      value: `${s(value.ms)}, ${mem(value)}`,
      baseline: `${s(baseline.ms)}, ${mem(baseline)} (${what})`,
      ratio: `${(value.ms / baseline.ms).toFixed(2)}× the time`,
      target: '—',
      met: '—',
    });
    return [
      { name: `team database: ${n} calls loaded, every line checked by the engine's trigger`, value: s(loadMs), baseline: '—', ratio: '—', target: '—', met: '—' },
      row('first opening (the facts of every record made)', open, folderLoad, 'the folder register opened, no index'),
      row('a later opening', reopen, folderLoad, 'the folder register opened, no index'),
      row('summary of every call', summary, folderSummary, 'the folder register, opened'),
      row('first page of 50 with its count', firstPage, folderSummary, 'the folder register’s summary, opened'),
      row('a filtered page (one clerk, outgoing, an item missed)', filtered, folderSummary, 'the folder register’s summary, opened'),
      row('CSV export of every call, from a cursor', exported, folderExport, 'the folder register’s export, opened'),
    ];
  } finally {
    await cluster.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The schema made and one login of the office `pup-bench` (password `bench`); the superuser's connection, open. */
async function preparedWith(cluster: LocalCluster, login: string, kind: 'clerk' | 'lead'): Promise<pg.Client> {
  const admin = new pg.Client(cluster.admin);
  await admin.connect();
  await migrate(admin);
  await admin.query(`CREATE ROLE ${login} LOGIN PASSWORD 'bench' IN ROLE asystent_${kind}`);
  await admin.query(`INSERT INTO asystent.members VALUES ($1, 'pup-bench')`, [login]);
  return admin;
}

function runDbChild(mode: string, url: string, out: string): { ms: number; rows: number; peakRssMb: number; peakHeapMb: number } {
  const stdout = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/register-db-child.ts', mode, url, 'bench', 'pup-bench', out], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { ms: number; rows: number; peakRssMb: number; peakHeapMb: number };
}

if (process.argv[1]?.endsWith('team-database-bench.ts')) {
  for (const row of await teamDatabaseBench()) console.log(JSON.stringify(row));
}
