/**
 * A worker thread of the register (month-readers.ts): reads a month file
 * whole — the import's masked lines first, then the file, as the register
 * does — and sends back what the register makes of it. The rows' columns
 * are one buffer, handed over, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { checklistCatalog, type ChecklistCatalog } from '../../shared/call/checklist-catalog';
import { readMaskedLines } from './import-filer';
import { readableEndOfBytes } from './journal-format';
import { readMonthBytes } from './month-reading';
import type { ReaderRequest, ReaderReply } from './month-readers';
import { readRegularFile } from './regular-file';

/** The catalog of the last request (by its hash): the same for every file of an opening. */
let catalog: { key: string; value: ChecklistCatalog } | null = null;

parentPort?.on('message', (request: ReaderRequest) => {
  void answer(request).then((reply) => {
    const buffers = 'reading' in reply ? [reply.reading.rows.columns.id.buffer as ArrayBuffer] : [];
    parentPort!.postMessage(reply, buffers);
  });
});

async function answer({ job, definitions }: ReaderRequest): Promise<ReaderReply> {
  try {
    if (definitions) catalog = { key: job.catalogKey, value: checklistCatalog(definitions) };
    if (catalog?.key !== job.catalogKey) throw new Error('no checklist catalog for this reading');
    const masked = job.listed ? await readMaskedLines(job.path, readRegularFile) : null;
    const whole = await readRegularFile(job.path);
    const reading = await readMonthBytes(whole, readableEndOfBytes(whole), { ...job.of, masked }, catalog.value, null);
    return { size: whole.length, reading };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
