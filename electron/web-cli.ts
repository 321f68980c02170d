import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './data-dir';
import { createHandlers } from './handlers';
import { builtMonthReader } from './services/month-readers';
import { openAppServices } from './services/app-services';
import { BrowserExchange } from './services/file-exchange';
import { DataDirInUseError } from './services/data-dir-lock';
import { startWebServer } from './web';
import { loadWebAccess, saveWebAccess } from './services/web-access';

/**
 * `npm run web [-- --port N] [-- --data-dir DIR] [-- --new-token]`: web mode
 * from the built app (out/main/web.js). Prints the address to open on one
 * line. The key and the port are kept in the data directory, so the address
 * stays the same across restarts (an open tab goes on); `--new-token` makes
 * a new key, and `--port` chooses the port.
 */
const USAGE = 'Użycie: npm run web -- [--port N] [--data-dir FOLDER] [--new-token]';

export interface WebCliOptions {
  /** null: the port of the last start (or any free one). */
  port: number | null;
  dataDir: string;
  newToken: boolean;
}

export function parseWebArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): WebCliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'new-token': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) throw new UsageError(USAGE);
  const portText = values.port;
  const port = portText === undefined ? null : Number(portText);
  if (portText !== undefined && (!/^\d+$/.test(portText) || port! > 65535)) {
    throw new UsageError(`--port: podaj liczbę od 0 do 65535 (0 = wolny port), a nie „${portText}”.`);
  }
  const dataDir = values['data-dir'];
  if (dataDir !== undefined && dataDir.trim() === '') throw new UsageError('--data-dir: podaj ścieżkę folderu.');
  return { port, dataDir: resolve(dataDir ?? defaultDataDir(env)), newToken: values['new-token'] ?? false };
}

export class UsageError extends Error {}

async function main(): Promise<void> {
  let options: WebCliOptions;
  try {
    options = parseWebArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof UsageError ? error.message : `${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const services = await openAppServices(options.dataDir, fileURLToPath(new URL('../../resources', import.meta.url)), {
    onWaitForLock: () => console.log('Folder danych jest zajęty — czekam kilka sekund, aż zostanie zwolniony…'),
    monthReaderScript: builtMonthReader(import.meta.url),
  });
  const handlers = createHandlers(services);
  const access = await loadWebAccess(services.dataDir, options.newToken);
  const start = (port: number) =>
    startWebServer({
      handlers,
      // Opened without dialogs, the services move files the browser's way.
      files: services.files instanceof BrowserExchange ? services.files : undefined,
      rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
      token: access.token,
      port,
    });
  // The port asked for; else the last start's, so an open tab finds the server again; else any free one.
  const web = await start(options.port ?? access.port ?? 0)
    .catch((error: NodeJS.ErrnoException) => {
      if (options.port === null && access.port !== null && error.code === 'EADDRINUSE') return start(0);
      throw error;
    })
    .catch(async (error: NodeJS.ErrnoException) => {
      await services.close();
      throw error;
    });
  await saveWebAccess(services.dataDir, { token: access.token, port: web.port }).catch((error: Error) => console.error(`[web] the address is not kept for the next start: ${error.message}`));
  console.log(`Asystent Rozmów w przeglądarce: ${web.url}`);
  console.log(`Dane: ${options.dataDir}. Zatrzymanie: Ctrl+C.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await web.close();
    await services.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: NodeJS.ErrnoException) => {
    if (error instanceof DataDirInUseError) console.error(error.message);
    else if (error.code === 'EADDRINUSE') console.error('Ten port jest zajęty. Podaj inny: --port N (albo --port 0).');
    else console.error(`Nie udało się uruchomić trybu przeglądarkowego: ${error.message}`);
    process.exit(1);
  });
}
