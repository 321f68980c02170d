import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface RunMeasure<T> {
  result: T;
  ms: number;
  /** Growth of the heap over what it was before the run, at its peak (sampled every 5 ms). */
  peakHeapMb: number;
  /** The longest the event loop was held during the run. */
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
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const t0 = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - t0;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { result, ms, peakHeapMb: (peak - base) / 2 ** 20, maxLoopDelayMs: delay.max / 1e6 };
  } finally {
    delay.disable();
    clearInterval(sampler);
  }
}
