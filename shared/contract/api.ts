import { z } from 'zod';
import type { ApiMethodName } from './api-methods';
import { ActiveCallSchema, CallStateSchema, STORED_NOTE_MAX_LENGTH } from '../call/call-machine';
import { CallbackChangeInputSchema } from '../callbacks/callback-change-record';
import { CallbackContactInputSchema, HONORIFICS } from '../callbacks/callback-contact';
import { ChecklistDefinitionSchema } from '../call/checklist';
import { DirectorySchema, GlossarySchema } from '../directory/directory';
import { TABLES } from '../directory/directory-tables';
import { CONTENT_SOURCES, OfficeFilePathSchema, OfficeFilesInputSchema, OfficeFilesSchema } from '../settings/office-files';
import { OUTCOMES } from '../call/outcomes';
import { HOTKEY_ACTIONS, PreferencesSchema } from '../settings/preferences';
import { ProfileInputSchema, ProfileSchema } from '../settings/profile';
import { ImportInputSchema, ImportResultSchema, RegisterCallQuerySchema, RegisterCallSchema, RegisterExportSchema, RegisterPageSchema, RegisterProblemsPageSchema, RegisterProblemsQuerySchema, RegisterQuerySchema } from '../register/register-api';
import { JournalProblemSchema } from '../journal/api-problems';
import { TeamDatabaseViewSchema } from '../settings/team-database';
import { TeamSettingsInputSchema, TeamStatusSchema } from '../settings/team-settings';
import { ScriptsSchema } from '../call/scripts';
import { ShiftInputSchema } from '../journal/shift-record';
import { JournalAlertSchema } from '../journal/journal-alerts';
import { RETENTION_COPIES } from '../journal/retention';
import { CallSummarySchema } from '../journal/call-record';

/**
 * The one API contract between the renderer and the Node side. Each method is
 * an input and an output schema; both transports (Electron IPC and web-mode
 * HTTP) validate against the same table, and the renderer's client is typed
 * from it. Adding a method: a schema pair here (its name in api-methods.ts),
 * a handler in its area's file in electron/handlers/ — both transports pick
 * it up. Errors it may answer with are keys of service-errors.ts.
 */

export const NoticeSchema = z.object({
  code: z.enum([
    'settings-corrupt',
    'draft-corrupt',
    'draft-restored',
    'callback-contacts-corrupt',
    'office-directory-invalid',
    'office-glossary-invalid',
    'retention-due',
  ]),
  /** A file name relative to the data directory (or an office file's full path), for the person to find it. */
  file: z.string().optional(),
  /** The first problem found, as `FILE:LINE:COLUMN path message`. */
  detail: z.string().optional(),
  /** How many more problems the file has. */
  more: z.number().int().min(0).optional(),
  /** What is used instead of an invalid office file. */
  using: z.enum(['last-good', 'built-in']).optional(),
  /** Months past retention, to be removed once the person agrees. */
  months: z.array(z.string()).optional(),
  retentionMonths: z.number().int().optional(),
});
export type Notice = z.infer<typeof NoticeSchema>;

export { JournalProblemSchema, JOURNAL_PROBLEM_KINDS, type JournalProblem } from '../journal/api-problems';

export { CallSummarySchema };

/** Whom to call, as kept on this computer (shared/callback-contact.ts); null once purged or never given. */
export const CallbackContactViewSchema = z.object({
  phone: z.string(),
  name: z.string().nullable(),
  honorific: z.enum(HONORIFICS).nullable(),
  spokenName: z.string().nullable(),
  caseRef: z.string().nullable(),
});

export const CallbackSchema = z.object({
  id: z.string(),
  dueAt: z.string(),
  reference: z.string(),
  agreedAt: z.string(),
  attempts: z.number().int().min(0),
  rescheduled: z.boolean(),
  contact: CallbackContactViewSchema.nullable(),
});

const empty = z.object({}).strict();

const JournalAlertsSchema = z.object({ alerts: z.array(JournalAlertSchema), more: z.number().int().min(0) });

