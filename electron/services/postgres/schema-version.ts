import type { ClientBase } from 'pg';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';

/**
 * Versions of the team database's schema: `asystent.schema_migrations`
 * names each migration applied. `migrate` brings a database up to this
 * app's version, each migration in its own transaction under an advisory
 * lock (two installers at once apply each once); `schemaState` is what the
 * app checks before it delivers — it never migrates itself, its logins
 * may not.
 */
const MIGRATION_LOCK = 0x61737973; // "asys": one number every installer of this app takes

export type SchemaState =
  | { kind: 'current'; version: number }
  /** Older than this app: an administrator runs the migrations. */
  | { kind: 'older'; version: number }
  /** Made by a newer app: this one must not write to it. */
  | { kind: 'newer'; version: number }
  /** No schema at all: a database nobody prepared. */
  | { kind: 'missing' };

export class DatabaseNewerError extends Error {
  constructor(readonly version: number) {
    super(`the database is at schema version ${version}; this app knows up to ${SCHEMA_VERSION}`);
  }
}

export async function schemaState(client: ClientBase): Promise<SchemaState> {
  const table = await client.query<{ present: boolean }>(`SELECT to_regclass('asystent.schema_migrations') IS NOT NULL AS present`);
  if (!table.rows[0]?.present) return { kind: 'missing' };
  const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM asystent.schema_migrations');
  const version = rows[0]?.version ?? 0;
  if (version > SCHEMA_VERSION) return { kind: 'newer', version };
  if (version < SCHEMA_VERSION) return { kind: 'older', version };
  return { kind: 'current', version };
}

/**
 * Applies what is missing, up to `upTo` (tests stop at an earlier version).
 * Returns the versions applied now; refuses a database newer than this app.
 */
export async function migrate(client: ClientBase, upTo = SCHEMA_VERSION, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version > upTo) break;
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE SCHEMA IF NOT EXISTS asystent');
      await client.query(
        `CREATE TABLE IF NOT EXISTS asystent.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM asystent.schema_migrations');
      const current = rows[0]?.version ?? 0;
      const newest = migrations[migrations.length - 1]!.version;
      if (current > newest) throw new DatabaseNewerError(current);
      if (current >= migration.version) {
        await client.query('COMMIT');
        continue;
      }
      await client.query(migration.sql);
      await client.query('INSERT INTO asystent.schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      await client.query('COMMIT');
      applied.push(migration.version);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
  return applied;
}
