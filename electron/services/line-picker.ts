import { promises as fs } from 'node:fs';
import type { z } from 'zod';
import type { CallJournal } from './journal';

/**
 * Picks a few records out of a clerk's last month files, for a reader that
 * comes back after every save (the open callbacks): only lines whose text
 * passes `wanted` are parsed, by `schema`, and each file is read once — after
 * that only the bytes appended since. The chain is not verified here (the
 * register and the history do that); a file that shrank or was replaced is
 * read again from its start.
 */
export class LinePicker<T> {
  /** Per month file: which file it was, how far it was read (always to a line's end), what was picked. */
  private readonly read = new Map<string, { ino: number; consumed: number; picked: T[] }>();

  constructor(
    private readonly journal: CallJournal,
    private readonly wanted: (lineText: string) => boolean,
    private readonly schema: z.ZodType<T>,
  ) {}

  /** The picked records of the newest `count` month files, oldest first. */
  async fromLastMonths(clerkId: string, count: number): Promise<T[]> {
    const paths = (await this.journal.months(clerkId))
      .slice(0, count)
      .reverse()
      .map((month) => this.journal.filePath(clerkId, month));
    for (const path of this.read.keys()) if (!paths.includes(path)) this.read.delete(path);
    return (await Promise.all(paths.map((path) => this.fromFile(path)))).flat();
  }

  private async fromFile(path: string): Promise<T[]> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.read.delete(path);
      return [];
    }
    try {
      const { ino, size } = await handle.stat();
      let known = this.read.get(path);
      if (!known || known.ino !== ino || size < known.consumed) known = { ino, consumed: 0, picked: [] };
      if (size > known.consumed) {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(size - known.consumed), 0, size - known.consumed, known.consumed);
        // A line still being written is left for next time.
        const end = buffer.subarray(0, bytesRead).lastIndexOf(0x0a) + 1;
        const picked = buffer
          .subarray(0, end)
          .toString('utf8')
          .split('\n')
          .flatMap((line) => (line && this.wanted(line) ? this.parse(line) : []));
        known = { ino, consumed: known.consumed + end, picked: [...known.picked, ...picked] };
      }
      this.read.set(path, known);
      return known.picked;
    } finally {
      await handle.close();
    }
  }

  private parse(line: string): T[] {
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
