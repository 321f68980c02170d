import pg from 'pg';
import { parseDatabaseAddress, type DatabaseTrouble, type TeamDatabase } from '../../../shared/settings/team-database';
import { readBoundedFile } from '../safe-read';
import { schemaState } from './schema-version';

/**
 * Opening the team database as the settings say — TLS as chosen, a timeout
 * on every wait so a dead network never holds a delivery — and saying in one
 * word (a DatabaseTrouble) what went wrong when it does.
 */
const CONNECT_TIMEOUT_MS = 10_000;
const QUERY_TIMEOUT_MS = 15_000;

export class DatabaseTroubleError extends Error {
  constructor(
    readonly trouble: DatabaseTrouble,
    cause?: unknown,
  ) {
    super(`${trouble}${cause instanceof Error ? `: ${cause.message}` : ''}`, { cause });
  }
}

export async function clientConfig(database: TeamDatabase, queryTimeoutMs = QUERY_TIMEOUT_MS): Promise<pg.ClientConfig> {
  const parsed = parseDatabaseAddress(database.url);
  if (!parsed.ok) throw new DatabaseTroubleError('db-error', new Error(parsed.problem));
  const { login, port, database: name } = parsed.address;
  // An IPv6 address is written in brackets in the address, and given bare to the driver and to TLS.
  const host = parsed.address.host.replace(/^\[|\]$/g, '');
  let ssl: pg.ClientConfig['ssl'] = false;
  if (database.tls !== 'disable') {
    let ca: string | undefined;
    if (database.caFile) {
      // Read as the office's own files are: a regular file only, at most 1 MB, given up after 10 s (a pipe or a dead share holds nothing).
      const read = await readBoundedFile(database.caFile);
      if (!read.ok) throw new DatabaseTroubleError('db-ca-file', new Error(read.message));
      ca = read.bytes.toString('utf8');
      if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new DatabaseTroubleError('db-ca-file', new Error('not a PEM certificate'));
    }
    // verify-full: the server's certificate and its name checked (the system's authorities, or the office's);
    // require: encrypted, the server not checked — for a server with a self-made certificate, said as weaker in the form.
    ssl = database.tls === 'verify-full' ? { rejectUnauthorized: true, ...(ca ? { ca } : {}), servername: host } : { rejectUnauthorized: false };
  }
  return {
    host,
    port,
    database: decodeURIComponent(name),
    user: login ? decodeURIComponent(login) : undefined,
    password: database.password ?? undefined,
    ssl,
    application_name: 'asystent-rozmow',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: queryTimeoutMs,
    keepAlive: true,
  };
}

/**
 * A connection ready to deliver: the schema this app knows, the login a
 * member of the office, bound to this clerk. Anything else is a trouble the
 * clerk is told about while the records wait.
 */
export async function openChecked(database: TeamDatabase, clerkId: string | null): Promise<pg.Client> {
  const client = await openPlain(database);
  try {
    await requireCurrentSchema(client);
    const member = await client.query('SELECT 1 FROM asystent.members WHERE login = current_user AND office_id = $1', [database.officeId]);
    if (member.rowCount === 0) throw new DatabaseTroubleError('db-not-member');
    // Without a profile yet there is no clerk to bind: the rest is checked.
    if (clerkId === null) return client;
    const bound = await client.query<{ clerk: string | null }>('SELECT asystent.bind_clerk($1) AS clerk', [clerkId]);
    const clerk = bound.rows[0]?.clerk ?? null;
    if (clerk === null) throw new DatabaseTroubleError('db-clerk-elsewhere');
    if (clerk !== clerkId) throw new DatabaseTroubleError('db-other-clerk');
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw asTrouble(error);
  }
}

/** The schema this app knows, or the trouble it is not. */
export async function requireCurrentSchema(client: pg.ClientBase): Promise<void> {
  const state = await schemaState(client);
  if (state.kind === 'missing') throw new DatabaseTroubleError('db-no-schema');
  if (state.kind === 'older') throw new DatabaseTroubleError('db-schema-older');
  if (state.kind === 'newer') throw new DatabaseTroubleError('db-schema-newer');
}

/** A connection as the settings say, nothing checked yet; `queryTimeoutMs` for a reader's longer questions. */
export async function openPlain(database: TeamDatabase, queryTimeoutMs?: number): Promise<pg.Client> {
  const client = new pg.Client(await clientConfig(database, queryTimeoutMs));
  // A connection that breaks while idle must not crash the app: the next query says so.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw asTrouble(error);
  }
}

/** The one word for an error of the driver, the network or the server. */
export function asTrouble(error: unknown): DatabaseTroubleError {
  if (error instanceof DatabaseTroubleError) return error;
  return new DatabaseTroubleError(troubleOf(error), error);
}

const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);
const UNTRUSTED = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ALTNAME/;

function troubleOf(error: unknown): DatabaseTrouble {
  const { code = '', message = '' } = (error ?? {}) as { code?: string; message?: string };
  if (NETWORK.has(code)) return 'db-unreachable';
  if (UNTRUSTED.test(code)) return 'db-tls-untrusted';
  if (/does not support SSL/i.test(message)) return 'db-tls-refused';
  // The server asked for a password and none is saved (a database chosen again after another copy).
  if (/password must be a string|no password supplied/i.test(message)) return 'db-password';
  if (/timeout|Connection terminated|connection lost|not queryable/i.test(message)) return 'db-unreachable';
  switch (code) {
    case '28P01':
      return 'db-password';
    case '28000':
      return /no encryption/i.test(message) ? 'db-tls-required' : 'db-refused';
    case '3D000':
      return 'db-no-database';
    case '3F000':
    case '42P01':
    case '42883':
      return 'db-no-schema';
    case '25006':
      return 'db-read-only';
    case '42501':
      return 'db-forbidden';
    case '53300':
    case '57P03':
      return 'db-busy';
    case '57P01':
    case '57P02':
    case '08000':
    case '08003':
    case '08006':
      return 'db-unreachable';
    default:
      return 'db-error';
  }
}
