import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createHandlers, type HandlerTable } from '../../electron/handlers';
import { openAppServices, type AppServices, type OpenOptions } from '../../electron/services/app-services';

/** The content the repository ships (checklists, directory, glossary), which the services load at start. */
export const RESOURCES = 'resources';

export interface OpenedServices {
  dataDir: string;
  services: AppServices;
  /** The handler table over the services, as both transports call it. */
  api: HandlerTable;
}

export interface ServicesOnTempFolder {
  /** The temporary folder made for this test (or for this file). */
  readonly folder: string;
  /** Where the services keep their data: the folder itself, or the part of it `dataIn` names. */
  readonly dataDir: string;
  /**
   * Opens the services, and the handlers over them, on the data folder (or on
   * `dataDir`), with the fixture's options and these. They are closed after
   * the test (or the file) unless the test closed them first.
   */
  open(options?: OpenOptions & { dataDir?: string }): Promise<OpenedServices>;
  /** Another temporary folder (a team folder, a second clerk's computer), removed with the first. */
  tempFolder(prefix: string): string;
}

export interface ServicesFixtureSettings {
  /** `test` (the default): a new folder for every test. `file`: one for the file's tests. */
  scope?: 'test' | 'file';
  /** Where the temporary folders are made (a memory-backed one, a fuzz file's scratch folder); the system's temp folder unless said. */
  root?: string;
  /** The data folder inside the temporary one, when the test puts other files beside it (the services make it, as the app does). */
  dataIn?: string;
  /** Options every `open` starts from. */
  options?: OpenOptions;
}

/**
 * The services on a temporary folder: the folder made before each test (or
 * the file's first), every services object opened through `open` closed
 * after it, newest first, and the folders removed. Call it at the top of a
 * file (or a describe), before the hooks that use it: Vitest runs teardown
 * hooks in reverse, so the file's own clean-up (mocks restored, services it
 * opened itself closed) comes first.
 */
export function useServicesOnTempFolder(prefix: string, settings: ServicesFixtureSettings = {}): ServicesOnTempFolder {
  const root = settings.root ?? tmpdir();
  let folder: string | undefined;
  let folders: string[] = [];
  let opened: AppServices[] = [];

  const current = () => {
    if (!folder) throw new Error('useServicesOnTempFolder: its folder exists only inside the tests and hooks of where it is called');
    return folder;
  };
  const dataDirOf = (base: string) => (settings.dataIn ? join(base, settings.dataIn) : base);

  function setUp() {
    folder = mkdtempSync(join(root, prefix));
    folders = [folder];
  }

  async function tearDown() {
    const closing = opened.reverse();
    opened = [];
    try {
      for (const services of closing) await services.close();
    } finally {
      for (const made of folders) rmSync(made, { recursive: true, force: true });
      folders = [];
      folder = undefined;
    }
  }

  if (settings.scope === 'file') {
    beforeAll(setUp);
    afterAll(tearDown);
  } else {
    beforeEach(setUp);
    afterEach(tearDown);
  }

  return {
    get folder() {
      return current();
    },
    get dataDir() {
      return dataDirOf(current());
    },
    async open({ dataDir = dataDirOf(current()), ...options } = {}) {
      const services = await openAppServices(dataDir, RESOURCES, { ...settings.options, ...options });
      // A test that restarts the services closes them itself: closing again at the end is then nothing.
      const close = services.close.bind(services);
      let closed: Promise<void> | undefined;
      services.close = () => (closed ??= close());
      opened.push(services);
      return { dataDir, services, api: createHandlers(services) };
    },
    tempFolder(prefixOfOther) {
      current();
      const other = mkdtempSync(join(root, prefixOfOther));
      folders.push(other);
      return other;
    },
  };
}
