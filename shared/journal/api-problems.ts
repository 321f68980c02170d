import { z } from 'zod';

/**
 * What can be wrong in a month file: a line that breaks the hash chain, a
 * line that is not a record, one of an unknown version, and — seen against
 * the month's head kept beside it — its newest line changed or its newest
 * lines cut off; or the file cannot be read at all (not a regular file, no
 * access); or a record of one clerk in another clerk's folder; or a month
 * with records and no head (deleted: what it covered cannot be checked).
 */
export const JOURNAL_PROBLEM_KINDS = ['broken-chain', 'corrupt-line', 'unknown-version', 'head-changed', 'lines-removed', 'unreadable', 'wrong-clerk', 'head-missing'] as const;

export const JournalProblemSchema = z.object({
  file: z.string(),
  line: z.number().int().min(1),
  kind: z.enum(JOURNAL_PROBLEM_KINDS),
  /**
   * What was found there (the line's hash and the one before it; for lines
   * cut off or a head missing, how the file ends now): the same kind at the
   * same line found again after other changes is a new problem, not one the
   * clerk acknowledged already. Absent where a head only remembers the kind
   * and the line.
   */
  trace: z.string().max(40).optional(),
});
export type JournalProblem = z.infer<typeof JournalProblemSchema>;
