import { z } from 'zod';
import { optionalAbsolutePath } from './paths';

/**
 * Team mode on a PostgreSQL database (instead of a shared folder): where it
 * is, how the connection is secured, and which office this computer's
 * records belong to. The password is set apart from the address so the
 * address can be shown and the password never is: the page sends a new one
 * or none (keep the saved one), and never gets it back.
 */
export const TLS_MODES = ['verify-full', 'require', 'disable'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

/** An office's id in the database: lower-case letters, digits and dashes (`pup-lodz`). */
export const OFFICE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * `postgresql://login@host:port/database` — the parts the app needs and no
 * more: a password goes in its own field, TLS in its own setting (a second
 * place to set it would be a second truth), other parameters are refused.
 */
const URL_SHAPE = /^postgres(?:ql)?:\/\/(?:([^:@/?#\s]+)(:[^@/?#\s]*)?@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?\/([^/?#\s]+)(\?.*)?$/;

export interface DatabaseAddress {
  login: string | null;
  host: string;
  port: number;
  database: string;
}

export const ADDRESS_PROBLEMS = ['notUrl', 'passwordInUrl', 'parametersInUrl', 'port'] as const;
export type AddressProblem = (typeof ADDRESS_PROBLEMS)[number];

export function parseDatabaseAddress(text: string): { ok: true; address: DatabaseAddress } | { ok: false; problem: AddressProblem } {
  const match = URL_SHAPE.exec(text);
  if (!match) return { ok: false, problem: 'notUrl' };
  const [, login, password, host, port, database, query] = match;
  if (password !== undefined) return { ok: false, problem: 'passwordInUrl' };
  if (query !== undefined) return { ok: false, problem: 'parametersInUrl' };
  const portNumber = port === undefined ? 5432 : Number(port);
  if (portNumber < 1 || portNumber > 65535) return { ok: false, problem: 'port' };
  // A name the network could never resolve, or %-escapes that are not: not an address.
  if (!host!.startsWith('[') && (host!.length > 253 || host!.split('.').some((label) => label.length === 0 || label.length > 63))) return { ok: false, problem: 'notUrl' };
  const decoded = [login, database].map((part) => (part === undefined ? '' : decodedOrNull(part)));
  if (decoded.includes(null)) return { ok: false, problem: 'notUrl' };
  return { ok: true, address: { login: login ?? null, host: host!, port: portNumber, database: database! } };
}

function decodedOrNull(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** How the status names the database: never the password, which is not in the address anyway. */
export function describeDatabase(url: string, officeId: string): string {
  const parsed = parseDatabaseAddress(url);
  if (!parsed.ok) return officeId;
  const { login, host, port, database } = parsed.address;
  return `${login ? `${login}@` : ''}${host}${port === 5432 ? '' : `:${port}`}/${database} · ${officeId}`;
}

export const TeamDatabaseInputSchema = z
  .object({
    url: z
      .string()
      .trim()
      .max(1024, 'tooLong')
      .superRefine((url, ctx) => {
        const parsed = parseDatabaseAddress(url);
        if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.problem });
        else if (parsed.address.login === null) ctx.addIssue({ code: 'custom', message: 'noLogin' });
      }),
    /** A new password, or null to keep the one saved (none, for a database that asks for none). */
    password: z.string().max(1024, 'tooLong').nullable(),
    tls: z.enum(TLS_MODES),
    /** The authority to trust besides the system's (an office's own CA), as a PEM file; null: the system's. */
    caFile: optionalAbsolutePath(),
    officeId: z.string().trim().regex(OFFICE_ID, 'officeId'),
  })
  .strict();
export type TeamDatabaseInput = z.input<typeof TeamDatabaseInputSchema>;

/** The database as settings.json keeps it. */
export const TeamDatabaseSchema = z.object({
  url: z.string(),
  password: z.string().nullable(),
  tls: z.enum(TLS_MODES),
  caFile: z.string().nullable(),
  officeId: z.string().regex(OFFICE_ID),
});
export type TeamDatabase = z.infer<typeof TeamDatabaseSchema>;

/** The database as the page sees it: whether a password is saved, never the password. */
export const TeamDatabaseViewSchema = TeamDatabaseSchema.omit({ password: true }).extend({ passwordSaved: z.boolean() });
export type TeamDatabaseView = z.infer<typeof TeamDatabaseViewSchema>;

export function databaseView(database: TeamDatabase | null): TeamDatabaseView | null {
  if (!database) return null;
  const { password, ...shown } = database;
  return { ...shown, passwordSaved: password !== null && password !== '' };
}

/**
 * Why the team database cannot take copies now — each said in the clerk's
 * language, the records kept in the outbox meanwhile.
 */
export const DATABASE_TROUBLES = [
  'db-unreachable',
  'db-password',
  'db-refused',
  'db-no-database',
  'db-tls-refused',
  'db-tls-required',
  'db-tls-untrusted',
  'db-ca-file',
  'db-no-schema',
  'db-schema-older',
  'db-schema-newer',
  'db-read-only',
  'db-forbidden',
  'db-not-member',
  'db-other-clerk',
  'db-clerk-elsewhere',
  'db-busy',
  'db-error',
] as const;
export type DatabaseTrouble = (typeof DATABASE_TROUBLES)[number];
