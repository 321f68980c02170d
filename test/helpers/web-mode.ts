import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, vi, type TestContext } from 'vitest';

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
    // A deadline, not a wait: the address line is waited for; a server that never prints it fails here, with its output,
    // well before the hook's own timeout (a start on a busy machine can take many seconds).
    const timer = setTimeout(() => reject(new Error(`web mode did not start:\n${output}`)), 45_000);
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
        // Stopped already (a SIGKILL leaves no exit code, only the signal): nothing to wait for.
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
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
 * How long `expect.poll` waits for what the page should come to show. Vitest's
 * own default (one second) is shorter than a busy machine can take to save a
 * call and draw the answer; a state that never comes still fails, only later.
 */
export const POLL_TIMEOUT_MS = 15_000;

export interface WebModeOptions {
  /** The start of the temporary data folder's name. */
  prefix: string;
  /**
   * `test` (the default): every test has its own data folder, server and
   * page, so nothing one test does reaches another. `file`: one for all the
   * file's tests, for a file that seeds a large state once; each of its
   * tests then puts the view it uses back (reload, size, media) itself.
   */
  scope?: 'test' | 'file';
  /** The window's size: the overlay's 460 × 760 unless said. */
  viewport?: { width: number; height: number };
  /** More for the page's context (reduced motion, downloads); the locale is pl-PL unless said. */
  context?: BrowserContextOptions;
  /** Arguments for web mode. */
  args?: string[];
  /** false: started as a person starts it, on the port of the data folder's last start. */
  freePort?: boolean;
  /** Files put in the data folder before the server first starts on it. */
  seed?: (dataDir: string) => void | Promise<void>;
  /** A script the page runs before its own, on every load. */
  initScript?: string;
}

export interface WebMode {
  readonly browser: Browser;
  readonly page: Page;
  readonly dataDir: string;
  /** The running server (a restart replaces it). */
  readonly server: WebModeProcess;
  /** The server's address with its key, as web mode printed it. */
  readonly url: string;
  /** Stops the server (SIGTERM unless said; nothing if it has stopped already) and starts it again on the same folder. */
  restart(options?: { signal?: NodeJS.Signals; args?: string[] }): Promise<WebModeProcess>;
  /** Another computer: its own data folder, server and page, all stopped with the test's (or file's) own. */
  another(options?: { prefix?: string; viewport?: { width: number; height: number }; context?: BrowserContextOptions }): Promise<Computer>;
  /** A new temporary folder (a team folder, a downloads folder), removed with the data folder. */
  folder(prefix: string): string;
}

interface Computer {
  page: Page;
  server: WebModeProcess;
  dataDir: string;
}

/**
 * The set-up every end-to-end file shares: one Chromium for the file; web
 * mode started on a new temporary data folder; a page of the given size in
 * Polish. On a failed test the page's screenshot and the server's output go
 * to test-results/screenshots/failed/ and the data folder is kept (its path
 * is printed); otherwise everything is stopped and removed. Call it inside
 * the file's describe; its getters are valid inside tests and hooks.
 */
export function useWebMode(options: WebModeOptions): WebMode {
  const scope = options.scope ?? 'test';
  const viewport = options.viewport ?? { width: 460, height: 760 };
  let browser: Browser | undefined;
  let current: (Computer & { folders: string[]; others: Computer[] }) | undefined;
  let failed = false;

  const opened = () => {
    if (!current) throw new Error('useWebMode: its page and server exist only inside a test or hook of the describe that calls it');
    return current;
  };

  async function openPage(server: WebModeProcess, size = viewport, context: BrowserContextOptions = options.context ?? {}): Promise<Page> {
    const page = await browser!.newPage({ viewport: size, locale: 'pl-PL', ...context });
    if (options.initScript) await page.addInitScript(options.initScript);
    return page;
  }

  async function setUp() {
    const dataDir = mkdtempSync(join(tmpdir(), options.prefix));
    current = { dataDir, folders: [dataDir], others: [], page: undefined as unknown as Page, server: undefined as unknown as WebModeProcess };
    await options.seed?.(dataDir);
    current.server = await startWebMode(dataDir, options.args, { freePort: options.freePort ?? true });
    current.page = await openPage(current.server);
  }

  async function tearDown(context?: TestContext) {
    const done = current;
    current = undefined;
    if (!done) return;
    if (context?.task.result?.state === 'fail') await keepEvidence(context, done);
    for (const computer of [done, ...done.others]) {
      await computer.page?.context().close().catch(() => undefined);
      await computer.server?.stop();
    }
    if (failed) console.warn(`[e2e] a test failed: its folders are kept — ${done.folders.join(', ')}`);
    else for (const folder of done.folders) rmSync(folder, { recursive: true, force: true });
    failed = false;
  }

  /** What a failed test leaves to look at: the page as it was, and what the server printed. */
  async function keepEvidence(context: TestContext, computer: Computer) {
    failed = true;
    const name = `${basename(context.task.file.name, '.test.ts')}--${context.task.name}`.replace(/[^\w.-]+/g, '-').slice(0, 150);
    const path = join(SCREENSHOT_DIR, 'failed', name);
    mkdirSync(join(SCREENSHOT_DIR, 'failed'), { recursive: true });
    await computer.page?.screenshot({ path: `${path}.png`, fullPage: true, timeout: 10_000 }).catch(() => undefined);
    if (computer.server) writeFileSync(`${path}.log`, computer.server.output());
  }

  beforeAll(async () => {
    vi.setConfig({ expect: { poll: { timeout: POLL_TIMEOUT_MS } } });
    browser = await launchChromium();
  });
  // Registered first, so it runs last: Vitest runs teardown hooks in reverse.
  afterAll(async () => {
    await browser?.close();
  });
  if (scope === 'test') {
    beforeEach(setUp);
    afterEach((context) => tearDown(context));
  } else {
    beforeAll(setUp);
    afterEach((context) => {
      // The page stays for the next test; the evidence of this one is taken now.
      if (context.task.result?.state === 'fail' && current) return keepEvidence(context, current);
    });
    afterAll(() => tearDown());
  }

  return {
    get browser() {
      if (!browser) throw new Error('useWebMode: no browser outside the describe that calls it');
      return browser;
    },
    get page() {
      return opened().page;
    },
    get dataDir() {
      return opened().dataDir;
    },
    get server() {
      return opened().server;
    },
    get url() {
      return opened().server.url;
    },
    async restart({ signal = 'SIGTERM', args = options.args } = {}) {
      const it = opened();
      await it.server.stop(signal);
      it.server = await startWebMode(it.dataDir, args, { freePort: options.freePort ?? true });
      return it.server;
    },
    async another({ prefix = options.prefix, viewport: size = viewport, context = {} } = {}) {
      const it = opened();
      const dataDir = mkdtempSync(join(tmpdir(), prefix));
      it.folders.push(dataDir);
      const computer: Computer = { dataDir, server: undefined as unknown as WebModeProcess, page: undefined as unknown as Page };
      it.others.push(computer);
      computer.server = await startWebMode(dataDir);
      computer.page = await openPage(computer.server, size, context);
      return computer;
    },
    folder(prefix) {
      const folder = mkdtempSync(join(tmpdir(), prefix));
      opened().folders.push(folder);
      return folder;
    },
  };
}