export const HotkeyProblemSchema = z.object({ action: z.enum(HOTKEY_ACTIONS), refused: z.string(), kept: z.string().nullable() });

const ContentSourcesSchema = z.object({ directory: z.enum(CONTENT_SOURCES), glossary: z.enum(CONTENT_SOURCES) });

/** An office file as the directory editor opens it (electron/services/directory-editing.ts). */
const fileForEditing = <T extends z.ZodType>(value: T) =>
  z.object({
    /** null: no office file set yet; the editor asks where to save. */
    file: z.string().nullable(),
    /** SHA-256 of the bytes opened; null: no such file yet. */
    hash: z.string().nullable(),
    value,
    /** The file's problems when it does not check out (the editor starts from the content in use). */
    problems: z.array(z.string()),
  });

const fileToSave = <T extends z.ZodType>(value: T) => z.object({ file: OfficeFilePathSchema, baseHash: z.string().regex(/^[0-9a-f]{64}$/).nullable(), value }).strict();

const ContentReplacedSchema = z.object({ directory: DirectorySchema, glossary: GlossarySchema, officeFiles: OfficeFilesSchema, contentSources: ContentSourcesSchema });

export const apiContract = {
  getAppState: {
    input: empty,
    output: z.object({
      profile: ProfileSchema.nullable(),
      /** The call checklists: incoming and outgoing. */
      checklists: z.array(ChecklistDefinitionSchema),
      shiftChecklist: ChecklistDefinitionSchema,
      scripts: ScriptsSchema,
      directory: DirectorySchema,
      glossary: GlossarySchema,
      officeFiles: OfficeFilesSchema,
      contentSources: ContentSourcesSchema,
      team: z.object({ teamFolder: z.string().nullable(), teamDatabase: TeamDatabaseViewSchema.nullable().default(null), retentionMonths: z.number().int() }),
      preferences: PreferencesSchema,
      /** Global hotkeys the system refused at start (taken by another program), with the one kept instead. */
      hotkeyProblems: z.array(HotkeyProblemSchema),
      /** Whether today's shift-readiness check is recorded (done or skipped). */
      shiftToday: z.boolean(),
      draft: CallStateSchema,
      notices: z.array(NoticeSchema),
      /** Problems found in the clerk's own journal and its team copy, shown until acknowledged. */
      journalAlerts: JournalAlertsSchema,
    }),
  },
  /** The clerk has read these journal alerts: they are not shown again, nor raised again for the same problem. */
  acknowledgeJournalAlerts: {
    input: z.object({ ids: z.array(z.string().max(400)).min(1).max(100) }).strict(),
    output: JournalAlertsSchema,
  },
  saveProfile: {
    input: ProfileInputSchema,
    output: ProfileSchema,
  },
  /** Checks the office's files and, when both check out, uses them from now on (null: the built-in one). */
  saveOfficeFiles: {
    input: OfficeFilesInputSchema,
    output: ContentReplacedSchema,
  },
  /** The team lead's directory editor: the office's files as they are now on the share. */
  openDirectoryEditor: {
    input: empty,
    output: z.object({ directory: fileForEditing(DirectorySchema), glossary: fileForEditing(GlossarySchema) }),
  },
  /** A table of the directory (as the editor has it now) to a CSV file for Polish Excel, where the person chooses (a save dialog, or a download). */
  exportDirectoryTable: {
    input: z.object({ table: z.enum(TABLES), rows: z.array(z.array(z.string().max(40_000)).max(40)).min(1).max(50_000) }).strict(),
    output: z.object({ path: z.string().nullable(), download: z.string().nullable() }),
  },
  /** A table the person gives back (an open dialog, or `upload`), as rows of cells; `name` null: cancelled. */
  importDirectoryTable: {
    input: z.object({ upload: z.string().regex(/^[0-9a-f]{32}$/).nullable() }).strict(),
    output: z.object({ name: z.string().nullable(), rows: z.array(z.array(z.string())) }),
  },
  /**
   * A search the clerk left without opening a result: counted by its folded
   * words, masked (shared/directory/search-misses.ts), for the lead's report.
   * Said silently: a failure changes nothing on the clerk's screen.
   */
  countSearchMiss: {
    input: z.object({ query: z.string().max(2_000) }).strict(),
    output: z.object({ ok: z.literal(true) }),
  },
  /** The month's most frequent searches that found nothing good, across the team. */
  searchMissReport: {
    input: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }).strict(),
    output: z.object({
      month: z.string(),
      clerks: z.number().int(),
      misses: z.number().int(),
      phrases: z.array(z.object({ phrase: z.string(), count: z.number().int(), clerks: z.number().int() })),
    }),
  },
  /**
   * Saves the editor's changes onto the files it opened (each only if it is
   * still as opened), with a line in each file's change log, and uses them
   * from now on.
   */
  saveDirectoryEdits: {
    input: z.object({ directory: fileToSave(DirectorySchema).optional(), glossary: fileToSave(GlossarySchema).optional() }).strict(),
    output: ContentReplacedSchema.extend({
      /** What each file saved now is (its path and SHA-256): the editor's new base. */
      saved: z.object({ directory: z.object({ file: z.string(), hash: z.string() }).nullable(), glossary: z.object({ file: z.string(), hash: z.string() }).nullable() }),
      /** Two files cannot be replaced as one: the second that failed after the first was saved (null: none did). */
      failed: z.object({ file: z.string(), code: z.string() }).nullable(),
    }),
  },
  saveDraft: {
    input: z.object({ state: CallStateSchema }).strict(),
    output: z.object({ ok: z.literal(true) }),
  },
  saveCall: {
    input: z
      .object({
        call: ActiveCallSchema,
        // None chosen is refused by the wrap-up's own rule (shared/call/wrap-up.ts), in the window's words.
        outcome: z.enum(OUTCOMES).nullable().default(null),
        // A note restored from a draft is already masked and may be longer than what was typed.
        note: z.string().max(STORED_NOTE_MAX_LENGTH),
        /** Whom to call back: required with the outcome "callback", kept on this computer only. */
        contact: CallbackContactInputSchema.nullable().optional(),
      })
      .strict(),
    output: CallSummarySchema,
  },
  saveShift: {
    input: ShiftInputSchema,
    output: z.object({ ok: z.literal(true) }),
  },
  listCallbacks: {
    input: empty,
    output: z.object({ callbacks: z.array(CallbackSchema) }),
  },
  /** Moves an open callback to another time or calls it off (a journal line of its own); returns the open callbacks. */
  changeCallback: {
    input: CallbackChangeInputSchema,
    output: z.object({ callbacks: z.array(CallbackSchema) }),
  },
  notify: {
    input: z.object({ title: z.string().min(1).max(120), body: z.string().max(400) }).strict(),
    /** Whether a desktop notification was shown; false means: show it in the window instead. */
    output: z.object({ shown: z.boolean() }),
  },
  listRecentCalls: {
    input: z.object({ limit: z.number().int().min(1).max(500) }).strict(),
    /** The first few problems met in the month files read, and how many there are in all. */
    output: z.object({ calls: z.array(CallSummarySchema), problems: z.array(JournalProblemSchema), problemCount: z.number().int() }),
  },
  /**
   * The clerk's preferences. Global hotkeys are registered first: one the
   * system refuses is reported and the previous one kept (and saved).
   */
  savePreferences: {
    input: PreferencesSchema.strict(),
    output: z.object({ preferences: PreferencesSchema, hotkeyProblems: z.array(HotkeyProblemSchema) }),
  },
  /** The desktop overlay's title-bar buttons; nothing in web mode, where the browser has its own. */
  windowControl: {
    input: z.object({ action: z.enum(['minimize', 'hide']) }).strict(),
    output: z.object({ ok: z.literal(true) }),
  },
  /** While a hotkey field has the focus the global hotkeys are let go, so pressing one records it instead of running it. */
  suspendHotkeys: {
    input: z.object({ suspended: z.boolean() }).strict(),
    output: z.object({ ok: z.literal(true) }),
  },
  /** The call in progress, for the tray's tooltip timer (null between calls). */
  followCall: {
    input: z.object({ startedAt: z.number().int().min(0).nullable() }).strict(),
    output: z.object({ ok: z.literal(true) }),
  },
  /** Team mode and retention: checked (the folder must be reachable, the database must answer) before they are saved. */
  saveTeamSettings: {
    input: TeamSettingsInputSchema,
    output: TeamStatusSchema,
  },
  /** How the copies to the team folder or database are doing: what waits in the outbox, whether the copy answers. */
  getTeamStatus: {
    input: empty,
    output: TeamStatusSchema,
  },
  /** Removes this computer's month files past retention — only the months named, and only if still past it — and records it. */
  applyRetention: {
    input: z.object({ months: z.array(z.string().regex(/^\d{4}-\d{2}$/)).min(1).max(1200) }).strict(),
    output: z.object({
      removed: z.array(z.object({ copy: z.enum(RETENTION_COPIES), clerkId: z.string(), month: z.string(), records: z.number().int() })),
      /** Files that could not be removed now (no rights, a share gone): offered again at the next start. */
      notRemoved: z.array(z.object({ copy: z.enum(RETENTION_COPIES), clerkId: z.string(), month: z.string(), code: z.string() })),
    }),
  },
  /** The team lead's register: a page of the filtered calls, and their summary. */
  queryRegister: {
    input: RegisterQuerySchema,
    output: RegisterPageSchema,
  },
  /** The register's integrity problems, a page at a time. */
  listRegisterProblems: {
    input: RegisterProblemsQuerySchema,
    output: RegisterProblemsPageSchema,
  },
  /** One call of the register, opened: every item with its tick's time, the note, the routing, the integrity of its copy. */
  registerCall: {
    input: RegisterCallQuerySchema,
    output: RegisterCallSchema,
  },
  /** Exports the filtered calls to a file; `path: null` when the person cancelled the save dialog. */
  exportRegister: {
    input: RegisterExportSchema,
    // Where it went: a path the person chose (desktop), or an address the page downloads it from once (web mode); both null: cancelled.
    output: z.object({ path: z.string().nullable(), download: z.string().nullable(), rows: z.number().int() }),
  },
  /** The summary and charts on screen as a PDF, saved where the person chooses (desktop); in a browser, the page prints itself (`printInWindow`). */
  printReport: {
    input: z.object({ suggestedName: z.string().regex(/^[\w.-]{1,80}\.pdf$/) }).strict(),
    output: z.object({ path: z.string().nullable(), printInWindow: z.boolean() }),
  },
  /** Files calls exported by clerks (JSON Lines) into the register; a call already there is a duplicate, not a second copy. */
  importRecords: {
    input: ImportInputSchema,
    output: ImportResultSchema,
  },
} as const;

