/**
 * The renderer's JavaScript as a browser downloads it for the first screen:
 * the scripts and module preloads named in the built index.html, gzipped
 * (level 9, as a server would send them). Chunks loaded later (the register)
 * are counted apart. The baseline is React and ReactDOM alone, production
 * builds, gzipped the same way: the floor any React renderer pays.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const RENDERER = 'out/renderer';
const gzipped = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

export interface BundleSizes {
  firstScreen: number;
  firstScreenFiles: number;
  later: number;
  react: number;
}

export function measureBundle(): BundleSizes {
  const html = readFileSync(join(RENDERER, 'index.html'), 'utf8');
  const first = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\.\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const all = readdirSync(join(RENDERER, 'assets')).filter((n) => n.endsWith('.js')).map((n) => `assets/${n}`);
  const reactFiles = ['react/cjs/react.production.js', 'react-dom/cjs/react-dom.production.js', 'react-dom/cjs/react-dom-client.production.js', 'scheduler/cjs/scheduler.production.js'];
  return {
    firstScreen: first.reduce((n, f) => n + gzipped(join(RENDERER, f)), 0),
    firstScreenFiles: first.length,
    later: all.filter((f) => !first.includes(f)).reduce((n, f) => n + gzipped(join(RENDERER, f)), 0),
    react: reactFiles.reduce((n, f) => n + gzipped(join('node_modules', f)), 0),
  };
}
