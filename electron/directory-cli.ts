import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { GlossarySchema, type Directory } from '../shared/directory/directory';
import { buildSearchIndex, search } from '../shared/directory/search';
import { checkContentAsync, decodeContent, formatProblem, moreProblems } from './services/content-check';
import { abandonedReads, readBoundedFile } from './services/safe-read';

/**
 * `npm run --silent directory -- check FILE`: validates a directory or
 * glossary file an office edits, and prints each problem as
 * `FILE:LINE:COLUMN path.to.field message` (the form editors and CI
 * annotations understand) — the first CHECK_PROBLEMS_LISTED of them, and
 * on stderr how many more. Exit code 0 when valid, 1 when not, 2 when the
 * command itself is wrong or the file cannot be read (not a regular file,
 * over 1 MB, a share that does not answer in 10 s: read as the app reads).
 *
 * `npm run --silent directory -- route [--json] [--directory FILE] QUERY`:
 * the matches the app's search finds for what a caller says, best first.
 */
const USAGE = [
  'Użycie: npm run --silent directory -- check PLIK.json',
  '        npm run --silent directory -- route [--json] [--directory PLIK.json] "ZAPYTANIE"',
].join('\n');

const BUILT_IN = {
  directory: fileURLToPath(new URL('../resources/directory.json', import.meta.url)),
  glossary: fileURLToPath(new URL('../resources/glossary.json', import.meta.url)),
};

export async function runDirectoryCli(argv: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'check' && rest.length === 1) return check(rest[0]!, out, err);
  if (command === 'route') return route(rest, out, err);
  err(USAGE);
  return 2;
}

async function route(args: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  let values: { json?: boolean; directory?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' }, directory: { type: 'string' } }, allowPositionals: true }));
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const query = positionals.join(' ').trim();
  if (!query) {
    err(USAGE);
    return 2;
  }
  const directoryFile = values.directory ?? BUILT_IN.directory;
  const directory = await readDirectory(directoryFile);
  if (!directory.ok) {
    err(`${directoryFile}: katalog jest nieczytelny lub niepoprawny — sprawdź go: npm run --silent directory -- check ${directoryFile} (${directory.why})`);
    return 2;
  }
  const index = buildSearchIndex(directory.value, GlossarySchema.parse(JSON.parse(readFileSync(BUILT_IN.glossary, 'utf8'))));
  const hits = search(index, query);
  if (values.json) out(JSON.stringify(hits));
  else for (const h of hits) out(`${h.score.toFixed(3)}  ${h.kind.padEnd(6)} ${h.title}${h.unit && h.kind === 'matter' ? ` → ${h.unit.name}` : ''}${h.complex ? '  [sprawa złożona]' : ''}`);
  return 0;
}

/** A directory file read and checked as the app does; or the first thing wrong with it. */
async function readDirectory(file: string): Promise<{ ok: true; value: Directory } | { ok: false; why: string }> {
  const read = await readBoundedFile(file);
  if (!read.ok) return { ok: false, why: read.message };
  const decoded = decodeContent(read.bytes);
  if (!decoded.ok) return { ok: false, why: formatProblem(file, decoded.problem) };
  const result = await checkContentAsync(decoded.text, 'directory');
  if (!result.ok) return { ok: false, why: formatProblem(file, result.problems[0]!) };
  return { ok: true, value: result.value as Directory };
}

async function check(file: string, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const read = await readBoundedFile(file);
  if (!read.ok) {
    err(read.message);
    return 2;
  }
  const decoded = decodeContent(read.bytes);
  if (!decoded.ok) {
    out(formatProblem(file, decoded.problem));
    return 1;
  }
  const result = await checkContentAsync(decoded.text);
  if (result.ok) return 0;
  for (const p of result.problems) out(formatProblem(file, p));
  const more = moreProblems(result.problems.length, result.problemCount);
  if (more) err(more);
  return 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void runDirectoryCli(
    process.argv.slice(2),
    (line) => console.log(line),
    (line) => console.error(line),
  ).then((code) => {
    process.exitCode = code;
    // A read given up at its time limit is still waiting in the system: the answer is given, do not wait for it.
    if (abandonedReads() > 0) process.exit(code);
  });
}
