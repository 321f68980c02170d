/**
 * Key press to greeting painted, in Chromium, over many calls: the time from
 * the F2 keydown event to the first frame after the greeting is in the page
 * (requestAnimationFrame, then a message posted from it, which runs once
 * that frame is done). The baseline, measured the same way in the same page,
 * is a key the app ignores: the floor the browser itself sets.
 *
 * "In the page" means the greeting's region is in the document with its text,
 * and neither it nor anything around it is `hidden` or `inert`: a call screen
 * kept ready while idle only counts once the key has shown it.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium, startWebMode, WEB_ENTRY, type WebModeProcess } from '../test/helpers/web-mode';

export interface LatencyResult {
  samples: number;
  /** Key press to the frame with the greeting painted. */
  greeting: number[];
  /** Key press to the greeting in the page, before the frame: what React and the app do. */
  greetingInPage: number[];
  /** Key press of an ignored key to the next frame. */
  baseline: number[];
  /** Key press of an ignored key to the end of its handlers (the app's included): the floor of "in the page". */
  baselineInPage: number[];
}

/** One key press measured: to the frame painted, and to what the page holds before that frame. */
export interface Sample {
  painted: number;
  inPage: number;
}

/**
 * The page-side half, as source text: a function handed to page.evaluate
 * would be rewritten by the TypeScript loader (helpers such as __name) that
 * do not exist in the page.
 */
const ARM = `(({ key, waitFor }) => {
  window.__latency = new Promise((resolve) => {
    let start = 0;
    let inPage = 0;
    const painted = () => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ painted: performance.now() - start, inPage });
      channel.port2.postMessage(null);
    });
    const shown = () => {
      const region = document.querySelector('[role="region"][aria-label="Powitanie"]');
      return region !== null && region.textContent.trim() !== '' && region.closest('[hidden],[inert]') === null;
    };
    window.addEventListener('keydown', (event) => {
      if (event.key !== key) return;
      start = event.timeStamp;
      if (waitFor === 'nothing') return;
      if (shown()) return painted();
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        observer.disconnect();
        inPage = performance.now() - start;
        painted();
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['hidden', 'inert'] });
    }, { capture: true, once: true });
    // Added after the app's own listener, so it runs once the app has handled the key.
    window.addEventListener('keydown', (event) => {
      if (event.key !== key || waitFor !== 'nothing') return;
      inPage = performance.now() - start;
      painted();
    }, { once: true });
  });
})`;

/** Key press to the frame painted, and to the greeting's arrival in the page (the app's own work). */
async function measure(page: Page, key: string, waitFor: 'greeting' | 'nothing'): Promise<Sample> {
  await page.evaluate(`${ARM}(${JSON.stringify({ key, waitFor })})`);
  await page.keyboard.press(key);
  return page.evaluate('window.__latency') as Promise<Sample>;
}

/** A web mode with a clerk's profile and today's shift done, open on the idle screen. */
export interface LatencyPage {
  page: Page;
  /** One ignored key, then one call: F2, measured; then ended, saved, and back to the idle screen. */
  sample(): Promise<{ call: Sample; ignored: Sample }>;
  close(): Promise<void>;
}

/**
 * Opens the app of a built checkout (`root` holds out/main/web.js) in the
 * browser. Two roots side by side measure two builds call by call.
 */
export async function openLatencyPage(browser: Browser, root = '.'): Promise<LatencyPage> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-ui-'));
  // The helper starts the entry relative to the working folder: the root's own, for the moment of the spawn.
  const here = process.cwd();
  process.chdir(root);
  let starting: Promise<WebModeProcess>;
  try {
    starting = startWebMode(dataDir);
  } finally {
    process.chdir(here);
  }
  const server = await starting;
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
  const idle = page.getByRole('button', { name: /Połączenie przychodzące/ });
  await idle.waitFor();
  return {
    page,
    async sample() {
      const ignored = await measure(page, 'ScrollLock', 'nothing'); // a key the app ignores (F9 now hides the window)
      const call = await measure(page, 'F2', 'greeting');
      // End, choose "Przerwana", save, and wait for the idle screen.
      await page.keyboard.press('F4');
      await page.getByRole('heading', { name: 'Podsumowanie rozmowy' }).waitFor();
      await page.keyboard.press('6');
      await page.keyboard.press('Control+Enter');
      await idle.waitFor();
      return { call, ignored };
    },
    async close() {
      await page.close();
      await server.stop();
    },
  };
}

/** Why this machine cannot measure, or null. */
export function latencyUnavailable(root = '.'): string | null {
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH}`;
  if (!existsSync(join(root, WEB_ENTRY))) return `${join(root, WEB_ENTRY)} is missing`;
  return null;
}

export async function measureKeyToGreeting(samples: number): Promise<LatencyResult | string> {
  const unavailable = latencyUnavailable();
  if (unavailable) return unavailable;
  const browser = await launchChromium();
  try {
    const app = await openLatencyPage(browser);
    const result: LatencyResult = { samples, greeting: [], greetingInPage: [], baseline: [], baselineInPage: [] };
    for (let i = 0; i < samples; i++) {
      const { call, ignored } = await app.sample();
      result.greeting.push(call.painted);
      result.greetingInPage.push(call.inPage);
      result.baseline.push(ignored.painted);
      result.baselineInPage.push(ignored.inPage);
    }
    await app.close();
    return result;
  } finally {
    await browser.close();
  }
}
