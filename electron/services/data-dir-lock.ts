import { promises as fs } from 'node:fs';
import { join } from 'node:path';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`Folder danych ${dataDir} jest już używany przez inny uruchomiony Asystent Rozmów (proces ${pid}).`);
  }
}

/**
 * One running app per data directory: the journal keeps each file's last hash
 * in memory, so a second writer would break the chain. A lock left behind by
 * a crashed process (its pid no longer runs) is taken over.
 */
export class DataDirLock {
  private constructor(private readonly file: string) {}

  static async acquire(dataDir: string): Promise<DataDirLock> {
    const file = join(dataDir, 'app.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await fs.writeFile(file, String(process.pid), { flag: 'wx', mode: 0o600 });
        return new DataDirLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const pid = Number.parseInt(await fs.readFile(file, 'utf8').catch(() => ''), 10);
        if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) throw new DataDirInUseError(dataDir, pid);
        await fs.rm(file, { force: true });
      }
    }
    throw new Error(`Nie udało się zablokować folderu danych ${dataDir}.`);
  }

  async release(): Promise<void> {
    await fs.rm(this.file, { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
