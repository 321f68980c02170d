import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layout's one hard rule, enforced: shared/ is pure (no electron, no
 * node:, no DOM, no React) so both sides and the tests can use it anywhere,
 * and the renderer never reaches into the Node side.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2]!,
  );
}

/** A relative import that lands outside shared/ (its folders import each other freely). */
function leavesShared(file: string, spec: string): boolean {
  if (!spec.startsWith('.')) return false;
  return relative(resolve('shared'), resolve(dirname(file), spec)).startsWith('..');
}

const NODE_BUILTINS = new Set(['fs', 'path', 'os', 'crypto', 'http', 'https', 'child_process', 'url', 'util', 'stream', 'events', 'net']);

describe('module boundaries', () => {
  it('shared/ imports nothing from electron, Node, the DOM or React', () => {
    const offenders = sourceFiles('shared').flatMap((file) =>
      imports(file)
        .filter((spec) => spec === 'electron' || spec.startsWith('node:') || NODE_BUILTINS.has(spec) || spec.startsWith('react') || leavesShared(file, spec))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('shared/ uses no DOM or Node globals', () => {
    const offenders = sourceFiles('shared').filter((file) =>
      /\b(window|document|localStorage|sessionStorage|process|Buffer|require)\s*[.(\[]/.test(
        readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('renderer/ never imports the Node side', () => {
    const offenders = sourceFiles('renderer').flatMap((file) =>
      imports(file)
        .filter((spec) => spec.includes('/electron/') || spec === 'electron' || spec.startsWith('node:'))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the Node services import no electron, so web mode can run them', () => {
    const offenders = sourceFiles('electron/services').filter((file) => imports(file).includes('electron'));
    expect(offenders).toEqual([]);
  });
});
