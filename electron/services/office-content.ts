import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Notice } from '../../shared/api';
import type { Directory, Glossary } from '../../shared/directory';
import type { ContentSource, OfficeFiles } from '../../shared/office-files';
import { writeFileAtomic, readIfExists } from './atomic-file';
import { checkContent, type CheckProblem, type ContentKind } from './content-check';

/**
 * The office's own directory and glossary, in place of the built-in
 * examples. A clerk starting their day must get a working search even when
 * someone left a comma out of the shared file: an invalid file is never
 * used — the last good copy of the office's file (kept in the data
 * directory) is, or else the built-in one — and a notice names the file and
 * the place where it is wrong.
 */
export interface ContentInUse {
  directory: Directory;
  glossary: Glossary;
  sources: { directory: ContentSource; glossary: ContentSource };
}

export type OfficeFileCheck = { ok: true; text: string; value: Directory | Glossary } | { ok: false; problems: string[] };

/** Reads and checks one office file; each problem as `FILE:LINE:COLUMN path message`, or why it cannot be read. */
export async function checkOfficeFile(kind: ContentKind, file: string): Promise<OfficeFileCheck> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'nie ma takiego pliku' : code === 'EACCES' || code === 'EPERM' ? 'brak uprawnień do odczytu' : `nie można odczytać (${code ?? (error as Error).message})`;
    return { ok: false, problems: [`${file}: ${why}`] };
  }
  const result = checkContent(text, kind);
  if (!result.ok) return { ok: false, problems: result.problems.map((p) => located(file, p)) };
  return { ok: true, text, value: result.value };
}

function located(file: string, p: CheckProblem): string {
  return `${file}:${p.line}:${p.column} ${p.path} ${p.message}`;
}

const lastGoodFile = (dataDir: string, kind: ContentKind) => join(dataDir, `office-${kind}.last-good.json`);

/** Keeps a copy of a file that checked out, for a day it does not. */
export async function keepLastGood(dataDir: string, kind: ContentKind, text: string): Promise<void> {
  if ((await readIfExists(lastGoodFile(dataDir, kind))) === text) return;
  await writeFileAtomic(lastGoodFile(dataDir, kind), text);
}

export async function loadContentInUse(builtIn: { directory: Directory; glossary: Glossary }, files: OfficeFiles, dataDir: string): Promise<{ content: ContentInUse; notices: Notice[] }> {
  const notices: Notice[] = [];
  const pick = async <K extends ContentKind>(kind: K, fallback: K extends 'directory' ? Directory : Glossary) => {
    const file = files[kind];
    if (!file) return { value: fallback, source: 'built-in' as ContentSource };
    const checked = await checkOfficeFile(kind, file);
    if (checked.ok) {
      await keepLastGood(dataDir, kind, checked.text).catch((error: Error) => console.error(`[office-content] last good copy not kept: ${error.message}`));
      return { value: checked.value as typeof fallback, source: 'office' as ContentSource };
    }
    const lastGoodText = await readIfExists(lastGoodFile(dataDir, kind)).catch(() => null);
    const lastGood = lastGoodText === null ? null : checkContent(lastGoodText, kind);
    const using = lastGood?.ok ? 'last-good' : 'built-in';
    notices.push({ code: `office-${kind}-invalid`, file, detail: checked.problems[0], more: checked.problems.length - 1, using });
    return lastGood?.ok ? { value: lastGood.value as typeof fallback, source: 'last-good' as ContentSource } : { value: fallback, source: 'built-in' as ContentSource };
  };
  const directory = await pick('directory', builtIn.directory);
  const glossary = await pick('glossary', builtIn.glossary);
  return {
    content: { directory: directory.value, glossary: glossary.value, sources: { directory: directory.source, glossary: glossary.source } },
    notices,
  };
}
