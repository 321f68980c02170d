import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { JournalRecordSchema, type JournalRecord } from '../../shared/journal/journal-record';
import type { TeamDatabase } from '../../shared/settings/team-database';
import type { TeamStatus } from '../../shared/settings/team-settings';
import { writeFileAtomic } from './atomic-file';
import { CallJournal, type JournalOptions } from './journal';
import { lastMonths, monthOf } from '../../shared/journal/months';
import { PostgresTeamCopy } from './postgres/pg-team-copy';
import { SerialQueue } from './serial-queue';
import { RecordRefused, type TeamCopy } from './team-copy';
import { TeamFolderCopy } from './team-folder-copy';
import { sameRecord } from './same-record';

export { markTeamFolder, TEAM_MARKER } from './team-folder-copy';

/**
 * Team mode: each record the clerk saves is also copied to the team's copy —
 * a shared folder or a PostgreSQL database (team-copy.ts) — so the team lead
 * reads everyone's calls.
 *
 * The copy goes through a local outbox: `outbox/<record id>.json`, written
 * right after the record is safe in the local journal. Delivery writes it to
 * the team copy and only then removes it from the outbox; the copy skips an
 * id it already has, so a delivery repeated after a crash or a lost
 * connection still leaves exactly one copy. While the copy is unreachable the
 * outbox simply grows, and the app says so. The clerk never waits on it.
 */
export type { TeamStatus };

/** Where team mode copies records to; null: team mode off. */
export type TeamTarget = { kind: 'folder'; folder: string } | { kind: 'database'; database: TeamDatabase } | null;

export function teamTargetOf(settings: { teamFolder: string | null; teamDatabase: TeamDatabase | null }): TeamTarget {
  if (settings.teamDatabase) return { kind: 'database', database: settings.teamDatabase };
  if (settings.teamFolder) return { kind: 'folder', folder: settings.teamFolder };
  return null;
}

export class TeamSync {
  private readonly outbox: string;
  private readonly queue = new SerialQueue();
  private copy: TeamCopy | null;
  private status: TeamStatus;
  private catchUp: { journal: CallJournal; clerkId: () => string | null } | null = null;
  private caughtUp = false;
  /** Saved records whose outbox entry could not be written; the next catch-up finds them. */
  private missed = 0;
  /** The delivery running now, and the one asked for meanwhile: however many ask, at most one waits behind the one running. */
  private running: Promise<TeamStatus> | null = null;
  private next: Promise<TeamStatus> | null = null;
  /** Closed (the app is quitting): nothing more is tried. */
  private closed = false;

  /** @param journalOptions what the write guard says, and (for a folder) where the team journal's troubles go */
  constructor(
    dataDir: string,
    target: TeamTarget,
    private readonly journalOptions: Omit<JournalOptions, 'createBase'> = {},
  ) {
    this.outbox = join(dataDir, 'outbox');
    this.copy = this.copyFor(target);
    this.status = { ...placeOf(this.copy, target), pending: 0, reachable: null, lastError: null, localError: null, lastDeliveredAt: null, conflicts: 0, undeliverable: 0 };
  }

  /** Queues a saved record for the team copy; resolves once the outbox entry is on disk. */
  async enqueue(record: JournalRecord): Promise<void> {
    if (!this.copy) return;
    try {
      await this.writeEntry(record);
    } catch (error) {
      // The record is safe in the journal; the next delivery with the copy
      // there compares the two and queues what the outbox missed. Counted, not
      // flagged: a catch-up already running may have read the journal before it.
      this.missed++;
      this.status.localError = errorCode(error);
      throw error;
    }
  }

  private async writeEntry(record: JournalRecord): Promise<void> {
    await this.journalOptions.beforeWrite?.();
    await fs.mkdir(this.outbox, { recursive: true });
    await writeFileAtomic(join(this.outbox, `${record.id}.json`), JSON.stringify(record));
  }

  /**
   * Queues the records of the last two months that the team copy lacks and
   * the outbox does not hold: the ones saved just before a crash that came
   * between the journal and the outbox, and all of them when team mode is
   * switched on. Needs the copy reachable; otherwise waits for next time.
   */
  reconcile(local: CallJournal, clerkId: string, now = new Date()): Promise<number> {
    return this.queue.run(async () => {
      if (!this.copy) return 0;
      try {
        await this.copy.check(clerkId);
      } catch {
        return 0;
      }
      return this.reconcileNow(local, clerkId, now);
    });
  }

