#!/usr/bin/env node
// The whole test suite, as `npm test` runs it, several times in a row on a
// machine kept busy: two CPU-bound processes run beside it from before the
// first run until after the last. A suite that holds here does not wait on
// time nor depend on the order of its tests.
//
//   node scripts/under-load.mjs [--runs N] [--verbose] [args for test.mjs…]
//
// --runs N     how many runs (5 unless said)
// --verbose    show each run's output as it comes (it always goes to a log)
// Anything else goes to scripts/test.mjs and on to Vitest: `--project unit`,
// a file's path, `-t name`, to try this on a part of the suite.
//
// Each run's output and report are kept in test-results/under-load/
// (run-N.log, run-N.json). The exit code is non-zero if any run failed.
import { spawn } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const SUMMARY = 'test-results/summary.txt';
const REPORT = 'test-results/vitest.json';
const KEEP = 'test-results/under-load';
const BUSY_PROCESSES = 2;

const { runs, verbose, passThrough } = parseArgs(process.argv.slice(2));

// A loop with nothing to wait for. It checks now and then that its parent is
// still there, so it ends with this script however this script ends, even
// killed outright (a loop that never yields gets no signal handler to run).
const BUSY_LOOP = `const parent = process.ppid; for (let i = 0; ; i++) if ((i & 0xffffff) === 0 && process.ppid !== parent) process.exit(0);`;
const busy = Array.from({ length: BUSY_PROCESSES }, () => spawn(process.execPath, ['-e', BUSY_LOOP], { stdio: 'ignore' }));
let current = null;
let stopping = false;

function stopAll() {
  for (const child of busy) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  // The run's own group: test.mjs and the Vitest, build and browsers it started.
  if (current && current.exitCode === null && current.signalCode === null) {
    try {
      process.kill(-current.pid, 'SIGTERM');
    } catch {
      // Gone already.
    }
  }
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: stopping the run and the busy processes.`);
    stopAll();
    printSummary();
    process.exit(130);
  });
}
for (const child of busy) {
  child.on('exit', (code, signal) => {
    if (!stopping && signal !== 'SIGKILL') console.error(`A busy process ended by itself (${signal ?? code}): the load is lighter than intended.`);
  });
}

mkdirSync(KEEP, { recursive: true });
console.log(`${runs} run${runs === 1 ? '' : 's'} of node scripts/test.mjs ${passThrough.join(' ')}`.trimEnd() + `, with ${BUSY_PROCESSES} CPU-bound processes beside it (pids ${busy.map((b) => b.pid).join(', ')}).`);
console.log(`Each run's output: ${KEEP}/run-N.log${verbose ? ' (also shown here)' : ''}.\n`);

const results = [];
try {
  for (let n = 1; n <= runs && !stopping; n++) {
    results.push(await oneRun(n));
    const r = results.at(-1);
    console.log(`run ${n}/${runs}: ${r.ok ? 'passed' : 'FAILED'} in ${seconds(r.ms)} — ${r.totals}`);
    for (const name of r.failing) console.log(`    ✗ ${name}`);
  }
} finally {
  stopping = true;
  stopAll();
}
printSummary();
process.exit(results.length === runs && results.every((r) => r.ok) ? 0 : 1);

/** One `npm test`: its output to a log, its totals line and its failing tests from the report it writes. */
async function oneRun(n) {
  rmSync(SUMMARY, { force: true });
  rmSync(REPORT, { force: true });
  const log = createWriteStream(join(KEEP, `run-${n}.log`));
  const started = performance.now();
  // In a process group of its own, so that stopping it stops everything it started.
  current = spawn(process.execPath, ['scripts/test.mjs', ...passThrough], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  for (const stream of [current.stdout, current.stderr]) {
    stream.pipe(log, { end: false });
    if (verbose) stream.pipe(stream === current.stdout ? process.stdout : process.stderr, { end: false });
  }
  const code = await new Promise((resolve) => current.on('close', (c, signal) => resolve(c ?? signal)));
  const ms = performance.now() - started;
  await new Promise((resolve) => log.end(resolve));
  current = null;
  const totals = existsSync(SUMMARY) ? readFileSync(SUMMARY, 'utf8').trim() : `no totals (test.mjs ended with ${code})`;
  let failing = [];
  if (existsSync(REPORT)) {
    copyFileSync(REPORT, join(KEEP, `run-${n}.json`));
    failing = failingTests(JSON.parse(readFileSync(REPORT, 'utf8')));
  }
  return { n, ok: code === 0, ms, totals, failing };
}

/** The failed tests of a Vitest JSON report, as "file > describe > test"; a file that did not load, by its name. */
function failingTests(report) {
  const names = [];
  for (const file of report.testResults ?? []) {
    const path = relative(process.cwd(), file.name);
    const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const test of failed) names.push(`${path} > ${[...(test.ancestorTitles ?? []), test.title].join(' > ')}`);
    if (file.status === 'failed' && failed.length === 0) names.push(`${path} (${(file.message ?? 'failed').split('\n')[0]})`);
  }
  return names;
}

function printSummary() {
  if (results.length === 0) return;
  const passed = results.filter((r) => r.ok).length;
  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  const median = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
  console.log(`\nUnder load (${BUSY_PROCESSES} CPU-bound processes beside the suite): ${passed} of ${results.length} run${results.length === 1 ? '' : 's'} passed${results.length < runs ? ` (${runs} planned)` : ''}.`);
  console.log(`Duration of a run: min ${seconds(times[0])}, median ${seconds(median)}, max ${seconds(times.at(-1))}.`);
  for (const r of results) console.log(`  run ${r.n}: ${r.totals} (${seconds(r.ms)})`);
  const failedIn = new Map();
  for (const r of results) for (const name of r.failing) failedIn.set(name, [...(failedIn.get(name) ?? []), r.n]);
  if (failedIn.size > 0) {
    console.log('Tests that failed:');
    for (const [name, where] of failedIn) console.log(`  ${name} — run${where.length === 1 ? '' : 's'} ${where.join(', ')}`);
  } else if (passed < results.length) {
    console.log(`No failing test named in the reports: see ${KEEP}/run-N.log.`);
  }
}

function seconds(ms) {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function parseArgs(args) {
  let runs = 5;
  let verbose = false;
  const passThrough = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--runs' || arg.startsWith('--runs=')) {
      const value = arg === '--runs' ? args[++i] : arg.slice('--runs='.length);
      if (!/^[1-9]\d*$/.test(value ?? '')) {
        console.error(`--runs: a whole number from 1 up, not ${JSON.stringify(value ?? '')}`);
        process.exit(2);
      }
      runs = Number(value);
    } else if (arg === '--verbose') {
      verbose = true;
    } else {
      passThrough.push(arg);
    }
  }
  return { runs, verbose, passThrough };
}
