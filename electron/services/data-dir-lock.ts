import { join } from 'node:path';
import lockfile from 'proper-lockfile';

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `Folder danych ${dataDir} jest używany przez inny uruchomiony Asystent Rozmów. ` +
        'Zamknij tamten (albo poczekaj kilka sekund, jeśli właśnie się zamknął) i spróbuj ponownie.',
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
  private constructor(private readonly releaseLock: () => Promise<void>) {}

  static async acquire(dataDir: string, onWait: () => void = () => undefined): Promise<DataDirLock> {
    const options = {
      lockfilePath: join(dataDir, 'app.lock'),
      realpath: false,
      stale: STALE_MS,
      update: 2_000,
      // After a sleep the lock may look stale to ourselves: take it again rather than stop.
      onCompromised: (error: Error) => {
        console.error(`[lock] ${error.message}; taking the data directory lock again`);
        void lockfile.lock(dataDir, { ...options, retries: 3 }).catch((e: Error) => console.error(`[lock] ${e.message}`));
      },
    };
    try {
      return new DataDirLock(await lockfile.lock(dataDir, options));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    }
    onWait();
    try {
      const retries = { retries: Math.ceil(STALE_MS / 1000) + 2, factor: 1, minTimeout: 1_000, maxTimeout: 1_000 };
      return new DataDirLock(await lockfile.lock(dataDir, { ...options, retries }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirInUseError(dataDir);
      throw error;
    }
  }

  async release(): Promise<void> {
    await this.releaseLock().catch(() => undefined);
  }
}
