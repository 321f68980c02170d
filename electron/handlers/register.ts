import { relative } from 'node:path';
import type { z } from 'zod';
import type { ApiEnvelope } from '../../shared/contract/api';
import { UPLOADED_FILE_NAME } from '../../shared/contract/service-errors';
import { maskIdentifiers } from '../../shared/masking/masking';
import { missedItems, type RegisterRow } from '../../shared/register/register';
import { UNREADABLE_SHOWN, type RegisterExportSchema, type RegisterRowView } from '../../shared/register/register-api';
import { importsRoot, type AppServices } from '../services/app-services';
import { writeFileAtomic } from '../services/atomic-file';
import { importJsonl, type ImportResult } from '../services/import';
import { ImportFilingError } from '../services/import-filer';
import { problemView, type Register } from '../services/register';
import { exportFileName, exportToFile, writeCsv, writeJsonl } from '../services/register-export';
import { SerialQueue } from '../services/serial-queue';
import type { Download } from '../web';
import { fail, failureOf, type Handlers } from './dispatch';
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
      if (path !== null && !services.callerPaths) throw new ServiceError('forbidden', 'exportPathFromDialog');
      let target = path;
      if (target === null) {
        if (!services.chooseSavePath) throw new ServiceError('bad-input', 'exportPathNeeded');
        target = await services.chooseSavePath(exportFileName(format, new Date()));
        if (target === null) return { path: null, rows: 0 };
      }
      const rows = register.select(filter, sort);
      await writingTo(target, () => exportToFile(register, rows, format, target));
      return { path: target, rows: rows.length };
    },

    async printReport({ suggestedName }) {
      if (!services.printToPdf || !services.chooseSavePath) throw new ServiceError('bad-input', 'printDesktopOnly');
      const path = await services.chooseSavePath(suggestedName);
      if (path === null) return { path: null };
      const pdf = await services.printToPdf();
      await writingTo(path, () => writeFileAtomic(path, pdf));
      return { path };
    },

    async importRecords({ path }) {
      if (path !== null && !services.callerPaths) throw new ServiceError('forbidden', 'importPathFromDialog');
      let file = path;
      if (file === null) {
        if (!services.chooseOpenPath) throw new ServiceError('bad-input', 'importPathNeeded');
        file = await services.chooseOpenPath();
        if (file === null) return { path: null, imported: 0, otherRecords: 0, duplicates: 0, conflicts: 0, masked: 0, rejected: [], rejectedCount: 0 };
      }
      return { path: file, ...(await importFile(services, file)) };
    },
  };
}

/** An export of the register to stream as a browser download (web mode's way of saving a file). */
export function createExportDownload(services: AppServices): (input: z.output<typeof RegisterExportSchema>) => Promise<Download> {
  return async ({ filter, sort, format }) => {
    const register = await services.register.ensureLoaded();
    const rows = register.select(filter, sort);
    return {
      fileName: exportFileName(format, new Date()),
      contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      rows: rows.length,
      write: (out) => (format === 'csv' ? writeCsv : writeJsonl)(register, rows, out),
    };
  };
}

/** An uploaded file (web mode), imported as if opened in a dialog: the reply names the file as the person knows it. */
export function createImportUpload(services: AppServices): (file: string) => Promise<ApiEnvelope<unknown>> {
  return async (file) => {
    try {
      return { ok: true, result: { path: null, ...(await importFile(services, file)) } };
    } catch (error) {
      if (error instanceof ServiceError) return fail(error.code, error.key, error.params && 'file' in error.params ? { ...error.params, file: UPLOADED_FILE_NAME } : error.params);
      const failure = failureOf('importRecords', error);
      if (failure.error.key !== 'internalWrite') return failure;
      return fail('internal', 'importUploadFailed');
    }
  };
}

/** One import at a time: two at once could both find a call new and file it twice. */
const importQueues = new WeakMap<AppServices, SerialQueue>();

/** Imports a clerk's export into the register; what cannot be read is named, and the register is read afresh. */
export function importFile(services: AppServices, file: string): Promise<ImportResult> {
  let queue = importQueues.get(services);
  if (!queue) importQueues.set(services, (queue = new SerialQueue()));
  return queue.run(() => importNow(services, file));
}

async function importNow(services: AppServices, file: string): Promise<ImportResult> {
  const register = await services.register.ensureLoaded(true);
  let result: ImportResult;
  try {
    result = await importJsonl(file, importsRoot(services.dataDir), register, { beforeWrite: services.assertWritable });
  } catch (error) {
    // Not the chosen file's fault: where the import files what it reads. Imported calls are not filed twice when the import is repeated.
    if (error instanceof ImportFilingError) throw new ServiceError('storage', 'importCannotFile', { place: relative(services.dataDir, error.target), code: error.code });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ServiceError('bad-input', 'importNoFile', { file });
    if (code === 'EACCES' || code === 'EPERM') throw new ServiceError('bad-input', 'importNoAccess', { file });
    if (code === 'EISDIR') throw new ServiceError('bad-input', 'importIsFolder', { file });
    if (code === 'ENOTREGULAR') throw new ServiceError('bad-input', 'importNotRegular', { file });
    throw error;
  }
  if (result.imported === 0 && result.otherRecords === 0 && result.duplicates === 0 && result.conflicts === 0 && result.rejectedCount > 0) {
    throw new ServiceError('bad-input', 'importNotExport', { file });
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

/** Writes a file the person chose; a disk error is said about that file. */
async function writingTo(path: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    const key = ['EACCES', 'EPERM', 'EROFS'].includes(code) ? 'exportNoAccess' : ['ENOENT', 'ENOTDIR'].includes(code) ? 'exportNoFolder' : code === 'ENOSPC' ? 'exportDiskFull' : code === 'EISDIR' ? 'exportIsFolder' : 'exportFailed';
    throw new ServiceError('storage', key, { path, code });
  }
}
