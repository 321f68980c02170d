import { join } from 'node:path';
import type { Notice } from '../../shared/contract/api';
import type { Directory, Glossary } from '../../shared/directory/directory';
import type { ContentSource, OfficeFiles } from '../../shared/settings/office-files';
import { writeFileAtomic } from './atomic-file';
import { checkContentAsync, decodeContent, formatProblem, type ContentKind } from './content-check';
import { readBoundedFile } from './safe-read';
import type { Content } from './content';

/**
 * The office's own directory and glossary, in place of the built-in
 * examples. A clerk starting their day must get a working search even when
 * someone left a comma out of the shared file: an invalid file is never
 * used — the last good copy of the office's file (kept in the data
 * directory) is, or else the built-in one — and a notice names the file and
 * the place where it is wrong.
 *
 * The file is read as safe-read.ts reads (only a regular file, at most
 * 1 MB, within 10 s) and checked in steps (content-check.ts), so that no
 * file — a named pipe, a device, a hung share, a text of thousands of
 * problems — holds up the start or the settings screen.
 */
export interface ContentInUse {
  directory: Directory;
  glossary: Glossary;
  sources: { directory: ContentSource; glossary: ContentSource };
}

/**
 * A file that checked out, with its text; or the first problems (at most
 * CHECK_PROBLEMS_LISTED, each `FILE:LINE:COLUMN path message`, or one
 * sentence saying why the file cannot be read) and how many there are in
 * all (`problemCount`: a list cut short says how many more).
 */
export type OfficeFileCheck = { ok: true; text: string; value: Directory | Glossary } | { ok: false; problems: string[]; problemCount: number };

/** Reads and checks one office file; never throws, never waits more than the read's time limit for the file. */
export async function checkOfficeFile(kind: ContentKind, file: string): Promise<OfficeFileCheck> {
  const read = await readBoundedFile(file);
  if (!read.ok) return { ok: false, problems: [read.message], problemCount: 1 };
  return checkOfficeBytes(kind, file, read.bytes);
}

/** An office file's bytes checked as the app reads them: their encoding, then the content. */
export async function checkOfficeBytes(kind: ContentKind, file: string, bytes: Uint8Array): Promise<OfficeFileCheck> {
  const decoded = decodeContent(bytes);
  if (!decoded.ok) return { ok: false, problems: [formatProblem(file, decoded.problem)], problemCount: 1 };
  const result = await checkContentAsync(decoded.text, kind);
  if (!result.ok) return { ok: false, problems: result.problems.map((p) => formatProblem(file, p)), problemCount: result.problemCount };
  return { ok: true, text: decoded.text, value: result.value };
}

const lastGoodFile = (dataDir: string, kind: ContentKind) => join(dataDir, `office-${kind}.last-good.json`);

/** Keeps a copy of a file that checked out, for a day it does not. */
export async function keepLastGood(dataDir: string, kind: ContentKind, text: string): Promise<void> {
  const kept = await readBoundedFile(lastGoodFile(dataDir, kind), { ownFile: true });
  if (kept.ok && kept.bytes.equals(Buffer.from(text))) return;
  await writeFileAtomic(lastGoodFile(dataDir, kind), text);
}

/** The last good copy of an office file, if there is one and it is still good. */
async function lastGood(dataDir: string, kind: ContentKind): Promise<Directory | Glossary | null> {
  const read = await readBoundedFile(lastGoodFile(dataDir, kind), { ownFile: true });
  const decoded = read.ok ? decodeContent(read.bytes) : null;
  const checked = decoded?.ok ? await checkContentAsync(decoded.text, kind) : null;
  return checked?.ok ? checked.value : null;
}

type BuiltIn = { directory: Directory; glossary: Glossary };

/**
 * The one rule of what is used for a kind, given its check: no office file —
 * the built-in one; a file that checked out — the office's, a copy of it kept
 * for a day it does not; a file that did not — null (the caller falls back).
 */
async function usedFor<K extends ContentKind>(kind: K, check: OfficeFileCheck | null, builtIn: BuiltIn, dataDir: string): Promise<{ value: BuiltIn[K]; source: ContentSource } | null> {
  if (!check) return { value: builtIn[kind], source: 'built-in' };
  if (!check.ok) return null;
  await keepLastGood(dataDir, kind, check.text).catch((error: Error) => console.error(`[office-content] last good copy not kept: ${error.message}`));
  return { value: check.value as BuiltIn[K], source: 'office' };
}

