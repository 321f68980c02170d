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

const polish = keys(pl);
const english = keys(en);

describe('translations', () => {

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

describe("the service's errors in the clerk's language", () => {
  it('a keyed error is said in English when English is chosen, in Polish otherwise; an unkeyed one as sent', async () => {
    const { ApiError } = await import('../../renderer/src/api/client');
    const { errorMessage } = await import('../../renderer/src/api/instance');
    const { i18n } = await import('../../renderer/src/i18n');
    const full = new ApiError('storage', 'Brak uprawnień do zapisu: /x.csv. Wybierz inny folder, np. Dokumenty.', 'exportNoAccess', { path: '/x.csv', code: 'EACCES' });
    try {
      await i18n.changeLanguage('en');
      expect(errorMessage(full, 'net')).toBe('No permission to write: /x.csv. Choose another folder, e.g. Documents.');
      expect(errorMessage(new ApiError('bad-input', 'Coś po polsku'), 'net')).toBe('Coś po polsku');
      expect(errorMessage(new ApiError('network', ''), 'No connection')).toBe('No connection');
    } finally {
      await i18n.changeLanguage('pl');
    }
    expect(errorMessage(full, 'net')).toBe('Brak uprawnień do zapisu: /x.csv. Wybierz inny folder, np. Dokumenty.');
  });

  it('every key the service sends has a translation', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync('electron/handlers.ts', 'utf8');
    const keys = new Set([...source.matchAll(/new ServiceError\([^;]*?, '([a-zA-Z]+)'/g)].map((m) => m[1]!));
    for (const k of ['callback.required', 'callback.past', 'diskFull', 'noWriteAccess', 'diskError', 'internal', 'exportNoAccess', 'exportNoFolder', 'exportDiskFull', 'exportIsFolder', 'exportFailed', 'dataDirLost']) keys.add(k);
    // Said for what failed: a read, a save of the call, another write.
    for (const m of readFileSync('electron/error-messages.ts', 'utf8').matchAll(/key: '([a-zA-Z]+)'/g)) keys.add(m[1]!);
    const refusals = /const CALL_REFUSED[^{]*\{([^}]*)\}/.exec(source)![1]!;
    for (const m of refusals.matchAll(/'([a-z-]+)':/g)) keys.add(`callRefused.${m[1]}`);
    expect(keys.size).toBeGreaterThan(35);
    const missing = [...keys].filter((k) => !polish.has(`serverErrors.${k}`));
    expect(missing).toEqual([]);
  });
});

describe('the CSV export speaks as the window does', () => {
  it('outcome names in the CSV are the Polish UI names', async () => {
    const { OUTCOME_LABELS } = await import('../../shared/register-csv');
    expect(OUTCOME_LABELS).toEqual(pl.outcomes);
  });
});
