import type pg from 'pg';
import { describeDatabase, type TeamDatabase } from '../../../shared/settings/team-database';
import type { JournalRecord } from '../../../shared/journal/journal-record';
import { monthOf } from '../../../shared/journal/months';
import { serializeRecord } from '../journal-format';
import { RecordRefused, type Delivery, type TeamCopy } from '../team-copy';
import { sameRecord } from '../same-record';
import { asTrouble, DatabaseTroubleError, openChecked, requireCurrentSchema } from './pg-connection';

/**
 * The team copy in PostgreSQL: each record one row of `asystent.calls`,
 * exactly once by its id. A delivery takes the clerk-month's chain (its
 * head, locked for the transaction), looks for the id, and inserts the line
 * chained to that head with `INSERT … ON CONFLICT (id) DO NOTHING`; the
 * database's trigger refuses a line that does not chain. The same id with
 * other content is a conflict, never a second row.
 *
 * One connection, opened when needed and dropped at the first error: the
 * next delivery opens it afresh (the server may have restarted).
 */
export class PostgresTeamCopy implements TeamCopy {
  readonly place: string;
  private client: pg.Client | null = null;
  private clientFor: string | null = null;

  constructor(private readonly database: TeamDatabase) {
    this.place = describeDatabase(database.url, database.officeId);
  }

  async check(clerkId: string | null): Promise<void> {
    if (clerkId === null) {
      // No profile yet, so nothing to deliver: whether the database answers and takes this login, for the status.
      await openChecked(this.database, null).then((client) => client.end());
      return;
    }
    const client = await this.connection(clerkId);
    // Once a delivery: a schema made newer meanwhile (another app updated it) is not written to.
    await this.run(() => requireCurrentSchema(client));
  }

  async deliveredIds(clerkId: string, month: string): Promise<Set<string>> {
    const client = await this.connection(clerkId);
    const { rows } = await this.run(() =>
      client.query<{ id: string }>('SELECT id FROM asystent.calls WHERE office_id = $1 AND clerk_id = $2 AND month = $3', [this.database.officeId, clerkId, month]),
    );
    return new Set(rows.map((r) => r.id));
  }

  async deliver(record: JournalRecord, profileClerkId: string | null): Promise<Delivery> {
    const clerkId = record.clerk.id;
    // A login writes as one clerk: a record of another profile (one this computer had before) has no login here.
    if (profileClerkId !== null && clerkId !== profileClerkId) throw new RecordRefused('a record of another clerk profile');
    const client = await this.connection(clerkId);
    const month = monthOf(new Date(record.savedAt));
    return this.run(async () => {
      await client.query('BEGIN');
      try {
        // One round trip: the chain taken (for this transaction) and the id looked for.
        const taken = await client.query<{ head: string; found: string | null }>(
          'SELECT asystent.lock_chain($1, $2, $3) AS head, (SELECT line FROM asystent.calls WHERE id = $4) AS found',
          [this.database.officeId, clerkId, month, record.id],
        );
        const { head, found } = taken.rows[0]!;
        let outcome: Delivery;
        if (found !== null) {
          outcome = sameAsStored(found, record) ? 'already' : 'conflict';
        } else {
          const line = serializeRecord({ ...record, prevHash: head });
          const inserted = await client.query(
            'INSERT INTO asystent.calls (id, office_id, clerk_id, month, prev_hash, line) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING',
            [record.id, this.database.officeId, clerkId, month, head, line],
          );
          if (inserted.rowCount === 1) outcome = 'delivered';
          else {
            // Taken meanwhile (looked for before the chain was ours), or another clerk's id this login cannot see.
            const now = await client.query<{ line: string }>('SELECT line FROM asystent.calls WHERE id = $1', [record.id]);
            outcome = now.rows[0] && sameAsStored(now.rows[0].line, record) ? 'already' : 'conflict';
          }
        }
        await client.query('COMMIT');
        return outcome;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        // The database's own checks (the chain, the row's columns, a month retention removed): this record, not the connection.
        const code = (error as { code?: string }).code ?? '';
        if (code === '23514' || code.startsWith('22')) throw new RecordRefused((error as Error).message);
        throw error;
      }
    });
  }

  troubleOf(error: unknown): string {
    return asTrouble(error).trouble;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.clientFor = null;
    await client?.end().catch(() => undefined);
  }

  /** The open connection for this clerk, or a new one checked for it (schema, office, binding). */
  private async connection(clerkId: string): Promise<pg.Client> {
    if (this.client && this.clientFor === clerkId) return this.client;
    await this.close();
    this.client = await openChecked(this.database, clerkId);
    this.clientFor = clerkId;
    return this.client;
  }

  /** Runs a step; an error that is not this record's drops the connection, so the next try opens a fresh one. */
  private async run<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof RecordRefused)) await this.close();
      throw error instanceof RecordRefused || error instanceof DatabaseTroubleError ? error : asTrouble(error);
    }
  }
}

/** The stored line and the record are one record if they differ at most in the chain. */
function sameAsStored(storedLine: string, record: JournalRecord): boolean {
  try {
    return sameRecord(JSON.parse(storedLine) as Record<string, unknown>, record);
  } catch {
    return false;
  }
}
