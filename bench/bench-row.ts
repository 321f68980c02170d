/** One line of the figures table in docs/benchmarks.md: what was measured, its baseline in the same run, the ratio, the target and whether it is met. */
export interface BenchRow {
  name: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  met: string;
}
