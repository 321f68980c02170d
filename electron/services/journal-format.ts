import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { JournalProblem } from '../../shared/api';
import { JournalRecordSchema, type JournalRecord } from '../../shared/journal-record';
import { RECORD_SCHEMA_VERSION } from '../../shared/record-base';

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
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function genesisHash(clerkId: string, month: string): string {
  return sha256(`asystent-rozmow|${clerkId}|${month}`);
}

/** The journal month of a moment, in the machine's local time (the office's day). */
export function monthOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

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
}

export interface JournalScan {
  file: string;
  /** Lines that look like records of the version this app writes. */
  lines: JournalLine[];
  problems: JournalProblem[];
  /** Hash of the file's last line (the genesis hash for an empty file): what the next record chains to. */
  lastHash: string;
}

// The fixed start of every line serializeRecord writes. Reading the chain
// fields from it spares a JSON.parse of every line when only the chain is
// checked; a line that does not start this way is parsed the slow way.
const LINE_HEAD = /^\{"schemaVersion":(\d+),"type":"([a-z-]+)","id":"([^"\\]+)","prevHash":"([0-9a-f]{64})"/;

/**
 * Verifies a month file's chain: each line's prevHash must be the SHA-256 of
 * the line before it (of the genesis string for the first). Reports every
 * line that breaks it, cannot be read, or is of an unknown version, and goes
 * on reading: one bad line never hides the rest.
 */
export function scanJournalText(text: string, genesis: string, file: string): JournalScan {
  const lines: JournalLine[] = [];
  const problems: JournalProblem[] = [];
  let expected = genesis;
  const raw = text.split('\n');
  if (raw[raw.length - 1] === '') raw.pop();
  raw.forEach((line, index) => {
    const lineNo = index + 1;
    const head = readLineHead(line);
    if (head === 'corrupt') problems.push({ file, line: lineNo, kind: 'corrupt-line' });
    else if (head.version !== RECORD_SCHEMA_VERSION) problems.push({ file, line: lineNo, kind: 'unknown-version' });
    else {
      if (head.prevHash !== expected) problems.push({ file, line: lineNo, kind: 'broken-chain' });
      lines.push({ line: lineNo, id: head.id, type: head.type, text: line });
    }
    expected = sha256(line);
  });
  return { file, lines, problems, lastHash: expected };
}

/** A line's version, type, id and prevHash, from its fixed start when it has one, else by parsing it. */
export function readLineHead(line: string): { version: unknown; type: string; id: string; prevHash: unknown } | 'corrupt' {
  const match = LINE_HEAD.exec(line);
  if (match) return { version: Number(match[1]), type: match[2]!, id: match[3]!, prevHash: match[4] };
  try {
    const value = JSON.parse(line) as Record<string, unknown> | null;
    if (!value || typeof value !== 'object' || typeof value.id !== 'string') return 'corrupt';
    return { version: value.schemaVersion, type: String(value.type), id: value.id, prevHash: value.prevHash };
  } catch {
    return 'corrupt';
  }
}

/** Parses and validates scanned lines into records; a line that is not a valid record is reported. */
export function parseJournalLines(lines: JournalLine[], file: string): JournalReadResult {
  const records: JournalRecord[] = [];
  const problems: JournalProblem[] = [];
  for (const { line, text } of lines) {
    let parsed;
    try {
      parsed = JournalRecordSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (parsed?.success) records.push(parsed.data);
    else problems.push({ file, line, kind: 'corrupt-line' });
  }
  return { records, problems };
}

export function byLine(a: JournalProblem, b: JournalProblem): number {
  return a.line - b.line;
}
