import { promises as fs } from 'node:fs';
import { openRegularFile } from './regular-file';
import { join } from 'node:path';
import { maskIdentifiers } from '../../shared/masking';
import type { ChecklistCatalog } from '../../shared/checklist-catalog';
import type { CallRecord } from '../../shared/call-record';
import { isCallRecord, type JournalRecord } from '../../shared/journal-record';
import { createRowMaker, rowsDisagree, type RegisterRow } from '../../shared/register';
import type { IMPORT_REJECT_REASONS } from '../../shared/register-api';
import { readBoundedLines } from './bounded-lines';
import { MAX_RECORD_CHARS, monthOf, parseCanonical, readLineHead, sha256 } from './journal-format';
import { JournalRecordSchema } from '../../shared/journal-record';

/**
 * Importing JSON Lines exported by clerks, for a team lead without a shared
 * folder. Each record is filed under `imports/calls/<clerk>/<YYYY-MM>.jsonl`
 * — the journal's own layout, in the order of the file — so the register
 * reads it like any other folder and checks its chain. An export of a
 * clerk's whole month (its calls with the day's readiness checks, as the
 * export writes them) verifies; a filtered or edited one is reported as not
 * whole.
 *
 * Held to the clerk's own rules: a record outside them (dates out of range,
 * a call ending before it starts or lasting days, strings beyond their
 * limits) is refused with its line number; a note or callback reference is
 * masked again, whatever the file held, and the line says it was (its
 * original hash kept, so the chain still verifies). A record the register
 * already has is a duplicate — or, with other content, a conflict kept aside
 * in `imports/conflicts/` and shown to the lead, never dropped in silence.
 *
 * Streamed: lines are read, checked and filed a chunk at a time, so a file
 * of hundreds of megabytes needs little memory and never holds up the
 * event loop; a line longer than any record is refused unread.
 */
export type ImportRejectReason = (typeof IMPORT_REJECT_REASONS)[number];

export interface ImportResult {
  imported: number;
  duplicates: number;
  conflicts: number;
  masked: number;
  /** Lines that are not records of this app: their numbers, the first few. */
  rejected: { line: number; reason: ImportRejectReason }[];
  rejectedCount: number;
}

/** What the import asks of the register it files into. */
export interface ImportTarget {
  row(id: string): RegisterRow | undefined;
}

const REJECTED_SHOWN = 20;
/** Bytes kept for filing before they are written out: memory stays flat whatever the file's size. */
const FLUSH_BYTES = 256 * 1024;

export async function importJsonl(file: string, importsRoot: string, register: ImportTarget, catalog: ChecklistCatalog): Promise<ImportResult> {
  const result: ImportResult = { imported: 0, duplicates: 0, conflicts: 0, masked: 0, rejected: [], rejectedCount: 0 };
  const reject = (line: number, reason: ImportRejectReason) => {
    result.rejectedCount++;
    if (result.rejected.length < REJECTED_SHOWN) result.rejected.push({ line, reason });
  };
  const makeRow = createRowMaker(catalog);
  const filer = new Filer(importsRoot);
  // Ids met in this file, with a fingerprint of their content: the same id twice is a duplicate or a conflict.
  const seen = new Map<string, number>();

  for await (const { lineNo, text } of readBoundedLines(await streamOf(file), MAX_RECORD_CHARS)) {
    if (text === null) {
      reject(lineNo, 'too-long');
      continue;
    }
    const read = readImportLine(text, lineNo);
    if (read === null) continue;
    if ('rejected' in read) {
      reject(lineNo, read.rejected);
      continue;
    }
    const { record, line, masked } = read;
    const isCall = isCallRecord(record);
    const fingerprint = contentFingerprint(record);
    const earlier = seen.get(idKey(record.id));
    const known = isCall ? register.row(record.id) : undefined;
    let verdict: 'new' | 'duplicate' | 'conflict' = 'new';
    if (earlier !== undefined) verdict = earlier === fingerprint ? 'duplicate' : 'conflict';
    else if (known) verdict = sameCall(known, makeRow(record as CallRecord, '', 'import')) ? 'duplicate' : 'conflict';
    else if (await filer.has(record)) verdict = 'duplicate';
    if (earlier === undefined) seen.set(idKey(record.id), fingerprint);

    if (verdict === 'conflict') {
      // Kept aside, not filed: the register names the call and both copies to the lead.
      await filer.add(record, line, 'conflicts');
      result.conflicts++;
    } else if (verdict === 'duplicate') {
      if (isCall) result.duplicates++;
    } else {
      await filer.add(record, line, 'calls');
      if (isCall) result.imported++;
      if (masked) result.masked++;
    }
  }
  await filer.flush();
  return result;
}

/** Opens a file to import only if it is a regular file: a pipe or a device would never end (or never start). */
async function streamOf(file: string): Promise<NodeJS.ReadableStream> {
  const handle = await openRegularFile(file);
  return handle.createReadStream({ autoClose: true, highWaterMark: 64 * 1024 });
}

