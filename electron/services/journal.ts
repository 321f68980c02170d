import { promises as fs, type BigIntStats } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JournalProblem } from '../../shared/contract/api';
import { JournalRecordSchema, type JournalRecord, type UnchainedRecord } from '../../shared/journal/journal-record';
import { fileTimestamp, syncDirectory } from './atomic-file';
import { HeadWriter, readHead } from './journal-head';
import { openRegularFile } from './regular-file';
import {
  byLine,
  fileExists,
  genesisHash,
  MAX_RECORD_CHARS,
  monthOf,
  parseJournalLines,
  parseRecordLine,
  ProblemList,
  readableEndOfBytes,
  readLineHead,
  scanJournalText,
  scanJournalTextYielding,
  HEAD_PROBLEM_KINDS,
  type HeadProblemKind,
  serializeRecord,
  sha256,
  writeFully,
  type JournalHead,
  type JournalReadResult,
  type JournalScan,
} from './journal-format';
import { callsDir, listMonths, monthFilePath, monthFileRelative } from './journal-layout';
import { lastMonths, monthsBefore } from '../../shared/journal/months';
import { SerialQueue } from './serial-queue';

export * from './journal-format';

/**
 * The call journal: calls/<clerk-id>/<YYYY-MM>.jsonl, append-only, one JSON
 * record a line (a call, or a shift-readiness check).
 *
 * - A save is acknowledged only after the line is fsynced.
 * - Each record carries the SHA-256 of the previous line of its file (the
 *   first line: of a genesis string naming the clerk and month), so an edited,
 *   removed or reordered line breaks the chain and is reported on read.
 *   Like any hash chain it cannot by itself notice the newest lines being cut
 *   off; the team-mode copy is the outside anchor for that.
 * - A torn last line (a crash mid-write) is moved to `<file>.quarantine` when
 *   the file is opened, and appending continues after the last whole line.
 * - Saving a record whose id is already in the file returns the stored one, so
 *   a retried save never duplicates a call.
 * - After each append the month's head (line count, last hash) is written
 *   beside the file (journal-head.ts), so its newest lines edited or cut off
 *   are seen too.
 */

export interface QuarantineEvent {
  file: string;
  bytes: number;
}

interface OpenMonth {
  handle: fs.FileHandle;
  /** Null when the head cannot be kept (a folder or a pipe under its name): saving goes on, and the clerk is told. */
  head: HeadWriter | null;
  size: number;
  lines: number;
  lastHash: string;
  ids: Set<string>;
}

/** Something found in a month file as it was opened, for the person to hear about. */
export type JournalTrouble = { kind: 'quarantined'; file: string; bytes: number } | { kind: 'problems'; problems: JournalProblem[]; total: number };

export interface JournalOptions {
  /** Whether the folder given may be created if missing: yes for the app's own data directory; no for a team folder, whose absence means an unreachable share. */
  createBase: boolean;
  /** Runs before every write and throws when this process may no longer write (it lost the data directory to another). */
  beforeWrite?: () => Promise<void>;
  /** Hears of torn lines set aside and of heads that do not match, as files are opened. */
  onTrouble?: (trouble: JournalTrouble) => void;
}

/** Month files kept open at once; the oldest opened is closed first. */
const MAX_OPEN_MONTHS = 2;
/** Bytes of a torn tail kept when it is set aside: a record is at most a few kB; more is junk, kept only in part. */
const MAX_QUARANTINED_BYTES = 256 * 1024;
/** Month files whose scans are kept (this month's and last month's, and one more). */
const MAX_CACHED_SCANS = 3;
/** Months whose ids are remembered for retried saves (they are read again when needed). */
const MAX_KNOWN_ID_SETS = 4;

export class CallJournal {
  /** The folder the journal is kept in (a data directory, a team folder); its files are where journal-layout.ts says. */
  private readonly base: string;
  private readonly root: string;
  private readonly open = new Map<string, OpenMonth>();
  /** Ids per month file ("clerk/month"), for saves retried across a month's end. */
  private readonly knownIds = new Map<string, Set<string>>();
  private readonly queue = new SerialQueue();
  /** The last few month files scanned, by path with what they looked like then: the history, the alerts and the start read the same files. */
  private readonly scans = new Map<string, { signature: string; scan: JournalScan }>();
  /** Torn lines set aside since start, for the UI to mention. */
  readonly quarantined: QuarantineEvent[] = [];

