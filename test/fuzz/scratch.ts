import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * A temp folder for one test file's cases, removed when the file's tests
 * end: thousands of cases must leave nothing behind. Call it at the top of
 * the file, so it is removed after the file's own clean-up (services closed).
 */
export function scratchFolder(area: string): string {
  const root = mkdtempSync(join(tmpdir(), `fuzz-${area}-`));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return root;
}
