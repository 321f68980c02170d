import { hash as oneShotHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { JournalProblem } from '../../shared/contract/api';
import { JournalRecordSchema, type JournalRecord } from '../../shared/journal/journal-record';
import { maskedTypedFields, maskingChangesNothing, type CallRecord } from '../../shared/journal/call-record';
import { RECORD_SCHEMA_VERSION } from '../../shared/journal/record-base';

/**
 * The journal's file format, apart from the class that keeps the files open:
 * how a line is written and hashed, how a month file's chain is verified and
 * its lines parsed, and the two file-system helpers the writer needs.
 */

export interface JournalReadResult {
  records: JournalRecord[];
  problems: JournalProblem[];
}

export function sha256(text: string): string {
  // The one-shot form: half the time of a Hash object for a line of a few kB.
  return oneShotHash('sha256', text, 'hex');
}

export function genesisHash(clerkId: string, month: string): string {
  return sha256(`asystent-rozmow|${clerkId}|${month}`);
}

/** The journal month of a moment, in the machine's local time (the office's day). */
export { monthOf } from '../../shared/journal/months';

export async function fileExists(path: string): Promise<boolean> {
  try {
    await fs.access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes every byte or throws. A single write may write less than asked when
 * the disk fills up, without an error; the rest is retried, and a write that
 * makes no progress is reported as a full disk.
 */
export async function writeFully(handle: fs.FileHandle, data: Buffer, position: number): Promise<void> {
  let written = 0;
  while (written < data.length) {
    const { bytesWritten } = await handle.write(data, written, data.length - written, position + written);
    if (bytesWritten <= 0) throw Object.assign(new Error('Brak miejsca na dysku'), { code: 'ENOSPC' });
    written += bytesWritten;
  }
}

/**
 * Keys in a fixed order (version and id first) so a person reading the file
 * sees what each line is; the hash covers exactly these bytes.
 */
export function serializeRecord(record: JournalRecord): string {
  const { schemaVersion, type, id, prevHash, ...rest } = record;
  return JSON.stringify({ schemaVersion, type, id, prevHash, ...rest });
}

export interface JournalLine {
  /** 1-based line number in the file. */
  line: number;
  id: string;
  /** The record type from the line's head ("call", "shift"), so a reader can pick lines without parsing them all. */
  type: string;
  text: string;
  /** The line's SHA-256, hex: what the next line chains to. */
  hash: string;
}

/**
 * A file can hold a million broken lines (a file of another tool, junk
 * dropped into a clerk's folder): the first few problems are kept to show,
 * the rest only counted, so no view ever carries or spreads them all.
 */
export const PROBLEMS_KEPT_PER_FILE = 20;

export interface JournalScan {
  file: string;
  /** Lines that look like records of the version this app writes. */
  lines: JournalLine[];
  /** The first PROBLEMS_KEPT_PER_FILE problems, in line order. */
  problems: JournalProblem[];
  /** Every problem met, kept or not. */
  problemCount: number;
  /** Lines in the file, readable or not. */
  lineCount: number;
  /** Hash of the file's last line (the genesis hash for an empty file): what the next record chains to. */
  lastHash: string;
}

/**
 * Collects problems up to a bound and counts the rest. Never spreads them
 * into a call's arguments: `push(...list)` with a long list overflows the stack.
 */
export class ProblemList<P = JournalProblem> {
  readonly kept: P[] = [];
  count = 0;

  constructor(private readonly limit = PROBLEMS_KEPT_PER_FILE) {}

  add(problem: P): void {
    this.count++;
    if (this.kept.length < this.limit) this.kept.push(problem);
  }

  /**
   * Kept past the bound: what the month's head finds (newest lines changed or
   * cut off, the head gone) is at most a few per file and must never hide
   * behind junk lines — the head's evidence and the alerts are made from it.
   */
  addAlways(problem: P): void {
    this.count++;
    this.kept.push(problem);
  }

  /** Where another list stood (a scan taken up again): every problem it kept — also those kept past the bound — and its count. */
  restore(kept: readonly P[], count: number): void {
    for (const p of kept) this.kept.push(p);
    this.count += count;
  }

  addAll(problems: readonly P[], count = problems.length): void {
    for (const p of problems) {
      if (this.kept.length >= this.limit) break;
      this.kept.push(p);
    }
    this.count += count;
  }
}

/**
 * A month's head, kept beside its file (`<YYYY-MM>.jsonl.head`) after every
 * append: a hash chain cannot see its own newest lines edited or cut off,
 * the head can.
 */
export interface JournalHead {
  lines: number;
  lastHash: string;
  /**
   * What the clerk's app found wrong with the month against its head — the
   * first such finding and the latest: kept in the head for good, so the
   * next append (which writes the head anew) cannot make an edit it found
   * vanish from every later reading.
   */
  evidence?: HeadEvidence[];
}

export interface HeadEvidence {
  kind: HeadProblemKind;
  line: number;
}

/** What a month's head can show: its last line changed, lines cut off, or the head itself gone. */
export type HeadProblemKind = 'head-changed' | 'lines-removed' | 'head-missing';
export const HEAD_PROBLEM_KINDS: readonly HeadProblemKind[] = ['head-changed', 'lines-removed', 'head-missing'];

// The fixed start of every line serializeRecord writes. Reading the chain
// fields from it spares a JSON.parse of every line when only the chain is
// checked; a line that does not start this way is parsed the slow way.
const LINE_HEAD = /^\{"schemaVersion":(\d+),"type":"([a-z-]+)","id":"([^"\\]+)","prevHash":"([0-9a-f]{64})"/;
/**
 * Whether, after the fixed start (from `from`), a head field is named a
 * second time, or anything is \u-escaped: JSON.parse would keep the last
 * value and the fast reader the first. Nested objects name "id" first
 * ({"id":…), so an "id" or "type" key counts only after something else.
 * The same as /"(?:schemaVersion|prevHash)"\s*:|[^{\s]\s*"(?:id|type)"\s*:|\\u/
 * on the rest of the line, with JSON's whitespace for \s (a property test
 * holds it to that), by indexOf: that regex, tried at every character, took
 * twice as long as hashing the line.
 */
export function headKeyAgain(line: string, from: number): boolean {
  if (line.includes('\\u', from)) return true;
  return keyFollows(line, '"schemaVersion"', from, false) || keyFollows(line, '"prevHash"', from, false) || keyFollows(line, '"id"', from, true) || keyFollows(line, '"type"', from, true);
}

/** JSON's whitespace: space, tab, line feed, carriage return. */
function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function keyFollows(line: string, key: string, from: number, notFirstInObject: boolean): boolean {
  for (let at = line.indexOf(key, from); at >= 0; at = line.indexOf(key, at + 1)) {
    let after = at + key.length;
    while (isJsonSpace(line.charCodeAt(after))) after++;
    if (line.charCodeAt(after) !== 0x3a /* : */) continue;
    if (!notFirstInObject) return true;
    let before = at - 1;
    while (before >= from && isJsonSpace(line.charCodeAt(before))) before--;
    if (before >= from && line.charCodeAt(before) !== 0x7b /* { */) return true;
  }
  return false;
}

/**
 * The longest line a record of this app can be (a note of 1,000 characters,
 * nine items, names — a few kB), with room to spare. A longer line is not a
 * record, and is not parsed: a 50 MB line of junk costs one hash, not a parse.
 */
export const MAX_RECORD_CHARS = 64 * 1024;

export interface ScannerOptions {
  /** The month's head, where kept: its newest lines edited or cut off are reported. */
  head?: JournalHead | null;
  /** Imported copies only: lines the import masked, by their hash now → the hash they had, which the next line chains to (import-filer.ts). */
  maskedAtImport?: ReadonlyMap<string, { was: string }> | null;
  problemsKept?: number;
  /** A copy the journal writes (this computer's, the team folder's): every month with records has a head. */
  expectHead?: boolean;
  /** Whether `lines` keeps every record line's text (false: a reader that takes each line as it is fed, and lets it go). */
  keepLines?: boolean;
  /** Go on from where a scan of the file's first lines stood (snapshot()). */
  resumeFrom?: ScannerState;
}

/** A scan stopped after some lines: the hash the next line must chain to, the lines read, the problems found so far. */
export interface ScannerState {
  expected: string;
  lines: number;
  /** Lines that read as records of this version (a month without them needs no head). */
  recordLines: number;
  problems: JournalProblem[];
  problemCount: number;
}

/**
 * Verifies a month file's chain, a line at a time: each line's prevHash must
 * be the SHA-256 of the line before it (of the genesis string for the
 * first). Reports every line that breaks it, cannot be read, or is of an
 * unknown version, and goes on reading: one bad line never hides the rest.
 * With the month's head, also reports its newest lines edited or cut off.
 * Fed line by line, so a reader can give the event loop a turn between lines.
 */
export class JournalScanner {
  readonly lines: JournalLine[] = [];
  private readonly problems: ProblemList;
  private readonly head: JournalHead | null;
  private readonly maskedAtImport: ReadonlyMap<string, { was: string }> | null;
  private readonly expectHead: boolean;
  private readonly keepLines: boolean;
  private expected: string;
  private lineNo = 0;
  private recordLines = 0;

  constructor(
    genesis: string,
    private readonly file: string,
    options: ScannerOptions = {},
  ) {
    this.head = options.head ?? null;
    this.maskedAtImport = options.maskedAtImport ?? null;
    this.expectHead = options.expectHead ?? false;
    this.keepLines = options.keepLines ?? true;
    this.problems = new ProblemList(options.problemsKept ?? PROBLEMS_KEPT_PER_FILE);
    this.expected = genesis;
    const from = options.resumeFrom;
    if (from) {
      this.expected = from.expected;
      this.lineNo = from.lines;
      this.recordLines = from.recordLines;
      this.problems.restore(from.problems, from.problemCount);
    }
  }

  /**
   * Where the scan stands before finish(): enough to go on with the lines
   * appended after these (resumeFrom), as if it had never stopped. What
   * finish() adds is not in it — it depends on the head, read anew each time.
   */
  snapshot(): ScannerState {
    return { expected: this.expected, lines: this.lineNo, recordLines: this.recordLines, problems: [...this.problems.kept], problemCount: this.problems.count };
  }

  /** Takes the next line; returns it as a record line when it reads as one of this version. */
  feed(line: string): JournalLine | null {
    return this.feedRead(line, readLineHead(line));
  }

  /**
   * feed, given the line's head as readLineHead reads it: a reader that
   * parses every line whole anyway (month-reading.ts) takes the head from
   * that value (headOfValue) and spares a second reading of the line.
   */
  feedRead(line: string, read: LineHead | 'corrupt'): JournalLine | null {
    const lineNo = ++this.lineNo;
    const hash = sha256(line);
    // The line and the one before it: an edit of either makes another find of the same kind at this line.
    const trace = `${this.expected.slice(0, 8)}${hash.slice(0, 8)}`;
    let taken: JournalLine | null = null;
    if (read === 'corrupt') this.problems.add({ file: this.file, line: lineNo, kind: 'corrupt-line', trace });
    else if (read.version !== RECORD_SCHEMA_VERSION) this.problems.add({ file: this.file, line: lineNo, kind: 'unknown-version', trace });
    else {
      if (read.prevHash !== this.expected) this.problems.add({ file: this.file, line: lineNo, kind: 'broken-chain', trace });
      taken = { line: lineNo, id: read.id, type: read.type, text: line, hash };
      this.recordLines++;
      if (this.keepLines) this.lines.push(taken);
    }
    this.expected = hash;
    const before = this.maskedAtImport?.get(this.expected);
    if (before) this.expected = before.was;
    if (this.head && lineNo === this.head.lines && this.expected !== this.head.lastHash) {
      this.problems.addAlways({ file: this.file, line: lineNo, kind: 'head-changed', trace });
    }

    return taken;
  }

  /** Lines fed so far. */
  get lineCount(): number {
    return this.lineNo;
  }

  /** A problem found outside the chain check (a record line that does not parse), counted with the rest. */
  report(problem: JournalProblem): void {
    this.problems.add(problem);
  }

  finish(): JournalScan {
    // How the file ends now: cut again, or a head removed again after other changes, is another find.
    const trace = `${this.lineNo}:${this.expected.slice(0, 16)}`;
    if (this.head && this.lineNo < this.head.lines) this.problems.addAlways({ file: this.file, line: this.head.lines, kind: 'lines-removed', trace });
    // Only where there is a chain to cover: a file of nothing but junk is reported line by line, a missing head adds nothing.
    if (this.expectHead && !this.head && this.recordLines > 0) this.problems.addAlways({ file: this.file, line: this.lineNo, kind: 'head-missing', trace });
    // What was found before stays said, unless the same is found now.
    for (const evidence of this.head?.evidence ?? []) {
      const foundNow = this.problems.kept.some((p) => p.kind === evidence.kind && p.line === evidence.line);
      if (!foundNow) this.problems.addAlways({ file: this.file, line: evidence.line, kind: evidence.kind });
    }
    return {
      file: this.file,
      lines: this.lines,
      problems: this.problems.kept.sort(byLine),
      problemCount: this.problems.count,
      lineCount: this.lineNo,
      lastHash: this.expected,
    };
  }
}

/**
 * Where the readable part of a month file's text ends. What follows its last
 * newline is still being written (or was torn by a crash) and is left for the
 * next read — unless it is one whole record that lacks only its newline,
 * which is read now (the journal completes it when it next opens the file).
 */
export function readableEnd(text: string): number {
  const end = text.lastIndexOf('\n') + 1;
  return end < text.length && parseRecordLine(text.slice(end)) ? text.length : end;
}

/** readableEnd, of a month file's bytes: the bytes are never one string (a file can be larger than a string can be). */
export function readableEndOfBytes(bytes: Buffer): number {
  const end = bytes.lastIndexOf(0x0a) + 1;
  if (end === bytes.length || bytes.length - end > MAX_RECORD_CHARS * 4) return end;
  return parseRecordLine(bytes.toString('utf8', end)) ? bytes.length : end;
}

/** Calls `each` for every line of `text` (a final newline ends the last line), without splitting the whole text at once. */
export function forEachLine(text: string, each: (line: string) => void): void {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    each(text.slice(start, end));
    start = end + 1;
  }
}

/** Lines scanned between two turns of the event loop: a file of a million junk lines must not hold the window for seconds. */
const LINES_PER_TURN = 5_000;

/** What a line too long to be a record is read as: corrupt, like the line itself (its hash is no record's). */
const OVERLONG_LINE = '\u0000';

/** Bytes of a line past which it is not decoded: no record is this long, and a line of hundreds of megabytes cannot be a string. */
const LONGEST_LINE_BYTES = MAX_RECORD_CHARS * 4;

/** One line of a month file's bytes as text; a line longer than any record is read as a line that is corrupt, undecoded. */
export function decodeLine(bytes: Buffer, start: number, end: number): string {
  return end - start > LONGEST_LINE_BYTES ? OVERLONG_LINE : bytes.toString('utf8', start, end);
}

/**
 * scanJournalText, giving the event loop a turn every few thousand lines.
 * Given bytes, each line is decoded on its own: a month file of any size is
 * scanned, where one string of it would stop at V8's limit (about 512 MB).
 */
export async function scanJournalTextYielding(
  text: string | Buffer,
  genesis: string,
  file: string,
  head: JournalHead | null = null,
  expectHead = false,
  /** Bytes after the last whole line that nobody is writing: a torn line, reported after the rest. */
  tornTail = false,
): Promise<JournalScan> {
  const scanner = new JournalScanner(genesis, file, { head, expectHead });
  const lineAt = typeof text === 'string' ? (start: number, end: number) => text.slice(start, end) : (start: number, end: number) => decodeLine(text, start, end);
  let start = 0;
  let lines = 0;
  while (start < text.length) {
    let end = typeof text === 'string' ? text.indexOf('\n', start) : text.indexOf(0x0a, start);
    if (end < 0) end = text.length;
    scanner.feed(lineAt(start, end));
    start = end + 1;
    if (++lines % LINES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  if (tornTail) scanner.report({ file, line: scanner.lineCount + 1, kind: 'corrupt-line' });
  return scanner.finish();
}

export function scanJournalText(text: string, genesis: string, file: string, head: JournalHead | null = null, problemsKept = PROBLEMS_KEPT_PER_FILE): JournalScan {
  const scanner = new JournalScanner(genesis, file, { head, problemsKept });
  forEachLine(text, (line) => void scanner.feed(line));
  return scanner.finish();
}

/**
 * A line's version, type, id and prevHash, from its fixed start when it has
 * one, else by parsing it. A line that is not exactly what JSON.stringify
 * writes (a repeated key, spaces between fields) is corrupt: no line of this
 * app looks like that, and the full parser says the same.
 */
export function readLineHead(line: string): LineHead | 'corrupt' {
  if (line.length > MAX_RECORD_CHARS) return 'corrupt';
  const match = LINE_HEAD.exec(line);
  if (match && !headKeyAgain(line, match[0].length)) {
    return { version: Number(match[1]), type: match[2]!, id: detached(match[3]!), prevHash: match[4] };
  }
  return headOfValue(parseCanonical(line));
}

/** What the chain reads of a line: its version, type, id and the hash it chains to. */
export interface LineHead {
  version: unknown;
  type: string;
  id: string;
  prevHash: unknown;
}

/**
 * The head of a line already parsed (parseCanonical's value: undefined when
 * it does not parse): what readLineHead reads of a line no longer than
 * MAX_RECORD_CHARS, a property test holds the two equal.
 */
export function headOfValue(value: unknown): LineHead | 'corrupt' {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'corrupt';
  const record = value as Record<string, unknown>;
  if (typeof record.id !== 'string' || typeof record.type !== 'string') return 'corrupt';
  return { version: record.schemaVersion, type: record.type, id: record.id, prevHash: record.prevHash };
}

/**
 * What a call says, wherever it sits in a chain and however well it was
 * masked when written: a digest of the record without its prevHash, with
 * what the clerk typed masked as the app masks it now. Two copies of one call
 * (this computer's and the team folder's, or an import's) have different
 * prevHashes and, if nobody changed either, the same digest — also when one
 * copy was masked again on import.
 */
export function callDigest(record: CallRecord): string {
  return callDigestMasked(record, maskedTypedFields(record));
}

/**
 * {@link callDigest} of a record whose typed fields were just masked, given
 * that masking (`maskedTypedFields` of the record, or of the record it was
 * masked from: masking is idempotent): an import masks each call once, not
 * twice.
 */
export function callDigestMasked(record: CallRecord, fields: ReturnType<typeof maskedTypedFields>): string {
  const { note, reference, unitName, unitId } = fields;
  const { callback, routedTo } = record;
  // Most calls were masked as they were saved: then the record itself is written out, not a copy of it.
  const masked = maskingChangesNothing(record, fields)
    ? record
    : {
        ...record,
        note,
        callback: callback ? { ...callback, reference: reference! } : null,
        routedTo: routedTo ? { ...routedTo, unitId: unitId!, unitName: unitName! } : null,
      };
  return sha256(withoutChainLink(masked)).slice(0, 24);
}

/**
 * The record's JSON without its prevHash: the record's JSON less
 * `,"prevHash":"…"` — in JSON text a quote inside a string is escaped, so
 * that piece is the key itself, and the schema puts it before any nested
 * object — else, should it ever stand elsewhere, written out without it.
 */
function withoutChainLink(record: CallRecord): string {
  const text = JSON.stringify(record);
  const link = `,"prevHash":${JSON.stringify(record.prevHash)}`;
  const at = text.indexOf(link);
  if (at >= 0) return text.slice(0, at) + text.slice(at + link.length);
  const { prevHash: _chain, ...content } = record;
  return JSON.stringify(content);
}

/**
 * A copy of a short piece of a long string that does not keep the long one
 * alive: V8 makes a substring a view into its parent, so a set of ids read
 * from a month's lines would hold every line (a whole month file) in memory.
 */
function detached(piece: string): string {
  return (' ' + piece).slice(1);
}

/** The line's value if it parses and is written exactly as JSON.stringify writes it; else undefined. */
export function parseCanonical(line: string): unknown {
  try {
    const value: unknown = JSON.parse(line);
    // Equal keys collapse and spacing goes in a round trip, so any difference means the line is not one this app wrote.
    return JSON.stringify(value) === line ? value : undefined;
  } catch {
    // Not JSON — or nested thousands deep, which JSON.parse reads and JSON.stringify cannot write back (its stack runs out): no record either way.
    return undefined;
  }
}

/** Parses and validates scanned lines into records; a line that is not a valid record is reported. */
export function parseJournalLines(lines: JournalLine[], file: string): JournalReadResult {
  const records: JournalRecord[] = [];
  const problems: JournalProblem[] = [];
  for (const { line, text } of lines) {
    const record = parseRecordLine(text);
    if (record) records.push(record);
    else problems.push({ file, line, kind: 'corrupt-line' });
  }
  return { records, problems };
}

/** One line as a valid record of this app, or null. Never throws. */
export function parseRecordLine(text: string): JournalRecord | null {
  if (text.length > MAX_RECORD_CHARS) return null;
  return recordOfValue(parseCanonical(text));
}

/** A line's parsed value (parseCanonical's: undefined when it did not parse) as a valid record, or null. */
export function recordOfValue(value: unknown): JournalRecord | null {
  if (value === undefined) return null;
  const parsed = JournalRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function byLine(a: JournalProblem, b: JournalProblem): number {
  return a.line - b.line;
}
