import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the journal's files are: `calls/<clerk-id>/<YYYY-MM>.jsonl`, the
 * same in this computer's data directory, the team folder and imports, with
 * the month's head beside each file (`<YYYY-MM>.jsonl.head`). The journal,
 * the register, retention, the import and the team copy all find files
 * through this module; month arithmetic is in shared/journal/months.ts.
 */

/** A month file's name; the month is its first seven characters. */
export const MONTH_FILE_NAME = /^(\d{4})-(0[1-9]|1[0-2])\.jsonl$/;

/** The folder of every clerk's month files under a root (a data directory, a team folder, the imports). */
export function callsDir(root: string): string {
  return join(root, 'calls');
}

/** A month file's path under a root. */
export function monthFilePath(root: string, clerkId: string, month: string): string {
  return join(callsDir(root), clerkId, `${month}.jsonl`);
}

/** `calls/<clerk>/<month>.jsonl`: how a month file is named to a person and in problems. */
export function monthFileRelative(clerkId: string, month: string): string {
  return `calls/${clerkId}/${month}.jsonl`;
}

/** The month a file name stands for, or null when it is no month file. */
export function monthOfFileName(name: string): string | null {
  return MONTH_FILE_NAME.test(name) ? name.slice(0, 7) : null;
}

/** A clerk's months under a root, oldest first; a clerk without a folder has none. Other errors are the caller's to say. */
export async function listMonths(root: string, clerkId: string): Promise<string[]> {
  try {
    const names = await fs.readdir(join(callsDir(root), clerkId));
    return names.flatMap((n) => monthOfFileName(n) ?? []).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
