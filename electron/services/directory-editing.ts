import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { constants, promises as fs } from 'node:fs';
import { changeLogEntry, ChangeLogEntrySchema, changeLogPath, type ChangeLogEntry } from '../../shared/directory/change-log';
import { contentChanges } from '../../shared/directory/directory-edits';
import { DirectorySchema, GlossarySchema, GlossaryTermSchema, MatterSchema, SiteSchema, UnitSchema, type Directory, type Glossary } from '../../shared/directory/directory';
import { syncDirectory, writeFileAtomic } from './atomic-file';
import { checkContentAsync, decodeContent, formatProblem, moreProblems, parseJsonText, type ContentKind } from './content-check';
import lockfile from 'proper-lockfile';
import { CONTENT_FILE_MAX_BYTES, formatSize, readBoundedFile } from './safe-read';
import { checkOfficeBytes, type OfficeFileCheck } from './office-content';

/**
 * The lead's directory editor on the Node side: the office's files opened
 * with the SHA-256 of what was read, and saved only onto that same file —
 * checked as the app checks the file, written atomically beside the old one
 * (on the share), with a line in its change log. If a colleague's save got
 * there first, nothing is written and the editor is told who and when: a
 * silent overwrite of their work is the one thing a shared directory must
 * never do.
 *
 * Two leads pressing *Zapisz* in the same second on two computers: a lock
 * beside the office file (`<file>.lock`, proper-lockfile's folder) is held
 * from the comparison to the rename, so only one of them gets in; a lock a
 * crashed app left is taken over after {@link STALE_LOCK_MS}.
 */
export interface FileForEditing<T> {
  /** The office's file; null while none is set (the editor starts from the content in use, and asks where to save). */
  file: string | null;
  /** SHA-256 (hex) of the file's bytes as opened; null: no such file yet. */
  hash: string | null;
  value: T;
  /** The file's problems when it does not check out: the editor starts from the content in use, and saving replaces the file. */
  problems: string[];
}

export interface FileToSave<T> {
  file: string;
  /** What the editor opened (null: it expects to make the file). */
  baseHash: string | null;
  value: T;
}

export type EditsToSave = { directory?: FileToSave<Directory>; glossary?: FileToSave<Glossary> };

export type SaveOutcome =
  /**
   * Saved, each file named. Two files cannot be replaced as one: when the
   * second fails after the first was written (a full disk on the second
   * share, say), the first stays saved and `failed` names the other.
   */
  | { ok: true; saved: Partial<Record<ContentKind, { file: string; hash: string; check: Extract<OfficeFileCheck, { ok: true }> }>>; failed: { file: string; code: string } | null }
  | { ok: false; reason: 'invalid'; problems: string[] }
  | { ok: false; reason: 'changed'; file: string; last: ChangeLogEntry | null }
  /** The editor expected to make the file, and one is there. */
  | { ok: false; reason: 'exists'; file: string }
  | { ok: false; reason: 'read-only'; file: string }
  | { ok: false; reason: 'busy'; file: string }
  | { ok: false; reason: 'unreadable'; file: string; message: string };

/** A lock its holder has not touched for this long was left by an app that stopped mid-save (a holder touches it four times as often). */
export const STALE_LOCK_MS = 10_000;

/** The lock beside an office file: a folder, made atomically on every file system and share (proper-lockfile). */
export function lockPath(file: string): string {
  return `${file}.lock`;
}

/** A change log is read back from its end this much at a time, and no further than LOG_TAIL_MAX_BYTES. */
const LOG_TAIL_BYTES = 64 * 1024;
const LOG_TAIL_MAX_BYTES = 4 * 1024 * 1024;

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** One office file as the editor opens it; `inUse` is what the app uses for it now (the built-in one, or the last good copy). */
export async function fileForEditing<T extends Directory | Glossary>(kind: ContentKind, file: string | null, inUse: T): Promise<FileForEditing<T>> {
  if (file === null) return { file, hash: null, value: inUse, problems: [] };
  const read = await readBoundedFile(file);
  if (!read.ok) {
    if (read.failure === 'missing') return { file, hash: null, value: inUse, problems: [] };
    return { file, hash: null, value: inUse, problems: [read.message] };
  }
  // Read as the app reads the office file at start: the same encodings refused with the same words.
  const checked = await checkOfficeBytes(kind, file, read.bytes);
  const hash = sha256(read.bytes);
  if (checked.ok) return { file, hash, value: checked.value as T, problems: [] };
  const more = moreProblems(checked.problems.length, checked.problemCount);
  return { file, hash, value: inUse, problems: more ? [...checked.problems, more] : checked.problems };
}

