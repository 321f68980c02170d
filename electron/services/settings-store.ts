import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { NO_OFFICE_FILES, OfficeFilesSchema, type OfficeFiles } from '../../shared/office-files';
import { ProfileSchema, type Profile } from '../../shared/profile';
import { fileTimestamp, readIfExists, writeFileAtomic } from './atomic-file';

export const SettingsSchema = z.object({
  schemaVersion: z.literal(1),
  profile: ProfileSchema.nullable(),
  /** The office's own directory and glossary; absent in files written before they could be chosen. */
  officeFiles: OfficeFilesSchema.default(NO_OFFICE_FILES),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = { schemaVersion: 1, profile: null, officeFiles: NO_OFFICE_FILES };

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

  constructor(private readonly dataDir: string) {
    this.file = join(dataDir, 'settings.json');
    this.lastGoodFile = join(dataDir, 'settings.last-good.json');
  }

  async load(now = new Date()): Promise<SettingsLoad> {
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
    await writeFileAtomic(this.file, text);
    await writeFileAtomic(this.lastGoodFile, text);
  }

  async saveProfile(current: Settings, profile: Profile): Promise<Settings> {
    const next: Settings = { ...current, profile };
    await this.save(next);
    return next;
  }

  async saveOfficeFiles(current: Settings, officeFiles: OfficeFiles): Promise<Settings> {
    const next: Settings = { ...current, officeFiles };
    await this.save(next);
    return next;
  }
}

function parseSettings(raw: string): Settings | null {
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
