import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A folder's README is its map: every file and every subfolder in the folder
 * is named in it (as `name`), so a newcomer finds each concept from the
 * folder they are in, and a file added without a word about it fails here.
 */
const SKIPPED = new Set(['node_modules', 'out', '.git', 'test-results', 'dist', 'build', '.tsbuild']);

function readmes(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIPPED.has(name) || name.startsWith('.')) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return readmes(path);
    return name === 'README.md' && dir !== '.' ? [path] : [];
  });
}

/** The names a README must mention: its folder's files and subfolders. */
function entries(dir: string): string[] {
  return readdirSync(dir).filter((name) => name !== 'README.md' && !name.startsWith('.') && !SKIPPED.has(name));
}

describe('folder READMEs', () => {
  const found = readmes('.');

  it('the feature folders each have one', () => {
    const needed = [
      'electron',
      'electron/handlers',
      'electron/services',
      'electron/overlay',
      'renderer',
      ...readdirSync('renderer/src').filter((n) => statSync(join('renderer/src', n)).isDirectory()).map((n) => `renderer/src/${n}`),
      'shared',
      ...readdirSync('shared').filter((n) => statSync(join('shared', n)).isDirectory()).map((n) => `shared/${n}`),
      'test',
    ];
    expect(needed.filter((dir) => !found.includes(join(dir, 'README.md')))).toEqual([]);
  });

  it.each(found)('%s names every file and folder beside it', (readme) => {
    const dir = readme.slice(0, -'/README.md'.length);
    const text = readFileSync(readme, 'utf8');
    expect(entries(dir).filter((name) => !text.includes(`\`${name}\``) && !text.includes(`\`${name}/\``))).toEqual([]);
  });
});
