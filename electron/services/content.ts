import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { polishIssueMessages } from '../../shared/contract/api';
import { ChecklistDefinitionSchema, type ChecklistDefinition } from '../../shared/call/checklist';
import { DirectorySchema, GlossarySchema, type Directory, type Glossary } from '../../shared/directory/directory';
import { ScriptsSchema, type Scripts } from '../../shared/call/scripts';
import { CHECK_PROBLEMS_LISTED, decodeContent, formatProblem, moreProblems } from './content-check';
import { readBoundedFile } from './safe-read';

/**
 * The editable content shipped in resources/: checklist definitions and the
 * scripts. It is data an office may change, so a broken file stops the start
 * with a message naming the file and the field, rather than a call without a
 * checklist or a greeting. Files are read as the office's own are
 * (safe-read.ts: a regular file, at most 1 MB, in UTF-8, within 10 s), so a
 * folder or a named pipe left in resources/ is refused, not waited on.
 */
export interface Content {
  /** The call checklists, one per direction. */
  checklists: ChecklistDefinition[];
  shiftChecklist: ChecklistDefinition;
  scripts: Scripts;
  directory: Directory;
  glossary: Glossary;
}

export async function loadContent(resourcesDir: string): Promise<Content> {
  const dir = join(resourcesDir, 'checklists');
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const definitions: ChecklistDefinition[] = [];
  for (const name of names) definitions.push(await readValidated(join(dir, name), ChecklistDefinitionSchema));
  const pick = (direction: ChecklistDefinition['direction']) => {
    const found = definitions.filter((d) => d.direction === direction);
    if (found.length !== 1) {
      throw new Error(`${dir}: potrzebna dokładnie jedna lista „${direction}”, jest ${found.length}`);
    }
    return found[0]!;
  };
  return {
    checklists: [pick('incoming'), pick('outgoing')],
    shiftChecklist: pick('shift'),
    scripts: await readValidated(join(resourcesDir, 'scripts.json'), ScriptsSchema),
    directory: await readValidated(join(resourcesDir, 'directory.json'), DirectorySchema),
    glossary: await readValidated(join(resourcesDir, 'glossary.json'), GlossarySchema),
  };
}

async function readValidated<S extends z.ZodType>(file: string, schema: S): Promise<z.output<S>> {
  const read = await readBoundedFile(file);
  if (!read.ok) throw new Error(read.message);
  const decoded = decodeContent(read.bytes);
  if (!decoded.ok) throw new Error(formatProblem(file, decoded.problem));
  const parsed = parseContentText(decoded.text, schema);
  if (!parsed.ok) throw new Error(`${file}: ${parsed.problem}`);
  return parsed.value;
}

/** A content file's text as its schema's value, or what is wrong with it (the field and why); never throws. */
export function parseContentText<S extends z.ZodType>(rawText: string, schema: S): { ok: true; value: z.output<S> } | { ok: false; problem: string } {
  // Notepad's byte-order mark: the office-file check (content-check.ts) takes
  // it, so the app must not refuse at start a file the check said was fine.
  const text = rawText.replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `to nie jest poprawny JSON (${(error as Error).message})` };
  }
  const result = schema.safeParse(json, { error: polishIssueMessages });
  return result.success ? { ok: true, value: result.data } : { ok: false, problem: describeFirstIssues(result.error.issues) };
}

/** "items.0.label: …; items.1.weight: …" for the first CHECK_PROBLEMS_LISTED issues, and how many more. */
function describeFirstIssues(issues: z.core.$ZodIssue[]): string {
  const listed = issues.slice(0, CHECK_PROBLEMS_LISTED).map((issue) => `${issue.path.length ? issue.path.join('.') : '(całość)'}: ${issue.message}`);
  const more = moreProblems(listed.length, issues.length);
  return [...listed, ...(more ? [more] : [])].join('; ');
}
