import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Chromium from the system (Debian's package), never a downloaded build. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const WEB_ENTRY = 'out/main/web.js';
export const SCREENSHOT_DIR = 'test-results/screenshots';

/** Why end-to-end tests cannot run here, or null when they can. */
export function e2eUnavailableReason(): string | null {
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`;
  if (!existsSync(WEB_ENTRY)) return `${WEB_ENTRY} is missing (run npm run build)`;
  return null;
}

/**
 * Why this machine skips the end-to-end tests, or null when it runs them.
 * Where they are required (CI with a browser, E2E_REQUIRED=1) a missing
 * browser is an error, not a skip; a skip is said in the output.
 */
export function e2eSkipReason(): string | null {
  const unavailable = e2eUnavailableReason();
  if (unavailable && process.env.E2E_REQUIRED) throw new Error(`End-to-end tests are required here but cannot run: ${unavailable}`);
  if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`);
  return unavailable;
}

export interface WebModeProcess {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `node out/main/web.js` and waits for the line with the address: on a
 * free port, or (`freePort: false`) as a person starts it, on the port the
 * data directory's last start had.
 */
export async function startWebMode(dataDir: string, extraArgs: string[] = [], { freePort = true } = {}): Promise<WebModeProcess> {
  const child = spawn(process.execPath, [WEB_ENTRY, ...(freePort ? ['--port', '0'] : []), '--data-dir', dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not start:\n${output}`)), 15_000);
    const check = () => {
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web mode exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    child,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name}.png`);
}

/**
 * One browser for a file's tests, and for each test its own web mode on a new
 * data folder (`start`): tests that share nothing, stopped after each.
 */
export function freshWebModes(prefix: string): { start(width?: number): Promise<{ page: Page; dataDir: string; server: WebModeProcess }> } {
  let browser: Browser;
  const opened: { page: Page; server: WebModeProcess }[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map(async ({ page, server }) => (await page.close(), server.stop())));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async start(width = 460) {
      const dataDir = mkdtempSync(join(tmpdir(), prefix));
      const server = await startWebMode(dataDir);
      const page = await browser.newPage({ viewport: { width, height: width > 460 ? 800 : 760 }, locale: 'pl-PL' });
      opened.push({ page, server });
      return { page, dataDir, server };
    },
  };
}
