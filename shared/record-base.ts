import { z } from 'zod';
import { ROLES, type Profile } from './profile';

/**
 * What every journal line starts with, whatever its type: the schema version,
 * the type, a time-ordered id, its place in the file's hash chain, when it was
 * saved and by whom. The clerk's name is copied in so a team lead can read an
 * old file after a profile changed; it is the clerk's, never a client's.
 */
export const RECORD_SCHEMA_VERSION = 1;

export const ClerkSnapshotSchema = z.object({
  id: z.string().uuid(),
  firstName: z.string(),
  lastName: z.string(),
  role: z.enum(ROLES),
  unit: z.string(),
});
export type ClerkSnapshot = z.infer<typeof ClerkSnapshotSchema>;

export const recordBase = {
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
  id: z.string().uuid(),
  /** SHA-256 (hex) of the previous line of the same file; see the journal. */
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  savedAt: z.string().datetime(),
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
