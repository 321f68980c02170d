import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for both ways of running the app: out/main holds the Electron main
// process (index.js) and the web-mode server (web.js), which share the services,
// and the worker the register reads month files with (month-reading-worker.js).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve('electron/main.ts'),
          web: resolve('electron/web-cli.ts'),
          // The register's worker threads (services/month-readers.ts) load it from beside the entries.
          'month-reading-worker': resolve('electron/services/month-reading-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve('electron/preload.ts') },
        // A sandboxed preload must be a single CommonJS script.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    base: './', // app://bundle/ in Electron, / in web mode: relative asset paths serve both
    build: {
      outDir: 'out/renderer',
      minify: true,
      sourcemap: false,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
