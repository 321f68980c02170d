import type { HotkeyAction, Preferences } from '../../shared/preferences';
import type { HotkeyProblem } from '../services/app-services';
import { HOTKEY_ACTIONS } from '../../shared/preferences';

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

  constructor(
    private readonly shortcuts: GlobalShortcutLike,
    private readonly onAction: (action: HotkeyAction) => void,
  ) {}

  /** Registers what changed from `previous` (everything at start); returns what the system refused. */
  apply(next: Preferences['hotkeys'], previous: Preferences['hotkeys'] | null): HotkeyProblem[] {
    const problems: HotkeyProblem[] = [];
    for (const action of HOTKEY_ACTIONS) {
      const wanted = next[action];
      const current = this.active.get(action) ?? null;
      if (current === wanted && previous) continue;
      if (current) this.shortcuts.unregister(current);
      this.active.delete(action);
      if (this.register(action, wanted)) continue;
      // Refused: put the one that worked back, if there was one.
      const fallback = current ?? (previous ? previous[action] : null);
      const kept = fallback && fallback !== wanted && this.register(action, fallback) ? fallback : null;
      problems.push({ action, refused: wanted, kept });
    }
    return problems;
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
    let ok = false;
    try {
      ok = this.shortcuts.register(accelerator, () => this.onAction(action));
    } catch {
      ok = false; // an accelerator Electron cannot parse is as good as refused
    }
    if (ok) this.active.set(action, accelerator);
    return ok;
  }
}
