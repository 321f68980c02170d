/**
 * Where the journal's files are: `calls/<clerk-id>/<YYYY-MM>.jsonl`, the
 * same in this computer's data directory, the team folder and imports, with
 * the month's head beside each file (`<YYYY-MM>.jsonl.head`).
 */

/** A month file's name; the month is its first seven characters. */
export const MONTH_FILE_NAME = /^(\d{4})-(0[1-9]|1[0-2])\.jsonl$/;

/** `calls/<clerk>/<month>.jsonl`: how a month file is named to a person and in problems. */
export function monthFileRelative(clerkId: string, month: string): string {
  return `calls/${clerkId}/${month}.jsonl`;
}

/** The month (YYYY-MM, local time) `n` months before the one `now` is in. */
export function monthsBefore(now: Date, n: number): string {
  const d = new Date(now.getFullYear(), now.getMonth() - n, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}
