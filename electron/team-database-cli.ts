import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { serviceErrorTemplate } from '../shared/contract/service-errors';
import { parseDatabaseAddress, TLS_MODES, type TlsMode } from '../shared/settings/team-database';
import { startLocalCluster, type LocalCluster } from './services/postgres/local-cluster';
import { SCHEMA_VERSION } from './services/postgres/migrations';
import { asTrouble, clientConfig } from './services/postgres/pg-connection';
import { DatabaseNewerError, migrate } from './services/postgres/schema-version';

/**
 * `npm run --silent team-db -- migrate URL [--tls MODE] [--ca FILE]`: brings
 * the office's team database to this app's schema (the password from
 * PGPASSWORD, as psql takes it). Run by the database's administrator, with
 * a login that may create the schema: the clerks' logins may not.
 *
 * `npm run --silent team-db -- local [--folder DIR]`: a throwaway
 * PostgreSQL on this computer for trying team mode — started in a folder
 * of its own on a free port, the schema made, three logins of an example
 * office (a clerk, a second clerk, a lead) with passwords made now; it
 * prints what to type in the settings, and stops (removing the folder
 * unless it was named) on Ctrl+C.
 *
 * Exit code 0 done, 1 the database refused, 2 the command itself is wrong.
 */
const USAGE = [
  'Użycie: npm run --silent team-db -- migrate postgresql://login@serwer:port/baza [--tls verify-full|require|disable] [--ca PLIK.pem]',
  '        (hasło w zmiennej PGPASSWORD)',
  '        npm run --silent team-db -- local [--folder KATALOG]',
].join('\n');

export async function runTeamDatabaseCli(argv: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'migrate') return migrateCommand(rest, out, err);
  if (command === 'local') return localCommand(rest, out, err);
  err(USAGE);
  return 2;
}

async function migrateCommand(args: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { tls: { type: 'string', default: 'verify-full' }, ca: { type: 'string' } } });
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [url] = parsed.positionals;
  const tls = parsed.values.tls as TlsMode;
  if (!url || parsed.positionals.length !== 1 || !TLS_MODES.includes(tls)) {
    err(USAGE);
    return 2;
  }
  const address = parseDatabaseAddress(url);
  if (!address.ok) {
    err(address.problem === 'passwordInUrl' ? 'Adres nie może zawierać hasła — podaj je w zmiennej PGPASSWORD.' : `To nie jest adres bazy: ${url} (postgresql://login@serwer:port/baza).`);
    return 2;
  }
  let client: pg.Client;
  try {
    client = new pg.Client(await clientConfig({ url, password: process.env.PGPASSWORD ?? null, tls, caFile: parsed.values.ca ?? null, officeId: 'admin' }));
    await client.connect();
  } catch (error) {
    const trouble = asTrouble(error);
    err(`Nie można połączyć się z bazą. ${serviceErrorTemplate(`teamDatabase.${trouble.trouble}`)} (${(trouble.cause as Error | undefined)?.message ?? trouble.trouble})`);
    return 1;
  }
  try {
    const applied = await migrate(client);
    out(applied.length > 0 ? `Zastosowano migracje: ${applied.join(', ')}. Wersja schematu: ${SCHEMA_VERSION}.` : `Baza jest już w wersji ${SCHEMA_VERSION}.`);
    return 0;
  } catch (error) {
    if (error instanceof DatabaseNewerError) err(`Baza ma nowszą wersję schematu (${error.version}) niż ta aplikacja (${SCHEMA_VERSION}) — zaktualizuj aplikację.`);
    else err(`Migracja nie powiodła się, baza została w poprzedniej wersji: ${(error as Error).message}`);
    return 1;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The example office of `local`: its id, and its logins with their kind. */
const EXAMPLE_OFFICE = 'pup-lodz';
const EXAMPLE_LOGINS = [
  ['anna_nowak', 'clerk'],
  ['jan_kowalski', 'clerk'],
  ['kierownik', 'lead'],
] as const;

async function localCommand(args: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { folder: { type: 'string' } } });
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  let cluster: LocalCluster;
  try {
    cluster = await startLocalCluster(parsed.values.folder ? { folder: resolve(parsed.values.folder) } : {});
  } catch (error) {
    err(`Nie udało się uruchomić PostgreSQL: ${(error as Error).message}`);
    return 1;
  }
  const admin = new pg.Client(cluster.admin);
  await admin.connect();
  const lines: string[] = [];
  try {
    await migrate(admin);
    for (const [login, kind] of EXAMPLE_LOGINS) {
      const password = randomBytes(9).toString('base64url');
      const exists = (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login])).rowCount === 1;
      await admin.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${pg.escapeIdentifier(login)} LOGIN PASSWORD ${pg.escapeLiteral(password)}`);
      await admin.query(`GRANT ${pg.escapeIdentifier(`asystent_${kind}`)} TO ${pg.escapeIdentifier(login)}`);
      await admin.query('INSERT INTO asystent.members (login, office_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [login, EXAMPLE_OFFICE]);
      lines.push(`  ${kind === 'lead' ? 'kierownik ' : 'pracownik '}  adres: ${cluster.urlFor(login)}   hasło: ${password}`);
    }
  } finally {
    await admin.end();
  }
  out(`PostgreSQL działa w ${cluster.folder} (port ${cluster.port}, tylko z tego komputera).`);
  out(`W Ustawienia → Zespół wybierz „Baza zespołu”, szyfrowanie „Bez szyfrowania”, identyfikator urzędu: ${EXAMPLE_OFFICE}, oraz jeden z loginów:`);
  for (const line of lines) out(line);
  out('Każdy pracownik (każdy profil) potrzebuje własnego loginu. Ctrl+C zatrzymuje bazę' + (parsed.values.folder ? ' (folder zostaje).' : ' i usuwa jej folder.'));
  // Nothing else keeps this process alive while the server runs: a timer does, until a signal comes.
  const keepAlive = setInterval(() => undefined, 60_000);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  clearInterval(keepAlive);
  await cluster.stop();
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void runTeamDatabaseCli(
    process.argv.slice(2),
    (line) => console.log(line),
    (line) => console.error(line),
  ).then((code) => {
    process.exitCode = code;
  });
}
