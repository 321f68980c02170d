import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * ESLint (eslint.config.js) over the whole project, in `npm test`: the
 * recommended rules of ESLint and typescript-eslint, and the layout's
 * boundaries. Each boundary is also shown to bite on a file that breaks it,
 * so a rule that stopped matching (a moved folder, a renamed file) fails
 * here rather than letting everything pass.
 */
const eslint = new ESLint();

async function problemsOf(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint', () => {
  it('the whole project passes', async () => {
    const results = await eslint.lintFiles(['.']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(process.cwd().length + 1)}:${m.line} ${m.ruleId}: ${m.message}`));
    expect(problems).toEqual([]);
  }, 300_000);
});

describe('the boundaries bite', () => {
  it.each([
    ['shared/ imports Node', 'shared/call/example.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /no-restricted-imports/],
    ['shared/ imports React', 'shared/call/example.ts', "import { useState } from 'react';\nexport const x = useState;\n", /no-restricted-imports/],
    ['shared/ imports the Node side', 'shared/call/example.ts', "import { dispatch } from '../../electron/handlers/dispatch';\nexport const x = dispatch;\n", /no-restricted-paths/],
    ['shared/ imports the renderer', 'shared/call/example.ts', "import { KEYS } from '../../renderer/src/keys/keys';\nexport const x = KEYS;\n", /no-restricted-paths/],
    ['the renderer imports the Node side', 'renderer/src/desk/example.ts', "import { dispatch } from '../../../electron/handlers/dispatch';\nexport const x = dispatch;\n", /no-restricted-paths/],
    ['a component calls the API', 'renderer/src/register/Example.tsx', "import { getApi } from '../api/instance';\nexport const x = getApi;\n", /no-restricted-paths/],
    ['a service imports Electron', 'electron/services/example.ts', "import { app } from 'electron';\nexport const x = app;\n", /no-restricted-imports/],
  ])('%s: refused', async (_name, filePath, code, rule) => {
    expect((await problemsOf(code, filePath)).some((p) => rule.test(p))).toBe(true);
  });

  it('a store may call the API, and shared/ may import across its own folders', async () => {
    expect(await problemsOf("import { getApi } from '../api/instance';\nexport const x = getApi;\n", 'renderer/src/register/example-store.ts')).toEqual([]);
    expect(await problemsOf("import { OUTCOMES } from '../call/outcomes';\nexport const x = OUTCOMES;\n", 'shared/register/example.ts')).toEqual([]);
  });

  it('an import cycle is refused', async () => {
    // wrap-up.ts imports routing.ts: routing importing wrap-up back closes a cycle.
    const code = "import { wrapUpProblems } from '../call/wrap-up';\nexport const x = wrapUpProblems;\n";
    expect((await problemsOf(code, 'shared/directory/routing.ts')).some((p) => p.startsWith('import-x/no-cycle'))).toBe(true);
  });
});
