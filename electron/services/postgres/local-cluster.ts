import { execFileSync, spawn } from 'node:child_process';
import { existsSync, promises as fs, readdirSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL for trying team mode on a database and for the
 * tests: Debian's `postgresql` binaries, `initdb` in a folder of its own, a
 * free port on 127.0.0.1 and the socket in that folder. Nothing outside the
 * folder is touched; `stop` ends the server and removes it.
 *
 * Run as root (a CI container), the server runs as the `postgres` user the
 * Debian package creates — PostgreSQL refuses to run as root.
 */
export interface LocalCluster {
  folder: string;
  port: number;
  /** The superuser: trusted on the socket only. */
  admin: pg.ClientConfig;
  /** The database the app's schema is in. */
  database: string;
  /** A connection string over TCP for a login with a password (what the app's settings take). */
  urlFor(login: string): string;
  pid(): Promise<number>;
  /** Kills the server at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts the server again (after kill or stopServer). */
  start(): Promise<void>;
  /** Stops the server cleanly, keeping its folder (the network gone, for the clients). */
  stopServer(): Promise<void>;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

const ADMIN = 'asystent_admin';

/** Where the server's binaries are: Debian's `/usr/lib/postgresql/<major>/bin` (the newest), or a folder on the PATH that has them all. */
export function postgresBinaries(): string | null {
  const complete = (dir: string) => ['initdb', 'pg_ctl', 'pg_dump'].every((name) => existsSync(join(dir, name)));
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const majors = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    const found = majors.map((v) => join(debian, v, 'bin')).find(complete);
    if (found) return found;
  }
  return (process.env.PATH ?? '').split(':').find((dir) => dir && complete(dir)) ?? null;
}

/** Why a local cluster cannot start here, or null. */
export function localClusterUnavailable(): string | null {
  if (!postgresBinaries()) return 'PostgreSQL server binaries (initdb, pg_ctl) not found — apt-get install postgresql';
  if (process.getuid?.() === 0 && serverUser() === null) return 'running as root and there is no postgres user to run the server as';
  return null;
}

export async function startLocalCluster(options: { folder?: string; database?: string } = {}): Promise<LocalCluster> {
  const bin = postgresBinaries();
  if (!bin) throw new Error(localClusterUnavailable() ?? 'no PostgreSQL');
  const folder = options.folder ?? (await fs.mkdtemp(join(tmpdir(), 'asystent-pg-')));
  const database = options.database ?? 'asystent';
  const data = join(folder, 'data');
  const user = process.getuid?.() === 0 ? serverUser() : null;
  if (user) await fs.chown(folder, user.uid, user.gid);
  const run = (cmd: string, args: string[]) => runAs(user, join(bin, cmd), args);

  const fresh = !existsSync(join(data, 'PG_VERSION'));
  if (fresh) {
    await run('initdb', ['-D', data, '-U', ADMIN, '-E', 'UTF8', '--locale=C', '--auth-local=trust', '--auth-host=scram-sha-256', '--no-sync']);
  }
  const port = await freePort();
  // Settings for a throwaway server: small, quiet, reachable only from this computer.
  await fs.writeFile(
    join(data, 'postgresql.auto.conf'),
    [`port = ${port}`, `listen_addresses = '127.0.0.1'`, `unix_socket_directories = '${folder}'`, 'max_connections = 40', 'shared_buffers = 32MB', 'fsync = off', 'full_page_writes = off', "log_min_messages = 'warning'"].join('\n') + '\n',
  );
  if (user) await fs.chown(join(data, 'postgresql.auto.conf'), user.uid, user.gid);
  const log = join(folder, 'server.log');
  const start = () => run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', 'start']);
  await start();
  const admin: pg.ClientConfig = { host: folder, port, user: ADMIN, database: 'postgres' };
  if (fresh) {
    const client = new pg.Client(admin);
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${database}`);
    } finally {
      await client.end();
    }
  }
  const pidFile = join(data, 'postmaster.pid');
  return {
    folder,
    port,
    admin: { ...admin, database },
    database,
    urlFor: (login) => `postgresql://${login}@127.0.0.1:${port}/${database}`,
    pid: async () => Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]),
    async kill() {
      const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
      // The postmaster and every backend at once, as a crash of the server's machine would leave it.
      const all = [pid, ...(await childrenOf(pid))];
      for (const p of all) {
        try {
          process.kill(p, 'SIGKILL');
        } catch (error) {
          // A backend that ended between the listing and the kill: gone, as wanted.
          if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
        }
      }
      while (all.some(alive)) await new Promise((r) => setTimeout(r, 20));
    },
    async start() {
      if (!(await answers(port))) await start();
    },
    async stopServer() {
      await run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    async stop() {
      await run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      if (!options.folder) await fs.rm(folder, { recursive: true, force: true });
    },
  };
}

function serverUser(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

function runAs(user: { uid: number; gid: number } | null, command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...(user ? { uid: user.uid, gid: user.gid } : {}), env: { ...process.env, LC_ALL: 'C' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args[0] ?? ''} failed (${code}): ${stderr.trim()}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The processes whose parent is `pid` (Linux's /proc; none where there is no /proc). */
async function childrenOf(pid: number): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await fs.readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await fs.readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // "pid (name) state ppid …": the name may hold spaces and parentheses, so read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) found.push(Number(entry));
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
