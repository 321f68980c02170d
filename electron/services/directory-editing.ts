import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { constants, promises as fs } from 'node:fs';
import { ChangeLogEntrySchema, changeLogPath, type ChangeLogEntry } from '../../shared/directory/change-log';
import { contentChanges, contentFileText } from '../../shared/directory/directory-edits';
import type { Directory, Glossary } from '../../shared/directory/directory';
import { syncDirectory, writeFileAtomic } from './atomic-file';
import { checkContentAsync, formatProblem, moreProblems, parseJsonText, type ContentKind } from './content-check';
import lockfile from 'proper-lockfile';
import { CONTENT_FILE_MAX_BYTES, formatSize, readBoundedFile } from './safe-read';
import type { OfficeFileCheck } from './office-content';

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
  | { ok: true; saved: Partial<Record<ContentKind, { file: string; hash: string; check: Extract<OfficeFileCheck, { ok: true }> }>> }
  | { ok: false; reason: 'invalid'; problems: string[] }
  | { ok: false; reason: 'changed'; file: string; last: ChangeLogEntry | null }
  | { ok: false; reason: 'busy'; file: string }
  | { ok: false; reason: 'unreadable'; file: string; message: string };

/** A lock its holder has not touched for this long was left by an app that stopped mid-save (a holder touches it four times as often). */
export const STALE_LOCK_MS = 10_000;

/** The lock beside an office file: a folder, made atomically on every file system and share (proper-lockfile). */
export function lockPath(file: string): string {
  return `${file}.lock`;
}

/** How much of a change log's end is read for its last entry: a line is a few kilobytes at most. */
const LOG_TAIL_BYTES = 64 * 1024;

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
  const hash = sha256(read.bytes);
  const checked = await checkContentAsync(read.bytes.toString('utf8'), kind);
  if (checked.ok) return { file, hash, value: checked.value as T, problems: [] };
  const shown = checked.problems.slice(0, 5).map((p) => formatProblem(file, p));
  const more = moreProblems(shown.length, checked.problemCount);
  return { file, hash, value: inUse, problems: more ? [...shown, more] : shown };
}

/**
 * Saves what the editor changed: every file checked first, then every
 * file's base compared under its lock, then each written and logged. A
 * refusal writes nothing.
 */
export async function saveEdits(edits: EditsToSave, by: string, inUse: { directory: Directory; glossary: Glossary }, now: Date = new Date()): Promise<SaveOutcome> {
  const kinds = (['directory', 'glossary'] as const).filter((kind) => edits[kind] !== undefined);
  const prepared: { kind: ContentKind; edit: FileToSave<Directory | Glossary>; text: string; check: Extract<OfficeFileCheck, { ok: true }> }[] = [];
  const problems: string[] = [];
  for (const kind of kinds) {
    const edit = edits[kind]!;
    const text = contentFileText(edit.value, await keptKeys(edit.file));
    if (Buffer.byteLength(text) > CONTENT_FILE_MAX_BYTES) {
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

  const releases: (() => Promise<void>)[] = [];
  try {
    for (const { edit } of prepared) {
      const release = await takeLock(edit.file);
      if (!release) return { ok: false, reason: 'busy', file: edit.file };
      releases.push(release);
    }
    const before = new Map<string, { bytes: Buffer | null }>();
    for (const { edit } of prepared) {
      const read = await readBoundedFile(edit.file);
      if (!read.ok && read.failure !== 'missing') return { ok: false, reason: 'unreadable', file: edit.file, message: read.message };
      const bytes = read.ok ? read.bytes : null;
      if ((bytes ? sha256(bytes) : null) !== edit.baseHash) return { ok: false, reason: 'changed', file: edit.file, last: await lastChange(edit.file) };
      before.set(edit.file, { bytes });
    }
    const saved: Extract<SaveOutcome, { ok: true }>['saved'] = {};
    for (const { kind, edit, text, check } of prepared) {
      const old = before.get(edit.file)!.bytes;
      const hash = sha256(text);
      if (old === null || sha256(old) !== hash) {
        // The log is opened first: a save it could not record is not made.
        const log = await openRegular(changeLogPath(edit.file), constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o644);
        try {
          await writeFileAtomic(edit.file, text);
          // A new file is told by what it changes of the content the editor started from (the built-in one, or the last good copy).
          const oldValue = old ? parseJsonText(old.toString('utf8').replace(/^\uFEFF/, '')) : { ok: true as const, value: inUse[kind] };
          const entry: ChangeLogEntry = {
            at: now.toISOString(),
            by,
            before: old ? sha256(old) : null,
            after: hash,
            changes: contentChanges(asContent(kind, oldValue.ok ? oldValue.value : null), asContent(kind, check.value)),
          };
          await log.appendFile(`${JSON.stringify(entry)}\n`);
          await log.sync();
        } finally {
          await log.close();
        }
        await syncDirectory(dirname(edit.file)).catch(() => undefined);
      }
      saved[kind] = { file: edit.file, hash, check };
    }
    return { ok: true, saved };
  } finally {
    await Promise.all(releases.map((release) => release().catch(() => undefined)));
  }
}

/** The content's lists of one kind as the change list compares them; an old file of another shape compares as empty. */
function asContent(kind: ContentKind, value: unknown) {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const list = (key: string) => (Array.isArray(record[key]) ? (record[key] as never[]).filter((e) => typeof e === 'object' && e !== null && typeof (e as { id?: unknown }).id === 'string') : []);
  return kind === 'directory'
    ? { directory: { version: 1, sites: list('sites'), units: list('units'), matters: list('matters') }, glossary: { version: 1, terms: [] } }
    : { directory: { version: 1, sites: [], units: [], matters: [] }, glossary: { version: 1, terms: list('terms') } };
}

/** The office's own top-level keys the schema does not read (`$comment`), kept across a save. */
async function keptKeys(file: string): Promise<Record<string, unknown>> {
  const read = await readBoundedFile(file);
  if (!read.ok) return {};
  const parsed = parseJsonText(read.bytes.toString('utf8').replace(/^\uFEFF/, ''));
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) return {};
  return Object.fromEntries(Object.entries(parsed.value).filter(([key]) => key.startsWith('$')));
}

/** The lock beside an office file, held from the comparison to the rename; null when another save holds it. */
async function takeLock(file: string): Promise<(() => Promise<void>) | null> {
  try {
    return await lockfile.lock(file, {
      lockfilePath: lockPath(file),
      realpath: false,
      stale: STALE_LOCK_MS,
      update: STALE_LOCK_MS / 4,
      // Another save of a few hundred milliseconds is waited out; one that holds longer is said to the lead.
      retries: { retries: 4, factor: 1.5, minTimeout: 100, maxTimeout: 500 },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return null;
    throw error;
  }
}

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
    handle = await openRegular(changeLogPath(file), constants.O_RDONLY);
  } catch {
    return null;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, LOG_TAIL_BYTES);
    const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n').reverse();
    for (const line of lines) {
      try {
        const entry = ChangeLogEntrySchema.safeParse(JSON.parse(line));
        if (entry.success) return entry.data;
      } catch {
        // a torn or foreign line: the one before it may read
      }
    }
    return null;
  } finally {
    await handle.close();
  }
}
