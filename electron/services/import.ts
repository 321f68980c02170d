import { isCallRecord, JournalRecordSchema, type JournalRecord } from '../../shared/journal/journal-record';
import { implausibleCall } from '../../shared/journal/call-record-plausible';
import type { RegisterRow } from '../../shared/register/register';
import type { IMPORT_REJECT_REASONS } from '../../shared/register/register-api';
import { maskedTypedFields, maskingChangesNothing } from '../../shared/journal/call-record';
import { readBoundedLines } from './bounded-lines';
import { ImportFiler } from './import-filer';
import { callDigest, callDigestMasked, genesisHash, MAX_RECORD_CHARS, monthOf, parseCanonical, readLineHead, sha256 } from './journal-format';
import { openRegularFile } from './regular-file';

type MaskedFields = ReturnType<typeof maskedTypedFields>;

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
 * masked again, whatever the file held (its former hash kept beside the file
 * by the import, so the chain still verifies — see import-filer.ts). A
 * record the register already has is a duplicate — or, with other content,
 * a conflict kept aside in `imports/conflicts/` and shown to the lead, never
 * dropped in silence. Each record goes to the month file its chain belongs
 * to, in the file's order.
 *
 * Streamed: lines are read, checked and filed a chunk at a time, so a file
 * of hundreds of megabytes needs little memory and never holds up the
 * event loop; a line longer than any record is refused unread.
 */
export type ImportRejectReason = (typeof IMPORT_REJECT_REASONS)[number];

export interface ImportResult {
  imported: number;
  /** Other records filed with the calls (the day's readiness checks, retention notes). */
  otherRecords: number;
  duplicates: number;
  conflicts: number;
  masked: number;
  /** Lines that are not records of this app: their numbers, the first few. */
  rejected: { line: number; reason: ImportRejectReason }[];
  rejectedCount: number;
}

/** What the import asks of the register it files into: the rows it holds, each with its content's digest and its copy. */
export interface ImportTarget {
  row(id: string): Pick<RegisterRow, 'digest' | 'copy'> | undefined;
}

export interface ImportOptions {
  /** Throws when this app may no longer write (it lost the data directory to another). */
  beforeWrite?: () => Promise<void>;
}

const REJECTED_SHOWN = 20;
/** How far after now a record may say it was saved (clocks of two computers, time zones written wrong). */
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;
/** The longest the import works before giving the event loop a turn: a note that is slow to mask must not hold up the window. */
const SLICE_MS = 20;

export async function importJsonl(file: string, importsRoot: string, register: ImportTarget, options: ImportOptions = {}): Promise<ImportResult> {
  const result: ImportResult = { imported: 0, otherRecords: 0, duplicates: 0, conflicts: 0, masked: 0, rejected: [], rejectedCount: 0 };
  const reject = (line: number, reason: ImportRejectReason) => {
    result.rejectedCount++;
    if (result.rejected.length < REJECTED_SHOWN) result.rejected.push({ line, reason });
  };
  const filer = new ImportFiler(importsRoot, idKey, options.beforeWrite ?? (async () => undefined));
  // Ids met in this file, with their content's digest: the same id twice is a duplicate or a conflict.
  const seen = new Map<string, string>();
  // The last line filed for each clerk, and the month file it went to: the next line of its chain goes there too.
  const chainEnds = new Map<string, { hash: string; month: string }>();
  let slice = performance.now();

  for await (const { lineNo, text } of readBoundedLines(await streamOf(file), MAX_RECORD_CHARS)) {
    if (performance.now() - slice > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
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
    const { record, line, masked, originalHash, fields } = read;
    const isCall = isCallRecord(record);
    const month = chainMonth(record, chainEnds);
    chainEnds.set(record.clerk.id, { hash: originalHash, month });
    // Non-call records are told apart by their line alone (the register keeps no row of them).
    // A call's digest from the masking the line was just read with: masked once, not again.
    const digest = isCall ? (fields ? callDigestMasked(record, fields) : callDigest(record)) : sha256(line.replace(/"prevHash":"[0-9a-f]{64}",?/, ''));
    const key = idKey(record.id);
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, digest);
    const known = register.row(record.id);
    const target = filer.target(record.clerk.id, month, 'calls');

    const conflict = (earlier !== undefined && earlier !== digest) || (known !== undefined && known.digest !== digest);
    if (conflict && (earlier !== undefined || known?.copy === 'import' || (await filer.has(target, record)))) {
      // The imports copy holds this call already, with other content: kept aside, not filed twice; the register names both.
      await filer.add(filer.target(record.clerk.id, month, 'conflicts'), line, null);
      result.conflicts++;
    } else if (conflict) {
      // Held otherwise by this computer or the team folder: filed, so the imported month stays whole; the register sees two copies disagree.
      await filer.add(target, line, masked ? { id: record.id, now: sha256(line), was: originalHash } : null);
      result.conflicts++;
    } else if (earlier !== undefined || known?.copy === 'import' || (await filer.has(target, record))) {
      if (isCall) result.duplicates++;
    } else {
      // Filed even when this computer or the team folder already holds it (counted as a duplicate then):
      // the imported month stays whole, so its chain verifies as the clerk's did.
      await filer.add(target, line, masked ? { id: record.id, now: sha256(line), was: originalHash } : null);
      if (!isCall) {
        result.otherRecords++;
        continue;
      }
      if (known) result.duplicates++;
      else result.imported++;
      if (masked) result.masked++;
    }
  }
  await filer.flush();
  return result;
}

