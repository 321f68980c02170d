import { describe, expect, it } from 'vitest';
import { acceleratorProblem, canonicalAccelerator, DEFAULT_HOTKEYS, PreferencesSchema } from '../../shared/settings/preferences';

describe('hotkey combinations', () => {
  it('one spelling per combination, whatever the order and the names of the modifiers', () => {
    expect(canonicalAccelerator('Alt+CommandOrControl+P')).toBe(canonicalAccelerator('CommandOrControl+Alt+P'));
    expect(canonicalAccelerator('Ctrl+Option+P')).toBe(canonicalAccelerator('Control+Alt+P'));
    expect(canonicalAccelerator('Ctrl+Alt+P')).not.toBe(canonicalAccelerator('Ctrl+Shift+P'));
  });

  it('the same combination for two actions is refused, however it is written', () => {
    const result = PreferencesSchema.safeParse({ hotkeys: { ...DEFAULT_HOTKEYS, endCall: 'Alt+CommandOrControl+P' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['hotkeys.endCall', 'duplicate']]);
  });

  it('a bare key, an unknown key or nothing is not a global hotkey', () => {
    expect(acceleratorProblem('P')).toBe('no-modifier');
    expect(acceleratorProblem('Ctrl+Alt+Ä')).toBe('bad-key');
    expect(acceleratorProblem('')).toBe('empty');
    expect(acceleratorProblem('Ctrl+Alt+F12')).toBeNull();
  });
});
