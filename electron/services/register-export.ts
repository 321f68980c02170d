import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { format } from 'date-fns';
import { csvCells, csvHeader, itemColumns, type ItemColumns } from '../../shared/register/register-csv';
import type { RegisterRow } from '../../shared/register/register';
import { MAX_RECORD_CHARS, parseRecordLine, readLineHead, sha256 } from './journal-format';
import { readBoundedLines } from './bounded-lines';
import { openRegularFile } from './regular-file';
import { withNoteLost, type RowsRead } from './rows-read';
import type { Register, Selection } from './register';
import type { OutgoingFile } from './file-exchange';

/**
 * Exports of the register, streamed: a row is formatted, written and let go,
 * so a year of a whole office's calls never sits in memory twice.
 *
 * - CSV for Polish Excel: UTF-8 with a BOM (or Excel guesses the code page),
 *   `;` between cells (the comma is the Polish decimal separator), CRLF line
 *   ends, quotes only where a cell needs them; text cells are neutralised
 *   against formula injection, the checklist columns bounded (Excel stops
 *   at 16,384) and cells cut to Excel's 32,767 characters in
 *   shared/register-csv.ts.
 * - JSON Lines: the records exactly as stored, for archiving or re-import.
 */
export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Bytes handed to the disk at a time: fewer, larger writes; still a constant, small amount of memory. */
const WRITE_CHUNK = 256 * 1024;
/** Rows formatted ahead of the output at most. */
const ROWS_WAITING = 256;
/** Rows whose notes are read from their month files in one go: nearby lines of a file are read together. */
const ROWS_READ_TOGETHER = 1024;

export function exportFileName(format_: ExportFormat, now: Date): string {
  return `rejestr-rozmow-${format(now, 'yyyy-MM-dd-HHmm')}.${format_}`;
}

/** Writes the selected calls as CSV to `out`, honouring back-pressure; resolves when all is handed to `out`. */
export async function writeCsv(register: Register, selection: Selection, out: Writable): Promise<void> {
  // One list per row (rows of a checklist version share theirs): the items most used get the columns.
  await writeCsvRows(itemColumns(selection.read.lists(selection.rows)), withIntegrity(register, selection), out);
}

/** Rows made a few hundred at a time, each with its note read from its line: the notes of a whole office are never in memory at once. */
async function* withIntegrity(register: Register, { read, rows }: Selection): AsyncGenerator<[RegisterRow, string][]> {
  for (let start = 0; start < rows.length; start += ROWS_READ_TOGETHER) {
    const { rows: made, lost } = await read.rows(rows.subarray(start, start + ROWS_READ_TOGETHER));
    // A line changed under the export since the register read it: the row is written, and says its note could not be read.
    yield made.map((row, k) => [row, withNoteLost(register.integrityOf(row), lost.has(k))]);
  }
}

/** CSV of rows as they come (from memory, or a database's cursor) a batch at a time, each with what is wrong with it, under the given item columns. */
export async function writeCsvRows(items: ItemColumns, batches: Iterable<readonly [RegisterRow, string][]> | AsyncIterable<readonly [RegisterRow, string][]>, out: Writable): Promise<void> {
  // A line break inside a cell must be quoted even though the record delimiter is CRLF:
  // unquoted, Excel would start a new row there, and what follows would be read as a
  // cell of its own — a way round the formula neutralisation.
  // Its two sides counted apart: rows going in (objects — a few hundred wait, not a quarter of a million), bytes
  // coming out. A slow download or share then holds the rows where they come from (a database's cursor), not here.
  const csv = stringify({ delimiter: ';', bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/, writableHighWaterMark: ROWS_WAITING, readableHighWaterMark: WRITE_CHUNK });
  const gone = outputGone(out);
  csv.pipe(out, { end: false });
  csv.write(csvHeader(items));
  // Waits only when the file is behind: a promise per row would cost more than the row.
  for await (const batch of batches) {
    for (const [row, integrity] of batch) if (!csv.write(csvCells(row, items, integrity)) && !(await drained(csv, gone))) return void csv.destroy();
  }
  csv.end();
  await Promise.race([once(csv, 'end'), gone]);
}

/**
 * Writes the stored lines of the rows' records to `out`, month file by month
 * file, in the order they were saved. The other lines of those files (the
 * day's readiness checks, a retention note; no client data in either) go
 * along, so an export of a clerk's whole month re-imports with its hash chain
 * whole. A record kept in two folders is written once.
 */
export async function writeJsonl(selection: Selection, out: Writable): Promise<void> {
  const { read } = selection;
  const wanted = new Map<string, { paths: readonly string[]; calls: Map<string, ReturnType<RowsRead['place']>> }>();
  for (const number of selection.rows) {
    const place = read.place(number);
    let file = wanted.get(place.file);
    if (!file) wanted.set(place.file, (file = { paths: read.sourcesOf(place.file), calls: new Map() }));
    file.calls.set(place.id, place);
  }
  const gone = outputGone(out);
  const written = new Set<string>();
  for (const { paths, calls } of wanted.values()) {
    for (const path of paths) {
      // Only a regular file, a line at a time and none longer than a record: a file swapped since the reading (a pipe, a link to a device) holds nothing up.
      const handle = await openRegularFile(path).catch(() => null);
      if (!handle) continue;
      try {
        for await (const { text } of readBoundedLines(handle.createReadStream({ autoClose: false }), MAX_RECORD_CHARS)) {
          if (text === null) continue;
          const head = readLineHead(text);
          if (head === 'corrupt' || written.has(head.id)) continue;
          if (head.type === 'call') {
            // The very line the register verified, or nothing: an edit made since (an identifier typed in) is not exported.
            const place = calls.get(head.id);
            if (!place || !place.chunk.tagMatches(place.index, sha256(text))) continue;
          } else if (!parseRecordLine(text)) continue;
          written.add(head.id);
          if (!out.write(text + '\n') && !(await drained(out, gone))) return;
        }
      } finally {
        await handle.close();
      }
    }
  }
}

/** Writes lines as they come (a database's cursor) to `out`, honouring back-pressure. */
export async function writeLines(lines: AsyncIterable<string>, out: Writable): Promise<void> {
  const gone = outputGone(out);
  for await (const line of lines) if (!out.write(line + '\n') && !(await drained(out, gone))) return;
}

/** Resolves once a stream the output goes to is closed early (a browser that dropped the download). */
function outputGone(out: Writable): Promise<void> {
  return new Promise((resolve) => out.once('close', () => resolve()));
}

/** Waits for room in `stream`; false when the output went away meanwhile (then the export stops). */
async function drained(stream: Writable | Readable, gone: Promise<void>): Promise<boolean> {
  const room = once(stream, 'drain').then(() => true);
  return Promise.race([room, gone.then(() => false)]);
}

/** An export of the rows as a file for the person: its suggested name, its type and how it is written. */
export function exportFile(register: Register, selection: Selection, format_: ExportFormat, now: Date): OutgoingFile {
  return {
    suggestedName: exportFileName(format_, now),
    contentType: format_ === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    write: (out) => (format_ === 'csv' ? writeCsv(register, selection, out) : writeJsonl(selection, out)),
  };
}
