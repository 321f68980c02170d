import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDirectoryCli } from '../../electron/directory-cli';
import { CHECK_PROBLEMS_LISTED, checkContent } from '../../electron/services/content-check';
import { CONTENT_FILE_MAX_BYTES } from '../../electron/services/safe-read';
import { DirectorySchema, GlossarySchema } from '../../shared/directory/directory';
import { maskIdentifiers } from '../../shared/masking/masking';

const directoryText = readFileSync('resources/directory.json', 'utf8');
const glossaryText = readFileSync('resources/glossary.json', 'utf8');

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDirectoryCli(args, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

function tempFile(name: string, text: string | Uint8Array): string {
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

  it('invents no phone numbers or other identifiers: an unknown extension, room, hours or phone is left out, not a placeholder', () => {
    for (const text of [directoryText, glossaryText]) expect(maskIdentifiers(text).counts).toEqual({});
    const dir = DirectorySchema.parse(JSON.parse(directoryText));
    for (const unit of dir.units) {
      expect([unit.extension, unit.room, unit.hours], unit.id).toEqual([undefined, undefined, undefined]);
      // The one number known for certain: the national labour-office helpline the brief names.
      if (unit.phone !== undefined) expect([unit.id, unit.phone]).toEqual(['zielona-linia', '19524']);
    }
    for (const site of dir.sites) expect(site.hours, site.id).toBeUndefined();
  });
});

