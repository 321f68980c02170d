import { createHash, type Hash } from 'node:crypto';
import type { ChecklistCatalog } from '../../shared/call/checklist-catalog';
import { isCallRecord } from '../../shared/journal/journal-record';
import { createRowMaker } from '../../shared/register/register';
import type { RegisterFolderKind } from '../../shared/register/register-api';
import { ChunkBuilder, type RowChunk } from '../../shared/register/row-chunk';
import type { CallbackChangeFact } from '../../shared/register/statistics';
import type { MaskedLine } from './import-filer';
import { callDigest, decodeLine, genesisHash, headOfValue, JournalScanner, MAX_RECORD_CHARS, parseCanonical, recordOfValue, sha256, type JournalHead, type ScannerState } from './journal-format';

/**
 * What the register makes of one copy of a month file's bytes: each line's
 * place in the chain, every call as a row (scored against the catalog), the
 * callback changes, and the hash of the bytes read. The same work in the
 * window's process (a file that grew, read on from where it stopped) and in
 * a worker thread (a file read whole: month-reading-worker.ts).
 */

/** Which copy of which month file, and what is known of it beside its bytes. */
export interface MonthOfClerk {
  clerkId: string;
  month: string;
  /** `calls/<clerk>/<YYYY-MM>.jsonl`, as rows name their file. */
  relative: string;
  kind: RegisterFolderKind;
  /** The month's head, as read just before the file (none for imports). */
  head: JournalHead | null;
  /** An import's lines masked on the way in (import-filer.ts); null where the copy keeps none. */
  masked: ReadonlyMap<string, MaskedLine> | null;
}

/** A month file read up to its readable end. */
export interface MonthReading {
  /** Bytes read from the start (the readable end: a last line still being written is left). */
  verifiedBytes: number;
  /** SHA-256 of those bytes, hex. */
  prefixDigest: string;
  scan: ScannerState;
  rows: RowChunk;
  maskedOnImport: string[];
  changes: [string, { callbackOf: string } & CallbackChangeFact][];
}

/** Where a reading of the file's first bytes stopped, to go on from there over bytes appended since. */
export interface ReadSoFar {
  verifiedBytes: number;
  prefix: Hash;
  scan: ScannerState;
  rows: RowChunk;
  changes: Iterable<[string, { callbackOf: string } & CallbackChangeFact]>;
}

/** Bytes hashed between two turns of the event loop (a few milliseconds' work). */
const HASHED_PER_TURN = 8 * 2 ** 20;

/** Lines read between two turns of the event loop. */
const LINES_PER_TURN = 2_000;

/**
 * Reads `whole` up to `end` (its readable end), from the start or on from
 * `soFar`. `turn`, where given, is awaited every few thousand lines and
 * megabytes, so the window's process keeps answering; a worker passes none.
 */
export async function readMonthBytes(
  whole: Buffer,
  end: number,
  of: MonthOfClerk,
  catalog: ChecklistCatalog,
  soFar: ReadSoFar | null,
  turn?: () => Promise<void>,
): Promise<MonthReading> {
  const { clerkId, month, relative, kind, head, masked } = of;
  const scanner = new JournalScanner(genesisHash(clerkId, month), relative, {
    head,
    maskedAtImport: masked,
    expectHead: kind !== 'import',
    keepLines: false,
    resumeFrom: soFar?.scan,
  });
  const makeRow = createRowMaker(catalog);
  const rows = soFar ? ChunkBuilder.from(soFar.rows) : new ChunkBuilder();
  const maskedOnImport: string[] = [];
  const changes = new Map(soFar?.changes);
  let start = soFar ? soFar.verifiedBytes : 0;
  let sinceTurn = 0;
  while (start < end) {
    let lineEnd = whole.indexOf(0x0a, start);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const text = decodeLine(whole, start, lineEnd);
    // Every line is parsed whole here, so the chain takes its head from that value, not from a reading of its own.
    const value = text.length <= MAX_RECORD_CHARS ? parseCanonical(text) : undefined;
    const head = headOfValue(value);
    const taken = head === 'corrupt' ? scanner.feed(text) : scanner.feedRead(text, head);
    const place = { start, length: lineEnd - start };
    start = lineEnd + 1;
    if (taken?.type === 'call') {
      const record = recordOfValue(value);
      if (record && isCallRecord(record) && record.clerk.id !== clerkId) {
        // Each clerk's app writes only its own folder: a call of someone else's in it was put there by a hand.
        scanner.report({ file: relative, line: taken.line, kind: 'wrong-clerk' });
      } else if (record && isCallRecord(record)) {
        const row = makeRow(record, relative, kind);
        row.digest = callDigest(record);
        // The note is not kept in memory: the row says where its line is, to read it from there when shown.
        rows.add(row, { ...place, hash: taken.hash });
        if (masked?.has(sha256(taken.text))) maskedOnImport.push(record.id);
      } else scanner.report({ file: relative, line: taken.line, kind: 'corrupt-line' });
    } else if (taken?.type === 'callback-change') {
      // A callback moved or called off: the register judges the callback by it (statistics.ts, callbackDeadline).
      const record = recordOfValue(value);
      if (record?.type === 'callback-change' && record.clerk.id === clerkId) {
        changes.set(record.id, { callbackOf: record.callbackOf, at: Date.parse(record.savedAt), change: record.change, dueAt: record.dueAt === null ? null : Date.parse(record.dueAt) });
      }
    }
    if (turn && ++sinceTurn === LINES_PER_TURN) {
      sinceTurn = 0;
      await turn();
    }
  }
  const prefix = await hashInTurns(soFar ? soFar.prefix : createHash('sha256'), whole.subarray(soFar ? soFar.verifiedBytes : 0, end), turn);
  return { verifiedBytes: end, prefixDigest: prefix.digest('hex'), scan: scanner.snapshot(), rows: rows.finish(), maskedOnImport, changes: [...changes] };
}

/** Bytes hashed at most HASHED_PER_TURN at a time, with a turn between where one is given: a month file may be a gigabyte. */
export async function hashInTurns(hash: Hash, bytes: Buffer, turn?: () => Promise<void>): Promise<Hash> {
  for (let start = 0; start < bytes.length; start += HASHED_PER_TURN) {
    if (start > 0 && turn) await turn();
    hash.update(bytes.subarray(start, start + HASHED_PER_TURN));
  }
  return hash;
}