  /**
   * @param options.createBase whether the folder given may be created if missing: yes for the
   *   app's own data directory; no for a team folder, whose absence means an unreachable share
   */
  constructor(
    dataDir: string,
    private readonly options: JournalOptions = { createBase: true },
  ) {
    this.base = dataDir;
    this.root = callsDir(dataDir);
  }

  relativePath(clerkId: string, month: string): string {
    return monthFileRelative(clerkId, month);
  }

  filePath(clerkId: string, month: string): string {
    return monthFilePath(this.base, clerkId, month);
  }

  /**
   * Appends a record to the file of the month it was saved in; resolves once
   * it is on disk. A record whose id is already in that month or the month
   * before (a retried save across midnight of a month's end) is not written
   * again: the stored one is returned.
   */
  append(record: UnchainedRecord): Promise<JournalRecord> {
    return this.queue.run(async () => {
      const clerkId = record.clerk.id;
      const savedAt = new Date(record.savedAt);
      const month = monthOf(savedAt);
      // Open this month's file only if it exists yet: a retry that belongs to
      // last month must not leave an empty file behind.
      let target = this.open.get(`${clerkId}/${month}`);
      // Changed under the app since its last write (a hand, another program, a share's other side): read anew, and what changed is said.
      if (target && (await target.handle.stat()).size !== target.size) {
        await this.forget(clerkId, month, target, false);
        target = undefined;
      }
      if (!target && (await fileExists(this.filePath(clerkId, month)))) target = await this.openMonth(clerkId, month);
      if (target?.ids.has(record.id)) return this.findSaved(clerkId, month, record.id);
      const previous = monthsBefore(savedAt, 1);
      if ((await this.idsOf(clerkId, previous)).has(record.id)) return this.findSaved(clerkId, previous, record.id);
      target ??= await this.openMonth(clerkId, month);
      // The owner check runs while the record is validated and serialised; nothing is written before it answers.
      const allowed = this.options.beforeWrite?.() ?? Promise.resolve();
      allowed.catch(() => undefined); // awaited below: never left unhandled if validation throws first

      // Validated here too: a record the reader would reject must never be
      // acknowledged. It costs microseconds beside the fsync.
      const chained = JournalRecordSchema.parse({ ...record, prevHash: target.lastHash });
      const line = serializeRecord(chained);
      const data = Buffer.from(line + '\n', 'utf8');
      await allowed;
      try {
        await writeFully(target.handle, data, target.size);
        await target.handle.sync();
      } catch (error) {
        // Whatever part of the line reached the disk must not stay in front
        // of the next record: cut the file back to its last whole line. If
        // even that fails, the file is reopened (and its tail quarantined)
        // before the next append.
        await this.forget(clerkId, month, target, true);
        throw error;
      }
      target.size += data.length;
      target.lines++;
      target.lastHash = sha256(line);
      target.ids.add(chained.id);
      await this.writeHead(clerkId, month, target);
      return chained;
    });
  }

  /** Opens this month's file if there is one — setting a torn last line aside, checking the head — as the first append would. */
  openExisting(clerkId: string, now: Date): Promise<void> {
    return this.queue.run(async () => {
      const month = monthOf(now);
      if (await fileExists(this.filePath(clerkId, month))) await this.openMonth(clerkId, month);
    });
  }

  /** Whether a record with this id was saved this month or the month before. */
  async has(clerkId: string, id: string, now = new Date()): Promise<boolean> {
    for (const month of lastMonths(now, 2)) {
      // A month file that cannot be read holds nothing this app can find (the alerts name it).
      const scan = await this.scanMonth(clerkId, month).catch((error: NodeJS.ErrnoException) => {
        if (error.code) return null;
        throw error;
      });
      if (scan?.lines.some((l) => l.id === id)) return true;
    }
    return false;
  }

  /** The clerk's month files, newest first. */
  async months(clerkId: string): Promise<string[]> {
    return (await listMonths(this.base, clerkId)).reverse();
  }

