import { vi } from 'vitest';

/**
 * A stand-in for the `electron` module that records what the app asks of it:
 * window options, event handlers, IPC handlers, exposed APIs. Tests use it
 * through `vi.mock('electron', () => fakeElectron())`.
 */
type Listener = (...args: unknown[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]) {
    return (this.listeners.get(event) ?? []).map((l) => l(...args));
  }
}

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  /** What the page was printed with; the "PDF" is a few recognisable bytes. */
  printOptions: unknown = null;
  printToPDF = vi.fn(async (options: unknown) => {
    this.printOptions = options;
    return new TextEncoder().encode('%PDF-1.7 raport');
  });
}

export class FakeBrowserWindow extends FakeEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  shown = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {
    this.shown = true;
  }
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
}

export class FakeNotification {
  static supported = true;
  static shown: { title: string; body: string }[] = [];
  static isSupported() {
    return FakeNotification.supported;
  }
  constructor(private readonly options: { title: string; body: string }) {}
  show() {
    FakeNotification.shown.push(this.options);
  }
}

export function createFakeElectron() {
  const ipcHandlers = new Map<string, Listener>();
  const exposed = new Map<string, unknown>();
  const paths = new Map<string, string>();
  const app = Object.assign(new FakeEmitter(), {
    isPackaged: false,
    setPath: vi.fn((name: string, value: string) => paths.set(name, value)),
    getPath: vi.fn((name: string) => paths.get(name) ?? `/nonexistent/${name}`),
    getAppPath: vi.fn(() => process.cwd()),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => Promise.resolve()),
    quit: vi.fn(),
    exit: vi.fn(),
  });
  const session = {
    defaultSession: {
      permissionRequestHandler: null as null | Listener,
      permissionCheckHandler: null as null | Listener,
      setPermissionRequestHandler(handler: Listener) {
        this.permissionRequestHandler = handler;
      },
      setPermissionCheckHandler(handler: Listener) {
        this.permissionCheckHandler = handler;
      },
    },
  };
  return {
    app,
    session,
    BrowserWindow: FakeBrowserWindow,
    Notification: FakeNotification,
    ipcMain: {
      handle: vi.fn((channel: string, handler: Listener) => ipcHandlers.set(channel, handler)),
    },
    ipcRenderer: { invoke: vi.fn((channel: string, payload: unknown) => Promise.resolve({ channel, payload })) },
    contextBridge: { exposeInMainWorld: vi.fn((key: string, value: unknown) => exposed.set(key, value)) },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
    dialog: {
      showErrorBox: vi.fn(),
      /** Answers as a person would who accepts the suggested place; a test may change the answer. */
      showSaveDialog: vi.fn(async (_window: unknown, options?: { defaultPath?: string }) => ({ canceled: false, filePath: options?.defaultPath })),
      showOpenDialog: vi.fn(async (): Promise<{ canceled: boolean; filePaths: string[] }> => ({ canceled: true, filePaths: [] })),
    },
    // For assertions:
    ipcHandlers,
    exposed,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
