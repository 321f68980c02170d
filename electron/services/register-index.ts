import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { JournalProblemSchema } from '../../shared/journal/api-problems';
import type { CallbackChangeFact } from '../../shared/register/statistics';
import type { RowChunk } from '../../shared/register/row-chunk';
import type { RegisterFolderKind } from '../../shared/register/register-api';
import type { JournalHead, ScannerState } from './journal-format';
import { decodeRows, encodeRows, type EncodedRows } from './register-rows-codec';
import { writeFileAtomic } from './atomic-file';
import { readRegularFile } from './regular-file';
import { monthFileRelative, monthOfFileName } from './journal-layout';

/**
 * The register's index: for each copy of a month file it has read, what was
 * verified (its size and times, the bytes checked, the chain's state after
 * them) and the rows the register made of it, kept on the lead's computer
 * between openings. Reopening the register reads an unchanged file's rows
 * from here instead of verifying and parsing the file again, and a file that
 * only grew is read from where the last reading stopped.
 *
 * It is a cache, and only costs time when it is wrong: an index of another
 * version, of another checklist catalog, torn or not of the expected shape,
 * is ignored and written anew. It lives in this computer's data directory,
 * never in the team folder — a clerk who can write there must not be able to
 * hand the lead's register rows it did not verify; a value no record can
 * hold (a time that is no time, a line place past any record) makes it no
 * index. It holds what the register shows of the month files (names, times,
 * outcomes, units; no note), so it goes with them: what it keeps of a file
 * no longer found, of a clerk no longer there, of a folder no longer read, is
 * forgotten at the next reading; months past retention at every start.
 *
 * Layout: `<kind>-<folder>/<clerk>/<YYYY-MM>-<file>.idx` (the three names
 * hashed). Inside: a line with the checksum and length of the rest, a line
 * of JSON with what was verified, then a line with the rows: their columns'
 * bytes in base64 and the tables they refer to (register-rows-codec.ts) —
 * decoded, not parsed row by row.
 */

/**
 * Bump when what the register makes of a record changes (its rows, digests,
 * masking, checks): every index of an older version is then read afresh.
 * `test/services/register-index.test.ts` pins what rows are made of a set
 * of records for each version, so a change that forgets this fails there.
 * Also bumped when how the rows are laid out changes (4: appointments and
 * callback times kept only for the rows that have them, line places in 32 bits).
 */
export const INDEX_FORMAT = 4;

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
  /** When those bytes were last hashed: an unchanged file is hashed again once this is a day old (see register.ts). */
  hashedAt: number;
  /** The chain's state after them, before what the head and the file's end add (finish()). */
  scan: ScannerState;
  rows: RowChunk;
  maskedOnImport: string[];
  changes: [string, { callbackOf: string } & CallbackChangeFact][];
}

/** Everything but the rows, checked field by field before anything of it is trusted. */
const HeaderSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  /** Which copy of which file: an index found under another name is not this one's. */
  key: z.string(),
  signature: z.string(),
  catalog: z.string(),
  head: z.object({ lines: z.number().int().min(0), lastHash: z.string() }).nullable(),
  verifiedBytes: z.number().int().min(0),
  prefixDigest: z.string().regex(/^[0-9a-f]{64}$/),
  hashedAt: z.number(),
  scan: z.object({
    expected: z.string(),
    lines: z.number().int().min(0),
    recordLines: z.number().int().min(0),
    problems: z.array(JournalProblemSchema),
    problemCount: z.number().int().min(0),
  }),
  maskedOnImport: z.array(z.string()),
  changes: z.array(
    z.tuple([z.string(), z.object({ callbackOf: z.string(), at: z.number(), change: z.enum(['rescheduled', 'cancelled']), dueAt: z.number().nullable() })]),
  ),
  rowLines: z.literal(1),
});

/** One folder the register reads: the month files it listed, by clerk; and the clerks whose folder could not be listed. */
export interface ListedFolder {
  kind: RegisterFolderKind;
  root: string;
  files: Map<string, Set<string>>;
  unlisted: Set<string>;
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

  /** The copy's index, or null when there is none that can be used: missing, torn, of another version, of another file, of another shape. */
  async load(kind: RegisterFolderKind, root: string, clerkId: string, path: string, month: string): Promise<IndexedCopy | null> {
    let bytes: Buffer;
    try {
      // Only a regular file: something else put here (a pipe) must not hold the register up.
      bytes = await readRegularFile(this.fileOf(kind, root, clerkId, path, month));
    } catch {
      return null;
    }
    const lines = unframe(bytes);
    if (!lines) return null;
    try {
      const header = HeaderSchema.safeParse(JSON.parse(lines[0]!));
      if (!header.success || header.data.key !== copyKey(kind, root, path) || header.data.rowLines !== lines.length - 1) return null;
      const { format: _format, key: _key, rowLines: _lines, ...rest } = header.data;
      const rows = decodeRows(JSON.parse(lines[1]!) as EncodedRows);
      // Rows of another clerk's folder or of another copy are not this file's.
      for (const [id] of rows.tables.clerks) if (id !== clerkId) return null;
      for (const [file, copy] of rows.tables.places) if (copy !== kind || file !== monthFileRelative(clerkId, month)) return null;
      return { ...rest, rows };
    } catch {
      return null; // not JSON, or rows not of the shape this version writes: as if there were none
    }
  }

