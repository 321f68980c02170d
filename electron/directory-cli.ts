import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DirectorySchema, GlossarySchema } from '../shared/directory';
import { buildSearchIndex, search } from '../shared/search';
import { checkContent, formatProblem } from './services/content-check';

/**
 * `npm run --silent directory -- check FILE`: validates a directory or
 * glossary file an office edits, and prints each problem as
 * `FILE:LINE:COLUMN path.to.field message` (the form editors and CI
 * annotations understand). Exit code 0 when valid, 1 when not, 2 when the
 * command itself is wrong.
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

export function runDirectoryCli(argv: string[], out: (line: string) => void, err: (line: string) => void): number {
  const [command, ...rest] = argv;
  if (command === 'check' && rest.length === 1) return check(rest[0]!, out, err);
  if (command === 'route') return route(rest, out, err);
  err(USAGE);
  return 2;
}

function route(args: string[], out: (line: string) => void, err: (line: string) => void): number {
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
  let index;
  try {
    const directory = DirectorySchema.parse(JSON.parse(readFileSync(directoryFile, 'utf8')));
    const glossary = GlossarySchema.parse(JSON.parse(readFileSync(BUILT_IN.glossary, 'utf8')));
    index = buildSearchIndex(directory, glossary);
  } catch (error) {
    err(`${directoryFile}: katalog jest nieczytelny lub niepoprawny — sprawdź go: npm run --silent directory -- check ${directoryFile} (${(error as Error).message.split('\n')[0]})`);
    return 2;
  }
  const hits = search(index, query);
  if (values.json) out(JSON.stringify(hits));
  else for (const h of hits) out(`${h.score.toFixed(3)}  ${h.kind.padEnd(6)} ${h.title}${h.unit && h.kind === 'matter' ? ` → ${h.unit.name}` : ''}${h.complex ? '  [sprawa złożona]' : ''}`);
  return 0;
}

function check(file: string, out: (line: string) => void, err: (line: string) => void): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    err(`${file}: nie można odczytać pliku (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    return 2;
  }
  const result = checkContent(text);
  if (result.ok) return 0;
  for (const p of result.problems) out(formatProblem(file, p));
  return 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = runDirectoryCli(
    process.argv.slice(2),
    (line) => console.log(line),
    (line) => console.error(line),
  );
}
