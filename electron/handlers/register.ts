import { relative } from 'node:path';
import { importsRoot, type AppServices } from '../services/app-services';
import { importJsonl, type ImportResult } from '../services/import';
import { ImportFilingError } from '../services/import-filer';
import { DatabaseTroubleError } from '../services/postgres/pg-connection';
import type { RegisterReader } from '../services/register-reader';
import { writeWhole } from '../services/file-exchange';
import { SerialQueue } from '../services/serial-queue';
import type { Handlers } from './dispatch';
import { ServiceError } from './service-error';

type RegisterMethod = 'queryRegister' | 'listRegisterProblems' | 'registerCall' | 'exportRegister' | 'printReport' | 'importRecords';

/** The team lead's register: the calls of every clerk in the folders read, their problems, exports, the printed report and imports. */
export function registerHandlers(services: AppServices): Handlers<RegisterMethod> {
  return {
    async queryRegister(question) {
      return readerOf(services).page(question, Date.now());
    },

    async listRegisterProblems({ offset, limit }) {
      return readerOf(services).problems(offset, limit);
    },

    async registerCall({ id }) {
      const call = await readerOf(services).openCall(id);
      if (!call) throw new ServiceError('bad-input', 'registerCallGone');
      return call;
    },

    async exportRegister({ filter, sort, format, path }) {
      const { file, rows } = await readerOf(services).exportFile(filter, sort, format, new Date());
      // A path named in the call itself: for tests and tools only (the page never picks a path on disk).
      if (path !== null) {
        if (!services.callerPaths) throw new ServiceError('forbidden', 'exportPathFromDialog');
        await writingTo(path, () => writeWhole(path, file.write));
        return { path, download: null, rows };
      }
      const given = await writingTo(null, () => services.files.give(file));
      return given ? { ...given, rows } : { path: null, download: null, rows: 0 };
    },

    async printReport({ suggestedName }) {
      const { printToPdf } = services.files;
      if (!printToPdf) return { path: null, printInWindow: true };
      // Rendered once the person has chosen where: a cancelled dialog prints nothing.
      const given = await writingTo(null, () => services.files.give({ suggestedName, contentType: 'application/pdf', write: async (out) => void out.write(await printToPdf()) }));
      return { path: given?.path ?? null, printInWindow: false };
    },

    async importRecords({ path, upload }) {
      // The register reads the team database, which takes records only from each clerk's own login: a file has nowhere to go.
      if (services.settings.teamDatabase) throw new ServiceError('bad-input', 'importInDatabaseMode');
      if (path !== null) {
        if (!services.callerPaths) throw new ServiceError('forbidden', 'importPathFromDialog');
        return { path, ...(await importFile(services, path)) };
      }
      const taken = await services.files.take(upload);
      if (!taken && upload !== null) throw new ServiceError('bad-input', 'importUploadGone');
      if (!taken) return { path: null, imported: 0, otherRecords: 0, duplicates: 0, conflicts: 0, masked: 0, rejected: [], rejectedCount: 0 };
      try {
        return { path: taken.shownAs, ...(await importFile(services, taken.path, taken.shownAs)) };
      } finally {
        await taken.done().catch((error: Error) => console.error(`[import] upload not removed: ${error.message}`));
      }
    },
  };
}

/** The register the handlers read, with a team database's trouble said in the clerk's words. */
function readerOf(services: AppServices): RegisterReader {
  const reader = services.registerReader();
  const said = <T>(ask: () => Promise<T>): Promise<T> =>
    ask().catch((error: unknown) => {
      if (error instanceof DatabaseTroubleError) throw new ServiceError('storage', `teamDatabase.${error.trouble}`);
      throw error;
    });
  return {
    page: (question, now) => said(() => reader.page(question, now)),
    problems: (offset, limit) => said(() => reader.problems(offset, limit)),
    openCall: (id) => said(() => reader.openCall(id)),
    exportFile: (filter, sort, format, now) => said(() => reader.exportFile(filter, sort, format, now)),
  };
}

/** One import at a time: two at once could both find a call new and file it twice. */
const importQueues = new WeakMap<AppServices, SerialQueue>();

/** Imports a clerk's export into the register; what cannot be read is named, and the register is read afresh. */
export function importFile(services: AppServices, file: string, shownAs = file): Promise<ImportResult> {
  let queue = importQueues.get(services);
  if (!queue) importQueues.set(services, (queue = new SerialQueue()));
  return queue.run(() => importNow(services, file, shownAs));
}

/** @param shownAs how the person knows the file: what a refusal names */
async function importNow(services: AppServices, file: string, shownAs: string): Promise<ImportResult> {
  const register = await services.register.ensureLoaded(true);
  let result: ImportResult;
  try {
    result = await importJsonl(file, importsRoot(services.dataDir), register, { beforeWrite: services.assertWritable });
  } catch (error) {
    // Not the chosen file's fault: where the import files what it reads. Imported calls are not filed twice when the import is repeated.
    if (error instanceof ImportFilingError) throw new ServiceError('storage', 'importCannotFile', { place: relative(services.dataDir, error.target), code: error.code });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ServiceError('bad-input', 'importNoFile', { file: shownAs });
    if (code === 'EACCES' || code === 'EPERM') throw new ServiceError('bad-input', 'importNoAccess', { file: shownAs });
    if (code === 'EISDIR') throw new ServiceError('bad-input', 'importIsFolder', { file: shownAs });
    if (code === 'ENOTREGULAR') throw new ServiceError('bad-input', 'importNotRegular', { file: shownAs });
    throw error;
  }
  // Nothing in it was a record: a file of another tool, or an empty one — said, not reported as an import of nothing.
  if (result.imported === 0 && result.otherRecords === 0 && result.duplicates === 0 && result.conflicts === 0) {
    throw new ServiceError('bad-input', result.rejectedCount > 0 ? 'importNotExport' : 'importEmpty', { file: shownAs });
  }
  await register.refresh();
  return result;
}

/** Writes a file the person chose; a disk error is said about that file (its path, where known). */
async function writingTo<T>(path: string | null, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    path ??= (error as { path?: string }).path?.replace(/\.part$/, '') ?? '';
    const key = ['EACCES', 'EPERM', 'EROFS'].includes(code) ? 'exportNoAccess' : ['ENOENT', 'ENOTDIR'].includes(code) ? 'exportNoFolder' : code === 'ENOSPC' ? 'exportDiskFull' : code === 'EISDIR' ? 'exportIsFolder' : 'exportFailed';
    throw new ServiceError('storage', key, { path, code });
  }
}
