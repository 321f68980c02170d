import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { expiredMonths } from '../../shared/retention';
import { syncDirectory } from './atomic-file';

/**
 * The month files of this computer's data directory past the retention
 * period. Only this data directory: the team folder holds other clerks'
 * files, which this app never writes, let alone removes.
 */
export interface ExpiredFile {
  clerkId: string;
  month: string;
  path: string;
}

const MONTH_FILE = /^(\d{4}-\d{2})\.jsonl$/;

export async function findExpired(dataDir: string, now: Date, keepMonths: number): Promise<ExpiredFile[]> {
  const root = join(dataDir, 'calls');
  let clerks: string[];
  try {
    clerks = await fs.readdir(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: ExpiredFile[] = [];
  for (const clerkId of clerks.sort()) {
    const names = await fs.readdir(join(root, clerkId)).catch(() => [] as string[]);
    const months = names.map((n) => MONTH_FILE.exec(n)?.[1]).filter((m): m is string => m !== undefined);
    for (const month of expiredMonths(months, now, keepMonths)) found.push({ clerkId, month, path: join(root, clerkId, `${month}.jsonl`) });
  }
  return found;
}

/** How many records each file holds: what the removal record states. */
export async function countRecords(files: ExpiredFile[]): Promise<{ clerkId: string; month: string; records: number }[]> {
  return Promise.all(
    files.map(async (file) => ({
      clerkId: file.clerkId,
      month: file.month,
      records: (await fs.readFile(file.path, 'utf8')).split('\n').filter(Boolean).length,
    })),
  );
}

/** Removes the files, and a torn line set aside beside one. */
export async function removeFiles(files: ExpiredFile[]): Promise<void> {
  for (const file of files) {
    await fs.rm(file.path, { force: true });
    await fs.rm(`${file.path}.quarantine`, { force: true });
    await syncDirectory(join(file.path, '..'));
  }
}