describe('npm run directory -- check', () => {
  it('exits 0 and prints nothing for a valid file', async () => {
    expect(await run(['check', 'resources/directory.json'])).toEqual({ code: 0, out: [], err: [] });
    expect(await run(['check', 'resources/glossary.json'])).toEqual({ code: 0, out: [], err: [] });
  });

  it('reports an unknown unit, a duplicate id and empty keywords as FILE:LINE:COLUMN path message, in file order', async () => {
    const dir = JSON.parse(directoryText);
    dir.units[1].id = dir.units[0].id;
    dir.matters[0].unit = 'nie-ma-takiej';
    dir.matters[2].keywords = [];
    const text = JSON.stringify(dir, null, 2);
    const file = tempFile('katalog.json', text);
    const { code, out } = await run(['check', file]);
    expect(code).toBe(1);
    const lineOf = (needle: string, from = 0) => text.slice(0, text.indexOf(needle, from)).split('\n').length;
    expect(out[0]).toBe(`${file}:${lineOf(`"id": "${dir.units[0].id}"`, text.indexOf('"units"') + 60)}:7 units.1.id powtórzony identyfikator „${dir.units[0].id}”`);
    expect(out).toContain(`${file}:${lineOf('"unit": "nie-ma-takiej"')}:7 matters.0.unit nieznana komórka „nie-ma-takiej”`);
    expect(out.some((l) => /:\d+:\d+ matters\.2\.keywords potrzebne jest co najmniej jedno słowo kluczowe$/.test(l))).toBe(true);
    const lines = out.map((l) => Number(l.split(':')[1]));
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('reports broken JSON at the place it breaks', async () => {
    const file = tempFile('zepsuty.json', '{\n  "version": 1,\n  "sites": [\n');
    const { code, out } = await run(['check', file]);
    expect(code).toBe(1);
    expect(out[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:1 \\(JSON\\) błąd składni JSON: `));
  });

  it('names a missing field where it should be, by its path', () => {
    const result = checkContent('{\n  "version": 1,\n  "terms": [\n    { "id": "staz", "term": "staż", "sayIt": "…" }\n  ]\n}\n');
    expect(result.ok ? [] : result.problems).toEqual([{ line: 4, column: 5, path: 'terms.0.explanation', message: expect.any(String) }]);
  });

  it('explains wrong usage and an unreadable file with exit code 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['trasa', 'x'])).err[0]).toMatch(/^Użycie:/);
    const missing = await run(['check', 'nie-ma-takiego-pliku.json']);
    expect(missing).toEqual({ code: 2, out: [], err: ['nie-ma-takiego-pliku.json: nie ma takiego pliku'] });
  });

  it('refuses what is not a plain file of sane size as the app does, with exit code 2 — a folder, a file over the limit', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'dir-cli-')), 'katalog.json');
    mkdirSync(folder);
    expect(await run(['check', folder])).toEqual({ code: 2, out: [], err: [`${folder}: to nie jest zwykły plik, tylko katalog (folder)`] });
    const big = tempFile('duzy.json', ' '.repeat(CONTENT_FILE_MAX_BYTES + 1));
    expect(await run(['check', big])).toEqual({ code: 2, out: [], err: [`${big}: plik jest za duży (1,0 MB; najwyżej 1 MB)`] });
  });

  it.skipIf(process.platform === 'win32')('a FIFO given as the file: answered at once, not waited on (the process would hang)', () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'dir-cli-')), 'potok.json');
    execFileSync('mkfifo', [fifo]);
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'electron/directory-cli.ts', 'check', fifo], { encoding: 'utf8', timeout: 20_000 });
    expect(result.signal).toBeNull(); // not killed by the time limit
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(`${fifo}: to nie jest zwykły plik, tylko potok nazwany (FIFO)`);
    const route = spawnSync(process.execPath, ['--import', 'tsx', 'electron/directory-cli.ts', 'route', '--directory', fifo, 'zasiłek'], { encoding: 'utf8', timeout: 20_000 });
    expect(route.status).toBe(2);
    expect(route.stderr).toContain('to nie jest zwykły plik');
  }, 45_000);

  it('a file of thousands of problems: the first ones in file order, and how many more on stderr', async () => {
    const dir = JSON.parse(directoryText);
    dir.matters = Array.from({ length: 1_200 }, (_, i) => ({ ...dir.matters[0], id: `sprawa-${i}`, unit: 'nie-ma-takiej' }));
    const file = tempFile('wiele.json', JSON.stringify(dir, null, 2));
    const { code, out, err } = await run(['check', file]);
    expect(code).toBe(1);
    expect(out).toHaveLength(CHECK_PROBLEMS_LISTED);
    expect(out[0]).toMatch(/:\d+:7 matters\.0\.unit nieznana komórka „nie-ma-takiej”$/);
    expect(err).toEqual([`… i ${1_200 - CHECK_PROBLEMS_LISTED} dalszych problemów (razem 1200)`]);
  });

  it('a file not saved as UTF-8 is named as such, at the first byte that is not', async () => {
    const file = tempFile('cp1250.json', Buffer.from([0x7b, 0x0a, 0x20, 0x22, 0xb3, 0x22]));
    expect(await run(['check', file])).toEqual({
      code: 1,
      out: [`${file}:2:3 (kodowanie) plik nie jest zapisany w UTF-8 (bajt 0xB3) — zapisz go jako UTF-8 (w Notatniku: Plik → Zapisz jako…, Kodowanie: UTF-8)`],
      err: [],
    });
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
  it('prints the JSON array the app would show, best first, each saying what it is', async () => {
    const { code, out } = await run(['route', '--json', 'zasilek']);
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

  it('uses another directory with --directory, and refuses a broken one with a pointer to check', async () => {
    const dir = JSON.parse(directoryText);
    dir.matters = [{ id: 'jedyna', title: 'Jedyna sprawa', unit: dir.units[0].id, complex: false, keywords: ['zasiłek'] }];
    const file = tempFile('inny.json', JSON.stringify(dir));
    expect(JSON.parse((await run(['route', '--json', '--directory', file, 'zasilek'])).out[0]!)[0].id).toBe('jedyna');
    const broken = tempFile('zly.json', '{"version":1}');
    const result = await run(['route', '--directory', broken, 'zasilek']);
    expect(result.code).toBe(2);
    expect(result.err[0]).toMatch(/directory -- check/);
  });

  it('needs a query', async () => {
    expect((await run(['route', '--json'])).code).toBe(2);
  });
});