export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;

// Compile-time check that api-methods.ts lists exactly the contract's methods.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodListMatches: Same<ApiMethod, ApiMethodName> = true;
void methodListMatches;

export type ApiInput<M extends ApiMethod> = z.input<ApiContract[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<ApiContract[M]['output']>;

/** What the renderer calls; implemented over IPC or HTTP. */
export type Api = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>> };

/**
 * Errors cross both transports as data, never as thrown objects, so the
 * renderer sees the same shape whether it runs in Electron or a browser.
 */
export const API_ERROR_CODES = ['bad-input', 'no-profile', 'storage', 'forbidden', 'internal'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
/**
 * An error's `message` is Polish, for logs and tools; `key` and `params`
 * (when present) let the window say it in the clerk's language
 * (`serverErrors.<key>` in the renderer's translations).
 */
export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  key?: string;
  params?: Record<string, string | number>;
}
export type ApiEnvelope<T> = { ok: true; result: T } | { ok: false; error: ApiErrorBody };

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiContract, name);
}

/**
 * zod's own messages in Polish, for whatever a person may read: an office's
 * content files, refused API input. Schemas' custom messages win over it.
 */
export const polishIssueMessages = z.locales.pl().localeError;

/** "firstName: digits; unit: required" — short enough for a log, exact enough to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(całość)'}: ${issue.message}`)
    .join('; ');
}
