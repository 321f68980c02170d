import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { localClusterUnavailable, startLocalCluster, type LocalCluster } from '../../electron/services/postgres/local-cluster';
import { migrate } from '../../electron/services/postgres/schema-version';
import type { TeamDatabase } from '../../shared/settings/team-database';

/**
 * A throwaway PostgreSQL for a test file: started in a temporary folder
 * before its tests, the app's schema migrated in, stopped and removed
 * after. Where the server's binaries are missing the file is skipped with
 * the reason — except where POSTGRES_REQUIRED=1 (CI, which installs them),
 * where that is a failure.
 */
export function postgresSkipReason(): string | false {
  const reason = localClusterUnavailable();
  if (reason && process.env.POSTGRES_REQUIRED === '1') throw new Error(`PostgreSQL tests are required here: ${reason}`);
  if (reason) console.warn(`[postgres] skipped: ${reason}`);
  return reason ?? false;
}

export type LoginKind = 'clerk' | 'lead' | 'regional';

export interface TestDatabase {
  cluster: LocalCluster;
  /** A superuser connection (closed after the file). */
  admin(): Promise<pg.Client>;
  /** A login of the app's kind, member of the offices given, with a password. */
  addLogin(login: string, kind: LoginKind, offices: string[]): Promise<string>;
  /** Team settings for a login. */
  settingsFor(login: string, officeId: string, password?: string): TeamDatabase;
  /** A connection as a login. */
  as(login: string): Promise<pg.Client>;
}

export const TEST_PASSWORD = 'haslo-testowe-1';

export function useTestDatabase(): TestDatabase {
  let cluster: LocalCluster | null = null;
  const clients: pg.Client[] = [];
  beforeAll(async () => {
    cluster = await startLocalCluster();
    const client = new pg.Client(cluster.admin);
    await client.connect();
    try {
      await migrate(client);
    } finally {
      await client.end();
    }
  }, 120_000);
  afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
    await cluster?.stop();
  }, 60_000);

  const connect = async (config: pg.ClientConfig) => {
    const client = new pg.Client(config);
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  };
  const handle: TestDatabase = {
    get cluster() {
      if (!cluster) throw new Error('the cluster is not started yet');
      return cluster;
    },
    admin: () => connect(handle.cluster.admin),
    async addLogin(login, kind, offices) {
      const admin = await handle.admin();
      await admin.query(`CREATE ROLE ${pg.escapeIdentifier(login)} LOGIN PASSWORD ${pg.escapeLiteral(TEST_PASSWORD)} IN ROLE ${pg.escapeIdentifier(`asystent_${kind}`)}`);
      for (const office of offices) await admin.query('INSERT INTO asystent.members (login, office_id) VALUES ($1, $2)', [login, office]);
      await admin.end();
      return login;
    },
    settingsFor: (login, officeId, password = TEST_PASSWORD) => ({ url: handle.cluster.urlFor(login), password, tls: 'disable', caFile: null, officeId }),
    as: (login) => connect({ host: '127.0.0.1', port: handle.cluster.port, database: handle.cluster.database, user: login, password: TEST_PASSWORD }),
  };
  return handle;
}
