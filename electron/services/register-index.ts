import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { JournalHead } from './journal-format';
import type { ScannerState } from './journal-format';
import type { CallbackChangeFact } from '../../shared/register/statistics';
import type { RegisterRow } from '../../shared/register/register';
import type { RegisterFolderKind } from '../../shared/register/register-api';
import { decodeRows, encodeRows, type EncodedRows } from './register-rows-codec';
import { writeFileAtomic } from './atomic-file';

/**
 * The register's index: for each copy of a month file it has read, what was
 * verified (its size and times, the bytes checked, the chain's state after
 * them) and the rows the register made of it, kept on the lead's computer
 * between openings. Reopening the register reads an unchanged file's rows
 * from here instead of verifying and parsing the file again, and a file that
 * only grew is read from where the last reading stopped.
 *
 * It is a cache, and only costs time when it is wrong: an index of another
 * version, of another checklist catalog, torn or edited, is ignored and
 * written anew. It lives in this computer's data directory, never in the
 * team folder — a clerk who can write there must not be able to hand the
 * lead's register rows it did not verify. It holds what the month files hold
 * (notes included), so it goes with them: a month file no longer found is
 * forgotten at the next reading, and months past retention at every start.
 */

/**
 * Bump when what the register makes of a record changes (its rows, digests,
 * masking, checks): every index of an older version is then read afresh.
 * `test/services/register-index.test.ts` pins what rows are made of a set
 * of records for each version, so a change that forgets this fails there.
 */
export const INDEX_FORMAT = 1;

/** What is kept of one copy of a month file. */
export interface IndexedCopy {
  /** The file's size, times and inode, and its head and list of masked lines: the same signature, the same contents. */
  signature: string;
  /** How the rows were judged: the checklist catalog they were scored against. */
  catalog: string;
  /** The head read with the file: a later head over the same lines must say the same. */
  head: Pick<JournalHead, 'lines' | 'lastHash'> | null;
  /** Bytes from the start that were verified (the readable end then); later bytes were being written. */
  verifiedBytes: number;
  /** SHA-256 of those bytes: a file that grew is read on from there only if they are the same. */
  prefixDigest: string;
  /** The chain's state after them, before what the head and the file's end add (finish()). */
  scan: ScannerState;
  rows: RegisterRow[];
  maskedOnImport: string[];
  changes: [string, { callbackOf: string } & CallbackChangeFact][];
}

interface StoredCopy extends Omit<IndexedCopy, 'rows'> {
  format: number;
  /** Which copy of which file: an index found under another name is not this one's. */
  key: string;
  rows: EncodedRows;
}

/** One folder of the register, and the month files of it read this time: an index of a file not among them is forgotten. */
export interface SeenFolder {
  kind: RegisterFolderKind;
  root: string;
  paths: Set<string>;
}

export class RegisterIndex {
  /**
   * @param dir where the index is kept (this computer's data directory, `cache/register`)
   * @param beforeWrite throws when this app may no longer write there (the data directory's lock)
   */
  constructor(
    readonly dir: string,
    private readonly beforeWrite: () => Promise<void> = async () => undefined,
  ) {}

  /** The copy's index, or null when there is none that can be used: missing, torn, of another version, of another file. */
  async load(kind: RegisterFolderKind, root: string, path: string, month: string, clerkId: string): Promise<IndexedCopy | null> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(this.fileOf(kind, root, path, month));
    } catch {
      return null;
    }
    const stored = unframe(bytes);
    if (!stored || stored.format !== INDEX_FORMAT || stored.key !== copyKey(kind, root, path)) return null;
    try {
      const { rows: encoded, ...rest } = stored;
      return { ...rest, rows: decodeRows(encoded, { clerkId, copy: kind }) };
    } catch {
      return null; // a shape this version cannot read: as if there were none
    }
  }

  /** Keeps a copy's index; a failure to write only means reading the file again next time. */
  async save(kind: RegisterFolderKind, root: string, path: string, month: string, copy: IndexedCopy): Promise<void> {
    const { rows, ...rest } = copy;
    const stored: StoredCopy = { format: INDEX_FORMAT, key: copyKey(kind, root, path), ...rest, rows: encodeRows(rows) };
    await this.beforeWrite();
    await fs.mkdir(this.folderOf(kind, root), { recursive: true, mode: 0o700 });
    // Not made durable: a cache lost to a power cut is read again; a torn one fails its checksum.
    await writeFileAtomic(this.fileOf(kind, root, path, month), frame(stored), { durable: false });
  }

  /** Forgets what is kept of files the folder no longer holds (read whole and listed this time). */
  async forgetOthers(folder: SeenFolder): Promise<void> {
    const dir = this.folderOf(folder.kind, folder.root);
    const keep = new Set([...folder.paths].map((path) => fileName(folder.kind, folder.root, path, monthOfPath(path))));
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch {
      return;
    }
    await Promise.all(names.filter((name) => !keep.has(name)).map((name) => fs.rm(join(dir, name), { force: true })));
  }

  /** Forgets every month before `oldestKept` (`YYYY-MM`) in every folder: what retention removed is not kept here either. */
  async forgetBefore(oldestKept: string): Promise<void> {
    let folders: string[];
    try {
      folders = await fs.readdir(this.dir);
    } catch {
      return;
    }
    for (const folder of folders) {
      const names = await fs.readdir(join(this.dir, folder)).catch(() => [] as string[]);
      await Promise.all(names.filter((name) => name.slice(0, 7) < oldestKept).map((name) => fs.rm(join(this.dir, folder, name), { force: true })));
    }
  }

  private folderOf(kind: RegisterFolderKind, root: string): string {
    return join(this.dir, `${kind}-${shortHash(root)}`);
  }

  private fileOf(kind: RegisterFolderKind, root: string, path: string, month: string): string {
    return join(this.folderOf(kind, root), fileName(kind, root, path, month));
  }
}

/** The month first, so that forgetting months past retention needs no reading. */
function fileName(kind: RegisterFolderKind, root: string, path: string, month: string): string {
  return `${month}-${shortHash(copyKey(kind, root, path))}.json`;
}

function monthOfPath(path: string): string {
  return path.slice(-13, -6);
}

function copyKey(kind: RegisterFolderKind, root: string, path: string): string {
  return `${kind}\u0000${root}\u0000${path}`;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
}

/** `<checksum> <length>\n<JSON>`: a file cut short or changed fails the checksum and is read as no index. */
function frame(stored: StoredCopy): Buffer {
  const body = Buffer.from(JSON.stringify(stored), 'utf8');
  return Buffer.concat([Buffer.from(`${crc32(body).toString(16).padStart(8, '0')} ${body.length}\n`, 'latin1'), body]);
}

function unframe(bytes: Buffer): StoredCopy | null {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0 || newline > 40) return null;
  const [sum, length] = bytes.toString('latin1', 0, newline).split(' ');
  const body = bytes.subarray(newline + 1);
  if (Number(length) !== body.length || sum !== crc32(body).toString(16).padStart(8, '0')) return null;
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown;
    return value && typeof value === 'object' ? (value as StoredCopy) : null;
  } catch {
    return null;
  }
}
