import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { JournalRecord } from '../../shared/journal/journal-record';
import { readIfExists, writeFileAtomic } from './atomic-file';
import { CallJournal, type JournalOptions } from './journal';
import { RecordRefused, type Delivery, type TeamCopy } from './team-copy';

/**
 * The team copy in a shared folder: each clerk's records in the journal's
 * own layout — `calls/<clerk>/<YYYY-MM>.jsonl`, its own hash chain — so the
 * lead's register reads the folder as it reads a journal. The team journal
 * skips an id it already has, so a repeated delivery leaves one copy.
 *
 * Only this clerk's folder is ever written, and the team folder itself is
 * never created: a share that is not mounted must not turn into a local
 * folder that silently collects the records.
 */
export class TeamFolderCopy implements TeamCopy {
  private journal: CallJournal | null = null;

  constructor(
    readonly place: string,
    private readonly journalOptions: Omit<JournalOptions, 'createBase'> = {},
  ) {}

  check(): Promise<void> {
    return requireTeamFolder(this.place);
  }

  async deliveredIds(clerkId: string, month: string): Promise<Set<string>> {
    return new Set((await this.teamJournal().scanMonth(clerkId, month)).lines.map((l) => l.id));
  }

  async deliver(record: JournalRecord): Promise<Delivery> {
    const { prevHash: _chainedLocally, ...unchained } = record;
    try {
      await this.teamJournal().append(unchained);
      return 'delivered';
    } catch (error) {
      // A file-system error means the folder: stop and try later. Anything else is about this one record.
      if ((error as NodeJS.ErrnoException).code) {
        // The next append reopens the team file (and sets a torn line aside).
        await this.close();
        throw error;
      }
      throw new RecordRefused((error as Error).message);
    }
  }

  troubleOf(error: unknown): string {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }

  async close(): Promise<void> {
    const journal = this.journal;
    this.journal = null;
    await journal?.close().catch(() => undefined);
  }

  private teamJournal(): CallJournal {
    this.journal ??= new CallJournal(this.place, { ...this.journalOptions, createBase: false });
    return this.journal;
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
export async function requireTeamFolder(folder: string): Promise<void> {
  const root = await fs.stat(folder);
  if (!root.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  await fs.stat(join(folder, TEAM_MARKER));
}
