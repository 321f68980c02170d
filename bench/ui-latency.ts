/**
 * Key press to greeting painted, in Chromium, over many calls: the time from
 * the F2 keydown event to the first frame after the greeting is in the page
 * (requestAnimationFrame, then a message posted from it, which runs once
 * that frame is done). The baseline, measured the same way in the same page,
 * is a key the app ignores: the floor the browser itself sets.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium, startWebMode, WEB_ENTRY } from '../test/helpers/web-mode';

export interface LatencyResult {
  samples: number;
  /** Key press to the frame with the greeting painted. */
  greeting: number[];
  /** Key press to the greeting in the page, before the frame: what React and the app do. */
  greetingInPage: number[];
  /** Key press of an ignored key to the next frame. */
  baseline: number[];
}

/**
 * The page-side half, as source text: a function handed to page.evaluate
 * would be rewritten by the TypeScript loader (helpers such as __name) that
 * do not exist in the page.
 */
const ARM = `(({ key, waitFor }) => {
  window.__latency = new Promise((resolve) => {
    window.addEventListener('keydown', (event) => {
      if (event.key !== key) return;
      const start = event.timeStamp;
      let inPage = 0;
      const painted = () => requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ painted: performance.now() - start, inPage });
        channel.port2.postMessage(null);
      });
      if (waitFor === 'nothing') return painted();
      const found = () => document.querySelector('[role="region"][aria-label="Powitanie"]');
      if (found()) return painted();
      const observer = new MutationObserver(() => {
        if (!found()) return;
        observer.disconnect();
        inPage = performance.now() - start;
        painted();
      });
      observer.observe(document.body, { childList: true, subtree: true });
    }, { capture: true, once: true });
  });
})`;

/** Arms a measurement: the next `key` keydown starts the clock, the frame after `waitFor` holds stops it. */
async function armed(page: Page, key: string, waitFor: 'greeting' | 'nothing'): Promise<void> {
  await page.evaluate(`${ARM}(${JSON.stringify({ key, waitFor })})`);
}

/** Key press to the frame painted, and to the greeting's arrival in the page (the app's own work). */
async function measure(page: Page, key: string, waitFor: 'greeting' | 'nothing'): Promise<{ painted: number; inPage: number }> {
  await armed(page, key, waitFor);
  await page.keyboard.press(key);
  return page.evaluate('window.__latency') as Promise<{ painted: number; inPage: number }>;
}

export async function measureKeyToGreeting(samples: number): Promise<LatencyResult | string> {
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH}`;
  if (!existsSync(WEB_ENTRY)) return `${WEB_ENTRY} is missing`;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-ui-'));
  const server = await startWebMode(dataDir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 460, height: 760 } });
    const call = (method: string, body: unknown) =>
      fetch(`${server.origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-asystent-token': server.token },
        body: JSON.stringify(body),
      });
    await call('saveProfile', { firstName: 'Anna', lastName: 'Nowak', role: 'pracownik', unit: 'Dział Ewidencji i Świadczeń', officeName: 'Powiatowy Urząd Pracy w Łodzi' });
    await call('saveShift', { id: crypto.randomUUID(), skipped: true, done: [] });
    await page.goto(server.url);
    await page.getByRole('button', { name: /Połączenie przychodzące/ }).waitFor();

    const greeting: number[] = [];
    const greetingInPage: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < samples; i++) {
      baseline.push((await measure(page, 'ScrollLock', 'nothing')).painted); // a key the app ignores (F9 now hides the window)
      const { painted, inPage } = await measure(page, 'F2', 'greeting');
      greeting.push(painted);
      greetingInPage.push(inPage);
      // End, choose "Przerwana", save, and wait for the idle screen.
      await page.keyboard.press('F4');
      await page.getByRole('heading', { name: 'Podsumowanie rozmowy' }).waitFor();
      await page.keyboard.press('6');
      await page.keyboard.press('Control+Enter');
      await page.getByRole('button', { name: /Połączenie przychodzące/ }).waitFor();
    }
    return { samples, greeting, greetingInPage, baseline };
  } finally {
    await browser.close();
    await server.stop();
  }
}
