import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './data-dir';
import { createExportDownload, createHandlers, createImportUpload } from './handlers';
import { openAppServices, uploadsDir } from './services/app-services';
import { DataDirInUseError } from './services/data-dir-lock';
import { startWebServer } from './web';

/**
 * `npm run web [-- --port N] [-- --data-dir DIR]`: web mode from the built
 * app (out/main/web.js). Prints the address to open on one line.
 */
const USAGE = 'Użycie: npm run web -- [--port N] [--data-dir FOLDER]';

export interface WebCliOptions {
  port: number;
  dataDir: string;
}

export function parseWebArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): WebCliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) throw new UsageError(USAGE);
  const portText = values.port ?? '0';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new UsageError(`--port: podaj liczbę od 0 do 65535 (0 = wolny port), a nie „${portText}”.`);
  }
  const dataDir = values['data-dir'];
  if (dataDir !== undefined && dataDir.trim() === '') throw new UsageError('--data-dir: podaj ścieżkę folderu.');
  return { port, dataDir: resolve(dataDir ?? defaultDataDir(env)) };
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
  });
  const handlers = createHandlers(services);
  const web = await startWebServer({
    handlers,
    exportDownload: createExportDownload(services),
    importUpload: createImportUpload(services),
    uploadDir: uploadsDir(services.dataDir),
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    token: randomBytes(24).toString('base64url'),
    port: options.port,
  }).catch(async (error: NodeJS.ErrnoException) => {
    await services.close();
    throw error;
  });
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