  /** Verifies one month file's chain, without parsing its records. A missing file is an empty month. */
  async scanMonth(clerkId: string, month: string): Promise<JournalScan> {
    const path = this.filePath(clerkId, month);
    // The head first (the app writes it after the line); then the file, if it changed since it was last scanned.
    const head = await readHead(path);
    let stat;
    try {
      stat = await fs.stat(path, { bigint: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return scanJournalText('', genesisHash(clerkId, month), '');
      throw error;
    }
    const signature = scanSignature(stat, head);
    const cached = this.scans.get(path);
    if (cached?.signature === signature) return cached.scan;
    // Bytes, decoded a line at a time: as one string a file would stop at about 512 MB.
    const bytes = await readMonthFile(path);
    // A line still being written (or torn) is not the file's yet: the head covers whole lines only.
    const end = readableEndOfBytes(bytes);
    // Only this app writes its journal, and only this month's file: anything after the last line end of another month is torn.
    const torn = end < bytes.length && month !== monthOf(new Date());
    const scan = await scanJournalTextYielding(bytes.subarray(0, end), genesisHash(clerkId, month), this.relativePath(clerkId, month), head, true, torn);
    this.keepScan(path, signature, scan);
    return scan;
  }

  private keepScan(path: string, signature: string, scan: JournalScan): void {
    this.scans.delete(path);
    this.scans.set(path, { signature, scan });
    for (const key of [...this.scans.keys()].slice(0, -MAX_CACHED_SCANS)) this.scans.delete(key);
  }

  /** Reads and verifies one month file: every record, every problem. */
  async readMonth(clerkId: string, month: string): Promise<JournalReadResult> {
    const scan = await this.scanMonth(clerkId, month);
    const parsed = parseJournalLines(scan.lines, scan.file);
    const problems = new ProblemList();
    problems.addAll(scan.problems, scan.problemCount);
    problems.addAll(parsed.problems);
    return { records: parsed.records, problems: problems.kept.sort(byLine) };
  }

  /**
   * The clerk's newest records, newest first. Every month file read is
   * verified whole (the chain is cheap); only the records returned are parsed.
   */
  async recent(clerkId: string, limit: number): Promise<JournalReadResult & { problemCount: number }> {
    const records: JournalRecord[] = [];
    const problems = new ProblemList();
    for (const month of await this.months(clerkId)) {
      let scan: JournalScan;
      try {
        scan = await this.scanMonth(clerkId, month);
      } catch (error) {
        // One file that cannot be read (a pipe under a month's name, no access) is named; the others are shown.
        if (!(error as NodeJS.ErrnoException).code) throw error;
        problems.add({ file: this.relativePath(clerkId, month), line: 1, kind: 'unreadable' });
        continue;
      }
      problems.addAll(scan.problems, scan.problemCount);
      // Newest lines first; a line that turns out unreadable is replaced by an older one of the same month.
      for (let i = scan.lines.length - 1; i >= 0 && records.length < limit; i--) {
        const { line, text } = scan.lines[i]!;
        const record = parseRecordLine(text);
        if (record) records.push(record);
        else problems.add({ file: scan.file, line, kind: 'corrupt-line' });
      }
      if (records.length >= limit) break;
    }
    records.sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0));
    return { records, problems: problems.kept.sort(byLine), problemCount: problems.count };
  }

  /** Every record of the clerk's newest `count` month files, oldest first, with the problems met. */
  async lastMonths(clerkId: string, count: number): Promise<JournalReadResult> {
    const months = (await this.months(clerkId)).slice(0, count).reverse();
    const results = await Promise.all(months.map((m) => this.readMonth(clerkId, m)));
    return { records: results.flatMap((r) => r.records), problems: results.flatMap((r) => r.problems) };
  }

  async close(): Promise<void> {
    await this.queue.run(async () => {
      for (const month of this.open.values()) await closeMonth(month);
      this.open.clear();
    });
  }

