import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { pl } from '../../renderer/src/i18n/pl';

/** Every key of a message tree, plural forms folded into their base key ("count_few" → "count"). */
function keys(tree: object, prefix = ''): Set<string> {
  const found = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    if (typeof value === 'object' && value !== null) for (const k of keys(value, `${path}.`)) found.add(k);
    else found.add(path);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : /\.tsx?$/.test(d.name) && !d.name.startsWith('pl.') && !d.name.startsWith('en.') ? [join(dir, d.name)] : [],
  );
}

describe('translations', () => {
  const polish = keys(pl);
  const english = keys(en);

  it('Polish and English have the same keys', () => {
    expect([...polish].filter((k) => !english.has(k))).toEqual([]);
    expect([...english].filter((k) => !polish.has(k))).toEqual([]);
  });

  it('each plural has the forms its language needs: Polish one, few, many, other; English one, other', () => {
    const plural = (tree: object, forms: string[], prefix = ''): string[] =>
      Object.entries(tree).flatMap(([key, value]) => {
        if (typeof value === 'object' && value !== null) return plural(value, forms, `${prefix}${key}.`);
        const base = /^(.*)_(one|few|many|other)$/.exec(key)?.[1];
        if (!base) return [];
        return forms.filter((f) => !(`${base}_${f}` in tree)).map((f) => `${prefix}${base}_${f}`);
      });
    expect(plural(pl, ['one', 'few', 'many', 'other'])).toEqual([]);
    expect(plural(en, ['one', 'other'])).toEqual([]);
  });

  it('every literal key the UI asks for exists', () => {
    const used = new Set<string>();
    for (const file of sourceFiles('renderer/src')) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !polish.has(k))).toEqual([]);
  });
});
