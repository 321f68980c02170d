import { z } from 'zod';

/**
 * Team mode and retention, as set in settings: the shared folder each
 * clerk's records are copied to (and the team lead reads), and how many
 * months of records are kept.
 */
export const DEFAULT_RETENTION_MONTHS = 24;
export const RETENTION_MAX_MONTHS = 240;

const ABSOLUTE = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/; // /mnt/…, Z:\…, \\serwer\udział\…

export const TeamSettingsInputSchema = z
  .object({
    teamFolder: z
      .string()
      .trim()
      .max(1024, 'tooLong')
      .transform((path) => (path === '' ? null : path))
      .pipe(z.string().regex(ABSOLUTE, 'notAbsolute').nullable())
      .nullable(),
    retentionMonths: z.number({ message: 'retention' }).int('retention').min(1, 'retention').max(RETENTION_MAX_MONTHS, 'retention'),
  })
  .strict();
export type TeamSettingsInput = z.input<typeof TeamSettingsInputSchema>;

export const TeamStatusSchema = z.object({
  folder: z.string().nullable(),
  pending: z.number().int().min(0),
  reachable: z.boolean().nullable(),
  lastError: z.string().nullable(),
  /** Why copies wait on this computer's side (the outbox could not be written or read), or null. */
  localError: z.string().nullable().default(null),
  lastDeliveredAt: z.string().nullable(),
});
export type TeamStatus = z.infer<typeof TeamStatusSchema>;
