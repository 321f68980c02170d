import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { JournalRecordSchema, type JournalRecord } from '../../shared/journal/journal-record';
import type { TeamStatus } from '../../shared/settings/team-settings';
import { readIfExists, writeFileAtomic } from './atomic-file';
import { CallJournal, type JournalOptions } from './journal';
import { lastMonths } from '../../shared/journal/months';
import { SerialQueue } from './serial-queue';

/**
 * Team mode: each record the clerk saves is also copied to the team folder
 * (a network share), in the same layout — `calls/<clerk>/<YYYY-MM>.jsonl`,
 * its own hash chain — so the team lead reads everyone's calls.
 *
 * The copy goes through a local outbox: `outbox/<record id>.json`, written
 * right after the record is safe in the local journal. Delivery appends it
 * to the team copy and only then removes it from the outbox; the team
 * journal skips an id it already has, so a delivery repeated after a crash
 * or a lost connection still leaves exactly one copy. While the folder is
 * unreachable the outbox simply grows, and the app says so.
 *
 * Only this clerk's folder is ever written, and the team folder itself is
 * never created: a share that is not mounted must not turn into a local
 * folder that silently collects the records.
 */
export type { TeamStatus };

export class TeamSync {
  private readonly outbox: string;
  private readonly queue = new SerialQueue();
  private journal: CallJournal | null = null;
  private journalRoot: string | null = null;
  private status: TeamStatus;
  private catchUp: { journal: CallJournal; clerkId: () => string } | null = null;
  private caughtUp = false;
  /** Saved records whose outbox entry could not be written; the next catch-up finds them. */
  private missed = 0;

  /** @param journalOptions what the team copy's journal is told: the write guard, where its troubles go */
  constructor(
    dataDir: string,
    private folder: string | null,
    private readonly journalOptions: Omit<JournalOptions, 'createBase'> = {},
  ) {
    this.outbox = join(dataDir, 'outbox');
    this.status = { folder, pending: 0, reachable: null, lastError: null, localError: null, lastDeliveredAt: null };
  }

  /** Queues a saved record for the team folder; resolves once the outbox entry is on disk. */
  async enqueue(record: JournalRecord): Promise<void> {
    if (!this.folder) return;
    try {
      await this.writeEntry(record);
    } catch (error) {
      // The record is safe in the journal; the next delivery with the folder
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
   * switched on. Needs the folder reachable; otherwise waits for next time.
   */
  reconcile(local: CallJournal, clerkId: string, now = new Date()): Promise<number> {
    return this.queue.run(async () => {
      if (!this.folder) return 0;
      try {
        await requireTeamFolder(this.folder);
      } catch {
        return 0;
      }
      return this.reconcileNow(local, clerkId, now);
    });
  }

  /** Sets what reconcile needs, so the first delivery of a session catches up by itself. */
  catchUpFrom(journal: CallJournal, clerkId: () => string | null): void {
    this.catchUp = { journal, clerkId: () => clerkId() ?? '' };
  }

  private async reconcileNow(local: CallJournal, clerkId: string, now = new Date()): Promise<number> {
    if (!this.folder || !clerkId) return 0;
    const waiting = new Set((await this.pendingFiles()).map((n) => n.slice(0, -'.json'.length)));
    const team = this.teamJournal(this.folder);
    let queued = 0;
    for (const month of lastMonths(now, 2).reverse()) {
      const delivered = new Set((await team.scanMonth(clerkId, month)).lines.map((l) => l.id));
      const { records } = await local.readMonth(clerkId, month);
      for (const record of records) {
        if (delivered.has(record.id) || waiting.has(record.id)) continue;
        await this.writeEntry(record);
        queued++;
      }
    }
    return queued;
  }

  setFolder(folder: string | null): Promise<void> {
    return this.queue.run(async () => {
      this.folder = folder;
      this.caughtUp = false;
      this.missed = 0;
      await this.closeJournal();
      this.status = { ...this.status, folder, reachable: null, lastError: null, localError: null };
    });
  }

  /** Delivers what waits in the outbox, oldest first; stops at the first failure and leaves the rest for next time. */
  deliver(): Promise<TeamStatus> {
    return this.queue.run(async () => {
      let pending: string[];
      try {
        pending = await this.pendingFiles();
      } catch (error) {
        // The outbox itself cannot be read: nothing can go now; say why, try again later.
        this.status.localError = errorCode(error);
        return this.snapshot();
      }
      this.status.pending = pending.length;
      if (!this.folder) return this.snapshot();
      try {
        await requireTeamFolder(this.folder);
        // Once a session, and again after an outbox write failed, with the folder
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
        for (const name of pending) {
          const record = await this.readEntry(name);
          if (record) {
            const { prevHash: _chainedLocally, ...unchained } = record;
            try {
              await this.teamJournal(this.folder).append(unchained);
              this.status.lastDeliveredAt = new Date().toISOString();
            } catch (error) {
              // A file-system error means the folder: stop and try later. Anything else is
              // about this one record (the team copy refuses it): it is set aside, named in
              // the log, and the rest go on — it stays safe in the local journal.
              if ((error as NodeJS.ErrnoException).code) throw error;
              await fs.rename(join(this.outbox, name), join(this.outbox, `${name}.undeliverable`)).catch(() => undefined);
              console.error(`[team] ${name} set aside: ${(error as Error).message}`);
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
        // The next append reopens the team file (and sets a torn line aside).
        await this.closeJournal();
        this.status.reachable = false;
        this.status.lastError = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      }
      return this.snapshot();
    });
  }

  /** The status; records the outbox missed count as waiting, which they are. */
  snapshot(): TeamStatus {
    return { ...this.status, pending: this.status.pending + this.missed };
  }

  async close(): Promise<void> {
    await this.queue.run(() => this.closeJournal());
  }

  private async pendingFiles(): Promise<string[]> {
    try {
      // Record ids are time-ordered (UUIDv7, from when a call started): roughly the order
      // they were saved. The team copy keeps its own chain, so any order is valid.
      return (await fs.readdir(this.outbox)).filter((n) => n.endsWith('.json')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
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

  private teamJournal(folder: string): CallJournal {
    if (!this.journal || this.journalRoot !== folder) {
      this.journal = new CallJournal(folder, { ...this.journalOptions, createBase: false });
      this.journalRoot = folder;
    }
    return this.journal;
  }

  private async closeJournal(): Promise<void> {
    const journal = this.journal;
    this.journal = null;
    this.journalRoot = null;
    await journal?.close().catch(() => undefined);
  }
}

/** Marks a folder as this office's team folder; written when team mode is switched on. */
export const TEAM_MARKER = '.asystent-rozmow-zespol';

export async function markTeamFolder(folder: string): Promise<void> {
  const marker = join(folder, TEAM_MARKER);
  if ((await readIfExists(marker)) === null) await writeFileAtomic(marker, 'Folder zespołu Asystenta Rozmów — nie usuwać.\n');
}

/**
 * The team folder is there only if its marker is: a share that is not
 * mounted can leave an empty local folder under the same path, and records
 * written there would never reach the team.
 */
async function requireTeamFolder(folder: string): Promise<void> {
  const root = await fs.stat(folder);
  if (!root.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  await fs.stat(join(folder, TEAM_MARKER));
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
