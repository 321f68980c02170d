import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { genesisHash, monthOf, serializeRecord, sha256 } from '../../electron/services/journal-format';
import { JournalRecordSchema } from '../../shared/journal/journal-record';
import { randomClerkId, sampleRecord } from './records';

/**
 * A clerks' JSON Lines export of at least `bytes`: twenty clerks' calls, a
 * month file each per month, chained as the journal writes them. Notes are
 * `noteLength` long (a real export's can be up to a thousand characters).
 * Streamed to disk: the writer holds no more than a line. Returns the records written.
 */
export async function writeBigExport(file: string, bytes: number, noteLength = 900): Promise<number> {
  const out = createWriteStream(file);
  const clerks = Array.from({ length: 20 }, randomClerkId);
  const last = new Map<string, string>();
  let written = 0;
  let records = 0;
  let at = Date.UTC(2025, 0, 2, 8);
  while (written < bytes) {
    at += 97_000;
    const clerk = clerks[records % clerks.length]!;
    const month = monthOf(new Date(at));
    const line = serializeRecord(JournalRecordSchema.parse({ ...sampleRecord(new Date(at), noteLength, clerk), prevHash: last.get(`${clerk}/${month}`) ?? genesisHash(clerk, month) }));
    last.set(`${clerk}/${month}`, sha256(line));
    if (!out.write(line + '\n')) await once(out, 'drain');
    written += Buffer.byteLength(line) + 1;
    records++;
  }
  out.end();
  await once(out, 'finish');
  return records;
}
