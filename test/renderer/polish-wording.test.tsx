import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pl } from '../../renderer/src/i18n/pl';

/**
 * Polish as the office writes it, in every string the window shows and every
 * sentence of the built-in content: quotation marks are „…” (never "…" or
 * “…”), and nothing assumes the clerk's gender — no "Gotowy", "zapisałeś",
 * "pewna" said to the clerk.
 */
function strings(value: unknown, path = ''): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (k === '$comment' ? [] : strings(v, path ? `${path}.${k}` : k)));
  return [];
}

const content = [
  'resources/scripts.json',
  'resources/directory.json',
  'resources/glossary.json',
  ...readdirSync('resources/checklists').filter((f) => f.endsWith('.json')).map((f) => join('resources/checklists', f)),
].flatMap((file) => strings(JSON.parse(readFileSync(file, 'utf8'))).map((s) => ({ ...s, path: `${file}: ${s.path}` })));
const window = strings(pl).map((s) => ({ ...s, path: `pl.ts: ${s.path}` }));

/** The second person's past tense and the adjectives of readiness, in either gender. */
const GENDERED = /(?<!\p{L})(?:\p{L}+(?:łeś|łaś|łbyś|łabyś)|gotowy|gotowa|pewien|pewna|zalogowany|zalogowana|zmęczony|zmęczona)(?!\p{L})/iu;

describe('Polish wording', () => {
  it('quotation marks are „…”: no straight or English double quotes in what is shown or said', () => {
    const wrong = [...window, ...content].filter((s) => /["“]/u.test(s.text));
    expect(wrong).toEqual([]);
  });

  it('every „ is closed by ”', () => {
    const unbalanced = [...window, ...content].filter((s) => (s.text.match(/„/gu) ?? []).length !== (s.text.match(/”/gu) ?? []).length);
    expect(unbalanced).toEqual([]);
  });

  it('nothing said to the clerk assumes the clerk is a man or a woman', () => {
    // Program ("Program nie jest pewien") is the app speaking of itself; callers are addressed as "Pani / Pana" by the scripts.
    const gendered = window.filter((s) => GENDERED.test(s.text) && !/\bProgram nie jest pewien\b/u.test(s.text));
    expect(gendered).toEqual([]);
  });
});
