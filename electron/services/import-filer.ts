import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JournalRecord } from '../../shared/journal/journal-record';
import { readBoundedLines } from './bounded-lines';
import { fileTimestamp } from './atomic-file';
import { MAX_RECORD_CHARS, parseRecordLine, readLineHead } from './journal-format';
import { openRegularFile } from './regular-file';
import { monthFilePath } from './journal-layout';

/**
 * Where an import files its lines: `imports/calls/<clerk>/<YYYY-MM>.jsonl`
 * (or, for conflicts, `imports/conflicts/calls/…`), appended in the order
 * met, a batch at a time. A line whose note the import masked is written
 * masked, and the hash the line had before goes to `<file>.masked` beside it
 * — written before the line itself — so the chain can still be checked. That
 * list is the import's own: a file being imported cannot vouch for itself.
 */
export const MASKED_SUFFIX = '.masked';

/** A line masked on import: its hash now, the hash it had (what the next line chains to), its record. */
export interface MaskedLine {
  id: string;
  now: string;
  was: string;
}

/** A folder or file the import cannot write to: named, so the person knows it is not the file they chose. */
export class ImportFilingError extends Error {
  constructor(
    readonly target: string,
    readonly code: string,
  ) {
    super(`${target}: ${code}`);
  }
}

/** Bytes kept for filing before they are written out: memory stays flat whatever the file's size. */
const FLUSH_BYTES = 256 * 1024;

export type Shelf = 'calls' | 'conflicts';

export class ImportFiler {
  private readonly pending = new Map<string, string[]>();
  private readonly masked = new Map<string, MaskedLine[]>();
  private readonly filed = new Map<string, Set<string>>();
  private pendingBytes = 0;

  constructor(
    private readonly root: string,
    private readonly idKey: (id: string) => string,
    private readonly beforeWrite: () => Promise<void>,
  ) {}

  target(clerkId: string, month: string, shelf: Shelf): string {
    return monthFilePath(shelf === 'calls' ? this.root : join(this.root, 'conflicts'), clerkId, month);
  }

  /** Whether the imports copy held this record before this import. */
  async has(target: string, record: JournalRecord): Promise<boolean> {
    return (await this.idsOf(target)).has(this.idKey(record.id));
  }

  async add(target: string, line: string, masked: MaskedLine | null): Promise<void> {
    let lines = this.pending.get(target);
    if (!lines) this.pending.set(target, (lines = []));
    lines.push(line);
    if (masked) {
      let list = this.masked.get(target);
      if (!list) this.masked.set(target, (list = []));
      list.push(masked);
    }
    this.pendingBytes += line.length + 1;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    await this.beforeWrite();
    for (const [target, lines] of this.pending) {
      const masked = this.masked.get(target);
      // The masked lines' former hashes first: a crash between the two leaves a list entry without its line, never a line without its entry.
      if (masked) await this.append(target + MASKED_SUFFIX, masked.map((m) => JSON.stringify(m)));
      await this.append(target, lines);
    }
    this.pending.clear();
    this.masked.clear();
    this.pendingBytes = 0;
  }

  private async append(path: string, lines: string[]): Promise<void> {
    try {
      await fs.mkdir(dirname(path), { recursive: true });
      const handle = await openRegularFile(path, 'append');
      try {
        await setTornTailAside(handle, path);
        await handle.appendFile(lines.join('\n') + '\n');
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (error instanceof ImportFilingError) throw error;
      throw new ImportFilingError(path, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
  }

  /** The ids a month file held before this import, read once, streamed. */
  private async idsOf(target: string): Promise<Set<string>> {
    let ids = this.filed.get(target);
    if (ids) return ids;
    ids = new Set();
    this.filed.set(target, ids);
    let handle;
    try {
      handle = await openRegularFile(target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return ids;
      throw new ImportFilingError(target, code ?? (error as Error).message);
    }
    // A last line without its newline was torn by an import that was killed: the next append sets it aside, so it holds no call.
    const { size } = await handle.stat();
    const last = Buffer.alloc(1);
    if (size > 0) await handle.read(last, 0, 1, size - 1);
    const endsWhole = size === 0 || last[0] === 0x0a;
    let before: string | null = null;
    const count = (text: string | null) => {
      const head = text ? readLineHead(text) : 'corrupt';
      if (head !== 'corrupt') ids.add(this.idKey(head.id));
    };
    for await (const { text } of readBoundedLines(handle.createReadStream({ autoClose: true, start: 0 }), MAX_RECORD_CHARS)) {
      if (before !== null) count(before);
      before = text ?? '';
    }
    // Unless it is a whole record lacking only the newline: that one is completed, and counts.
    if (before !== null && (endsWhole || parseRecordLine(before) !== null)) count(before);
    return ids;
  }
}

/**
 * A file an earlier import was writing when the power went (or the disk
 * filled, or the process was killed) can end in half a line; the next line
 * must not be glued onto it. A whole record that lacks only its newline is
 * completed (every reader already counts it as filed); anything else goes to
 * `<file>.quarantine` — or, where that name is not a regular file, to a file
 * of its own — as the journal does it.
 */
async function setTornTailAside(handle: fs.FileHandle, path: string): Promise<void> {
  const { size } = await handle.stat();
  if (size === 0) return;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  if (last[0] === 0x0a) return;
  const bytes = await handle.readFile();
  const end = bytes.lastIndexOf(0x0a) + 1;
  const tail = bytes.subarray(end);
  if (tail.length <= MAX_RECORD_CHARS * 4 && parseRecordLine(tail.toString('utf8')) !== null) {
    await handle.write('\n');
    return;
  }
  const torn = tail.subarray(0, 256 * 1024);
  const place = `${path}.quarantine`;
  let aside: fs.FileHandle;
  try {
    aside = await openRegularFile(place, 'append').catch(() => openRegularFile(`${place}-${fileTimestamp(new Date())}`, 'append'));
  } catch (error) {
    throw new ImportFilingError(place, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  try {
    await aside.write(JSON.stringify({ quarantinedAt: new Date().toISOString(), bytes: size - end, base64: torn.toString('base64') }) + '\n');
    await aside.sync();
  } finally {
    await aside.close();
  }
  await handle.truncate(end);
}

/** The masked lines of an imports copy's month file: hash now → hash before. */
export async function readMaskedLines(monthFile: string, read: (path: string) => Promise<Buffer>): Promise<Map<string, MaskedLine>> {
  const found = new Map<string, MaskedLine>();
  let text: string;
  try {
    text = (await read(monthFile + MASKED_SUFFIX)).toString('utf8');
  } catch {
    return found;
  }
  let n = 0;
  for (const line of text.split('\n')) {
    // A list of a million entries (a big import, or junk) must not hold the window while it is read.
    if (++n % 20_000 === 0) await new Promise((resolve) => setImmediate(resolve));
    try {
      const entry = JSON.parse(line) as Partial<MaskedLine>;
      if (typeof entry.id === 'string' && typeof entry.now === 'string' && typeof entry.was === 'string') found.set(entry.now, { id: entry.id, now: entry.now, was: entry.was });
    } catch {
      // a torn last entry: its line was never written
    }
  }
  return found;
}
