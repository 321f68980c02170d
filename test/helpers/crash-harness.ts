/**
 * Runs the crash child (helpers/crash-child.ts) and kills it with SIGKILL.
 *
 * The child is bundled once with Vite, its dependencies (zod, uuid) in the
 * same file, so each of the hundreds of runs starts plain Node on one file:
 * no TypeScript to compile again, and no hundreds of dependency modules to
 * resolve and load, which cost about a third of a run's CPU time.
 */
import { spawn } from 'node:child_process';
import { bundleScript } from './bundle-script';

export interface Ack {
  kind: 'journal' | 'settings' | 'draft';
  step: number;
  id: string;
}

/** Bundles the child, with its dependencies, and returns the script's path. */
export function bundleCrashChild(): Promise<string> {
  return bundleScript('test/helpers/crash-child.ts');
}

/**
 * Starts the child and kills it `killAfterMs` after the first acknowledged
 * call that `arm` accepts (by default the first: counting from then, not
 * from process start-up, so the kill lands among writes — and, armed on a
 * later call, after the run has reached a state, whatever the machine's
 * speed); resolves with every write it acknowledged.
 */
export function runAndKill(script: string, args: string[], killAfterMs: number, arm: (journalStep: number) => boolean = () => true): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    // Whatever happens, the child does not outlive its run.
    const deadline = setTimeout(() => child.kill('SIGKILL'), 10_000 + killAfterMs);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const armed = !timer && [...out.matchAll(/^ack journal (\d+) /gm)].some((m) => arm(Number(m[1])));
      if (armed) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      clearTimeout(deadline);
      if (signal !== 'SIGKILL') return reject(new Error(`the writer ended by itself: ${err}`));
      if (!timer) return reject(new Error(`the writer acknowledged no call in 10 s: ${err}`));
      resolve([...out.matchAll(/^ack (journal|settings|draft) (\d+) (\S+)$/gm)].map((m) => ({ kind: m[1] as Ack['kind'], step: Number(m[2]), id: m[3]! })));
    });
  });
}

/** A small seeded generator, so a failing run can be repeated exactly. */
export function seeded(seed: number): (n: number) => number {
  let state = seed;
  return (n) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n);
}
