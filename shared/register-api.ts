import { z } from 'zod';
import { OUTCOMES } from './outcomes';
import { RegisterFilterSchema, RegisterSortSchema } from './register';

/**
 * What the register's API methods carry: a page of rows as the table shows
 * them, the summary of the whole filtered set, the lists the filters offer,
 * and every integrity problem met while reading.
 */
const ShareSchema = z.object({ count: z.number().int().min(0), of: z.number().int().min(0), rate: z.number().nullable() });

export const RegisterSummarySchema = z.object({
  calls: z.number().int(),
  incoming: z.number().int(),
  outgoing: z.number().int(),
  meanDurationSec: z.number().nullable(),
  medianDurationSec: z.number().nullable(),
  items: z.array(z.object({ id: z.string(), label: z.string(), done: ShareSchema })),
  greetingWithin30s: ShareSchema,
  identityConfirmedOutbound: ShareSchema,
  routed: ShareSchema,
  invited: ShareSchema,
  callbacksAgreed: z.number().int(),
  callbacksKeptOnTime: ShareSchema,
  itemsTickedAtWrapUp: ShareSchema,
  meanScore: z.number().nullable(),
  perDay: z.array(z.object({ day: z.string(), calls: z.number().int() })),
  outcomes: z.record(z.enum(OUTCOMES), z.number().int()),
  routingTargets: z.array(z.object({ unitId: z.string(), unitName: z.string(), external: z.boolean(), calls: z.number().int() })),
});

export const RegisterRowViewSchema = z.object({
  id: z.string(),
  clerkName: z.string(),
  startedAt: z.string(),
  direction: z.enum(['incoming', 'outgoing']),
  durationSec: z.number().int(),
  outcome: z.enum(OUTCOMES),
  routedTo: z.string().nullable(),
  missed: z.array(z.string()),
  score: z.number().nullable(),
  note: z.string(),
  /** What is wrong with the file the record came from; '' when nothing. */
  integrity: z.string(),
});
export type RegisterRowView = z.infer<typeof RegisterRowViewSchema>;

const FOLDER_KINDS = ['local', 'team', 'import'] as const;

export const RegisterProblemViewSchema = z.object({
  folder: z.enum(FOLDER_KINDS),
  clerkName: z.string(),
  month: z.string(),
  file: z.string(),
  line: z.number().int(),
  kind: z.enum(['broken-chain', 'corrupt-line', 'unknown-version']),
});

export const REGISTER_PAGE_MAX = 500;

export const RegisterQuerySchema = z
  .object({
    filter: RegisterFilterSchema,
    sort: RegisterSortSchema,
    offset: z.number().int().min(0),
    limit: z.number().int().min(0).max(REGISTER_PAGE_MAX),
    /** Read what changed on disk first (opening the view, "Odśwież"); paging does not. */
    refresh: z.boolean(),
    withSummary: z.boolean(),
  })
  .strict();

export const RegisterPageSchema = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  rows: z.array(RegisterRowViewSchema),
  summary: RegisterSummarySchema.nullable(),
  facets: z.object({
    clerks: z.array(z.object({ id: z.string(), name: z.string() })),
    units: z.array(z.object({ id: z.string(), name: z.string() })),
    items: z.array(z.object({ id: z.string(), label: z.string() })),
  }),
  problems: z.array(RegisterProblemViewSchema),
  /** Folders or files that could not be read at all (an unreachable share). */
  unreadable: z.array(z.object({ folder: z.enum(FOLDER_KINDS), path: z.string(), code: z.string() })),
});

export const RegisterExportSchema = z
  .object({
    filter: RegisterFilterSchema,
    sort: RegisterSortSchema,
    format: z.enum(['csv', 'jsonl']),
    /** Where to write; null: ask the person (a save dialog on the desktop). */
    path: z.string().min(1).max(1024).nullable(),
  })
  .strict();

export const ImportInputSchema = z
  .object({
    /** The file to import; null: ask the person (an open dialog on the desktop). */
    path: z.string().min(1).max(1024).nullable(),
  })
  .strict();

export const ImportResultSchema = z.object({
  /** The file imported; null when the person cancelled the dialog. */
  path: z.string().nullable(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), reason: z.enum(['not-json', 'not-a-call-record']) })),
  rejectedCount: z.number().int(),
});