/**
 * Saves what the editor changed: every file checked first, then every
 * file's base compared under its lock, then each written and logged. A
 * refusal writes nothing.
 */
export async function saveEdits(edits: EditsToSave, by: string, inUse: { directory: Directory; glossary: Glossary }, now: Date = new Date()): Promise<SaveOutcome> {
  const kinds = (['directory', 'glossary'] as const).filter((kind) => edits[kind] !== undefined);
  if (edits.directory && edits.glossary && (await samePlace(edits.directory.file, edits.glossary.file))) {
    return { ok: false, reason: 'invalid', problems: [`${edits.directory.file}: katalog i słowniczek muszą być w dwóch osobnych plikach`] };
  }
  const prepared: { kind: ContentKind; edit: FileToSave<Directory | Glossary>; text: string; check: Extract<OfficeFileCheck, { ok: true }> }[] = [];
  const problems: string[] = [];
  for (const kind of kinds) {
    const edit = edits[kind]!;
    const text = fileTextFor(edit.value, await currentJson(edit.file));
    if (text === null) {
      problems.push(`${edit.file}: plik byłby większy niż ${formatSize(CONTENT_FILE_MAX_BYTES)} — tyle aplikacja najwyżej czyta`);
      continue;
    }
    const checked = await checkContentAsync(text, kind);
    if (!checked.ok) {
      problems.push(...checked.problems.slice(0, 5).map((p) => formatProblem(edit.file, p)));
      continue;
    }
    prepared.push({ kind, edit, text, check: { ok: true, text, value: checked.value } });
  }
  if (problems.length > 0) return { ok: false, reason: 'invalid', problems };

  const locks: Lock[] = [];
  let at = prepared[0]?.edit.file ?? '';
  const writes: { kind: ContentKind; edit: FileToSave<Directory | Glossary>; text: string; hash: string; old: Buffer | null; check: Extract<OfficeFileCheck, { ok: true }>; target: WriteTarget | null; log: fs.FileHandle | null }[] = [];
  try {
    for (const { edit } of prepared) {
      at = edit.file;
      const lock = await takeLock(edit.file);
      if (!lock) return { ok: false, reason: 'busy', file: edit.file };
      locks.push(lock);
    }
    // Everything that can refuse is asked of every file before any is written: a refusal writes nothing.
    for (const p of prepared) {
      at = p.edit.file;
      const found = await asOpened(p.edit);
      if (!found.ok) return found.outcome;
      const hash = sha256(p.text);
      const unchanged = found.bytes !== null && sha256(found.bytes) === hash;
      const write = { ...p, hash, old: found.bytes, target: null as WriteTarget | null, log: null as fs.FileHandle | null };
      writes.push(write);
      if (unchanged) continue;
      const target = await writeTarget(p.edit.file);
      if (!target.ok) return { ok: false, reason: 'read-only', file: p.edit.file };
      write.target = target;
    }
    // The logs are opened before anything is written: a save they could not record is not made.
    for (const write of writes) {
      at = write.edit.file;
      if (write.target) write.log = await openRegular(changeLogPath(write.edit.file), constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | NO_FOLLOW, 0o644);
    }
    // Right before the first file is replaced: every lock still this save's, every file still as opened.
    for (const [i, write] of writes.entries()) {
      if (!(await locks[i]!.stillOurs())) return { ok: false, reason: 'busy', file: write.edit.file };
      const again = await asOpened(write.edit);
      if (!again.ok) return again.outcome;
    }
    const saved: Extract<SaveOutcome, { ok: true }>['saved'] = {};
    for (const { kind, edit, text, hash, old, check, target, log } of writes) {
      try {
        if (target && log) {
          await writeFileAtomic(target.path, text, { mode: target.mode, owner: target.owner });
          await log.appendFile(`${JSON.stringify(changeLogEntry(now, by, old ? sha256(old) : null, hash, changesOf(kind, old, inUse, check.value)))}\n`);
          await log.sync();
          await syncDirectory(dirname(edit.file)).catch(() => undefined);
        }
      } catch (error) {
        // Nothing written yet: the save failed whole. The first file written: it stays, and the other is named.
        if (Object.keys(saved).length === 0) throw atFile(error, edit.file);
        return { ok: true, saved, failed: { file: edit.file, code: (error as NodeJS.ErrnoException).code ?? 'EIO' } };
      }
      saved[kind] = { file: edit.file, hash, check };
    }
    return { ok: true, saved, failed: null };
  } catch (error) {
    throw atFile(error, at);
  } finally {
    await Promise.all(writes.map((w) => w.log?.close().catch(() => undefined)));
    await Promise.all(locks.map((lock) => lock.release().catch(() => undefined)));
  }
}

