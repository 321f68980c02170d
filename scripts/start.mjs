#!/usr/bin/env node
// `npm start`: fetch the Electron binary if it is not there yet, build, run the
// desktop overlay. Where the binary cannot be fetched (no network), say so in
// one line and point to web mode instead of printing a stack trace.
// `--check-electron` only makes sure the binary is there (used by `npm run dist`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runBin } from './package-bin.mjs';

const require = createRequire(import.meta.url);

// The supported Node (package.json "engines"): Electron's own tooling asks for it. An older one
// is said in one line, not refused: the build and web mode still run on it.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.warn(`Uwaga: Asystent Rozmów jest wspierany na Node.js 22.12 lub nowszym (tu ${process.versions.node}); pobranie Electrona może się nie udać.`);
}
const electronDir = dirname(require.resolve('electron/package.json'));
const checkOnly = process.argv.includes('--check-electron');

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

let binary = electronBinary();
if (!binary) {
  console.log('Pobieranie Electrona (jednorazowo)…');
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10 * 60 * 1000,
  });
  binary = electronBinary();
  if (result.status !== 0 || !binary) {
    const reason = `${result.stderr ?? ''}`.split('\n').find((l) => /error/i.test(l))?.trim() ?? 'brak szczegółów';
    console.error(
      `Nie udało się pobrać Electrona (brak dostępu do sieci? ${reason.slice(0, 120)}). ` +
        'Uruchom Asystenta w przeglądarce: npm run web',
    );
    process.exit(1);
  }
}
if (checkOnly) process.exit(0);

const build = runBin('electron-vite', ['build', '--logLevel', 'warn']);
if (build.status !== 0) process.exit(build.status ?? 1);

const app = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
