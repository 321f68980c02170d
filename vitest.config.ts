import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Four projects, one run: pure and Node-side tests, React components in
// jsdom, end-to-end tests that drive the built web mode in Chromium, and the
// desktop app in Electron where its binary is present. The time limits are
// guards against a hang, not synchronisation: tests wait on states, and the
// suite must pass on a busy machine (npm run test:under-load).
export default defineConfig({
  test: {
    // Two at a time (CI has two cores; left alone, Vitest would take one): the
    // heavy reliability tests measure against their own baselines, so they hold
    // beside another file. End-to-end files still run one after another.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/shared/**/*.test.ts', 'test/services/**/*.test.ts', 'test/electron/**/*.test.ts', 'test/repo/**/*.test.ts', 'test/reliability/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
          testTimeout: 120_000,
          expect: { poll: { timeout: 15_000 } },
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.tsx'],
          setupFiles: ['test/renderer/setup.ts'],
          // A guard against a hang: a property test of many renders took over Vitest's 5 s beside a loaded machine's other work.
          testTimeout: 30_000,
          expect: { poll: { timeout: 15_000 } },
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // The built app in a real Electron window (Playwright's Electron
        // support); skipped, with the reason printed, where there is no binary.
        test: {
          name: 'desktop',
          environment: 'node',
          include: ['test/desktop/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A state the test waits for comes from two other processes (main and
          // renderer) on a hosted runner: room to get there, still no fixed wait.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
