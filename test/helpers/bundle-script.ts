import { mkdirSync, mkdtempSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { build } from 'vite';

/**
 * Bundles a script of the project (a child process's or a worker thread's
 * entry), its dependencies in the same file, into a folder of its own in the
 * project's cache folder, and returns the bundle's absolute path (as a worker thread needs it): plain Node runs it
 * with no TypeScript to compile and no dependency modules to resolve, as the
 * built app runs its own.
 */
export async function bundleScript(entry: string): Promise<string> {
  mkdirSync(join('node_modules', '.cache'), { recursive: true });
  const name = basename(entry, '.ts');
  const outDir = mkdtempSync(join('node_modules', '.cache', `${name}-`));
  await build({
    configFile: false,
    logLevel: 'silent',
    ssr: { noExternal: true },
    build: { ssr: entry, outDir, emptyOutDir: true, minify: false },
  });
  return resolve(outDir, `${name}.js`);
}
