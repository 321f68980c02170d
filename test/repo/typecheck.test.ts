import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('TypeScript', () => {
  it('the whole project type-checks (main, preload, renderer, shared, tests)', () => {
    const result = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', '--pretty', 'false'], {
      encoding: 'utf8',
    });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 120_000);
});
