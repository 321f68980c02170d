import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Three projects, one run: pure and Node-side tests, React components in
// jsdom, and end-to-end tests that drive the built web mode in Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/shared/**/*.test.ts', 'test/services/**/*.test.ts', 'test/electron/**/*.test.ts', 'test/repo/**/*.test.ts', 'test/reliability/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.tsx'],
          setupFiles: ['test/renderer/setup.ts'],
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
    ],
  },
});