export async function loadContentInUse(builtIn: BuiltIn, files: OfficeFiles, dataDir: string): Promise<{ content: ContentInUse; notices: Notice[] }> {
  const pick = async <K extends ContentKind>(kind: K, fallback: BuiltIn[K]) => {
    const file = files[kind];
    const checked = file ? await checkOfficeFile(kind, file) : null;
    const used = await usedFor(kind, checked, builtIn, dataDir);
    if (used) return { ...used, notice: null };
    if (!file || !checked || checked.ok) throw new Error('unreachable: only a failed check falls back');
    const kept = await lastGood(dataDir, kind);
    const using = kept ? 'last-good' : 'built-in';
    const notice: Notice = { code: `office-${kind}-invalid`, file, detail: checked.problems[0], more: checked.problemCount - 1, using };
    return { value: (kept ?? fallback) as typeof fallback, source: using as ContentSource, notice };
  };
  // Side by side: a share that does not answer costs the start one time limit, not two.
  const [directory, glossary] = await Promise.all([pick('directory', builtIn.directory), pick('glossary', builtIn.glossary)]);
  return {
    content: { directory: directory.value, glossary: glossary.value, sources: { directory: directory.source, glossary: glossary.source } },
    notices: [directory.notice, glossary.notice].filter((notice): notice is Notice => notice !== null),
  };
}

/** Both office files checked before anything changes: a setting that points at a broken file would only fail again at the next start. */
export type OfficeFilesCheck =
  | { ok: true; directory: OfficeFileCheck | null; glossary: OfficeFileCheck | null }
  | { ok: false; problems: string[]; problemCount: number };

export async function checkOfficeFiles(files: OfficeFiles): Promise<OfficeFilesCheck> {
  const [directory, glossary] = await Promise.all((['directory', 'glossary'] as const).map(async (kind) => (files[kind] ? await checkOfficeFile(kind, files[kind]) : null)));
  const failed = [directory, glossary].flatMap((check) => (check && !check.ok ? [check] : []));
  if (failed.length === 0) return { ok: true, directory: directory ?? null, glossary: glossary ?? null };
  return { ok: false, problems: failed.flatMap((c) => c.problems), problemCount: failed.reduce((n, c) => n + c.problemCount, 0) };
}

/**
 * The content in use — the shipped checklists and scripts with the office's
 * directory and glossary where chosen and valid — held by this one service,
 * which swaps it when the office's files change. Nothing else assigns it.
 */
export class OfficeContent {
  private inUse: ContentInUse;

  constructor(
    private readonly shipped: Content,
    private readonly dataDir: string,
    inUse: ContentInUse,
  ) {
    this.inUse = inUse;
  }

  /** Reads the office's files set in settings (a broken one gives way to its last good copy or the built-in one, with a notice). */
  static async open(shipped: Content, files: OfficeFiles, dataDir: string): Promise<{ content: OfficeContent; notices: Notice[] }> {
    const { content, notices } = await loadContentInUse(builtInOf(shipped), files, dataDir);
    return { content: new OfficeContent(shipped, dataDir, content), notices };
  }

  get content(): Content {
    return { ...this.shipped, directory: this.inUse.directory, glossary: this.inUse.glossary };
  }

  get sources(): ContentInUse['sources'] {
    return this.inUse.sources;
  }

  /** The examples shipped with the app, used where an office has no file of its own. */
  get builtIn(): BuiltIn {
    return builtInOf(this.shipped);
  }

  /** Puts checked office files in use (a kind without a file goes back to the built-in one) and keeps a copy of each for a day it does not check out. */
  async adopt(check: Extract<OfficeFilesCheck, { ok: true }>): Promise<void> {
    await this.put({ directory: check.directory, glossary: check.glossary });
  }

  /** Puts in use the files the directory editor just saved (checked as they were written); a kind it did not save stays as it is. */
  async adoptSaved(saved: Partial<Record<ContentKind, Extract<OfficeFileCheck, { ok: true }>>>): Promise<void> {
    await this.put(saved);
  }

  /** Each kind named: its office file's check put in use (null: the built-in one); a kind not named stays. */
  private async put(checks: Partial<Record<ContentKind, OfficeFileCheck | null>>): Promise<void> {
    const next: ContentInUse = { ...this.inUse, sources: { ...this.inUse.sources } };
    for (const kind of ['directory', 'glossary'] as const) {
      if (!(kind in checks)) continue;
      const used = (await usedFor(kind, checks[kind] ?? null, this.builtIn, this.dataDir))!;
      if (kind === 'directory') next.directory = used.value as Directory;
      else next.glossary = used.value as Glossary;
      next.sources[kind] = used.source;
    }
    this.inUse = next;
  }
}

function builtInOf(shipped: Content): BuiltIn {
  return { directory: shipped.directory, glossary: shipped.glossary };
}