/** An error of the file system, marked with the office file it happened at (a lock's or a log's path means less to the lead). */
function atFile(error: unknown, file: string): unknown {
  if (typeof error === 'object' && error !== null && 'code' in error && !('officeFile' in error)) Object.assign(error, { officeFile: file });
  return error;
}

/** Whether two names lead to one file: through links, or as two hard links of it. */
async function samePlace(a: string, b: string): Promise<boolean> {
  if ((await realPlace(a)) === (await realPlace(b))) return true;
  const [sa, sb] = await Promise.all([fs.stat(a).catch(() => null), fs.stat(b).catch(() => null)]);
  return sa !== null && sb !== null && sa.dev === sb.dev && sa.ino === sb.ino;
}

/**
 * Where a path leads on this system: through every link (of the file, or of
 * its folder for a file not there yet). Two names of one file are one place;
 * a link into the app's data folder is in it.
 */
export async function realPlace(file: string): Promise<string> {
  const real = await fs.realpath(file).catch(() => null);
  if (real) return real;
  const folder = await fs.realpath(dirname(file)).catch(() => null);
  return folder ? join(folder, basename(file)) : resolve(file);
}

/** The file as the editor opened it (its bytes; null: none yet), or why the save stops. */
async function asOpened(edit: FileToSave<unknown>): Promise<{ ok: true; bytes: Buffer | null } | { ok: false; outcome: SaveOutcome }> {
  const read = await readBoundedFile(edit.file);
  if (!read.ok && read.failure !== 'missing') return { ok: false, outcome: { ok: false, reason: 'unreadable', file: edit.file, message: read.message } };
  const bytes = read.ok ? read.bytes : null;
  const hash = bytes ? sha256(bytes) : null;
  if (hash === edit.baseHash) return { ok: true, bytes };
  if (edit.baseHash === null) return { ok: false, outcome: { ok: false, reason: 'exists', file: edit.file } };
  // Who saved last is known only when the log's last line is of the file as it is now (not a hand edit since).
  const last = await lastChange(edit.file);
  return { ok: false, outcome: { ok: false, reason: 'changed', file: edit.file, last: last && last.after === hash ? last : null } };
}

interface WriteTarget {
  path: string;
  mode: number;
  owner?: { uid: number; gid: number };
}

/**
 * Where the new text goes and with what rights: a link is followed (the file
 * it points at is replaced, the link stays), the file keeps its own mode and
 * owner (a share's file others read and write stays theirs), a new one gets
 * 0644; a file this person may not write is refused, not replaced by a
 * rename. (A file of several hard links is one name of it replaced: a rename
 * cannot write through the others.)
 */
async function writeTarget(file: string): Promise<({ ok: true } & WriteTarget) | { ok: false }> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat) return { ok: true, path: await realPlace(file), mode: 0o644 };
  const path = await fs.realpath(file);
  // Read-only by its mode (Windows' read-only attribute is this) even for an administrator, whom access() lets through.
  const writable =
    (stat.mode & 0o222) !== 0 &&
    (await fs.access(path, constants.W_OK).then(
      () => true,
      () => false,
    ));
  return writable ? { ok: true, path, mode: stat.mode & 0o777, owner: { uid: stat.uid, gid: stat.gid } } : { ok: false };
}

