import { z } from 'zod';

/**
 * The change log the directory editor keeps beside each office file it
 * saves (`katalog.json` → `katalog.changes.jsonl`), one line a save: who
 * changed what and when, and the file's SHA-256 before and after — so a
 * lead can see who edited an entry, and the editor can say whose save came
 * in between when the file changed on the share under it. It names office
 * staff (the lead's name from their profile) and entries, never a caller.
 */
export const EntryChangeSchema = z.object({
  list: z.enum(['matters', 'units', 'sites', 'terms']),
  id: z.string(),
  title: z.string(),
  change: z.enum(['added', 'changed', 'removed']),
  /** The fields that differ, for a changed entry. */
  fields: z.array(z.string()).optional(),
});
export type EntryChange = z.infer<typeof EntryChangeSchema>;

export const ChangeLogEntrySchema = z.object({
  at: z.iso.datetime(),
  /** The lead's first and last name, as their profile has it. */
  by: z.string(),
  /** The file's SHA-256 (hex) before the save; null when the save made the file. */
  before: z.string().nullable(),
  after: z.string(),
  changes: z.array(EntryChangeSchema),
  /** How many more entries the save changed than are named (a save of a whole directory). */
  more: z.number().int().min(1).optional(),
});
export type ChangeLogEntry = z.infer<typeof ChangeLogEntrySchema>;

/** The most entries one line names: a save of a whole directory (a yearly update of every day checked) says how many more. */
export const LOG_CHANGES_LISTED = 200;

/** The line for one save, its entries cut to {@link LOG_CHANGES_LISTED}. */
export function changeLogEntry(at: Date, by: string, before: string | null, after: string, changes: EntryChange[]): ChangeLogEntry {
  const more = changes.length - LOG_CHANGES_LISTED;
  return { at: at.toISOString(), by, before, after, changes: changes.slice(0, LOG_CHANGES_LISTED), ...(more > 0 ? { more } : {}) };
}

/** Where a file's change log is: beside it, its name ending `.changes.jsonl` instead of `.json`. */
export function changeLogPath(file: string): string {
  return file.replace(/\.json$/i, '') + '.changes.jsonl';
}
