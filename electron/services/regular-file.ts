import { constants, promises as fs } from 'node:fs';

/**
 * Opening a file the app did not necessarily make — a month file in a
 * clerk's folder, the team share, an import — only if it is a regular file.
 * A FIFO given a month file's name would make a plain open or read wait for
 * a writer for ever, holding one of libuv's four file threads (saves queue
 * behind it); a folder or a device is no month file either.
 *
 * Opened with O_NONBLOCK (where the system has it), so even a file swapped
 * for a FIFO after a check cannot make the open wait, then checked (fstat)
 * before a byte is read: reads of a regular file never wait for a writer.
 */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREGULAR';
  constructor(readonly path: string) {
    super(`${path} to nie jest zwykły plik`);
  }
}

const NONBLOCK = constants.O_NONBLOCK ?? 0;

const FLAGS = {
  read: constants.O_RDONLY,
  append: constants.O_RDWR | constants.O_APPEND | constants.O_CREAT,
  // Written at chosen positions: no O_APPEND, which on Linux would send every positioned write to the end.
  write: constants.O_RDWR | constants.O_CREAT,
};

/** Opens `path` for reading, for appending (and reading), or for writing at chosen positions; anything but a regular file is refused. */
export async function openRegularFile(path: string, mode: keyof typeof FLAGS = 'read'): Promise<fs.FileHandle> {
  const flags = FLAGS[mode];
  const handle = await fs.open(path, flags | NONBLOCK, 0o600);
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error(`${path} to folder`), { code: 'EISDIR', path });
    if (!stat.isFile()) throw new NotRegularFileError(path);
    return handle;
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/** A regular file's bytes; a folder, FIFO or device is refused unread. */
export async function readRegularFile(path: string): Promise<Buffer> {
  const handle = await openRegularFile(path);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
