import { constants, promises as fs, type Stats } from 'node:fs';

/**
 * Reading a file someone else chose — the office's directory or glossary on
 * a network share, a content file an office edits — without letting it hold
 * up the app.
 *
 * Every file read goes through one of libuv's four worker threads, and a
 * read that never returns keeps its thread for good: the journal's writes
 * queue behind it, and the app looks frozen (a FIFO did exactly that:
 * opening one for reading waits for a writer). So:
 *
 * - only a regular file is opened: `stat` follows a symlink, and what it
 *   points at must be a regular file (a folder, FIFO, device or socket is
 *   refused, unopened);
 * - it is opened with O_NONBLOCK (where the system has it), so that a file
 *   swapped for a FIFO between that check and the open cannot make the open
 *   wait either, and the opened handle is checked again (fstat) before a
 *   byte is read — reads of a regular file never wait for a writer;
 * - no more than the limit and one byte is read, whatever the size said (a
 *   file can grow), and a file over the limit is refused;
 * - the whole read has a time limit, for a share that stops answering: the
 *   read is then given up. A call stuck in the operating system cannot be
 *   cancelled — its thread comes back only when the call does — so while
 *   {@link MAX_ABANDONED_READS} such reads are still waiting, no further one
 *   is started, and the rest of the app keeps its threads.
 *
 * Messages are Polish sentences naming the file, for the settings screen,
 * the notice at start and the command-line check alike. Plain Node: no
 * `electron` import.
 */

/**
 * The largest directory, glossary or content file read: 1 MB. A large
 * office's directory is some 200 kB (the shipped example, 22 kB), so this
 * leaves five times the room; and at this size the one step of the check
 * that cannot be split (the schema's cross-checks over all entries:
 * duplicate identifiers, unknown units) stays under 40 ms even when every
 * one of 20,000 entries is a problem.
 */
export const CONTENT_FILE_MAX_BYTES = 1024 * 1024;

/** A read that takes longer is given up: a share that does not answer within 10 s is not coming back soon. */
export const FILE_READ_TIMEOUT_MS = 10_000;

/** Reads given up at their time limit whose call is still in the operating system; beyond this, reads are refused at once. */
export const MAX_ABANDONED_READS = 2;

export type FileReadFailure = 'missing' | 'denied' | 'not-regular' | 'too-big' | 'timed-out' | 'busy' | 'unreadable';

export type FileRead = { ok: true; bytes: Buffer } | { ok: false; failure: FileReadFailure; message: string };

/** The two calls a read starts with; tests put a file system that misbehaves on purpose in their place. */
export interface FileSystemAccess {
  stat(path: string): Promise<Stats>;
  open(path: string, flags: number): Promise<fs.FileHandle>;
}

const REAL: FileSystemAccess = { stat: (path) => fs.stat(path), open: (path, flags) => fs.open(path, flags) };

/** Read-only; never waiting for a writer (FIFO) or taking a terminal. Windows has neither flag (0). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

let abandoned = 0;

/** How many reads were given up and are still waiting in the operating system (the command line exits without them). */
export function abandonedReads(): number {
  return abandoned;
}

export interface ReadOptions {
  maxBytes?: number;
  timeoutMs?: number;
  /**
   * A file of the app's own data directory (the last good copy of an office
   * file): read even while reads from elsewhere are stuck — its disk is the
   * journal's, and it is what the app falls back on when the share is down.
   */
  ownFile?: boolean;
  io?: FileSystemAccess;
}

/** A regular file's bytes, at most `maxBytes` of them, within `timeoutMs`; or why not, in a sentence naming the file. Never throws. */
export async function readBoundedFile(file: string, options: ReadOptions = {}): Promise<FileRead> {
  const maxBytes = options.maxBytes ?? CONTENT_FILE_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? FILE_READ_TIMEOUT_MS;
  if (abandoned >= MAX_ABANDONED_READS && !options.ownFile) {
    return failed(file, 'busy', 'nie można go teraz odczytać: poprzednie odczyty z dysku, który nie odpowiadał, jeszcze się nie zakończyły — spróbuj za chwilę');
  }
  let givenUp = false;
  const reading = readBounded(file, maxBytes, options.io ?? REAL, () => givenUp);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  const result = await Promise.race([reading, late]);
  clearTimeout(timer);
  if (result) return result;
  givenUp = true;
  abandoned++;
  void reading.finally(() => abandoned--);
  return failed(file, 'timed-out', `odczyt nie skończył się w ${seconds(timeoutMs)} i został przerwany — czy dysk sieciowy jest dostępny?`);
}

async function readBounded(file: string, maxBytes: number, io: FileSystemAccess, givenUp: () => boolean): Promise<FileRead> {
  let handle: fs.FileHandle | undefined;
  try {
    const target = await io.stat(file); // follows a symlink: what it points at counts
    if (!target.isFile()) return notRegular(file, target);
    if (target.size > maxBytes) return tooBig(file, target.size, maxBytes);
    if (givenUp()) return gaveUp(file);
    handle = await io.open(file, OPEN_FLAGS);
    if (givenUp()) return gaveUp(file);
    const opened = await handle.stat(); // what was opened, should the path have changed since
    if (!opened.isFile()) return notRegular(file, opened);
    if (opened.size > maxBytes) return tooBig(file, opened.size, maxBytes);
    // Room for the size just seen and one byte more: a read that fills it means the file has grown.
    let buffer = Buffer.allocUnsafe(Math.min(opened.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return tooBig(file, null, maxBytes);
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (givenUp()) return gaveUp(file);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return failed(file, 'missing', 'nie ma takiego pliku');
    if (code === 'EACCES' || code === 'EPERM') return failed(file, 'denied', 'brak uprawnień do odczytu');
    if (code === 'ELOOP') return failed(file, 'unreadable', 'nie można odczytać: dowiązania symboliczne tworzą pętlę');
    return failed(file, 'unreadable', `nie można odczytać (${code ?? (error as Error).message})`);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function failed(file: string, failure: FileReadFailure, why: string): FileRead {
  return { ok: false, failure, message: `${file}: ${why}` };
}

/** What the caller no longer waits for. */
const gaveUp = (file: string) => failed(file, 'timed-out', 'odczyt został przerwany');

function notRegular(file: string, stats: Stats): FileRead {
  const what = stats.isDirectory()
    ? 'katalog (folder)'
    : stats.isFIFO()
      ? 'potok nazwany (FIFO)'
      : stats.isCharacterDevice() || stats.isBlockDevice()
        ? 'urządzenie'
        : stats.isSocket()
          ? 'gniazdo (socket)'
          : 'plik specjalny';
  return failed(file, 'not-regular', `to nie jest zwykły plik, tylko ${what}`);
}

function tooBig(file: string, size: number | null, maxBytes: number): FileRead {
  return failed(file, 'too-big', `plik jest za duży (${size === null ? `ponad ${formatSize(maxBytes)}` : formatSize(size, 1)}; najwyżej ${formatSize(maxBytes)})`);
}

/** 2 MB, 2,4 MB, 512 kB, 900 B. */
export function formatSize(count: number, digits = 0): string {
  const [unit, size] = count >= 1024 * 1024 ? ['MB', 1024 * 1024] : count >= 1024 ? ['kB', 1024] : ['B', 1];
  const value = count / (size as number);
  return `${(Number.isInteger(value) && digits === 0 ? String(value) : value.toFixed(size === 1 ? 0 : Math.max(digits, 1))).replace('.', ',')} ${unit}`;
}

const seconds = (ms: number) => `${String(ms / 1000).replace('.', ',')} s`;
