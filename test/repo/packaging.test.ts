import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { describe, expect, it } from 'vitest';
import { packageBin } from '../../scripts/package-bin.mjs';

/**
 * The installer's contents, checked offline: electron-builder --dir with a
 * stand-in Electron folder (the real binary cannot be downloaded here). The
 * unpacked app must hold the built app and its runtime dependencies, the
 * editable content beside it, and nothing of the sources, tests, source maps
 * or development tools.
 */
const unavailable = process.platform !== 'linux' ? 'the stand-in Electron folder is made for Linux' : !existsSync('out/main/index.js') ? 'out/ is missing: run npm run build' : null;

describe.skipIf(unavailable)('packaging (electron-builder --dir, stand-in Electron)', () => {
  const dist = mkdtempSync(join(tmpdir(), 'electron-dist-'));
  writeFileSync(join(dist, 'electron'), '#!/bin/sh\necho stand-in\n');
  chmodSync(join(dist, 'electron'), 0o755);
  writeFileSync(join(dist, 'version'), 'v45.0.0');
  mkdirSync(join(dist, 'resources'));
  const output = mkdtempSync(join(tmpdir(), 'eb-out-'));
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

  it('builds the unpacked app with only what runs', { timeout: 120_000 }, () => {
    const run = spawnSync(process.execPath, [packageBin('electron-builder'), '--dir', '--linux', `-c.electronDist=${dist}`, `-c.directories.output=${output}`], { encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const unpacked = join(output, 'linux-unpacked');
    expect(existsSync(join(unpacked, 'asystent-rozmow'))).toBe(true);

    const files = listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'));
    for (const needed of ['/package.json', '/out/main/index.js', '/out/main/web.js', '/out/preload/index.cjs', '/out/renderer/index.html']) expect(files).toContain(needed);
    const own = files.filter((f) => !f.startsWith('/node_modules'));
    expect(own.filter((f) => /\.map$|\.tsx?$/.test(f))).toEqual([]);
    expect(own.filter((f) => /^\/(shared|electron|renderer|test|bench|docs|scripts|resources|\.ci)\//.test(f))).toEqual([]);

    const modules = new Set(files.filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/').slice(2, f.split('/')[2]!.startsWith('@') ? 4 : 3).join('/')));
    for (const dep of Object.keys(pkg.dependencies)) expect(modules, dep).toContain(dep);
    for (const dev of Object.keys(pkg.devDependencies)) expect(modules.has(dev), `${dev} is a development dependency`).toBe(false);

    // The content an office edits sits beside the archive, readable.
    const content = readdirSync(join(unpacked, 'resources', 'resources')).sort();
    expect(content).toEqual(expect.arrayContaining(['checklists', 'directory.json', 'glossary.json', 'scripts.json', 'tray.png']));
  });
});
