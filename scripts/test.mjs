#!/usr/bin/env node
// `npm test`: build the app (the end-to-end tests drive the built web mode),
// run every Vitest project (unit, renderer, e2e), and end with one line of
// real totals: "N passed, N failed[, N skipped]". The same line goes to
// test-results/summary.txt so CI can print it last.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { packageBin, runBin } from './package-bin.mjs';

const node = process.execPath;
// E2E_REQUIRED=1 (set by .ci/run once Chromium is installed) turns a missing browser into a failure.
const env = { ...process.env };

mkdirSync('test-results', { recursive: true });
const reportFile = 'test-results/vitest.json';
rmSync(reportFile, { force: true });

const build = runBin('electron-vite', ['build', '--logLevel', 'warn'], { env });
if (build.status !== 0) finish(0, 1, 0, 'the build failed');

const vitest = spawnSync(
  node,
  [packageBin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit', env },
);

let report;
try {
  report = JSON.parse(readFileSync(reportFile, 'utf8'));
} catch {
  finish(0, 1, 0, 'vitest wrote no report');
}
// A file that failed to load counts as a failure even though it ran no test.
const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
const skipped = report.numPendingTests + report.numTodoTests;
finish(report.numPassedTests, report.numFailedTests + brokenFiles, skipped, vitest.status === 0 ? null : 'vitest failed');

function finish(passed, failed, skipped, problem) {
  if (problem) console.error(`\n${problem}`);
  const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
  writeFileSync('test-results/summary.txt', line + '\n');
  console.log(line);
  process.exit(failed > 0 || problem ? 1 : 0);
}
