import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { expiredMonths, type RetentionCopy } from '../../shared/journal/retention';
import { syncDirectory } from './atomic-file';
import { MASKED_SUFFIX } from './import-filer';
import { headPathOf } from './journal-head';
import { callsDir, monthFilePath, monthOfFileName } from './journal-layout';
import { openRegularFile } from './regular-file';

/**
 * The month files past the retention period, in every copy this app keeps:
 * this computer's journal, the calls it imported from clerks (and the ones it
 * kept aside as conflicts), and — in team mode — this clerk's own folder in
 * the team folder. Other clerks' team folders are theirs: their own apps
 * prune them, as this one prunes its own.
 */
export interface ExpiredFile {
  copy: RetentionCopy;
  clerkId: string;
  month: string;
  path: string;
}

export interface RetentionPlaces {
  dataDir: string;
  importsRoots: string[];
  /** The team folder and this clerk's id there, in team mode. */
  team: { folder: string; clerkId: string } | null;
}

export async function findExpired(places: RetentionPlaces, now: Date, keepMonths: number): Promise<ExpiredFile[]> {
  const found: ExpiredFile[] = [];
  await collect(found, 'local', places.dataDir, null, now, keepMonths);
  for (const root of places.importsRoots) await collect(found, 'import', root, null, now, keepMonths);
  // An unreachable share is pruned another time: what is past retention there stays past it.
  if (places.team) await collect(found, 'team', places.team.folder, places.team.clerkId, now, keepMonths).catch(() => undefined);
  return found;
}

/** @param base a folder the journal's layout is kept in (its month files under `calls/`) */
async function collect(found: ExpiredFile[], copy: RetentionCopy, base: string, onlyClerk: string | null, now: Date, keepMonths: number): Promise<void> {
  const root = callsDir(base);
  let clerks: string[];
  try {
    clerks = onlyClerk ? [onlyClerk] : await fs.readdir(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const clerkId of clerks.sort()) {
    const names = await fs.readdir(join(root, clerkId)).catch(() => [] as string[]);
    const months = names.flatMap((n) => monthOfFileName(n) ?? []);
    for (const month of expiredMonths(months, now, keepMonths)) found.push({ copy, clerkId, month, path: monthFilePath(base, clerkId, month) });
  }
}

/** How many records each file holds: what the removal record states. A file that cannot be read is set apart (and not removed). */
export async function countRecords(
  files: ExpiredFile[],
): Promise<{ counted: { file: ExpiredFile; records: number }[]; unreadable: { file: ExpiredFile; code: string }[] }> {
  const counted: { file: ExpiredFile; records: number }[] = [];
  const unreadable: { file: ExpiredFile; code: string }[] = [];
  for (const file of files) {
    try {
      counted.push({ file, records: await countLines(file.path) });
    } catch (error) {
      unreadable.push({ file, code: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
    }
  }
  return { counted, unreadable };
}

/** Lines of a file, counted as it streams: a month file can be large. */
async function countLines(path: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  const handle = await openRegularFile(path);
  try {
    for await (const chunk of handle.createReadStream({ autoClose: false }) as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) lines++;
      if (chunk.length > 0) last = chunk[chunk.length - 1]!;
    }
  } finally {
    await handle.close();
  }
  return last === 0x0a ? lines : lines + 1;
}

/**
 * Removes the files, with the head and what lies beside them (a torn line set
 * aside, an import's list of masked lines). One that cannot be removed (no
 * rights, a share gone) does not stop the rest: it is returned, and — still
 * past retention — offered again at the next start.
 */
export async function removeFiles(files: ExpiredFile[]): Promise<{ file: ExpiredFile; code: string }[]> {
  const failed: { file: ExpiredFile; code: string }[] = [];
  for (const file of files) {
    try {
      await fs.rm(file.path, { force: true });
      for (const beside of [headPathOf(file.path), `${file.path}.quarantine`, `${file.path}${MASKED_SUFFIX}`]) await fs.rm(beside, { force: true });
      await syncDirectory(join(file.path, '..'));
    } catch (error) {
      failed.push({ file, code: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
    }
  }
  return failed;
}
