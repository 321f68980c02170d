import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { polishIssueMessages } from '../../shared/api';
import { DirectorySchema, GlossarySchema, type Directory, type Glossary } from '../../shared/directory';

/**
 * Checking a directory or glossary file an office edits, with each problem
 * placed at a line and column of the text — so the command-line check, the
 * settings screen and a start-up notice all point at the same spot.
 */
export interface CheckProblem {
  line: number;
  column: number;
  path: string;
  message: string;
}

export type ContentKind = 'directory' | 'glossary';

export type CheckResult =
  | { ok: true; kind: 'directory'; value: Directory }
  | { ok: true; kind: 'glossary'; value: Glossary }
  | { ok: false; problems: CheckProblem[] };

/** Checks a file's text; without `kind`, a file with `terms` is taken for a glossary. */
export function checkContent(rawText: string, kind?: ContentKind): CheckResult {
  const text = rawText.replace(/^\uFEFF/, ''); // Notepad's byte-order mark
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !root) {
    const problems = errors.map((e) => ({ ...position(text, e.offset), path: '(JSON)', message: `błąd składni JSON: ${printParseErrorCode(e.error)}` }));
    return { ok: false, problems: problems.length > 0 ? problems : [{ line: 1, column: 1, path: '(JSON)', message: 'plik jest pusty' }] };
  }
  const json: unknown = JSON.parse(text);
  const as = kind ?? (isGlossary(json) ? 'glossary' : 'directory');
  const schema: z.ZodType = as === 'glossary' ? GlossarySchema : DirectorySchema;
  const result = schema.safeParse(json, { error: polishIssueMessages });
  if (result.success) return as === 'glossary' ? { ok: true, kind: as, value: result.data as Glossary } : { ok: true, kind: as, value: result.data as Directory };
  const problems = result.error.issues
    .map((issue) => {
      const node = nearestNode(root, issue.path as (string | number)[]);
      return { ...position(text, node.offset), path: issue.path.join('.') || '(całość)', message: issue.message };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, problems };
}

/** `FILE:LINE:COLUMN path message`, the form editors and CI annotations understand. */
export function formatProblem(file: string, p: CheckProblem): string {
  return `${file}:${p.line}:${p.column} ${p.path} ${p.message}`;
}

function isGlossary(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'terms' in json;
}

/** The node at the path, or its nearest existing ancestor (a missing field is reported where it should be). */
function nearestNode(root: Node, path: (string | number)[]): Node {
  for (let length = path.length; length >= 0; length--) {
    const node = findNodeAtLocation(root, path.slice(0, length));
    if (node) return node.parent?.type === 'property' ? node.parent : node;
  }
  return root;
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
