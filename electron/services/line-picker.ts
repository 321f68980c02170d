import { promises as fs } from 'node:fs';
import type { z } from 'zod';
import type { CallJournal } from './journal';
import { MAX_RECORD_CHARS, parseCanonical, readLineHead, sha256 } from './journal-format';
import { openRegularFile } from './regular-file';

/**
 * Picks a few records out of a clerk's last month files, for a reader that
 * comes back after every save (the open callbacks): only lines whose text
 * passes `wanted` are parsed, by `schema`, and each file is read once — after
 * that only the bytes appended since. The chain is not verified here (the
 * register and the history do that), but it tells whether what follows is
 * really an append: the first new line must chain to the last line read.
 * A file replaced, cut back (a save rolled back) or changed in any other way
 * is read again from its start.
 */
interface FileRead<R> {
  /** Bytes read, always up to a line's end. */
  consumed: number;
  /** SHA-256 of the last whole line read: what the next appended line chains to. */
  lastHash: string | null;
  picked: R[];
  /** The file's size when what followed the last line end was junk: not read again until the file changes. */
  stuckAt?: number;
}

/** The most read at once: appends between two saves are a few lines. */
const MAX_READ = 16 * 1024 * 1024;

export class LinePicker<R> {
  private readonly read = new Map<string, FileRead<R>>();

  constructor(
    private readonly journal: CallJournal,
    private readonly wanted: (lineText: string) => boolean,
    private readonly schema: z.ZodType<R>,
  ) {}

  /** The picked records of the newest `count` month files, oldest first. */
  async fromLastMonths(clerkId: string, count: number): Promise<R[]> {
    const paths = (await this.journal.months(clerkId))
      .slice(0, count)
      .reverse()
      .map((month) => this.journal.filePath(clerkId, month));
    for (const path of this.read.keys()) if (!paths.includes(path)) this.read.delete(path);
    return (await Promise.all(paths.map((path) => this.fromFile(path)))).flat();
  }

  private async fromFile(path: string): Promise<R[]> {
    let handle: fs.FileHandle;
    try {
      handle = await openRegularFile(path);
    } catch (error) {
      // Gone, or something that is not a month file under its name (a folder, a pipe): nothing to pick from it —
      // the journal's alerts name such a file; a list of callbacks must not go down over it.
      if (!(error as NodeJS.ErrnoException).code) throw error;
      this.read.delete(path);
      return [];
    }
    try {
      const { size } = await handle.stat();
      const known = this.read.get(path);
      const next =
        (known && size >= known.consumed ? await this.readFrom(handle, size, known) : null) ??
        (await this.readFrom(handle, size, { consumed: 0, lastHash: null, picked: [] }))!;
      this.read.set(path, next);
      return next.picked;
    } finally {
      await handle.close();
    }
  }

  /** Reads on from `known`; null when the bytes there do not continue what was read (the file changed). */
  private async readFrom(handle: fs.FileHandle, size: number, known: FileRead<R>): Promise<FileRead<R> | null> {
    if (size === known.consumed || size === known.stuckAt) return known;
    // Appended since is a few lines; a tail of megabytes without a line end is junk, read once and not again while it stays.
    const length = Math.min(size - known.consumed, MAX_READ);
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, known.consumed);
    // A line still being written is left for next time.
    const end = buffer.subarray(0, bytesRead).lastIndexOf(0x0a) + 1;
    if (end === 0 && bytesRead > MAX_RECORD_CHARS * 3) return { ...known, stuckAt: size };
    const lines = buffer.subarray(0, end).toString('utf8').split('\n');
    lines.pop();
    if (lines.length === 0) return known;
    if (known.lastHash !== null) {
      const head = readLineHead(lines[0]!);
      if (head === 'corrupt' || head.prevHash !== known.lastHash) return null;
    }
    const picked = lines.flatMap((line) => (line && this.wanted(line) ? this.parse(line) : []));
    return { consumed: known.consumed + end, lastHash: sha256(lines.at(-1)!), picked: [...known.picked, ...picked] };
  }

  private parse(line: string): R[] {
    // As every reader of the journal reads a line: exactly as written, or not at all (a repeated key is not a record).
    const value = parseCanonical(line);
    if (value === undefined) return [];
    const parsed = this.schema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  }
}
