import { z } from 'zod';
import { optionalAbsolutePath } from './paths';
import { TeamDatabaseInputSchema } from './team-database';

/**
 * Team mode and retention, as set in settings: where each clerk's records
 * are copied to (and the team lead reads) — a shared folder, or a
 * PostgreSQL database (team-database.ts), never both — and how many months
 * of records are kept.
 */
export const DEFAULT_RETENTION_MONTHS = 24;
export const RETENTION_MAX_MONTHS = 240;

export const TeamSettingsInputSchema = z
  .object({
    teamFolder: optionalAbsolutePath(),
    /** The team database instead of a folder; null (or left out): none. */
    teamDatabase: TeamDatabaseInputSchema.nullable().default(null),
    retentionMonths: z.number({ message: 'retention' }).int('retention').min(1, 'retention').max(RETENTION_MAX_MONTHS, 'retention'),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.teamFolder !== null && input.teamDatabase !== null) ctx.addIssue({ code: 'custom', path: ['teamFolder'], message: 'oneTarget' });
  });
export type TeamSettingsInput = z.input<typeof TeamSettingsInputSchema>;

export const TeamStatusSchema = z.object({
  /** The team folder copies go to; null when they go to a database or nowhere. */
  folder: z.string().nullable(),
  /** The team database copies go to, named without its password; null when not a database. */
  database: z.string().nullable().default(null),
  pending: z.number().int().min(0),
  reachable: z.boolean().nullable(),
  lastError: z.string().nullable(),
  /** Why copies wait on this computer's side (the outbox could not be written or read), or null. */
  localError: z.string().nullable().default(null),
  lastDeliveredAt: z.string().nullable(),
  /** Records kept aside on this computer because the team copy holds their id with other content. */
  conflicts: z.number().int().min(0).default(0),
  /** Records kept aside on this computer because the team copy refused them (or they are not as the journal holds them). */
  undeliverable: z.number().int().min(0).default(0),
});
export type TeamStatus = z.infer<typeof TeamStatusSchema>;