  /** Sets what reconcile needs, so the first delivery of a session catches up by itself. */
  catchUpFrom(journal: CallJournal, clerkId: () => string | null): void {
    this.catchUp = { journal, clerkId };
  }

  private async reconcileNow(local: CallJournal, clerkId: string | null, now = new Date()): Promise<number> {
    if (!this.copy || !clerkId) return 0;
    const waiting = new Set((await this.pendingFiles()).map((n) => n.slice(0, -'.json'.length)));
    let queued = 0;
    for (const month of lastMonths(now, 2).reverse()) {
      const delivered = await this.copy.deliveredIds(clerkId, month);
      const { records } = await local.readMonth(clerkId, month);
      for (const record of records) {
        if (delivered.has(record.id) || waiting.has(record.id)) continue;
        await this.writeEntry(record);
        queued++;
      }
    }
    return queued;
  }

  setTarget(target: TeamTarget): Promise<void> {
    // A delivery waiting on a copy that does not answer is cut short, not waited for.
    void this.copy?.close();
    return this.queue.run(async () => {
      await this.copy?.close();
      this.copy = this.copyFor(target);
      this.caughtUp = false;
      this.missed = 0;
      this.status = { ...this.status, ...placeOf(this.copy, target), reachable: null, lastError: null, localError: null };
    });
  }

  /**
   * Delivers what waits in the outbox, oldest first; stops at the first
   * failure and leaves the rest for next time. Asked again while it runs
   * (a save, the window's poll, the timer), it runs once more after, for
   * all who asked: a copy that hangs never piles attempts up.
   */
  deliver(): Promise<TeamStatus> {
    if (!this.running) {
      this.running = this.queue.run(() => this.deliverNow()).finally(() => (this.running = null));
      return this.running;
    }
    this.next ??= this.running.then(
      () => ((this.next = null), this.deliver()),
      () => ((this.next = null), this.deliver()),
    );
    return this.next;
  }