  private async openMonth(clerkId: string, month: string): Promise<OpenMonth> {
    const key = `${clerkId}/${month}`;
    const cached = this.open.get(key);
    if (cached) return cached;

    await this.options.beforeWrite?.();
    await this.ensureClerkFolder(clerkId);
    const path = this.filePath(clerkId, month);
    const handle = await openRegularFile(path, 'append');
    try {
      await refuseOversized(handle, path);
      // Bytes, not text: sizes and the cut after the last whole line must be
      // exact even if the file holds bytes that are not valid UTF-8.
      let bytes = await handle.readFile();
      let end = bytes.lastIndexOf(0x0a) + 1;
      if (end < bytes.length && this.isWholeLastLine(bytes, end, clerkId, month)) {
        // Every byte of the record reached the disk but its newline: complete it rather than set a good record aside.
        await writeFully(handle, Buffer.from('\n'), bytes.length);
        await handle.sync();
        bytes = Buffer.concat([bytes, Buffer.from('\n')]);
        end = bytes.length;
      }
      if (end < bytes.length) {
        await this.quarantine(path, bytes.subarray(end), month, clerkId);
        await handle.truncate(end);
        await handle.sync();
        bytes = bytes.subarray(0, end);
      }
      const file = this.relativePath(clerkId, month);
      const stored = await readHead(path);
      const scan = await scanJournalTextYielding(bytes, genesisHash(clerkId, month), file, stored, true);
      // Every problem is raised — of this computer's journal, and of the team copy, which nothing else reads for the clerk
      // (one said before is told again only if unacknowledged: the alerts keep count).
      if (scan.problemCount > 0) this.options.onTrouble?.({ kind: 'problems', problems: scan.problems, total: scan.problemCount });
      const found = scan.problems.filter((p): p is typeof p & { kind: HeadProblemKind } => (HEAD_PROBLEM_KINDS as readonly string[]).includes(p.kind));
      const before = stored?.evidence ?? [];
      const fresh = found.filter((p) => !before.some((e) => e.kind === p.kind && e.line === p.line)).map((p) => ({ kind: p.kind, line: p.line }));
      const head = await HeadWriter.open(path).catch((error: NodeJS.ErrnoException) => {
        this.options.onTrouble?.({ kind: 'problems', problems: [{ file: `${file}.head`, line: 1, kind: 'unreadable' }], total: 1 });
        console.error(`[journal] head of ${file} cannot be kept: ${error.code ?? error.message}`);
        return null;
      });
      // The head now says what the file holds — and keeps, for every later reader, what it once found wrong.
      const evidence = [...before, ...fresh];
      await head
        ?.reset({ lines: scan.lineCount, lastHash: scan.lastHash, ...(evidence.length > 0 ? { evidence } : {}) })
        .catch((error: Error) => console.error(`[journal] head of ${file} not written: ${error.message}`));
      const opened: OpenMonth = {
        handle,
        head,
        size: bytes.length,
        lines: scan.lineCount,
        lastHash: scan.lastHash,
        ids: new Set(scan.lines.map((l) => l.id)),
      };
      this.open.set(key, opened);
      // The start opens this month and then checks every month: what was just read is not read again.
      this.keepScan(path, scanSignature(await handle.stat({ bigint: true }), await readHead(path)), scan);
      this.knownIds.set(key, opened.ids);
      await this.keepFewOpen();
      if (bytes.length === 0) await syncDirectory(join(this.root, clerkId));
      return opened;
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  /** Whether the bytes after the last newline are one whole, valid record that chains to the line before. */
  private isWholeLastLine(bytes: Buffer, end: number, clerkId: string, month: string): boolean {
    // Longer than any record: junk, and perhaps too long to be one string at all.
    if (bytes.length - end > MAX_RECORD_CHARS * 4) return false;
    const text = bytes.subarray(end).toString('utf8');
    const head = readLineHead(text);
    if (head === 'corrupt' || !parseRecordLine(text)) return false;
    const previousEnd = bytes.lastIndexOf(0x0a, end - 2) + 1;
    const previous = end === 0 ? genesisHash(clerkId, month) : sha256(bytes.subarray(previousEnd, end - 1).toString('utf8'));
    return head.prevHash === previous;
  }

  /** The month's head after an append; a head that cannot be written is written at the next append. */
  private async writeHead(clerkId: string, month: string, target: OpenMonth): Promise<void> {
    await target.head?.write({ lines: target.lines, lastHash: target.lastHash }).catch((error: Error) =>
      console.error(`[journal] head of ${this.relativePath(clerkId, month)} not written: ${error.message}`),
    );
  }

  /**
   * A clerk's app runs for months: only the newest files opened stay open
   * (this month's and, for a save retried across its end, the last one's),
   * so handles and id sets do not pile up month after month.
   */
  private async keepFewOpen(): Promise<void> {
    for (const [key, month] of [...this.open].slice(0, -MAX_OPEN_MONTHS)) {
      this.open.delete(key);
      await closeMonth(month);
    }
    for (const key of [...this.knownIds.keys()].slice(0, -MAX_KNOWN_ID_SETS)) this.knownIds.delete(key);
  }

  /** The ids in a month file, read once and then kept up to date by appends. */
  private async idsOf(clerkId: string, month: string): Promise<Set<string>> {
    const key = `${clerkId}/${month}`;
    let ids = this.open.get(key)?.ids ?? this.knownIds.get(key);
    if (!ids) {
      // A month file that cannot be read (a pipe or a folder under its name) holds no id this app could find; the alerts name it.
      const scan = await this.scanMonth(clerkId, month).catch((error: NodeJS.ErrnoException) => {
        if (error.code) return null;
        throw error;
      });
      ids = new Set(scan?.lines.map((l) => l.id));
      this.knownIds.set(key, ids);
    }
    return ids;
  }

  /** Creates calls/<clerk>/ and makes the new folders themselves survive a power cut. */
  private async ensureClerkFolder(clerkId: string): Promise<void> {
    const folder = join(this.root, clerkId);
    await this.ensureFolder(folder);
    // A file under the clerk folder's name: said as such, not as a failed write to try again.
    if (!(await fs.stat(folder)).isDirectory()) throw Object.assign(new Error(`${folder} to nie folder`), { code: 'ENOTDIR', path: folder });
  }

  private async ensureFolder(folder: string): Promise<void> {
    if (!this.options.createBase) {
      // One level at a time: if the base has gone (a share dropped between two
      // checks), this fails instead of building the path anew on the local disk.
      const made = [await mkdirIfMissing(this.root), await mkdirIfMissing(folder)];
      if (made.some(Boolean)) {
        await syncDirectory(this.root);
        await syncDirectory(dirname(this.root));
      }
      return;
    }
    const created = await fs.mkdir(folder, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      // Something else under the folder's name: the caller says what.
      if (error.code === 'EEXIST' || error.code === 'ENOTDIR') return undefined;
      throw error;
    });
    if (created === undefined) return;
    await syncDirectory(this.root);
    await syncDirectory(dirname(this.root));
  }

  private async findSaved(clerkId: string, month: string, id: string): Promise<JournalRecord> {
    const { records } = await this.readMonth(clerkId, month);
    const found = records.find((r) => r.id === id);
    if (!found) throw new Error(`Zapis ${id} zniknął z ${this.relativePath(clerkId, month)}`);
    return found;
  }

  private async quarantine(path: string, torn: Buffer, month: string, clerkId: string): Promise<void> {
    // The text for a person to read, the exact bytes (base64) for recovery — of a torn record, all of it;
    // of anything longer than a record could be (junk, not a save), its start and its size.
    const kept = torn.length > MAX_QUARANTINED_BYTES ? torn.subarray(0, MAX_QUARANTINED_BYTES) : torn;
    const stamp = JSON.stringify({
      quarantinedAt: new Date().toISOString(),
      bytes: torn.length,
      ...(kept !== torn ? { cut: true } : {}),
      text: kept.toString('utf8'),
      base64: kept.toString('base64'),
    });
    // A pipe or a folder where the set-aside lines go must not hold the journal: they then go to a file of their own.
    const handle = await openRegularFile(`${path}.quarantine`, 'append').catch(() => openRegularFile(`${path}.quarantine-${fileTimestamp(new Date())}`, 'append'));
    try {
      await handle.write(stamp + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.quarantined.push({ file: this.relativePath(clerkId, month), bytes: torn.length });
    this.options.onTrouble?.({ kind: 'quarantined', file: this.relativePath(clerkId, month), bytes: torn.length });
  }

  private async forget(clerkId: string, month: string, target: OpenMonth, rollBack: boolean): Promise<void> {
    this.open.delete(`${clerkId}/${month}`);
    this.knownIds.delete(`${clerkId}/${month}`);
    if (rollBack) await target.handle.truncate(target.size).catch(() => undefined);
    await closeMonth(target);
  }
}

/**
 * The largest month file read: a real month of a busy desk is a few
 * megabytes; one of a gigabyte is junk or an attack, and reading it whole
 * (as the chain check must) would take the memory of the computer. It is
 * named and refused (EFBIG) instead: saves wait for IT to move it.
 */
export const MONTH_FILE_MAX_BYTES = 1024 ** 3;

async function refuseOversized(handle: fs.FileHandle, path: string): Promise<void> {
  const { size } = await handle.stat();
  if (size > MONTH_FILE_MAX_BYTES) throw Object.assign(new Error(`${path}: ${size} B`), { code: 'EFBIG', path });
}

async function readMonthFile(path: string): Promise<Buffer> {
  const handle = await openRegularFile(path);
  try {
    await refuseOversized(handle, path);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** What a month file and its head looked like when scanned: a scan is read again only if this changed. */
function scanSignature(stat: BigIntStats, head: JournalHead | null): string {
  return `${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${head?.lines}:${head?.lastHash}:${JSON.stringify(head?.evidence ?? null)}`;
}

async function closeMonth(month: OpenMonth): Promise<void> {
  await month.handle.close().catch(() => undefined);
  await month.head?.close();
}

/** Creates one folder whose parent must exist; whether it was created. */
async function mkdirIfMissing(path: string): Promise<boolean> {
  try {
    await fs.mkdir(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
