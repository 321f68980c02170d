import { statSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order the files start in, two at a time, from Vitest's own (failed and
 * slow files first when it remembers a run, otherwise the biggest): the
 * reliability proofs, a minute or more each, first, so none of them is left
 * running alone at the end; then, together, the files of the project that
 * does not isolate them, so one worker goes from one to the next without
 * starting again while the other runs a proof; then the rest, with the
 * end-to-end files spread evenly among them, so a browser test mostly runs
 * beside a unit file, not beside another browser test, and small files fill
 * the end.
 */
class ProofsFirstBrowsersSpread extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isProof = (f: TestSpecification) => f.moduleId.includes('/test/reliability/');
    const shared = sorted.filter((f) => f.project.config.isolate === false);
    const e2e = sorted.filter((f) => f.project.name === 'e2e');
    const rest = sorted.filter((f) => !isProof(f) && !shared.includes(f) && !e2e.includes(f));
    // Spread by the work in them, not by their number: the rest ends with many small files, and end-to-end
    // files spread by count bunched there, one browser test after another with little beside it. A file's
    // size stands for its work (what Vitest's own order uses when it remembers no run).
    const size = (f: TestSpecification) => statSync(f.moduleId).size;
    const restTotal = rest.reduce((sum, f) => sum + size(f), 0) || 1;
    const e2eTotal = e2e.reduce((sum, f) => sum + size(f), 0) || 1;
    const order: TestSpecification[] = [];
    let placed = 0;
    let e2eDone = 0;
    let restDone = 0;
    for (const file of rest) {
      // The next end-to-end file goes in once the rest has gone as far through its work as the browser tests through theirs.
      while (placed < e2e.length && e2eDone / e2eTotal <= restDone / restTotal) {
        e2eDone += size(e2e[placed]!);
        order.push(e2e[placed++]!);
      }
      restDone += size(file);
      order.push(file);
    }
    return [...sorted.filter(isProof), ...shared, ...order, ...e2e.slice(placed)];
  }
}

// Five projects, one run: the pure domain's tests, the other Node-side
// tests, React components in jsdom, end-to-end tests that drive the built web
// mode in Chromium, and the desktop app in Electron where its binary is
// present. The time limits are
// guards against a hang, not synchronisation: tests wait on states, and the
// suite must pass on a busy machine (npm run test:under-load).
export default defineConfig({
  test: {
    // Two at a time (CI has two cores; left alone, Vitest would take one): the
    // heavy reliability tests measure against their own baselines, so they hold
    // beside another file. End-to-end files share the two with the rest (each
    // has its own Chromium, web mode on a free port and temporary folders);
    // run one after another at the end, they left a core idle for minutes.
    maxWorkers: 2,
    sequence: { sequencer: ProofsFirstBrowsersSpread },
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/services/**/*.test.ts', 'test/electron/**/*.test.ts', 'test/repo/**/*.test.ts', 'test/reliability/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
          testTimeout: 120_000,
          expect: { poll: { timeout: 15_000 } },
        },
      },
      {
        // The pure domain's tests: no mocks, no hooks, no globals, nothing to
        // leak from one file to the next, so one worker runs file after file
        // without starting a new process and importing the same modules again
        // (about a third of their time).
        test: {
          name: 'shared',
          environment: 'node',
          include: ['test/shared/**/*.test.ts'],
          isolate: false,
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
