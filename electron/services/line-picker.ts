import { promises as fs } from 'node:fs';
import type { z } from 'zod';
import type { CallJournal } from './journal';
import { readLineHead, sha256 } from './journal-format';
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
}

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
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
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
    if (size === known.consumed) return known;
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(size - known.consumed), 0, size - known.consumed, known.consumed);
    // A line still being written is left for next time.
    const end = buffer.subarray(0, bytesRead).lastIndexOf(0x0a) + 1;
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
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return [];
    }
    const parsed = this.schema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  }
}
