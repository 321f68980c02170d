import type { AppServices } from '../services/app-services';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { fileForEditing, realPlace, saveEdits, type SaveOutcome } from '../services/directory-editing';
import { SerialQueue } from '../services/serial-queue';
import { readTableFile, tableFileBytes, TABLE_FILE_MAX_BYTES } from '../services/directory-table-file';
import { readBoundedFile } from '../services/safe-read';
import { TABLE_FILE_NAMES } from '../../shared/directory/directory-tables';
import type { Handlers } from './dispatch';
import { ServiceError } from './service-error';

/** Why a save was refused, in the lead's words. */
function refusal(outcome: Exclude<SaveOutcome, { ok: true }>): ServiceError {
  switch (outcome.reason) {
    case 'invalid':
      return new ServiceError('bad-input', 'directoryEditor.invalid', { problems: outcome.problems.join('\n') });
    case 'busy':
      return new ServiceError('bad-input', 'directoryEditor.busy', { file: outcome.file });
    case 'unreadable':
      return new ServiceError('storage', 'directoryEditor.unreadable', { file: outcome.file, message: outcome.message });
    case 'exists':
      return new ServiceError('bad-input', 'directoryEditor.exists', { file: outcome.file });
    case 'read-only':
      return new ServiceError('bad-input', 'directoryEditor.readOnly', { file: outcome.file });
    case 'changed':
      if (!outcome.last) return new ServiceError('bad-input', 'directoryEditor.changedUnlogged', { file: outcome.file });
      return new ServiceError('bad-input', 'directoryEditor.changed', { file: outcome.file, who: outcome.last.by, when: officeTime(outcome.last.at) });
  }
}

/**
 * A path the office file cannot be, refused before anything is touched: one
 * this system does not take as absolute (C:\\… on Linux would land in the
 * working folder), or one in the app's own data folder (its settings, its
 * journal).
 */
async function refuseUnfitPath(file: string, dataDir: string): Promise<void> {
  if (!isAbsolute(file)) throw new ServiceError('bad-input', 'directoryEditor.notAbsolute', { file });
  // Where the path leads, through links: a share's name that points into the data folder is in it.
  const inside = relative(await realPlace(dataDir), await realPlace(file));
  // Outside is "..", or "../…" — not a name of the folder's own that starts with two dots ("..katalog.json").
  const outside = inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside);
  if (!outside) throw new ServiceError('bad-input', 'directoryEditor.inDataDir', { file });
}

/** "2026-12-08 10:42", the office's time: a day and time every language reads. */
function officeTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso.slice(0, 40) : new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw', dateStyle: 'short', timeStyle: 'short' }).format(at);
}

/** The team lead's directory editor: the office's files opened as they are, and saved onto exactly those. */
export function directoryHandlers(services: AppServices): Handlers<'openDirectoryEditor' | 'saveDirectoryEdits' | 'exportDirectoryTable' | 'importDirectoryTable' | 'countSearchMiss' | 'searchMissReport'> {
  // Two saves from this window never interleave (a double click, two tabs in web mode).
  const saves = new SerialQueue();
  return {
    async openDirectoryEditor() {
      const files = services.settings.officeFiles;
      const { directory, glossary } = services.content;
      const [d, g] = await Promise.all([fileForEditing('directory', files.directory, directory), fileForEditing('glossary', files.glossary, glossary)]);
      return { directory: d, glossary: g };
    },

    async countSearchMiss({ query }) {
      services.searchMisses.count(query);
      return { ok: true as const };
    },

    async searchMissReport({ month }) {
      return services.searchMisses.report(month);
    },

    async exportDirectoryTable({ table, rows }) {
      const bytes = tableFileBytes(rows);
      const given = await services.files.give({ suggestedName: TABLE_FILE_NAMES[table], title: 'Zapisz tabelę katalogu', contentType: 'text/csv; charset=utf-8', write: async (out) => void out.write(bytes) });
      return given ?? { path: null, download: null };
    },

    async importDirectoryTable({ upload }) {
      const taken = await services.files.take(upload, 'directory-table');
      if (!taken && upload !== null) throw new ServiceError('bad-input', 'directoryEditor.tableGone');
      if (!taken) return { name: null, rows: [] };
      try {
        const read = await readBoundedFile(taken.path, { maxBytes: TABLE_FILE_MAX_BYTES });
        // Said by the file's own name: the message of the read names where an upload waits, which means nothing to the lead.
        if (!read.ok) {
          const problem = read.failure === 'too-big' ? `plik jest większy niż ${TABLE_FILE_MAX_BYTES / 1024 / 1024} MB — to nie jest tabela katalogu` : 'nie można go odczytać';
          throw new ServiceError('bad-input', 'directoryEditor.tableUnreadable', { file: taken.shownAs, problem });
        }
        const table = readTableFile(read.bytes);
        if (!table.ok) throw new ServiceError('bad-input', 'directoryEditor.tableUnreadable', { file: taken.shownAs, problem: table.problem });
        return { name: taken.shownAs, rows: table.rows };
      } finally {
        await taken.done().catch((error: Error) => console.error(`[directory table] upload not removed: ${error.message}`));
      }
    },

    async saveDirectoryEdits(edits) {
      const profile = services.settings.profile;
      if (!profile) throw new ServiceError('bad-input', 'noProfile');
      for (const edit of [edits.directory, edits.glossary]) if (edit) await refuseUnfitPath(edit.file, services.dataDir);
      const outcome = await saves.run(async () => {
        try {
          return await saveEdits(edits, `${profile.firstName} ${profile.lastName}`, services.content);
        } catch (error) {
          const { code, officeFile, lock } = error as NodeJS.ErrnoException & { officeFile?: string; lock?: string };
          if (!code) throw error;
          // Named by the office file it happened at, not by the lock or the log beside it: that is the one the lead knows.
          const file = officeFile ?? edits.directory?.file ?? edits.glossary!.file;
          if (lock && code !== 'ENOENT') throw new ServiceError('storage', 'directoryEditor.lockBroken', { file, lock });
          if (code === 'ENOENT') throw new ServiceError('storage', 'directoryEditor.noFolder', { folder: dirname(file) });
          throw new ServiceError('storage', 'directoryEditor.writeFailed', { file, code });
        }
      });
      if (!outcome.ok) throw refusal(outcome);
      const officeFiles = { ...services.settings.officeFiles };
      for (const [kind, saved] of Object.entries(outcome.saved)) officeFiles[kind as 'directory' | 'glossary'] = saved.file;
      if (officeFiles.directory !== services.settings.officeFiles.directory || officeFiles.glossary !== services.settings.officeFiles.glossary) {
        await services.settingsStore.update({ officeFiles });
      }
      await services.officeContent.adoptSaved(Object.fromEntries(Object.entries(outcome.saved).map(([kind, saved]) => [kind, saved.check])));
      const { directory, glossary } = services.content;
      const savedFile = (kind: 'directory' | 'glossary') => {
        const saved = outcome.saved[kind];
        return saved ? { file: saved.file, hash: saved.hash } : null;
      };
      return { directory, glossary, officeFiles: services.settings.officeFiles, contentSources: services.contentSources, saved: { directory: savedFile('directory'), glossary: savedFile('glossary') }, failed: outcome.failed };
    },
  };
}
