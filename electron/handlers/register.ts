import { relative } from 'node:path';
import { maskIdentifiers } from '../../shared/masking/masking';
import { missedItems, type RegisterRow } from '../../shared/register/register';
import { UNREADABLE_SHOWN, type RegisterRowView } from '../../shared/register/register-api';
import { importsRoot, type AppServices } from '../services/app-services';
import { importJsonl, type ImportResult } from '../services/import';
import { ImportFilingError } from '../services/import-filer';
import { problemView, type Register } from '../services/register';
import { exportFile } from '../services/register-export';
import { writeWhole } from '../services/file-exchange';
import { SerialQueue } from '../services/serial-queue';
import type { Handlers } from './dispatch';
import { ServiceError } from './service-error';

type RegisterMethod = 'queryRegister' | 'listRegisterProblems' | 'registerCall' | 'exportRegister' | 'printReport' | 'importRecords';

/** The team lead's register: the calls of every clerk in the folders read, their problems, exports, the printed report and imports. */
export function registerHandlers(services: AppServices): Handlers<RegisterMethod> {
  return {
    async queryRegister({ filter, sort, offset, limit, refresh, withSummary }) {
      const register = await services.register.ensureLoaded(refresh);
      const rows = register.select(filter, sort);
      return {
        total: rows.length,
        offset,
        rows: rows.slice(offset, offset + limit).map((row) => rowView(register, row)),
        summary: withSummary ? register.summary(filter, sort, Date.now()) : null,
        facets: register.facets(),
        problemCount: register.problemCount,
        unreadable: register.folderTroubles.slice(0, UNREADABLE_SHOWN).map(({ folder, root, message }) => ({ folder, path: root, code: message })),
        unreadableCount: register.folderTroubles.length,
      };
    },

    async listRegisterProblems({ offset, limit }) {
      const register = await services.register.ensureLoaded();
      const listed = register.problems;
      return {
        listed: listed.length,
        count: register.problemCount,
        offset,
        problems: listed.slice(offset, offset + limit).map(problemView),
      };
    },

    async registerCall({ id }) {
      const register = await services.register.ensureLoaded();
      // Not found as it was read: its copy changed since (a clerk's app appended, a hand edited it) — read the folders again, then once more.
      const call = (await register.openCall(id)) ?? (await (await services.register.ensureLoaded(true)).openCall(id));
      if (!call) throw new ServiceError('bad-input', 'registerCallGone');
      return call;
    },

    async exportRegister({ filter, sort, format, path }) {
      const register = await services.register.ensureLoaded();
      const rows = register.select(filter, sort);
      const file = exportFile(register, rows, format, new Date());
      // A path named in the call itself: for tests and tools only (the page never picks a path on disk).
      if (path !== null) {
        if (!services.callerPaths) throw new ServiceError('forbidden', 'exportPathFromDialog');
        await writingTo(path, () => writeWhole(path, file.write));
        return { path, download: null, rows: rows.length };
      }
      const given = await writingTo(null, () => services.files.give(file));
      return given ? { ...given, rows: rows.length } : { path: null, download: null, rows: 0 };
    },

    async printReport({ suggestedName }) {
      const { printToPdf } = services.files;
      if (!printToPdf) return { path: null, printInWindow: true };
      // Rendered once the person has chosen where: a cancelled dialog prints nothing.
      const given = await writingTo(null, () => services.files.give({ suggestedName, contentType: 'application/pdf', write: async (out) => void out.write(await printToPdf()) }));
      return { path: given?.path ?? null, printInWindow: false };
    },

    async importRecords({ path, upload }) {
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

function rowView(register: Register, row: RegisterRow): RegisterRowView {
  return {
    id: row.id,
    clerkName: row.clerkName,
    startedAt: new Date(row.startedAt).toISOString(),
    direction: row.direction,
    durationSec: row.durationSec,
    outcome: row.outcome,
    // Masked when the row was made (shared/register/register.ts), as the charts and filter lists show it.
    routedTo: row.routedTo?.unitName ?? null,
    missed: missedItems(row),
    score: row.score,
    note: maskIdentifiers(row.note).text,
    integrity: register.integrityOf(row),
  };
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
