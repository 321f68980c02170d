/**
 * Start of web mode to the first paint of the UI, in Chromium: from spawning
 * `node out/main/web.js` on a clerk's data folder (a profile saved, as on any
 * working morning) to the first frame in which the app's first screen — a
 * heading in the page's root — is painted. The browser is already running;
 * each sample opens a fresh context (no cache).
 *
 * The baseline is the same path with the least a server and a page can do: a
 * Node process with a bare `http` server answering one line of HTML, timed
 * from its spawn to the frame with that line in it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium, startWebMode, WEB_ENTRY } from '../test/helpers/web-mode';

export interface WebStartResult {
  samples: number;
  /** Spawn → address printed, ms. */
  serverReady: number[];
  /** Spawn → first screen painted, ms. */
  app: number[];
  baseline: number[];
}

/** Runs in the page before its own scripts: notes the epoch time of the frame after the first heading appears. */
const WATCH_FIRST_SCREEN = `(() => {
  let painted;
  window.__firstScreen = new Promise((resolve) => (painted = resolve));
  const found = () => document.querySelector('#root h1, #root h2, body > h1');
  const mark = () => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => painted(performance.timeOrigin + performance.now());
    channel.port2.postMessage(null);
  });
  const observer = new MutationObserver(() => {
    if (!found()) return;
    observer.disconnect();
    mark();
  });
  document.addEventListener('DOMContentLoaded', () => (found() ? mark() : observer.observe(document.body, { childList: true, subtree: true })));
})()`;

const BARE_SERVER = `require('node:http').createServer((q, s) => { s.setHeader('content-type', 'text/html; charset=utf-8'); s.end('<!doctype html><title>x</title><h1>Asystent</h1>'); })
  .listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port + '/'); });`;

async function paintedAt(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 460, height: 760 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(WATCH_FIRST_SCREEN);
    await page.goto(url);
    // (A page function would need eval, which the app's CSP refuses.)
    return (await page.evaluate('window.__firstScreen')) as number;
  } finally {
    await context.close();
  }
}

async function bareServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['-e', BARE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => child.stdout.on('data', (d: Buffer) => resolve(d.toString().trim())));
  return { url, stop: () => child.kill() };
}

export async function measureWebStart(samples: number): Promise<WebStartResult | string> {
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH}`;
  if (!existsSync(WEB_ENTRY)) return `${WEB_ENTRY} is missing`;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-start-'));
  const first = await startWebMode(dataDir);
  await fetch(`${first.origin}/api/saveProfile`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-asystent-token': first.token },
    body: JSON.stringify({ firstName: 'Anna', lastName: 'Nowak', role: 'pracownik', unit: 'Dział Ewidencji i Świadczeń', officeName: 'Powiatowy Urząd Pracy w Łodzi' }),
  });
  await first.stop();

  const browser = await launchChromium();
  const result: WebStartResult = { samples, serverReady: [], app: [], baseline: [] };
  try {
    for (let i = 0; i < samples; i++) {
      const t0 = Date.now();
      const bare = await bareServer();
      try {
        result.baseline.push((await paintedAt(browser, bare.url)) - t0);
      } finally {
        bare.stop();
      }

      const t1 = Date.now();
      const server = await startWebMode(dataDir);
      try {
        result.serverReady.push(Date.now() - t1);
        result.app.push((await paintedAt(browser, server.url)) - t1);
      } finally {
        await server.stop();
      }
    }
    return result;
  } finally {
    await browser.close();
  }
}
