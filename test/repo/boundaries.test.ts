import { readFileSync } from 'node:fs';
import { parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';

/**
 * The layout's boundaries are kept by the tools: ESLint's import rules
 * (eslint.config.js, proven to bite in lint.test.ts) and shared/'s own
 * compilation. This holds that compilation pure: shared/ is checked with
 * the language's own library only — a `window`, a `process` or a `Buffer`
 * in it does not type-check (the whole type check runs in typecheck.test.ts).
 */
describe('shared/ compiled alone', () => {
  const config = parse(readFileSync('tsconfig.shared.json', 'utf8')) as { compilerOptions: { lib: string[]; types: string[] }; include: string[] };
  const project = parse(readFileSync('tsconfig.json', 'utf8')) as { references: { path: string }[] };

  it('with no DOM and no Node types, as part of the one type check', () => {
    expect(config.compilerOptions.lib.every((lib) => /^ES\d{4}$/.test(lib))).toBe(true);
    expect(config.compilerOptions.types).toEqual([]);
    expect(config.include).toEqual(['shared/**/*.ts']);
    expect(project.references.map((r) => r.path)).toContain('./tsconfig.shared.json');
  });
});
