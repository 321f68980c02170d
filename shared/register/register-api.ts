import { z } from 'zod';
import { JOURNAL_PROBLEM_KINDS } from '../journal/api-problems';
import { lowerCaseUuid } from '../journal/ids';
import { PERSON_ANSWERS } from '../call/outbound';
import { OUTCOMES } from '../call/outcomes';
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

/** The copies the register reads: this computer's journal, the team folder, files imported from clerks — or, instead of them all, the team database. */
export const FOLDER_KINDS = ['local', 'team', 'import', 'database'] as const;
export type RegisterFolderKind = (typeof FOLDER_KINDS)[number];

/** A month file's problems, and two copies of one call that disagree. */
export const REGISTER_PROBLEM_KINDS = [...JOURNAL_PROBLEM_KINDS, 'conflict'] as const;
export type RegisterProblemKind = (typeof REGISTER_PROBLEM_KINDS)[number];

/** Lines named in one problem entry; the rest are counted. */
export const PROBLEM_LINES_SHOWN = 5;

/** One kind of problem in one copy of a month file: the first lines it is on, and how many the file has in all. */
export const RegisterProblemViewSchema = z.object({
  folder: z.enum(FOLDER_KINDS),
  clerkName: z.string(),
  month: z.string(),
  file: z.string(),
  kind: z.enum(REGISTER_PROBLEM_KINDS),
  /** The first few lines with this problem (for a conflict, none). */
  lines: z.array(z.number().int()).max(PROBLEM_LINES_SHOWN),
  /** More lines with this problem among those listed. */
  moreLines: z.number().int().min(0),
  /** Every problem the file has, of any kind. */
  fileCount: z.number().int().min(0),
  /** For a conflict: the other copy. */
  other: z.enum(FOLDER_KINDS).optional(),
});


/** One call of the register, opened: asked for by its id. */
export const RegisterCallQuerySchema = z.object({ id: lowerCaseUuid() }).strict();

/** A checklist item in an opened call: done, not done though it applied, or not applying to this call (shared/applicability.ts). */
export const CALL_ITEM_STATES = ['done', 'missed', 'not-applicable'] as const;
/** A done item ticked after the call ended, or in a burst of ticks at its very end (shared/compliance.ts): both count as ticked at wrap-up. */
export const TICK_MARKS = ['after-end', 'late-burst'] as const;

/**
 * A call as the register opens it: the stored record, read again from the
 * copy its row came from, read against its checklist version as the row is;
 * the note masked as the rows show it, the routed unit's name as the rows
 * have it. Nothing the register does not already show: no callback
 * reference, no typed name of the person called (the record has none).
 */
export const RegisterCallSchema = z.object({
  id: z.string(),
  clerkName: z.string(),
  direction: z.enum(['incoming', 'outgoing']),
  startedAt: z.string(),
  endedAt: z.string(),
  durationSec: z.number().int(),
  /** Outbound calls: who answered, and whether it was a good moment (null: not said, or incoming). */
  outboundPerson: z.enum(PERSON_ANSWERS).nullable(),
  goodMoment: z.boolean().nullable(),
  personalData: z.boolean(),
  /** How far its checklist could be trusted (see shared/checklist-catalog.ts). */
  trust: z.enum(['ok', 'recomputed', 'unknown-checklist']),
  items: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      state: z.enum(CALL_ITEM_STATES),
      /** When a done item was ticked, from the call's start. */
      atMs: z.number().int().nullable(),
      mark: z.enum(TICK_MARKS).nullable(),
    }),
  ),
  outcome: z.enum(OUTCOMES),
  routedTo: z.object({ unitName: z.string(), external: z.boolean() }).nullable(),
  /** Invited to the office: the appointment, if one was made. */
  invitation: z.object({ appointmentAt: z.string().nullable() }).nullable(),
  callbackDueAt: z.string().nullable(),
  /** This call was made for a callback agreed in an earlier one. */
  keepsCallback: z.boolean(),
  note: z.string(),
  /** Null when there was nothing to judge: nobody answered, or a checklist this app does not know. */
  greetingWithin30s: z.boolean().nullable(),
  score: z.number().nullable(),
  /** The copy it was read from, and its month file. */
  copy: z.enum(FOLDER_KINDS),
  file: z.string(),
  integrity: z.object({
    /** Its copy's problems, one entry per kind (none: the file's chain and head check out). */
    problems: z.array(RegisterProblemViewSchema),
    /** Another copy holds this call with other content. */
    conflictWith: z.enum(FOLDER_KINDS).nullable(),
    /** The import masked its note or callback reference. */
    maskedOnImport: z.boolean(),
  }),
});
export type RegisterCall = z.infer<typeof RegisterCallSchema>;

/** The register's problems, a page at a time: a folder of broken files can hold thousands. */
export const RegisterProblemsQuerySchema = z
  .object({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(200) })
  .strict();

export const RegisterProblemsPageSchema = z.object({
  /** Entries listed: one per kind of problem in each file, and one per conflict. */
  listed: z.number().int(),
  /** Every problem met, listed or only counted. */
  count: z.number().int(),
  offset: z.number().int(),
  problems: z.array(RegisterProblemViewSchema),
});

/** Folders or files named at most this many times in a page; the rest are counted. */
export const UNREADABLE_SHOWN = 50;

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
  /** How many integrity problems were met; listRegisterProblems pages through them. */
  problemCount: z.number().int(),
  /** Folders or files that could not be read at all (an unreachable share), the first UNREADABLE_SHOWN. */
  unreadable: z.array(z.object({ folder: z.enum(FOLDER_KINDS), path: z.string(), code: z.string() })),
  unreadableCount: z.number().int(),
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
    /** The file to import; null: the file the person gives (an open dialog on the desktop, or `upload`). */
    path: z.string().min(1).max(1024).nullable(),
    /** In web mode: the file the page uploaded for this import (POST /files answers with it). */
    upload: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .nullable()
      .default(null),
  })
  .strict();

/** Why a line of an import file is not filed: not JSON, not a record of this app (or one outside its rules), longer than any record, saved after today, a call the app could not have saved (call-record-plausible.ts). */
export const IMPORT_REJECT_REASONS = ['not-json', 'not-a-call-record', 'too-long', 'in-future', 'impossible-call'] as const;

export const ImportResultSchema = z.object({
  /** The file imported; null when the person cancelled the dialog. */
  path: z.string().nullable(),
  imported: z.number().int(),
  /** Other records filed with the calls (the day's readiness checks, retention notes). */
  otherRecords: z.number().int(),
  duplicates: z.number().int(),
  /** Records whose id the register already holds with other content: kept aside, both shown to the lead. */
  conflicts: z.number().int(),
  /** Imported records whose note or callback reference held an identifier, masked on the way in. */
  masked: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), reason: z.enum(IMPORT_REJECT_REASONS) })),
  rejectedCount: z.number().int(),
});
