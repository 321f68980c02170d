import { describe, expect, it, vi } from 'vitest';
import { HotkeyRegistry } from '../../electron/overlay/hotkeys';
import { EMPTY_WINDOW_STATE, placeWindow, rememberBounds } from '../../electron/overlay/placement';
import { createDesktopShell, OVERLAY_SIZE, TRANSPARENT_OPACITY } from '../../electron/overlay/shell';
import { AppTray, trayMenuTemplate, trayTooltip } from '../../electron/overlay/tray';
import { DEFAULT_PREFERENCES, DEFAULT_HOTKEYS } from '../../shared/settings/preferences';
import { FakeBrowserWindow, FakeGlobalShortcut, FakeTray } from '../helpers/fake-electron';

/** The overlay's parts against fakes that record what is asked of Electron. */
const primary = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const side = { id: 2, workArea: { x: 1920, y: 0, width: 1280, height: 984 } };
const size = OVERLAY_SIZE.expanded;

describe('where the window opens', () => {
  it('on a first start: the top-right corner of the primary display, fully visible', () => {
    expect(placeWindow(EMPTY_WINDOW_STATE, [primary], primary, size)).toEqual({ x: 1920 - 460 - 16, y: 16, width: 460, height: 760 });
  });

  it('where it was left on the display it was on, per display', () => {
    let state = rememberBounds(EMPTY_WINDOW_STATE, 1, { x: 100, y: 200, width: 400, height: 700 });
    state = rememberBounds(state, 2, { x: 2500, y: 100, width: 460, height: 760 });
    expect(placeWindow(state, [primary, side], primary, size)).toEqual({ x: 2500, y: 100, width: 460, height: 760 });
    state = rememberBounds(state, 1, { x: 100, y: 200, width: 400, height: 700 });
    expect(placeWindow(state, [primary, side], primary, size)).toEqual({ x: 100, y: 200, width: 400, height: 700 });
  });

  it('back on screen when its display is gone (a laptop off the docking station)', () => {
    const state = rememberBounds(EMPTY_WINDOW_STATE, 2, { x: 2500, y: 100, width: 460, height: 760 });
    expect(placeWindow(state, [primary], primary, size)).toEqual({ x: 1444, y: 16, width: 460, height: 760 });
  });

  it('back on screen when the remembered place hangs off it, and shrunk to a smaller screen', () => {
    const offTop = rememberBounds(EMPTY_WINDOW_STATE, 1, { x: 300, y: -300, width: 460, height: 760 });
    expect(placeWindow(offTop, [primary], primary, size).y).toBe(16);
    const small = { id: 1, workArea: { x: 0, y: 0, width: 1366, height: 728 } };
    const tall = rememberBounds(EMPTY_WINDOW_STATE, 1, { x: 900, y: 10, width: 460, height: 900 });
    expect(placeWindow(tall, [small], small, size)).toEqual({ x: 900, y: 0, width: 460, height: 728 });
  });
});

describe('global hotkeys', () => {
  it('registers every action, and a press runs it while another program has focus', () => {
    const shortcuts = new FakeGlobalShortcut();
    const onAction = vi.fn();
    const registry = new HotkeyRegistry(shortcuts, onAction);
    expect(registry.apply(DEFAULT_HOTKEYS, null)).toEqual([]);
    expect([...shortcuts.registered.keys()].sort()).toEqual(Object.values(DEFAULT_HOTKEYS).sort());
    shortcuts.press(DEFAULT_HOTKEYS.privacy);
    expect(onAction).toHaveBeenCalledWith('privacy');
  });

  it('a combination the system refuses is reported and the previous one kept', () => {
    const shortcuts = new FakeGlobalShortcut();
    const registry = new HotkeyRegistry(shortcuts, vi.fn());
    registry.apply(DEFAULT_HOTKEYS, null);
    shortcuts.taken.add('CommandOrControl+Alt+I');
    const next = { ...DEFAULT_HOTKEYS, startIncoming: 'CommandOrControl+Alt+I', endCall: 'CommandOrControl+Alt+K' };
    expect(registry.apply(next, DEFAULT_HOTKEYS)).toEqual([{ action: 'startIncoming', refused: 'CommandOrControl+Alt+I', kept: DEFAULT_HOTKEYS.startIncoming }]);
    expect(registry.registered()).toMatchObject({ startIncoming: DEFAULT_HOTKEYS.startIncoming, endCall: 'CommandOrControl+Alt+K' });
    expect(shortcuts.registered.has(DEFAULT_HOTKEYS.endCall)).toBe(false); // the old one let go
  });

  it('at start, a taken combination leaves that action without a hotkey, said so; the rest work', () => {
    const shortcuts = new FakeGlobalShortcut();
    shortcuts.taken.add(DEFAULT_HOTKEYS.toggleWindow);
    const registry = new HotkeyRegistry(shortcuts, vi.fn());
    expect(registry.apply(DEFAULT_HOTKEYS, null)).toEqual([{ action: 'toggleWindow', refused: DEFAULT_HOTKEYS.toggleWindow, kept: null }]);
    expect(Object.keys(registry.registered())).toHaveLength(4);
  });
});