/**
 * One line of an export: the record with the line to file (masked again where
 * it held an identifier), why it is refused, or null for a blank line. Never throws.
 */
export function readImportLine(raw: string, lineNo: number): { record: JournalRecord; line: string; masked: boolean } | { rejected: ImportRejectReason } | null {
  let line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
  if (line.endsWith('\r')) line = line.slice(0, -1);
  if (line.trim() === '') return null;
  if (line.length > MAX_RECORD_CHARS) return { rejected: 'too-long' };
  try {
    JSON.parse(line);
  } catch {
    return { rejected: 'not-json' };
  }
  // As stored, or not at all: a line re-saved by another program (spaces, a repeated key) is not the record that was chained.
  const value = parseCanonical(line) as Record<string, unknown> | undefined;
  const parsed = value === undefined ? null : JournalRecordSchema.safeParse(value);
  if (!parsed?.success || readLineHead(line) === 'corrupt') return { rejected: 'not-a-call-record' };
  const record = parsed.data;
  if (!isCallRecord(record)) return { record, line, masked: false };
  const note = maskIdentifiers(record.note).text;
  const reference = record.callback ? maskIdentifiers(record.callback.reference).text : null;
  if (note === record.note && reference === (record.callback?.reference ?? null)) return { record, line, masked: false };
  // The line changes, so its hash does: the hash it had is kept in it, for the next line's chain to be checked against.
  const maskedValue = {
    ...value!,
    note,
    ...(record.callback ? { callback: { ...(value!.callback as object), reference } } : {}),
    maskedAtImport: typeof value!.maskedAtImport === 'string' ? value!.maskedAtImport : sha256(line),
  };
  const maskedLine = JSON.stringify(maskedValue);
  return { record: { ...record, note, callback: record.callback ? { ...record.callback, reference: reference! } : null }, line: maskedLine, masked: true };
}

/** Two copies of one call say the same, notes compared as they are shown (masked). */
function sameCall(a: RegisterRow, b: RegisterRow): boolean {
  return !rowsDisagree({ ...a, note: maskIdentifiers(a.note).text }, { ...b, note: maskIdentifiers(b.note).text });
}

/**
 * An id as a set key: a UUID's 16 bytes as a 16-character string, not its 36
 * characters. An import of hundreds of thousands of records remembers every
 * id it met; this halves what that costs.
 */
function idKey(id: string): string {
  return UUID.test(id) ? Buffer.from(id.replaceAll('-', ''), 'hex').toString('latin1') : id;
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A short fingerprint of what a record says (not where it sits in a chain), to tell a repeated record from another with its id. */
function contentFingerprint(record: JournalRecord): number {
  const { prevHash: _chain, ...content } = record;
  return Number.parseInt(sha256(JSON.stringify(content)).slice(0, 12), 16);
}

/**
 * Appends imported lines to their month files, in the order met, a batch at
 * a time. Knows which ids a month file held before this import (read once,
 * when the file is first asked about), so a record imported twice is filed once.
 */
class Filer {
  private readonly pending = new Map<string, string[]>();
  private readonly filed = new Map<string, Set<string>>();
  private pendingBytes = 0;

  constructor(private readonly root: string) {}

  async has(record: JournalRecord): Promise<boolean> {
    return (await this.idsOf(this.target(record, 'calls'))).has(idKey(record.id));
  }

  /** Files a line; what this import files is remembered by the import itself (`seen`), not here. */
  async add(record: JournalRecord, line: string, shelf: 'calls' | 'conflicts'): Promise<void> {
    const target = this.target(record, shelf);
    let lines = this.pending.get(target);
    if (!lines) this.pending.set(target, (lines = []));
    lines.push(line);
    this.pendingBytes += line.length + 1;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    for (const [target, lines] of this.pending) {
      await fs.mkdir(join(target, '..'), { recursive: true });
      const handle = await fs.open(target, 'a', 0o600);
      try {
        await handle.appendFile(lines.join('\n') + '\n');
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    this.pending.clear();
    this.pendingBytes = 0;
  }

  private target(record: JournalRecord, shelf: 'calls' | 'conflicts'): string {
    const month = monthOf(new Date(record.savedAt));
    return shelf === 'calls' ? join(this.root, 'calls', record.clerk.id, `${month}.jsonl`) : join(this.root, 'conflicts', 'calls', record.clerk.id, `${month}.jsonl`);
  }

  private async idsOf(target: string): Promise<Set<string>> {
    let ids = this.filed.get(target);
    if (ids) return ids;
    ids = new Set();
    this.filed.set(target, ids);
    let handle;
    try {
      handle = await openRegularFile(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ids;
      throw error;
    }
    // Streamed like the import itself: a month filed before may be large.
    for await (const { text } of readBoundedLines(handle.createReadStream({ autoClose: true }), MAX_RECORD_CHARS)) {
      const head = text ? readLineHead(text) : 'corrupt';
      if (head !== 'corrupt') ids.add(idKey(head.id));
    }
    return ids;
  }
}
