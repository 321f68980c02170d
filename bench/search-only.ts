/**
 * The search part of the bench on its own, in seconds rather than the whole
 * bench's minutes:
 *
 *   node --expose-gc --import tsx bench/search-only.ts [rounds] [fuse rounds] [MiniSearch configurations…]
 *   node --import tsx bench/search-only.ts --configs [letter for its misses]
 *
 * The first prints the same rows `npm run bench` records; the second the
 * accuracy of every MiniSearch configuration tried, which is how the one
 * reported was chosen.
 */
import { miniConfigAccuracy, miniMisses, searchBench, type EngineFigures } from './search-bench';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

if (process.argv[2] === '--configs') {
  for (const { config, builtIn, generated } of miniConfigAccuracy()) {
    console.log(`${config}\n  built-in ${pct(builtIn.top1)} / ${pct(builtIn.top3)}, generated ${pct(generated.top1)} / ${pct(generated.top3)}`);
  }
  const letter = process.argv[3];
  if (letter) console.log(`\nmisses of ${letter} on the built-in directory:\n  ${miniMisses(letter).join('\n  ')}`);
} else {
  const rounds = Number(process.argv[2] ?? 20);
  const fuseRounds = Number(process.argv[3] ?? 3);
  const mini = process.argv.slice(4);
  const row = (engine: string, f: EngineFigures) =>
    `| ${engine} | ${pct(f.top1)} | ${pct(f.top3)} | ${f.p50.toFixed(3)} | ${f.p95.toFixed(3)} | ${f.buildMs.toFixed(2)} | ${Number.isNaN(f.heapKb) ? '—' : f.heapKb.toFixed(0)} |`;
  for (const r of searchBench({ rounds, fuseRounds, mini })) {
    console.log(`\n${r.name} (${r.entries} entries; ${rounds} rounds, Fuse.js ${Math.min(rounds, fuseRounds)})`);
    console.log('| engine | top-1 | top-3 | p50 ms | p95 ms | build ms | index heap kB |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    console.log(row('hand-written', r.ours));
    for (const m of r.mini) console.log(row(`MiniSearch ${m.config}`, m));
    console.log(row('Fuse.js', r.fuse));
    for (const m of r.mini) console.log(`MiniSearch ${m.config} / hand-written: p50 ${(m.p50 / r.ours.p50).toFixed(2)}×, p95 ${(m.p95 / r.ours.p95).toFixed(2)}×`);
  }
}