  /** Keeps a copy's index; a failure to write only means reading the file again next time. */
  async save(kind: RegisterFolderKind, root: string, clerkId: string, path: string, month: string, copy: IndexedCopy): Promise<void> {
    const { rows, ...rest } = copy;
    const rowLines = [JSON.stringify(encodeRows(rows))];
    const header = JSON.stringify({ format: INDEX_FORMAT, key: copyKey(kind, root, path), ...rest, rowLines: rowLines.length });
    await this.beforeWrite();
    const file = this.fileOf(kind, root, clerkId, path, month);
    await fs.mkdir(join(file, '..'), { recursive: true, mode: 0o700 });
    // Not made durable: a cache lost to a power cut is read again; a torn one fails its checksum.
    await writeFileAtomic(file, frame([header, ...rowLines]), { durable: false });
  }

  /**
   * Forgets what is kept of a folder's month files that it no longer holds:
   * of files not listed, of clerks no longer there — but nothing of a clerk
   * whose folder could not be listed this time (the share away, no access).
   */
  async forgetUnlisted(folder: ListedFolder): Promise<void> {
    const base = this.folderOf(folder.kind, folder.root);
    const listed = new Map([...folder.files].map(([clerkId, paths]) => [shortHash(clerkId), { clerkId, paths }]));
    const unlisted = new Set([...folder.unlisted].map(shortHash));
    for (const clerkDir of await names(base)) {
      if (unlisted.has(clerkDir)) continue;
      const clerk = listed.get(clerkDir);
      if (!clerk) {
        await fs.rm(join(base, clerkDir), { recursive: true, force: true });
        continue;
      }
      const keep = new Set([...clerk.paths].map((path) => fileName(folder.kind, folder.root, path, monthOfFileName(basename(path))!)));
      const dir = join(base, clerkDir);
      await Promise.all((await names(dir)).filter((name) => !keep.has(name)).map((name) => fs.rm(join(dir, name), { recursive: true, force: true })));
    }
  }

  /** Forgets every folder the register does not read (any more): a team folder changed or switched off takes its copy's rows with it. */
  async forgetFoldersExcept(folders: readonly { kind: RegisterFolderKind; root: string }[]): Promise<void> {
    const read = new Set(folders.map((f) => folderName(f.kind, f.root)));
    await Promise.all((await names(this.dir)).filter((name) => !read.has(name)).map((name) => fs.rm(join(this.dir, name), { recursive: true, force: true })));
  }

  /** Forgets every month before `oldestKept` (`YYYY-MM`) in every folder: what retention removes is not kept here either. */
  async forgetBefore(oldestKept: string): Promise<void> {
    for (const folder of await names(this.dir)) {
      for (const clerk of await names(join(this.dir, folder))) {
        const dir = join(this.dir, folder, clerk);
        // A temp file of a killed write starts with a dot, and sorts before any month: it goes too.
        await Promise.all((await names(dir)).filter((name) => name.slice(0, 7) < oldestKept).map((name) => fs.rm(join(dir, name), { recursive: true, force: true })));
      }
    }
  }

  private folderOf(kind: RegisterFolderKind, root: string): string {
    return join(this.dir, folderName(kind, root));
  }

  private fileOf(kind: RegisterFolderKind, root: string, clerkId: string, path: string, month: string): string {
    return join(this.folderOf(kind, root), shortHash(clerkId), fileName(kind, root, path, month));
  }
}

/** Names in a folder; none when it is not there or not a folder. */
async function names(dir: string): Promise<string[]> {
  return fs.readdir(dir).catch(() => [] as string[]);
}

function folderName(kind: RegisterFolderKind, root: string): string {
  return `${kind}-${shortHash(root)}`;
}

/** The month first, so that forgetting months past retention needs no reading. */
function fileName(kind: RegisterFolderKind, root: string, path: string, month: string): string {
  return `${month}-${shortHash(copyKey(kind, root, path))}.idx`;
}

function copyKey(kind: RegisterFolderKind, root: string, path: string): string {
  return `${kind}\u0000${root}\u0000${path}`;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
}

/** `<checksum> <length>\n` and the lines: a file cut short or changed fails the checksum and is read as no index. */
function frame(lines: string[]): Buffer {
  const body = Buffer.from(lines.join('\n'), 'utf8');
  return Buffer.concat([Buffer.from(`${checksum(body)} ${body.length}\n`, 'latin1'), body]);
}

/** The lines after the checksum line, or null when it does not hold. */
function unframe(bytes: Buffer): string[] | null {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0 || newline > 40) return null;
  const [sum, length] = bytes.toString('latin1', 0, newline).split(' ');
  const body = bytes.subarray(newline + 1);
  if (Number(length) !== body.length || sum !== checksum(body)) return null;
  return body.toString('utf8').split('\n');
}

function checksum(body: Buffer): string {
  return crc32(body).toString(16).padStart(8, '0');
}
