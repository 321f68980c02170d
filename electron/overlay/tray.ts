import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { Language } from '../../shared/settings/preferences';

/**
 * The tray icon: the app is there all day even with its window hidden. Its
 * menu starts a call, shows or hides the window, and quits; its tooltip
 * shows how long the current call has lasted.
 */
export interface TrayActions {
  startIncoming(): void;
  startOutgoing(): void;
  toggleWindow(): void;
  quit(): void;
}

interface ElectronTrayParts {
  Tray: new (image: NativeImage) => Tray;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): Menu };
}

export const TRAY_TITLE = 'Asystent Rozmów';

/** The tray's few words, in the language the clerk chose (the window's own strings live in the renderer). */
const LABELS: Record<Language, { incoming: string; outgoing: string; show: string; hide: string; quit: string; call: string }> = {
  pl: { incoming: 'Połączenie przychodzące', outgoing: 'Połączenie wychodzące', show: 'Pokaż okno', hide: 'Ukryj okno', quit: 'Zakończ program', call: 'rozmowa' },
  en: { incoming: 'Incoming call', outgoing: 'Outgoing call', show: 'Show window', hide: 'Hide window', quit: 'Quit', call: 'call' },
};

export function trayMenuTemplate(actions: TrayActions, windowVisible: boolean, language: Language): MenuItemConstructorOptions[] {
  const words = LABELS[language];
  return [
    { label: words.incoming, click: actions.startIncoming },
    { label: words.outgoing, click: actions.startOutgoing },
    { type: 'separator' },
    { label: windowVisible ? words.hide : words.show, click: actions.toggleWindow },
    { type: 'separator' },
    { label: words.quit, click: actions.quit },
  ];
}

/** "Asystent Rozmów — rozmowa 3:05", or the name alone between calls. */
export function trayTooltip(callStartedAt: number | null, now: number, language: Language = 'pl'): string {
  if (callStartedAt === null) return TRAY_TITLE;
  const seconds = Math.max(0, Math.floor((now - callStartedAt) / 1000));
  return `${TRAY_TITLE} — ${LABELS[language].call} ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export class AppTray {
  private readonly tray: Tray;
  private readonly menu: ElectronTrayParts['Menu'];
  private timer: ReturnType<typeof setInterval> | null = null;
  private language: Language = 'pl';
  private windowVisible = true;

  constructor(
    parts: ElectronTrayParts,
    icon: NativeImage,
    private readonly actions: TrayActions,
  ) {
    this.menu = parts.Menu;
    this.tray = new parts.Tray(icon);
    this.tray.setToolTip(TRAY_TITLE);
    this.tray.on('click', () => actions.toggleWindow());
    this.refreshMenu();
  }

  update(change: { language?: Language; windowVisible?: boolean }): void {
    this.language = change.language ?? this.language;
    this.windowVisible = change.windowVisible ?? this.windowVisible;
    this.refreshMenu();
  }

  private refreshMenu(): void {
    this.tray.setContextMenu(this.menu.buildFromTemplate(trayMenuTemplate(this.actions, this.windowVisible, this.language)));
  }

  /** Follows a call in the tooltip, second by second, until it ends (null). */
  followCall(startedAt: number | null): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.tray.setToolTip(trayTooltip(startedAt, Date.now(), this.language));
    if (startedAt === null) return;
    this.timer = setInterval(() => this.tray.setToolTip(trayTooltip(startedAt, Date.now(), this.language)), 1000);
    this.timer.unref?.();
  }

  destroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.tray.destroy();
  }
}
