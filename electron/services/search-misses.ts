import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { isMissPhrase, missPhrase, missReport, SearchMissMonthSchema, type MissReport, type SearchMissMonth } from '../../shared/directory/search-misses';
import { monthOf } from '../../shared/journal/months';
import { writeFileAtomic } from './atomic-file';
import { readBoundedFile } from './safe-read';
import { requireTeamFolder } from './team-folder-copy';
import { openChecked, openPlain, requireCurrentSchema } from './postgres/pg-connection';
import type { TeamDatabase } from '../../shared/settings/team-database';

/**
 * The searches clerks left without a result (shared/directory/search-misses.ts),
 * counted on this computer — `search-misses/<YYYY-MM>.json` in the data
 * directory — and, in team mode, copied to the team's copy: on a folder
 * `search-misses/<clerk>/<YYYY-MM>.json`, on a database the table
 * `asystent.search_misses` (row-level security: a clerk writes their own
 * rows, a lead reads the office's) — where the lead's report reads every
 * clerk's. A count is held a moment and written with the
 * next few (a clerk's search never waits for a disk, let alone a share).
 *
 * The phrase is made again here from what the window sent: whatever a
 * window sends, only a masked phrase of folded words is written.
 */
export const MISS_FLUSH_MS = 2_000;
/** A clerk's month of misses is a few kilobytes; a larger file is not one. */
const MONTH_FILE_MAX_BYTES = 1024 * 1024;
const FOLDER = 'search-misses';

export interface SearchMissPlaces {
  dataDir: string;
  clerkId(): string | null;
  teamFolder(): string | null;
  /** Team mode on a database: the month's counts go there instead of a folder. */
  teamDatabase(): TeamDatabase | null;
  beforeWrite(): Promise<void>;
}

export class SearchMisses {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly places: SearchMissPlaces) {}

  /** Counts a missed search (nothing when its phrase is empty once masked). */
  count(query: string): void {
    const phrase = missPhrase(query);
    if (!phrase) return;
    this.pending.set(phrase, (this.pending.get(phrase) ?? 0) + 1);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), MISS_FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Writes what is held: added to this month's file on this computer, then that file copied to the team folder. */
  flush(now: Date = new Date()): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const held = this.pending;
    this.pending = new Map();
    this.flushing = this.flushing.then(() => this.write(held, now)).catch((error: Error) => console.error(`[search misses] not written: ${error.message}`));
    return this.flushing;
  }

  private async write(held: Map<string, number>, now: Date): Promise<void> {
    const clerkId = this.places.clerkId();
    if (held.size === 0 || !clerkId) return;
    const month = monthOf(now);
    const local = join(this.places.dataDir, FOLDER, `${month}.json`);
    const file = (await readMonth(local)) ?? { version: 1 as const, month, clerkId, phrases: {} };
    for (const [phrase, n] of held) file.phrases[phrase] = (file.phrases[phrase] ?? 0) + n;
    await this.places.beforeWrite();
    await fs.mkdir(join(this.places.dataDir, FOLDER), { recursive: true });
    const text = `${JSON.stringify(file)}\n`;
    await writeFileAtomic(local, text);
    await this.copyToTeam(clerkId, month, text).catch((error: Error) => console.error(`[search misses] team copy not written: ${error.message}`));
    await this.copyToDatabase(file).catch((error: Error) => console.error(`[search misses] not sent to the team database: ${error.message}`));
  }

  /** The month's counts as the database keeps them: each phrase's row set to the larger of what it holds and this file's count. */
  private async copyToDatabase(file: SearchMissMonth): Promise<void> {
    const database = this.places.teamDatabase();
    if (!database) return;
    const client = await openChecked(database, file.clerkId);
    try {
      const phrases = Object.keys(file.phrases);
      await client.query(
        `INSERT INTO asystent.search_misses (office_id, clerk_id, month, phrase, count)
         SELECT $1, $2, $3, p, c FROM unnest($4::text[], $5::int[]) AS t(p, c)
         ON CONFLICT (office_id, month, clerk_id, phrase) DO UPDATE SET count = GREATEST(asystent.search_misses.count, EXCLUDED.count)`,
        [database.officeId, file.clerkId, file.month, phrases, phrases.map((p) => file.phrases[p]!)],
      );
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Every clerk's month the login may read on the database (a lead: the office's; a clerk: their own), as files. */
  private async fromDatabase(database: TeamDatabase, month: string): Promise<SearchMissMonth[]> {
    const client = await openPlain(database);
    try {
      await requireCurrentSchema(client);
      const rows = await client.query<{ clerk_id: string; phrase: string; count: number }>('SELECT clerk_id, phrase, count FROM asystent.search_misses WHERE office_id = $1 AND month = $2', [database.officeId, month]);
      const byClerk = new Map<string, SearchMissMonth>();
      for (const row of rows.rows) {
        // Only phrases as this app makes them: a row written by hand shows nothing of itself.
        if (!isMissPhrase(row.phrase)) continue;
        const file = byClerk.get(row.clerk_id) ?? { version: 1 as const, month, clerkId: row.clerk_id, phrases: {} };
        file.phrases[row.phrase] = row.count;
        byClerk.set(row.clerk_id, file);
      }
      return [...byClerk.values()];
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** The month's file as the team folder keeps it: only into a team folder that is there (its marker), never made where a share is not mounted. */
  private async copyToTeam(clerkId: string, month: string, text: string): Promise<void> {
    const team = this.places.teamFolder();
    if (!team) return;
    await requireTeamFolder(team);
    const folder = join(team, FOLDER, safeName(clerkId));
    await fs.mkdir(folder, { recursive: true });
    await writeFileAtomic(join(folder, `${month}.json`), text, { mode: 0o644 });
  }

  /** The month's report: every clerk's file in the team folder, and this computer's own. */
  async report(month: string): Promise<MissReport> {
    await this.flush();
    const files: SearchMissMonth[] = [];
    const own = await readMonth(join(this.places.dataDir, FOLDER, `${month}.json`));
    if (own) files.push(own);
    const team = this.places.teamFolder();
    if (team) {
      const clerks = await fs.readdir(join(team, FOLDER)).catch(() => [] as string[]);
      const read = await Promise.all(clerks.map((clerk) => readMonth(join(team, FOLDER, clerk, `${month}.json`))));
      files.push(...read.filter((f): f is SearchMissMonth => f !== null));
    }
    const database = this.places.teamDatabase();
    if (database) files.push(...(await this.fromDatabase(database, month)));
    return missReport(month, files);
  }

  async close(): Promise<void> {
    await this.flush();
  }
}

/** A month's file, or null when it is not there or not one (a file made by hand is passed over, never trusted). */
async function readMonth(path: string): Promise<SearchMissMonth | null> {
  // Bounded and never waited on: the team folder's files are anybody's.
  const read = await readBoundedFile(path, { maxBytes: MONTH_FILE_MAX_BYTES });
  if (!read.ok) return null;
  try {
    const parsed = SearchMissMonthSchema.safeParse(JSON.parse(read.bytes.toString('utf8')));
    // Only phrases that are phrases as this app makes them: a file edited to carry anything else shows nothing of it.
    if (!parsed.success) return null;
    const phrases = Object.fromEntries(Object.entries(parsed.data.phrases).filter(([phrase]) => isMissPhrase(phrase)));
    return { ...parsed.data, phrases };
  } catch {
    return null;
  }
}

/** A clerk id as a folder name: the profile's UUID; anything else kept to safe characters. */
function safeName(clerkId: string): string {
  return clerkId.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 64);
}
