import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { writeFileAtomic } from './atomic-file';

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `Folder danych ${dataDir} jest używany przez inny uruchomiony Asystent Rozmów. ` +
        'Zamknij tamten (albo poczekaj kilka sekund, jeśli właśnie się zamknął) i spróbuj ponownie.',
    );
  }
}

/** A write refused because another app took the data directory over while this one was paused. */
export class DataDirLostError extends Error {
  readonly code = 'ELOCKLOST';
  constructor(readonly dataDir: string) {
    super(
      `Inny Asystent Rozmów przejął folder danych ${dataDir}, gdy ten był wstrzymany (uśpienie, zawieszenie). ` +
        'Ten nic już nie zapisze, żeby nie zniszczyć tamtego zapisu — zamknij go i pracuj w tamtym.',
    );
  }
}

/** How long a lock may go without its holder touching it before it counts as left by a crash. */
const STALE_MS = 8_000;

/**
 * One running app per data directory: the journal keeps each file's last
 * hash in memory, so a second writer would break the chain.
 *
 * proper-lockfile takes the lock by creating a folder (atomic on every file
 * system) and keeps its time fresh while the app runs; a lock whose time has
 * not moved for STALE_MS was left by a crash or a power cut and is taken
 * over. Starting right after a crash therefore waits a few seconds.
 */
export class DataDirLock {
  /** Set once another app is found holding the directory: from then on nothing is written. */
  private lost = false;

  private constructor(
    private readonly dataDir: string,
    private readonly token: string,
    private releaseLock: () => Promise<void>,
  ) {}

  /**
   * Who holds the lock is written beside it (`app.lock.owner`): the lock folder
   * alone says only that somebody does. A process paused past STALE_MS (a
   * laptop's sleep, a debugger) may find another app started meanwhile; its
   * token then is not ours, and assertOwned stops every write.
   */
  static async acquire(dataDir: string, onWait: () => void = () => undefined): Promise<DataDirLock> {
    const token = randomBytes(16).toString('hex');
    let held: DataDirLock | null = null;
    const options = {
      lockfilePath: join(dataDir, 'app.lock'),
      realpath: false,
      stale: STALE_MS,
      update: 2_000,
      // After a sleep the lock looks stale to ourselves: take it again if nobody else has, else stop writing.
      onCompromised: (error: Error) => void held?.compromised(error, options),
    };
    const take = async (release: () => Promise<void>) => {
      held = new DataDirLock(dataDir, token, release);
      await writeFileAtomic(ownerPath(dataDir), token);
      return held;
    };
    try {
      return await take(await lockfile.lock(dataDir, options));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    }
    onWait();
    try {
      const retries = { retries: Math.ceil(STALE_MS / 1000) + 2, factor: 1, minTimeout: 1_000, maxTimeout: 1_000 };
      return await take(await lockfile.lock(dataDir, { ...options, retries }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirInUseError(dataDir);
      throw error;
    }
  }

  /** Throws DataDirLostError when another app holds the data directory now. Called before every write. */
  async assertOwned(): Promise<void> {
    if (!this.lost && !(await this.ownerUnchanged())) {
      // Only a token that is there and not ours (or gone: the other app closed) means the directory was taken;
      // a read that fails for another reason fails this write alone, as the write itself would.
      const owner = await readOwner(this.dataDir);
      if (owner !== this.token) this.lost = true;
      else this.ownerStamp = await stampOf(this.dataDir);
    }
    if (this.lost) throw new DataDirLostError(this.dataDir);
  }

  /** What the owner file looked like when its token was last read as ours. */
  private ownerStamp: string | null = null;

  /** One stat before each write instead of a read: another app writing its token replaces the file (a new inode, a new time). */
  private async ownerUnchanged(): Promise<boolean> {
    return this.ownerStamp !== null && (await stampOf(this.dataDir).catch(() => null)) === this.ownerStamp;
  }

  get isLost(): boolean {
    return this.lost;
  }

  private async compromised(error: Error, options: Parameters<typeof lockfile.lock>[1]): Promise<void> {
    const owner = await readOwner(this.dataDir).catch(() => this.token);
    if (owner !== this.token) {
      this.lost = true;
      console.error(`[lock] ${error.message}; another app holds the data directory now — this one writes nothing more`);
      return;
    }
    console.error(`[lock] ${error.message}; taking the data directory lock again`);
    try {
      this.releaseLock = await lockfile.lock(this.dataDir, { ...options, retries: 3 });
    } catch (e) {
      this.lost = true;
      console.error(`[lock] ${(e as Error).message}; this app writes nothing more`);
    }
  }

  async release(): Promise<void> {
    if (!this.lost) await fs.rm(ownerPath(this.dataDir), { force: true }).catch(() => undefined);
    await this.releaseLock().catch(() => undefined);
  }
}

async function stampOf(dataDir: string): Promise<string> {
  const stat = await fs.stat(ownerPath(dataDir), { bigint: true });
  return `${stat.ino}:${stat.mtimeNs}:${stat.size}`;
}

/** The token of the app holding the directory; null when none is written. */
async function readOwner(dataDir: string): Promise<string | null> {
  try {
    return await fs.readFile(ownerPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function ownerPath(dataDir: string): string {
  return join(dataDir, 'app.lock.owner');
}
