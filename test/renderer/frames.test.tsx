import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint, inNextFrame } from '../../renderer/src/call/frames';

/**
 * Work put off until the next frame (the draft's write among it) must still
 * happen when no frame comes: a browser draws none for a hidden tab or a
 * window hidden to the tray, where a global hotkey can still end the call.
 */
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
});

function framesNeverCome() {
  vi.stubGlobal('requestAnimationFrame', () => 1);
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
}

describe('work for the next frame', () => {
  it('runs in the frame when frames come, once', () => {
    vi.useFakeTimers();
    let frame: FrameRequestCallback | null = null;
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => ((frame = cb), 1));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    const run = vi.fn();
    inNextFrame(run);
    expect(run).not.toHaveBeenCalled();
    frame!(0);
    vi.advanceTimersByTime(1_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs anyway when a visible page draws no frame', () => {
    vi.useFakeTimers();
    framesNeverCome();
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    const run = vi.fn();
    afterNextPaint(run);
    vi.advanceTimersByTime(1_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs at once (after the current task) when the page is hidden', () => {
    vi.useFakeTimers();
    framesNeverCome();
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    const run = vi.fn();
    afterNextPaint(run);
    // Well before the wait for a frame would give up.
    vi.advanceTimersByTime(5);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('a cancel before the frame runs nothing', () => {
    vi.useFakeTimers();
    framesNeverCome();
    const run = vi.fn();
    const cancel = afterNextPaint(run);
    cancel();
    vi.advanceTimersByTime(1_000);
    expect(run).not.toHaveBeenCalled();
  });
});