async function streamOf(file: string): Promise<NodeJS.ReadableStream> {
  const handle = await openRegularFile(file);
  return handle.createReadStream({ autoClose: true, highWaterMark: 64 * 1024 });
}

/**
 * The month file a record belongs in: the one whose chain it continues — the
 * month its prevHash names as a genesis, or the month of the line before it
 * in its chain. A record is filed where the clerk's journal filed it, not by
 * the month its time falls in here (another time zone files a call at
 * midnight of a month's end into the other month).
 */
function chainMonth(record: JournalRecord, chainEnds: Map<string, { hash: string; month: string }>): string {
  const clerk = record.clerk.id;
  const before = chainEnds.get(clerk);
  if (before && before.hash === record.prevHash) return before.month;
  const saved = new Date(record.savedAt);
  const local = monthOf(saved);
  const utc = saved.toISOString().slice(0, 7);
  const around = (m: string, by: number) => {
    const [y, mo] = m.split('-').map(Number) as [number, number];
    const d = new Date(Date.UTC(y, mo - 1 + by, 1));
    return d.toISOString().slice(0, 7);
  };
  for (const m of [local, utc, around(local, -1), around(local, 1)]) if (genesisHash(clerk, m) === record.prevHash) return m;
  return local;
}

/**
 * One line of an export: the record with the line to file (masked again where
 * it held an identifier, with the hash the line had), why it is refused, or
 * null for a blank line. Never throws.
 */
export function readImportLine(
  raw: string,
  lineNo: number,
): { record: JournalRecord; line: string; masked: boolean; originalHash: string; fields?: MaskedFields } | { rejected: ImportRejectReason } | null {
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
  // Saved after today: a clock far ahead, or made up; it would never leave the register under retention.
  if (Date.parse(record.savedAt) > Date.now() + FUTURE_SLACK_MS) return { rejected: 'in-future' };
  const originalHash = sha256(line);
  if (!isCallRecord(record)) return { record, line, masked: false, originalHash };
  // What a save would have refused — a tick after the call, a call saved months after it — is no record of the app's.
  if (implausibleCall(record)) return { rejected: 'impossible-call' };
  // Masked as the clerk's app masks them, and cut to the field's length.
  const fields = maskedTypedFields(record);
  if (maskingChangesNothing(record, fields)) return { record, line, masked: false, originalHash, fields };
  const { note, reference, unitName, unitId } = fields;
  const maskedValue = {
    ...value!,
    note,
    ...(record.callback ? { callback: { ...(value!.callback as object), reference } } : {}),
    ...(record.routedTo ? { routedTo: { ...(value!.routedTo as object), unitId, unitName } } : {}),
  };
  const again = JournalRecordSchema.safeParse(maskedValue);
  if (!again.success) return { rejected: 'not-a-call-record' };
  return { record: again.data, line: JSON.stringify(maskedValue), masked: true, originalHash, fields };
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
