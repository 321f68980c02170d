/**
 * The key → greeting benchmark alone, for working on the call screen without
 * the whole `npm run bench`. After a build (`npx electron-vite build`):
 *
 *   node --import tsx bench/ui-only.ts [--samples 100] [root ...]
 *
 * Each root is a built checkout (holding out/main/web.js; `.` by default).
 * With two or more, each gets its own web mode in the same browser and the
 * calls are taken in turns (the order swapped every round), so a busy
 * machine weighs on every build alike: compare one build with another in the
 * same run, never with a figure from another run.
 */
import { launchChromium } from '../test/helpers/web-mode';
import { latencyUnavailable, openLatencyPage, type LatencyPage } from './ui-latency';

const args = process.argv.slice(2);
let samples = 100;
const roots: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--samples') samples = Number(args[++i]);
  else roots.push(args[i]!);
}
if (roots.length === 0) roots.push('.');

for (const root of roots) {
  const unavailable = latencyUnavailable(root);
  if (unavailable) {
    console.error(unavailable);
    process.exit(1);
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const figures = (values: number[]) => `p50 ${percentile(values, 50).toFixed(1)}  p95 ${percentile(values, 95).toFixed(1)}  max ${Math.max(...values).toFixed(1)}`;

const browser = await launchChromium();
try {
  const pages: LatencyPage[] = [];
  for (const root of roots) pages.push(await openLatencyPage(browser, root));
  const results = roots.map(() => ({ painted: [] as number[], inPage: [] as number[], ignored: [] as number[], ignoredInPage: [] as number[] }));
  for (let round = 0; round < samples; round++) {
    const order = pages.map((_, i) => i);
    if (round % 2) order.reverse();
    for (const i of order) {
      const { call, ignored } = await pages[i]!.sample();
      results[i]!.painted.push(call.painted);
      results[i]!.inPage.push(call.inPage);
      results[i]!.ignored.push(ignored.painted);
      results[i]!.ignoredInPage.push(ignored.inPage);
    }
  }
  for (const page of pages) await page.close();
  roots.forEach((root, i) => {
    const r = results[i]!;
    console.log(`\n${root} — ${samples} calls`);
    console.log(`  F2 → greeting in the page     ${figures(r.inPage)}`);
    console.log(`  ignored key → handlers done   ${figures(r.ignoredInPage)}`);
    console.log(`  F2 → greeting painted         ${figures(r.painted)}`);
    console.log(`  ignored key → next frame      ${figures(r.ignored)}`);
  });
} finally {
  await browser.close();
}
