// Finds a dependency's command-line script by its package.json "bin", without
// relying on the package exporting that file, and runs it with this Node.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function packageBin(pkg, command = pkg) {
  const dir = join(root, 'node_modules', pkg);
  const { bin } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return join(dir, typeof bin === 'string' ? bin : bin[command]);
}

export function runBin(pkg, args, options = {}) {
  return spawnSync(process.execPath, [packageBin(pkg), ...args], { stdio: 'inherit', ...options });
}