/** What the file now holds as JSON (for the office's own keys it keeps), or null. */
async function currentJson(file: string): Promise<unknown> {
  const read = await readBoundedFile(file);
  if (!read.ok) return null;
  const decoded = decodeContent(read.bytes);
  const parsed = decoded.ok ? parseJsonText(decoded.text.replace(/^\uFEFF/, '')) : null;
  return parsed?.ok ? parsed.value : null;
}

/**
 * The file's text: the office's own keys the schema does not read kept — at
 * the top, and in each entry by its id (a note a lead keeps by hand) — in the
 * two-space form, or compact when that would pass the size the app reads;
 * null when even that would.
 */
function fileTextFor(value: Directory | Glossary, old: unknown): string | null {
  const withKept = keepOwnKeys(value, old);
  const pretty = `${JSON.stringify(withKept, null, 2)}\n`;
  if (Buffer.byteLength(pretty) <= CONTENT_FILE_MAX_BYTES) return pretty;
  const compact = `${JSON.stringify(withKept)}\n`;
  return Buffer.byteLength(compact) <= CONTENT_FILE_MAX_BYTES ? compact : null;
}

const LISTS = ['sites', 'units', 'matters', 'terms'] as const;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields each list's schema reads: any other key of an entry is the office's own, kept. */
const SCHEMA_KEYS: Record<(typeof LISTS)[number], ReadonlySet<string>> = {
  sites: new Set(Object.keys(SiteSchema.shape)),
  units: new Set(Object.keys(UnitSchema.shape)),
  matters: new Set(Object.keys(MatterSchema.shape)),
  terms: new Set(Object.keys(GlossaryTermSchema.shape)),
};

function keepOwnKeys(value: Directory | Glossary, old: unknown): Record<string, unknown> {
  if (!isRecord(old)) return { ...value };
  // The file's own order of its top-level keys ($comment first, as an office writes it), then anything new.
  const out: Record<string, unknown> = {};
  for (const [key, kept] of Object.entries(old)) out[key] = key in value ? (value as Record<string, unknown>)[key] : kept;
  Object.assign(out, value);
  for (const list of LISTS) {
    const now = out[list];
    const before = old[list];
    if (!Array.isArray(now) || !Array.isArray(before)) continue;
    const oldById = new Map(before.filter(isRecord).map((e) => [e.id, e]));
    out[list] = now.map((entry: Record<string, unknown>) => {
      const was = oldById.get(entry.id);
      const own = was ? Object.entries(was).filter(([key]) => !(key in entry) && !SCHEMA_KEYS[list].has(key)) : [];
      return own.length > 0 ? { ...entry, ...Object.fromEntries(own) } : entry;
    });
  }
  return out;
}

/**
 * What the log says changed: against the file as it was, read as the app
 * reads it (so a field the schema fills in, like an empty list of examples,
 * is no change); a new file against the content the editor started from.
 */
function changesOf(kind: ContentKind, old: Buffer | null, inUse: { directory: Directory; glossary: Glossary }, value: Directory | Glossary) {
  let before: unknown = inUse[kind];
  if (old) {
    const decoded = decodeContent(old);
    const parsed = decoded.ok ? parseJsonText(decoded.text.replace(/^\uFEFF/, '')) : null;
    const schema = kind === 'directory' ? DirectorySchema : GlossarySchema;
    const read = parsed?.ok ? schema.safeParse(parsed.value) : null;
    before = read?.success ? read.data : parsed?.ok ? parsed.value : null;
  }
  return contentChanges(asContent(kind, before), asContent(kind, value));
}

/** The content's lists of one kind as the change list compares them; an old file of another shape compares as empty. */
function asContent(kind: ContentKind, value: unknown) {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const list = (key: string) => (Array.isArray(record[key]) ? (record[key] as never[]).filter((e) => typeof e === 'object' && e !== null && typeof (e as { id?: unknown }).id === 'string') : []);
  return kind === 'directory'
    ? { directory: { version: 1, sites: list('sites'), units: list('units'), matters: list('matters') }, glossary: { version: 1, terms: [] } }
    : { directory: { version: 1, sites: [], units: [], matters: [] }, glossary: { version: 1, terms: list('terms') } };
}

