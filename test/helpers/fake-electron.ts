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
  /** Messages sent to the page (main → renderer). */
  readonly sent: [string, unknown][] = [];
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  /** What the page was printed with; the "PDF" is a few recognisable bytes. */
  printOptions: unknown = null;
  printToPDF = vi.fn(async (options: unknown) => {
    this.printOptions = options;
    return new TextEncoder().encode('%PDF-1.7 raport');
  });
  /** The developer tools: a test opens them with openDevTools(), as a person pressing the keys would. */
  devToolsOpen = false;
  openDevTools() {
    this.devToolsOpen = true;
    this.emit('devtools-opened');
  }
  closeDevTools = vi.fn(() => {
    this.devToolsOpen = false;
  });
  isDevToolsOpened() {
    return this.devToolsOpen;
  }
}

/** A navigation as Electron reports it to will-frame-navigate: the details are the event. */
export function frameNavigation(url: string, isMainFrame: boolean) {
  return { url, isMainFrame, isSameDocument: false, frame: null, preventDefault: vi.fn() };
}

export class FakeBrowserWindow extends FakeEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  shown = false;
  minimized = false;
  alwaysOnTopLevel: string | null = null;
  contentProtection = false;
  opacity = 1;
  destroyed = false;
  bounds: { x: number; y: number; width: number; height: number };
  isDestroyed(): boolean {
    return this.destroyed;
  }
  constructor(readonly options: Record<string, unknown>) {
    super();
    this.bounds = { x: Number(options.x ?? 0), y: Number(options.y ?? 0), width: Number(options.width ?? 800), height: Number(options.height ?? 600) };
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {
    this.shown = true;
    this.minimized = false;
    this.emit('show');
  }
  hide() {
    this.shown = false;
    this.emit('hide');
  }
  isVisible() {
    return this.shown;
  }
  minimize() {
    this.minimized = true;
  }
  focus() {}
  restore() {
    this.minimized = false;
  }
  isMinimized() {
    return this.minimized;
  }
  setAlwaysOnTop(flag: boolean, level?: string) {
    this.alwaysOnTopLevel = flag ? (level ?? 'floating') : null;
  }
  setContentProtection(flag: boolean) {
    this.contentProtection = flag;
  }
  setOpacity(value: number) {
    this.opacity = value;
  }
  setSize(width: number, height: number) {
    this.bounds = { ...this.bounds, width, height };
  }
  getBounds() {
    return { ...this.bounds };
  }
  setBounds(bounds: { x: number; y: number; width: number; height: number }) {
    this.bounds = { ...bounds };
    this.emit('moved');
  }
}

/** A tray that records its tooltip, its menu and its clicks. */
export class FakeTray extends FakeEmitter {
  static created: FakeTray[] = [];
  tooltip = '';
  menu: { label?: string; type?: string; click?: () => void }[] = [];
  destroyed = false;
  constructor(readonly icon: unknown) {
    super();
    FakeTray.created.push(this);
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: { template: FakeTray['menu'] }) {
    this.menu = menu.template;
  }
  destroy() {
    this.destroyed = true;
  }
}

/** The system's global shortcuts: combinations in `taken` belong to another program and are refused. */
export class FakeGlobalShortcut {
  readonly registered = new Map<string, () => void>();
  readonly taken = new Set<string>();
  register = vi.fn((accelerator: string, callback: () => void) => {
    if (this.taken.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  });
  unregister = vi.fn((accelerator: string) => void this.registered.delete(accelerator));
  unregisterAll = vi.fn(() => this.registered.clear());
  /** As if the person pressed the combination while another program had focus. */
  press(accelerator: string) {
    this.registered.get(accelerator)?.();
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
  const ipcListeners = new Map<string, Listener[]>();
  const exposed = new Map<string, unknown>();
  const paths = new Map<string, string>();
  // Like Electron: schemes are made privileged before `ready` only, protocols handled after it only.
  let ready = false;
  const app = Object.assign(new FakeEmitter(), {
    isPackaged: false,
    isReady: () => ready,
    setPath: vi.fn((name: string, value: string) => paths.set(name, value)),
    setLoginItemSettings: vi.fn(),
    getPath: vi.fn((name: string) => paths.get(name) ?? `/nonexistent/${name}`),
    getAppPath: vi.fn(() => process.cwd()),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => Promise.resolve().then(() => void (ready = true))),
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
  /** Custom schemes: the privileges asked for before `ready`, and each scheme's request handler. */
  const protocolHandlers = new Map<string, (request: { url: string; method: string }) => Promise<Response>>();
  const protocol = {
    registerSchemesAsPrivileged: vi.fn((schemes: { scheme: string; privileges?: Record<string, boolean> }[]) => {
      if (ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
      return schemes;
    }),
    handle: vi.fn((scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) => {
      if (!ready) throw new Error('protocol.handle can only be used after app is ready');
      if (protocolHandlers.has(scheme)) throw new Error(`The scheme has been registered: ${scheme}`);
      protocolHandlers.set(scheme, handler);
    }),
    handlers: protocolHandlers,
  };
  /** The application menu: undefined until the app sets one (Electron's default then applies), null for none. */
  const menu = {
    applicationMenu: undefined as unknown,
    buildFromTemplate: (template: FakeTray['menu']) => ({ template }),
    setApplicationMenu: vi.fn((value: unknown) => void (menu.applicationMenu = value)),
  };
  return {
    app,
    session,
    protocol,
    BrowserWindow: FakeBrowserWindow,
    Notification: FakeNotification,
    Tray: FakeTray,
    Menu: menu,
    nativeImage: { createFromPath: vi.fn((path: string) => ({ path })) },
    globalShortcut: new FakeGlobalShortcut(),
    powerMonitor: new FakeEmitter(),
    /** One display of 1920×1080 with a taskbar at the bottom, unless a test says otherwise. */
    screen: {
      displays: [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
      getAllDisplays() {
        return this.displays;
      },
      getPrimaryDisplay() {
        return this.displays[0]!;
      },
      getDisplayMatching() {
        return this.displays[0]!;
      },
    },
    // Every way of listening on ipcMain is recorded, so a test can enumerate
    // all channels the app answers, whichever method registered them.
    ipcMain: {
      handle: vi.fn((channel: string, handler: Listener) => ipcHandlers.set(channel, handler)),
      handleOnce: vi.fn((channel: string, handler: Listener) => ipcHandlers.set(channel, handler)),
      on: vi.fn((channel: string, listener: Listener) => void ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), listener])),
      once: vi.fn((channel: string, listener: Listener) => void ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), listener])),
      addListener: vi.fn((channel: string, listener: Listener) => void ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), listener])),
    },
    ipcRenderer: {
      invoke: vi.fn((channel: string, payload: unknown) => Promise.resolve({ channel, payload })),
      on: vi.fn<(channel: string, listener: (event: unknown, ...args: unknown[]) => void) => void>(),
    },
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
    ipcListeners,
    exposed,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/**
 * What every window's webPreferences must say, written out here rather than
 * taken from electron/security.ts, so a change there has to be made twice.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
} as const;
