import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { readRegularFile } from './regular-file';

/**
 * Replaces a file so that a reader (or the next start after a power cut) sees
 * either the old content or the new, never half of each: write a temp file
 * beside it, fsync it, rename over the target, then fsync the folder so the
 * rename itself survives a crash.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: { durable?: boolean; mode?: number; owner?: { uid: number; gid: number } } = {}): Promise<void> {
  // Not durable: still whole or absent after a crash, but a power cut may leave the previous version.
  const durable = options.durable ?? true;
  // The app's own files are the person's alone; a file others read too (an office's directory on a share) keeps its own rights.
  const mode = options.mode ?? 0o600;
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(tmp, 'w', 0o600);
    try {
      if (mode !== 0o600) await handle.chmod(mode);
      // The file's owner and group kept where this process may set them (an administrator's; elsewhere the saver's own).
      if (options.owner) await handle.chown(options.owner.uid, options.owner.gid).catch(() => undefined);
      await handle.writeFile(data);
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await renamePatiently(tmp, path);
  } catch (error) {
    // A full disk must not fill up further with half-written temp files.
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw error;
  }
  if (durable) await syncDirectory(dir);
}

/**
 * A rename that waits out a file held open for a moment: on Windows a virus
 * scanner or the search indexer opening the target makes the rename fail with
 * EBUSY, EPERM or EACCES for a few milliseconds. Tried for about a third of a
 * second; a fault that lasts longer is reported. (Elsewhere only EBUSY is
 * waited for: EACCES there means a real lack of rights.)
 */
async function renamePatiently(from: string, to: string): Promise<void> {
  const transient = process.platform === 'win32' ? ['EBUSY', 'EPERM', 'EACCES'] : ['EBUSY'];
  for (let wait = 10; ; wait *= 2) {
    try {
      return await fs.rename(from, to);
    } catch (error) {
      if (wait > 160 || !transient.includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** The names writeFileAtomic gives its temp files. */
const TEMP_FILE = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * Removes the temp files a killed process left in `dir` mid-write (the files
 * they were replacing are whole: the rename never happened); returns the
 * names removed. Only safe while nobody else writes there, i.e. once the data
 * directory's lock is held. Never fails: a file another program holds is
 * left for the next start.
 */
export async function removeLeftoverTempFiles(dir: string): Promise<string[]> {
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => TEMP_FILE.test(n));
  const removed = await Promise.allSettled(names.map((n) => fs.unlink(join(dir, n))));
  return names.filter((_, i) => removed[i]!.status === 'fulfilled');
}

/** Makes a rename or a new file in `dir` durable. Not supported on Windows, where rename is already durable enough. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Reads a file, or returns null when it does not exist. A pipe or a device under its name is refused, never waited on. */
export async function readIfExists(path: string): Promise<string | null> {
  try {
    return (await readRegularFile(path)).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A file name-safe timestamp, e.g. 2026-11-24T12-30-05-123Z. */
export function fileTimestamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}