interface Lock {
  /** Whether the lock is still this save's: a stale lock taken over by two savers at once leaves one of them outside. */
  stillOurs(): Promise<boolean>;
  release(): Promise<void>;
}

/** The lock beside an office file, held from the comparison to the rename; null when another save holds it. */
async function takeLock(file: string): Promise<Lock | null> {
  let compromised = false;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      lockfilePath: lockPath(file),
      realpath: false,
      stale: STALE_LOCK_MS,
      update: STALE_LOCK_MS / 4,
      // Another save of a few hundred milliseconds is waited out; one that holds longer is said to the lead.
      retries: { retries: 4, factor: 1.5, minTimeout: 100, maxTimeout: 500 },
      // The lock removed or taken over under this save (by hand, or as stale): the save stops before it writes — never the app.
      onCompromised: () => void (compromised = true),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return null;
    // Something under the lock's name that is not a lock (a file, a link): said as such, not as the share.
    throw Object.assign(error as object, { lock: lockPath(file) });
  }
  // Who holds it, beside the lock's folder (a file inside would keep the folder from being removed); written by a
  // rename, so a link put under its name is replaced, never written through.
  const token = randomBytes(16).toString('hex');
  const owner = `${lockPath(file)}.owner`;
  try {
    await writeFileAtomic(owner, token, { durable: false, mode: 0o644 });
  } catch (error) {
    await release().catch(() => undefined);
    throw Object.assign(error as object, { lock: owner });
  }
  const ours = async () => {
    if (compromised) return false;
    const read = await readBoundedFile(owner, { maxBytes: 64 });
    return read.ok && read.bytes.toString('utf8') === token;
  };
  return {
    stillOurs: ours,
    release: async () => {
      if (await ours()) await fs.rm(owner, { force: true });
      await release();
    },
  };
}

/** A link under the log's name is not followed (it could point the log's line into any file this person may write). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/** Opened without waiting (a pipe under the log's name would hold a file thread for good), and only as a regular file. */
async function openRegular(path: string, flags: number, mode?: number): Promise<fs.FileHandle> {
  const handle = await fs.open(path, flags | (constants.O_NONBLOCK ?? 0), mode);
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    throw Object.assign(new Error(`${path} nie jest zwykłym plikiem`), { code: 'ENOTREGULAR', path });
  }
  return handle;
}

/** The change log's newest entry that reads, if any: who saved the file last. */
export async function lastChange(file: string): Promise<ChangeLogEntry | null> {
  let handle: fs.FileHandle;
  try {
    handle = await openRegular(changeLogPath(file), constants.O_RDONLY | NO_FOLLOW);
  } catch {
    return null;
  }
  try {
    const { size } = await handle.stat();
    // Read back from the end until a whole line reads (a save of a whole directory writes a line of a few hundred kilobytes).
    let tail = Buffer.alloc(0);
    for (let end = size; end > 0 && size - end < LOG_TAIL_MAX_BYTES; ) {
      const start = Math.max(0, end - LOG_TAIL_BYTES);
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(end - start), 0, end - start, start);
      tail = Buffer.concat([buffer.subarray(0, bytesRead), tail]);
      end = start;
      const lines = tail.toString('utf8').split('\n');
      // The first piece may be the end of a line begun before what was read: only whole lines are tried (all of them at the file's start).
      for (const line of lines.slice(start === 0 ? 0 : 1).reverse()) {
        const entry = parseLogLine(line);
        if (entry) return entry;
      }
    }
    return null;
  } finally {
    await handle.close();
  }
}

function parseLogLine(line: string): ChangeLogEntry | null {
  if (line.trim() === '') return null;
  try {
    const entry = ChangeLogEntrySchema.safeParse(JSON.parse(line));
    return entry.success ? entry.data : null;
  } catch {
    return null; // a torn or foreign line: the one before it may read
  }
}
