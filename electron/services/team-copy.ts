import type { JournalRecord } from '../../shared/journal/journal-record';

/**
 * Where team mode copies each saved record: a shared folder
 * (`team-folder-copy.ts`) or a PostgreSQL database
 * (`postgres/pg-team-copy.ts`). The outbox in front of either is the same
 * (`team-sync.ts`); a copy only says how one record gets there and which
 * records it already has, and tells a record it refuses from a copy that
 * cannot be reached.
 */
export type Delivery =
  /** Written now. */
  | 'delivered'
  /** Already there with the same content: a delivery repeated after a crash. */
  | 'already'
  /** Its id is there with other content: kept aside on this computer and reported. */
  | 'conflict';

/** This one record is refused (it does not chain, the copy finds it malformed): set aside, the rest go on. */
export class RecordRefused extends Error {}

export interface TeamCopy {
  /** What the status names: the folder, or the database without its password. */
  readonly place: string;
  /** Answers if the copy takes records now; throws (its trouble) if not. */
  check(clerkId: string | null): Promise<void>;
  /** The ids of one clerk's month the copy holds. */
  deliveredIds(clerkId: string, month: string): Promise<Set<string>>;
  /**
   * Throws RecordRefused for this record's fault; anything else means the copy is gone for now.
   * @param clerkId the clerk this computer's profile is, if it has one
   */
  deliver(record: JournalRecord, clerkId: string | null): Promise<Delivery>;
  /** The word the status carries for an error this copy threw. */
  troubleOf(error: unknown): string;
  close(): Promise<void>;
}
