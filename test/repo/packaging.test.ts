import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants';
import { describe, expect, it } from 'vitest';
import { packageBin } from '../../scripts/package-bin.mjs';

/**
 * electron-builder.yml read with the YAML parser electron-builder itself
 * uses (js-yaml, its dependency: no parser of our own to disagree with it).
 */
const builderRequire = createRequire(join(process.cwd(), 'node_modules', 'app-builder-lib', 'package.json'));
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const builderConfig = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown> & {
  electronFuses?: Record<string, boolean>;
  extraResources?: { from: string; to: string }[];
};

/** The fuses of the installed app; each one is named in README.md (Architecture) and electron/README.md. */
const EXPECTED_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

/** The same settings by their place in Electron's fuse wire. */
const FUSE_WIRE_INDEX: Record<keyof typeof EXPECTED_FUSES, FuseV1Options> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/**
 * The stand-in binary's fuse wire, laid out as in a real Electron binary: the
 * sentinel, the wire's version and length, then one byte per fuse, '1' on and
 * '0' off. Each fuse starts as the opposite of what the app wants, so one
 * left unflipped shows. (Electron itself ships 10110001 — see its
 * build/fuses/fuses.json5 — : all but the V8 snapshot fuse need flipping.)
 */
const STAND_IN_WIRE = (Object.keys(EXPECTED_FUSES) as (keyof typeof EXPECTED_FUSES)[])
  .sort((a, b) => FUSE_WIRE_INDEX[a] - FUSE_WIRE_INDEX[b])
  .map((name) => (EXPECTED_FUSES[name] ? '0' : '1'))
  .join('');

describe('electron-builder.yml', () => {
  it('sets every Electron fuse, each to the hardened value', () => {
    expect(builderConfig.electronFuses).toEqual(EXPECTED_FUSES);
    // Every fuse @electron/fuses knows of has its setting: none left to Electron's default.
    const byNumber = (a: number, b: number) => a - b;
    expect(Object.values(FUSE_WIRE_INDEX).sort(byNumber)).toEqual(Object.values(FuseV1Options).filter((v) => typeof v === 'number').sort(byNumber));
    expect(STAND_IN_WIRE).toBe('10110011');
  });

  it('packs the app into app.asar (what onlyLoadAppFromAsar loads) with its integrity recorded, nothing of it unpacked', () => {
    expect(builderConfig.asar).toBe(true);
    expect(builderConfig.asarUnpack).toBeUndefined();
    expect(builderConfig.disableAsarIntegrity).toBeUndefined();
    expect(builderConfig.disableSanityCheckAsar).toBeUndefined();
  });

  it('puts the editable content in resources/resources, where the packaged main process looks (process.resourcesPath/resources)', () => {
    expect(builderConfig.extraResources).toEqual([{ from: 'resources', to: 'resources', filter: ['**/*'] }]);
  });
});

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
  // A shell script standing in for Electron, carrying a fuse wire in a comment line, so
  // electron-builder's @electron/fuses finds and flips it as it would in the real binary.
  const wire = Buffer.concat([Buffer.from(`#${SENTINEL}`, 'latin1'), Buffer.from([1, STAND_IN_WIRE.length]), Buffer.from(STAND_IN_WIRE, 'latin1')]);
  writeFileSync(join(dist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n'), wire, Buffer.from('\necho stand-in\n')]));
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
    expect(existsSync(join(unpacked, 'resources', 'app'))).toBe(false); // only app.asar: what onlyLoadAppFromAsar allows

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

  it('flips the fuses in the packaged binary as electron-builder.yml says, and only the fuse wire', { timeout: 120_000 }, async () => {
    const binary = join(output, 'linux-unpacked', 'asystent-rozmow');
    const fuses = await getCurrentFuseWire(binary);
    expect(fuses.version).toBe('1');
    for (const [name, value] of Object.entries(EXPECTED_FUSES)) {
      expect(fuses[FUSE_WIRE_INDEX[name as keyof typeof EXPECTED_FUSES]], name).toBe(value ? FuseState.ENABLE : FuseState.DISABLE);
    }
    // The stand-in before packaging is as shipped; the rest of the file is unchanged and still runs.
    expect(readFileSync(join(dist, 'electron')).includes(Buffer.from(SENTINEL + '\x01\x08' + STAND_IN_WIRE, 'latin1'))).toBe(true);
    expect(spawnSync(binary, { encoding: 'utf8' }).stdout).toBe('stand-in\n');
  });
});
