import { z } from 'zod';
import { lowerCaseUuid } from './ids';
import { PROFILE_LIMITS, ROLES, type Profile } from '../settings/profile';

/**
 * What every journal line starts with, whatever its type: the schema version,
 * the type, a time-ordered id, its place in the file's hash chain, when it was
 * saved and by whom. The clerk's name is copied in so a team lead can read an
 * old file after a profile changed; it is the clerk's, never a client's.
 */
export const RECORD_SCHEMA_VERSION = 1;

/**
 * The years a record may carry. A file holds what anyone put in it: a record
 * of the year 0 or 20000 would be filed under a month no register lists, and
 * counted as imported while nobody could ever see it.
 */
export const EARLIEST_RECORD_YEAR = 2000;
export const LATEST_RECORD_YEAR = 9999;

/** A moment in a record: ISO 8601 in UTC, within the years a register can show. */
export function recordTime() {
  return z
    .string()
    .datetime()
    .refine((value) => {
      const year = new Date(value).getUTCFullYear();
      return year >= EARLIEST_RECORD_YEAR && year <= LATEST_RECORD_YEAR;
    }, `rok spoza ${EARLIEST_RECORD_YEAR}–${LATEST_RECORD_YEAR}`);
}

/** Every string a record holds is bounded: a file may come from anywhere. */
export const ClerkSnapshotSchema = z.object({
  id: lowerCaseUuid(),
  firstName: z.string().max(PROFILE_LIMITS.firstName),
  lastName: z.string().max(PROFILE_LIMITS.lastName),
  role: z.enum(ROLES),
  unit: z.string().max(PROFILE_LIMITS.unit),
});
export type ClerkSnapshot = z.infer<typeof ClerkSnapshotSchema>;

export const recordBase = {
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
  id: lowerCaseUuid(),
  /** SHA-256 (hex) of the previous line of the same file; see the journal. */
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  savedAt: recordTime(),
  clerk: ClerkSnapshotSchema,
};

export function clerkSnapshot(profile: Profile): ClerkSnapshot {
  return {
    id: profile.clerkId,
    firstName: profile.firstName,
    lastName: profile.lastName,
    role: profile.role,
    unit: profile.unit,
  };
}
