import { z } from 'zod';
import { JOURNAL_PROBLEM_KINDS } from './api-problems';

/**
 * Something wrong found in the clerk's own journal or its team copy, kept on
 * screen until the clerk acknowledges it: a month file's problem (a broken
 * chain, an unreadable line, newest lines changed or cut off) or a torn line
 * set aside after a crash.
 */
export const JOURNAL_ALERT_KINDS = [...JOURNAL_PROBLEM_KINDS, 'quarantined'] as const;

export const JournalAlertSchema = z.object({
  /** Stable for one problem, so the same problem found again is the same alert. */
  id: z.string().max(400),
  copy: z.enum(['local', 'team']),
  /** `calls/<clerk>/<YYYY-MM>.jsonl` */
  file: z.string().max(300),
  kind: z.enum(JOURNAL_ALERT_KINDS),
  /** The first line concerned; null for a torn line set aside. */
  line: z.number().int().min(1).nullable(),
  /** How many problems of this kind the file has. */
  count: z.number().int().min(1),
  foundAt: z.string(),
  /** What was found (JournalProblem.trace): acknowledging it does not silence another find at the same line. */
  trace: z.string().max(40).optional(),
  /** Every find this alert stands for (one line each, as kept): acknowledged together, none is raised again on its own. */
  finds: z.array(z.string().max(450)).max(200).optional(),
});
export type JournalAlert = z.infer<typeof JournalAlertSchema>;
