import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDirectoryCli } from '../../electron/directory-cli';
import { checkContent } from '../../electron/services/content-check';
import { DirectorySchema, GlossarySchema } from '../../shared/directory';
import { maskIdentifiers } from '../../shared/masking';

const directoryText = readFileSync('resources/directory.json', 'utf8');
const glossaryText = readFileSync('resources/glossary.json', 'utf8');

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runDirectoryCli(args, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'dir-cli-')), name);
  writeFileSync(path, text);
  return path;
}

describe('the built-in content', () => {
  it('the directory and the glossary are valid, with at least 40 terms', () => {
    expect(DirectorySchema.safeParse(JSON.parse(directoryText)).success).toBe(true);
    const glossary = GlossarySchema.parse(JSON.parse(glossaryText));
    expect(glossary.terms.length).toBeGreaterThanOrEqual(40);
  });

  it('routes to the external institutions the brief names, marked as external', () => {
    const dir = DirectorySchema.parse(JSON.parse(directoryText));
    const external = dir.units.filter((u) => u.kind === 'external').map((u) => u.id);
    expect(external).toEqual(
      expect.arrayContaining(['zus', 'mops-lodz', 'centrum-swiadczen-socjalnych', 'pup-lodz-wschod', 'wup-lodz', 'urzad-wojewodzki', 'zielona-linia']),
    );
    for (const id of ['odwolanie', 'nienaleznie-pobrane', 'wysokosc-zasilku', 'utrata-statusu', 'spor-umowa', 'skarga']) {
      expect(dir.matters.find((m) => m.id === id)?.complex, id).toBe(true);
    }
  });

  it('invents no phone numbers or other identifiers: extensions and rooms are placeholders', () => {
    for (const text of [directoryText, glossaryText]) expect(maskIdentifiers(text).counts).toEqual({});
    const dir = DirectorySchema.parse(JSON.parse(directoryText));
    for (const unit of dir.units) for (const field of [unit.extension, unit.room, unit.phone]) if (field) expect(field).toMatch(/do uzupełnienia/);
  });
});

describe('npm run directory -- check', () => {
  it('exits 0 and prints nothing for a valid file', () => {
    expect(run(['check', 'resources/directory.json'])).toEqual({ code: 0, out: [], err: [] });
    expect(run(['check', 'resources/glossary.json'])).toEqual({ code: 0, out: [], err: [] });
  });

  it('reports an unknown unit, a duplicate id and empty keywords as FILE:LINE:COLUMN path message, in file order', () => {
    const dir = JSON.parse(directoryText);
    dir.units[1].id = dir.units[0].id;
    dir.matters[0].unit = 'nie-ma-takiej';
    dir.matters[2].keywords = [];
    const text = JSON.stringify(dir, null, 2);
    const file = tempFile('katalog.json', text);
    const { code, out } = run(['check', file]);
    expect(code).toBe(1);
    const lineOf = (needle: string, from = 0) => text.slice(0, text.indexOf(needle, from)).split('\n').length;
    expect(out[0]).toBe(`${file}:${lineOf(`"id": "${dir.units[0].id}"`, text.indexOf('"units"') + 60)}:7 units.1.id powtórzony identyfikator „${dir.units[0].id}”`);
    expect(out).toContain(`${file}:${lineOf('"unit": "nie-ma-takiej"')}:7 matters.0.unit nieznana komórka „nie-ma-takiej”`);
    expect(out.some((l) => /:\d+:\d+ matters\.2\.keywords potrzebne jest co najmniej jedno słowo kluczowe$/.test(l))).toBe(true);
    const lines = out.map((l) => Number(l.split(':')[1]));
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('reports broken JSON at the place it breaks', () => {
    const file = tempFile('zepsuty.json', '{\n  "version": 1,\n  "sites": [\n');
    const { code, out } = run(['check', file]);
    expect(code).toBe(1);
    expect(out[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:1 \\(JSON\\) błąd składni JSON: `));
  });

  it('names a missing field where it should be, by its path', () => {
    const result = checkContent('{\n  "version": 1,\n  "terms": [\n    { "id": "staz", "term": "staż", "sayIt": "…" }\n  ]\n}\n');
    expect(result.ok ? [] : result.problems).toEqual([{ line: 4, column: 5, path: 'terms.0.explanation', message: expect.any(String) }]);
  });

  it('explains wrong usage and an unreadable file with exit code 2', () => {
    expect(run([]).code).toBe(2);
    expect(run(['trasa', 'x']).err[0]).toMatch(/^Użycie:/);
    const missing = run(['check', 'nie-ma-takiego-pliku.json']);
    expect(missing).toMatchObject({ code: 2, err: [expect.stringMatching(/nie-ma-takiego-pliku\.json: nie można odczytać pliku \(ENOENT\)/)] });
  });

  it('runs as the npm script an administrator types', () => {
    const file = tempFile('k.json', '{ "version": 1 }');
    const result = spawnSync('npm', ['run', '--silent', 'directory', '--', 'check', file], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${file}:1:`);
    expect(result.stdout).toContain('sites');
  }, 30_000);
});

describe('npm run directory -- route', () => {
  it('prints the JSON array the app would show, best first, each saying what it is', () => {
    const { code, out } = run(['route', '--json', 'zasilek']);
    expect(code).toBe(0);
    const hits = JSON.parse(out[0]!);
    expect(hits[0]).toEqual({
      kind: 'matter',
      id: 'wysokosc-zasilku',
      title: 'Wysokość zasiłku i okres jego pobierania',
      unit: { id: 'dzial-ewidencji-i-swiadczen', name: 'Dział Ewidencji i Świadczeń' },
      complex: true,
      score: 1,
    });
    for (const hit of hits) expect(Object.keys(hit).sort()).toEqual(['complex', 'id', 'kind', 'score', 'title', 'unit']);
  });

  it('uses another directory with --directory, and refuses a broken one with a pointer to check', () => {
    const dir = JSON.parse(directoryText);
    dir.matters = [{ id: 'jedyna', title: 'Jedyna sprawa', unit: dir.units[0].id, complex: false, keywords: ['zasiłek'] }];
    const file = tempFile('inny.json', JSON.stringify(dir));
    expect(JSON.parse(run(['route', '--json', '--directory', file, 'zasilek']).out[0]!)[0].id).toBe('jedyna');
    const broken = tempFile('zly.json', '{"version":1}');
    const result = run(['route', '--directory', broken, 'zasilek']);
    expect(result.code).toBe(2);
    expect(result.err[0]).toMatch(/directory -- check/);
  });

  it('needs a query', () => {
    expect(run(['route', '--json']).code).toBe(2);
  });
});
