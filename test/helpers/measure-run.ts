import { performance } from 'node:perf_hooks';

export interface RunMeasure<T> {
  result: T;
  ms: number;
  /** Growth of the heap over what it was before the run, at its peak (sampled every 5 ms). */
  peakHeapMb: number;
  /**
   * The longest the event loop was held during the run by this process's own
   * work: each gap between two 5 ms ticks counts only the CPU time the process
   * spent in it, so a busy machine's wait for a core is not taken for a block.
   */
  maxLoopDelayMs: number;
}

/**
 * Runs `work` and measures what a person at the window would notice: how long
 * it took, how far the heap grew, and the longest the event loop was held.
 * Used by the import's memory test and by the benchmark alike, so both
 * measure the same way. `gc` (when exposed) runs first, so garbage from
 * before does not count.
 */
export async function measureRun<T>(work: () => Promise<T>, gc: () => void = () => undefined): Promise<RunMeasure<T>> {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  let longest = 0;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const probe = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    longest = Math.max(longest, Math.min(now - last - 5, (cpu.user + cpu.system) / 1000));
    last = now;
    lastCpu = process.cpuUsage();
  }, 5);
  const t0 = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - t0;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    await new Promise((resolve) => setTimeout(resolve, 10)); // a block at the very end shows in the next tick
    return { result, ms, peakHeapMb: (peak - base) / 2 ** 20, maxLoopDelayMs: longest };
  } finally {
    clearInterval(probe);
    clearInterval(sampler);
  }
}
