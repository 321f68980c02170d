import type { HotkeyAction, Preferences } from '../../shared/settings/preferences';
import type { HotkeyProblem } from '../services/app-services';
import { HOTKEY_ACTIONS } from '../../shared/settings/preferences';

/**
 * The global hotkeys: registered with the system, so they work while the
 * clerk is in another program. A combination the system refuses (another
 * program holds it) is reported, and the previous one stays registered.
 */
export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export class HotkeyRegistry {
  private readonly active = new Map<HotkeyAction, string>();
  /** What was registered before a suspension, to take back after it. */
  private held: Map<HotkeyAction, string> | null = null;

  constructor(
    private readonly shortcuts: GlobalShortcutLike,
    private readonly onAction: (action: HotkeyAction) => void,
  ) {}

  /**
   * Registers what changed from `previous` (everything at start); returns what
   * the system refused. Two steps, so actions can trade combinations: first
   * every changed action lets go of its old one, then each takes its new one.
   */
  apply(next: Preferences['hotkeys'], previous: Preferences['hotkeys'] | null): HotkeyProblem[] {
    const changed = HOTKEY_ACTIONS.filter((action) => !previous || this.active.get(action) !== next[action]);
    const old = new Map(changed.map((action) => [action, this.active.get(action) ?? null]));
    for (const action of changed) {
      const current = this.active.get(action);
      if (current) this.shortcuts.unregister(current);
      this.active.delete(action);
    }
    const refused = changed.filter((action) => !this.register(action, next[action]));
    // Refused: put the one that worked back, if there was one and nobody took it meanwhile.
    return refused.map((action) => {
      const fallback = old.get(action) ?? (previous ? previous[action] : null);
      const taken = [...this.active.values()].includes(fallback ?? '');
      const kept = fallback && fallback !== next[action] && !taken && this.register(action, fallback) ? fallback : null;
      return { action, refused: next[action], kept };
    });
  }

  /** Lets go of every combination for a while (the clerk is pressing a new one in settings), or takes the same ones back. */
  suspend(suspended: boolean): void {
    if (suspended) {
      if (this.held) return;
      this.held = new Map(this.active);
      this.unregisterAll();
    } else if (this.held) {
      for (const [action, accelerator] of this.held) this.register(action, accelerator);
      this.held = null;
    }
  }

  /** The accelerator each action answers to now. */
  registered(): Partial<Record<HotkeyAction, string>> {
    return Object.fromEntries(this.active);
  }

  unregisterAll(): void {
    for (const accelerator of this.active.values()) this.shortcuts.unregister(accelerator);
    this.active.clear();
  }

  private register(action: HotkeyAction, accelerator: string): boolean {
    let ok: boolean;
    try {
      ok = this.shortcuts.register(accelerator, () => this.onAction(action));
    } catch {
      ok = false; // an accelerator Electron cannot parse is as good as refused
    }
    if (ok) this.active.set(action, accelerator);
    return ok;
  }
}