  /** The status after a delivery if it ends within `ms`, else as last known (a copy that does not answer is not waited for). */
  async statusWithin(ms: number): Promise<TeamStatus> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<TeamStatus>((resolve) => (timer = setTimeout(() => resolve(this.snapshot()), ms)));
    try {
      return await Promise.race([this.deliver(), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async deliverNow(): Promise<TeamStatus> {
    if (this.closed) return this.snapshot();
    let pending: string[];
    try {
      const outbox = await this.outboxEntries();
      pending = outbox.pending;
      this.status.conflicts = outbox.conflicts;
      this.status.undeliverable = outbox.undeliverable;
    } catch (error) {
      // The outbox itself cannot be read: nothing can go now; say why, try again later.
      this.status.localError = errorCode(error);
      return this.snapshot();
    }
    this.status.pending = pending.length;
    const copy = this.copy;
    if (!copy) return this.snapshot();
    try {
      await copy.check(this.catchUp?.clerkId() ?? null);
      // Once a session, and again after an outbox write failed, with the copy
      // there: what the outbox never got (a crash between the journal and the
      // outbox, a failed write) is queued now.
      if (this.catchUp && (!this.caughtUp || this.missed > 0)) {
        const missedBefore = this.missed;
        await this.reconcileNow(this.catchUp.journal, this.catchUp.clerkId());
        this.caughtUp = true;
        this.missed -= missedBefore;
        pending = await this.pendingFiles();
        this.status.pending = pending.length;
      }
      const journalOf = this.journalRecords();
      for (const name of pending) {
        const record = await this.readEntry(name);
        if (record) {
          try {
            // What goes to the team is what the journal holds: an entry edited here, or of a record the journal does not have, goes nowhere.
            if (!(await journalOf.holds(record))) throw new RecordRefused('not as the journal holds it');
            const delivery = await copy.deliver(record, this.catchUp?.clerkId() ?? null);
            if (delivery === 'conflict') {
              // Its id is in the copy with other content: kept here, said, never written twice.
              await this.setAside(name, '.conflict');
              this.status.conflicts++;
              console.error(`[team] ${name}: the team copy holds this id with other content; kept aside`);
              this.status.pending--;
              continue;
            }
            this.status.lastDeliveredAt = new Date().toISOString();
          } catch (error) {
            // Anything but this one record's fault means the copy: stop and try later.
            if (!(error instanceof RecordRefused)) throw error;
            // The copy refuses this record: set aside, named in the log and counted in the status, and the rest go on — it stays safe in the local journal.
            await this.setAside(name, '.undeliverable');
            console.error(`[team] ${name} set aside: ${error.message}`);
            this.status.undeliverable++;
            this.status.pending--;
            continue;
          }
        }
        await fs.rm(join(this.outbox, name), { force: true });
        this.status.pending--;
      }
      this.status.reachable = true;
      this.status.lastError = null;
      if (this.missed === 0) this.status.localError = null;
    } catch (error) {
      await copy.close();
      this.status.reachable = false;
      this.status.lastError = copy.troubleOf(error);
    }
    return this.snapshot();
  }

  /** The status; records the outbox missed count as waiting, which they are. */
  snapshot(): TeamStatus {
    return { ...this.status, pending: this.status.pending + this.missed };
  }

  async close(): Promise<void> {
    // Quitting does not wait for a copy that does not answer, and tries nothing more.
    this.closed = true;
    void this.copy?.close();
    await this.queue.run(async () => {
      await this.copy?.close();
    });
  }

  /** The local journal's records, a month at a time, read once per delivery (none to check against without a journal). */
  private journalRecords(): { holds(record: JournalRecord): Promise<boolean> } {
    const journal = this.catchUp?.journal;
    const months = new Map<string, Map<string, JournalRecord>>();
    return {
      async holds(record) {
        if (!journal) return true;
        const month = monthOf(new Date(record.savedAt));
        const key = `${record.clerk.id}/${month}`;
        let records = months.get(key);
        if (!records) {
          const read = await journal.readMonth(record.clerk.id, month);
          months.set(key, (records = new Map(read.records.map((r) => [r.id, r]))));
        }
        const kept = records.get(record.id);
        return kept !== undefined && sameRecord(kept, record);
      },
    };
  }

  private copyFor(target: TeamTarget): TeamCopy | null {
    if (target?.kind === 'folder') return new TeamFolderCopy(target.folder, this.journalOptions);
    if (target?.kind === 'database') return new PostgresTeamCopy(target.database);
    return null;
  }

  private async pendingFiles(): Promise<string[]> {
    return (await this.outboxEntries()).pending;
  }

  /** The outbox read once: the entries waiting, and how many were set aside as conflicts and as refused. */
  private async outboxEntries(): Promise<{ pending: string[]; conflicts: number; undeliverable: number }> {
    let names: string[];
    try {
      names = await fs.readdir(this.outbox);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { pending: [], conflicts: 0, undeliverable: 0 };
      throw error;
    }
    // Record ids are time-ordered (UUIDv7, from when a call started): roughly the order
    // they were saved. The team copy keeps its own chain, so any order is valid.
    return {
      pending: names.filter((n) => n.endsWith('.json')).sort(),
      conflicts: names.filter((n) => n.endsWith('.conflict')).length,
      undeliverable: names.filter((n) => n.endsWith('.undeliverable')).length,
    };
  }

  private async setAside(name: string, suffix: string): Promise<void> {
    await fs.rename(join(this.outbox, name), join(this.outbox, `${name}${suffix}`)).catch(() => undefined);
  }

  /** An outbox entry, or null for one that cannot be read back (set aside, never delivered half). */
  private async readEntry(name: string): Promise<JournalRecord | null> {
    const path = join(this.outbox, name);
    try {
      return JournalRecordSchema.parse(JSON.parse(await fs.readFile(path, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code) throw error;
      await fs.rename(path, `${path}.corrupt`).catch(() => undefined);
      console.error(`[team] outbox entry ${name} unreadable, set aside`);
      return null;
    }
  }
}

/** What the status names: the folder's path, or the database (without its password). */
function placeOf(copy: TeamCopy | null, target: TeamTarget): Pick<TeamStatus, 'folder' | 'database'> {
  return { folder: target?.kind === 'folder' ? target.folder : null, database: target?.kind === 'database' && copy ? copy.place : null };
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