describe('the tray', () => {
  const actions = { startIncoming: vi.fn(), startOutgoing: vi.fn(), toggleWindow: vi.fn(), quit: vi.fn() };
  const parts = { Tray: FakeTray as never, Menu: { buildFromTemplate: (template: unknown) => ({ template }) as never } };

  it('offers the calls, show or hide, and quit — in the chosen language', () => {
    expect(trayMenuTemplate(actions, true, 'pl').map((i) => i.label ?? '—')).toEqual(['Połączenie przychodzące', 'Połączenie wychodzące', '—', 'Ukryj okno', '—', 'Zakończ program']);
    expect(trayMenuTemplate(actions, false, 'en').map((i) => i.label ?? '—')).toEqual(['Incoming call', 'Outgoing call', '—', 'Show window', '—', 'Quit']);
    const tray = new AppTray(parts, {} as never, actions);
    const fake = FakeTray.created.at(-1)!;
    fake.menu.find((i) => i.label === 'Połączenie wychodzące')!.click!();
    expect(actions.startOutgoing).toHaveBeenCalled();
    fake.emit('click');
    expect(actions.toggleWindow).toHaveBeenCalled();
    tray.update({ windowVisible: false });
    expect(fake.menu.some((i) => i.label === 'Pokaż okno')).toBe(true);
  });

  it("shows the call's time in its tooltip, and only the name between calls", () => {
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      const tray = new AppTray(parts, {} as never, actions);
      const fake = FakeTray.created.at(-1)!;
      tray.followCall(1_000_000 - 65_000);
      expect(fake.tooltip).toBe('Asystent Rozmów — rozmowa 1:05');
      vi.advanceTimersByTime(2_000);
      expect(fake.tooltip).toBe('Asystent Rozmów — rozmowa 1:07');
      tray.followCall(null);
      expect(fake.tooltip).toBe('Asystent Rozmów');
      expect(trayTooltip(0, 3_600_000, 'en')).toBe('Asystent Rozmów — call 60:00');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('preferences applied to the desktop', () => {
  it('transparency, start at login (hidden if asked), the compact size, and the title-bar buttons', () => {
    const window = new FakeBrowserWindow({ width: 460, height: 760 });
    const app = { setLoginItemSettings: vi.fn() };
    const shell = createDesktopShell({ window: () => window as never, tray: () => null, hotkeys: new HotkeyRegistry(new FakeGlobalShortcut(), vi.fn()), app });
    const next = { ...DEFAULT_PREFERENCES, transparent: true, startAtLogin: true, startHidden: true, compact: true };
    expect(shell.apply(next, { ...DEFAULT_PREFERENCES, compact: false })).toEqual([]);
    expect(window.opacity).toBe(TRANSPARENT_OPACITY);
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, openAsHidden: true, args: ['--hidden'] });
    expect(window.getBounds()).toMatchObject(OVERLAY_SIZE.compact);
    shell.apply({ ...next, transparent: false, compact: false }, next);
    expect(window.opacity).toBe(1);
    expect(window.getBounds()).toMatchObject(OVERLAY_SIZE.expanded);
    window.shown = true;
    shell.windowControl('hide');
    expect(window.isVisible()).toBe(false);
    shell.windowControl('minimize');
    expect(window.isMinimized()).toBe(true);
  });
});

describe('global hotkeys, traded and suspended', () => {
  it('two actions can swap their combinations, and a chain of moves works', () => {
    const shortcuts = new FakeGlobalShortcut();
    const registry = new HotkeyRegistry(shortcuts, vi.fn());
    registry.apply(DEFAULT_HOTKEYS, null);
    const swapped = { ...DEFAULT_HOTKEYS, startIncoming: DEFAULT_HOTKEYS.startOutgoing, startOutgoing: DEFAULT_HOTKEYS.startIncoming };
    expect(registry.apply(swapped, DEFAULT_HOTKEYS)).toEqual([]);
    expect(registry.registered()).toMatchObject({ startIncoming: DEFAULT_HOTKEYS.startOutgoing, startOutgoing: DEFAULT_HOTKEYS.startIncoming });
    const chain = { ...swapped, toggleWindow: swapped.startIncoming, startIncoming: 'CommandOrControl+Alt+J' };
    expect(registry.apply(chain, swapped)).toEqual([]);
    expect(registry.registered()).toMatchObject({ toggleWindow: DEFAULT_HOTKEYS.startOutgoing, startIncoming: 'CommandOrControl+Alt+J' });
  });

  it('while a new combination is being pressed in settings, none is held; afterwards all are back', () => {
    const shortcuts = new FakeGlobalShortcut();
    const registry = new HotkeyRegistry(shortcuts, vi.fn());
    registry.apply(DEFAULT_HOTKEYS, null);
    registry.suspend(true);
    expect(shortcuts.registered.size).toBe(0);
    registry.suspend(false);
    expect(shortcuts.registered.size).toBe(5);
  });
});
