import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { NO_OFFICE_FILES, OfficeFilesSchema } from '../../shared/settings/office-files';
import { DEFAULT_PREFERENCES, PreferencesSchema } from '../../shared/settings/preferences';
import { ProfileSchema } from '../../shared/settings/profile';
import { TeamDatabaseSchema } from '../../shared/settings/team-database';
import { DEFAULT_RETENTION_MONTHS, RETENTION_MAX_MONTHS } from '../../shared/settings/team-settings';
import { fileTimestamp, readIfExists, writeFileAtomic } from './atomic-file';

export const SettingsSchema = z.object({
  schemaVersion: z.literal(1),
  profile: ProfileSchema.nullable(),
  /** The office's own directory and glossary; absent in files written before they could be chosen. */
  officeFiles: OfficeFilesSchema.default(NO_OFFICE_FILES),
  /** Team mode: the shared folder records are copied to; null when off. */
  teamFolder: z.string().nullable().default(null),
  /** Team mode on a PostgreSQL database instead of a folder; null when not. Its password never leaves the Node side. */
  teamDatabase: TeamDatabaseSchema.nullable().default(null),
  /** How many months of records are kept before start-up offers to remove older ones. */
  retentionMonths: z.number().int().min(1).max(RETENTION_MAX_MONTHS).default(DEFAULT_RETENTION_MONTHS),
  preferences: PreferencesSchema.default(DEFAULT_PREFERENCES),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({ schemaVersion: 1, profile: null });

export interface SettingsLoad {
  settings: Settings;
  /** Set when settings.json was unreadable: the name it was moved aside to. */
  setAsideAs?: string;
}

/**
 * settings.json, written atomically, with a last-good copy beside it. A file
 * that does not parse or validate is never overwritten: it is renamed aside
 * with a timestamp (the person or IT can still look at it) and the last good
 * copy, or the defaults, are used instead.
 */
export class SettingsStore {
  private readonly file: string;
  private readonly lastGoodFile: string;
  private settings: Settings = DEFAULT_SETTINGS;

  /** @param beforeWrite throws when this app may no longer write (it lost the data directory to another) */
  constructor(
    private readonly dataDir: string,
    private readonly beforeWrite: () => Promise<void> = async () => undefined,
  ) {
    this.file = join(dataDir, 'settings.json');
    this.lastGoodFile = join(dataDir, 'settings.last-good.json');
  }

  /** The settings in use: as loaded, then as last saved. Only this store changes them. */
  get current(): Settings {
    return this.settings;
  }

  /** Reads settings.json (see the class) and holds what it read as the current settings. */
  async load(now = new Date()): Promise<SettingsLoad> {
    const loaded = await this.read(now);
    this.settings = loaded.settings;
    return loaded;
  }

  private async read(now: Date): Promise<SettingsLoad> {
    const raw = await readIfExists(this.file);
    if (raw === null) {
      // Missing (deleted, or lost between a rename and its rewrite): the last
      // good copy keeps the clerk's id, so their journal stays theirs.
      const lastGood = parseSettings((await readIfExists(this.lastGoodFile)) ?? '');
      if (lastGood) await writeFileAtomic(this.file, serialize(lastGood));
      return { settings: lastGood ?? DEFAULT_SETTINGS };
    }
    const parsed = parseSettings(raw);
    if (parsed) return { settings: parsed };

    const setAsideAs = `settings.corrupt-${fileTimestamp(now)}.json`;
    await fs.rename(this.file, join(this.dataDir, setAsideAs));
    const lastGood = parseSettings((await readIfExists(this.lastGoodFile)) ?? '');
    const settings = lastGood ?? DEFAULT_SETTINGS;
    if (lastGood) await writeFileAtomic(this.file, serialize(lastGood));
    return { settings, setAsideAs };
  }

  async save(settings: Settings): Promise<void> {
    const text = serialize(SettingsSchema.parse(settings));
    await this.beforeWrite();
    await writeFileAtomic(this.file, text);
    await writeFileAtomic(this.lastGoodFile, text);
  }

  /** Saves a change to the current settings; they are current once on disk. Returns them whole. */
  async update(change: Partial<Omit<Settings, 'schemaVersion'>>): Promise<Settings> {
    const next: Settings = { ...this.settings, ...change };
    await this.save(next);
    this.settings = next;
    return next;
  }
}

/** The text of a settings file as settings, or null when it does not parse or validate; never throws. */
export function parseSettings(raw: string): Settings | null {
  try {
    const result = SettingsSchema.safeParse(JSON.parse(raw));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

function serialize(settings: Settings): string {
  return JSON.stringify(settings, null, 2) + '\n';
}
