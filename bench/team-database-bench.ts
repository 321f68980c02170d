import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { localClusterUnavailable, startLocalCluster } from '../electron/services/postgres/local-cluster';
import { migrate } from '../electron/services/postgres/schema-version';
import { serializeRecord } from '../electron/services/journal-format';
import { TeamSync } from '../electron/services/team-sync';
import { monthOf } from '../shared/journal/months';
import { CLERK_ID, sampleRecord } from '../test/helpers/records';
import type { BenchRow } from './bench-row';

/**
 * The team database: records delivered through the outbox (each one its own
 * transaction: the chain's head locked, the id looked for, the line
 * inserted, checked by the trigger under row-level security) against plain
 * INSERTs of the same lines into a table with nothing on it, one commit
 * each, on the same throwaway server over the same TCP connection kind.
 */

const DELIVERIES = Number(process.env.BENCH_DB_DELIVERIES ?? 2000);

export async function teamDatabaseBench(): Promise<BenchRow[]> {
  const unavailable = localClusterUnavailable();
  if (unavailable) {
    console.error(`[bench] team database skipped: ${unavailable}`);
    return [];
  }
  const cluster = await startLocalCluster();
  const dataDir = await fs.mkdtemp(join(tmpdir(), 'bench-team-db-'));
  try {
    const admin = new pg.Client(cluster.admin);
    await admin.connect();
    await migrate(admin);
    await admin.query(`CREATE ROLE bench_clerk LOGIN PASSWORD 'bench' IN ROLE asystent_clerk`);
    await admin.query(`INSERT INTO asystent.members VALUES ('bench_clerk', 'pup-bench')`);
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

if (process.argv[1]?.endsWith('team-database-bench.ts')) {
  for (const row of await teamDatabaseBench()) console.log(JSON.stringify(row));
}
