import { useEffect, useState } from 'react';

/**
 * Work that must not sit between a key and the frame that answers it. The
 * greeting's frame is the one the clerk waits for; reading layout, moving
 * the focus or writing the draft in the key's own task would hold it back.
 */

/**
 * Runs `run` in the next frame, before it is drawn (its style and layout are
 * computed once, there). Returns a cancel. A page that draws no frames — a
 * hidden tab, a window minimised or hidden to the tray, where the browser
 * pauses frames — runs it soon anyway: a call ended by a global hotkey while
 * the window is hidden must still reach the draft on disk.
 */
export function inNextFrame(run: () => void): () => void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    if (frame !== undefined) cancelAnimationFrame(frame);
    run();
  };
  // A test's DOM may have no frames; a hidden page has none coming: then as soon as the current task is done.
  const framesComing = typeof requestAnimationFrame === 'function' && !(typeof document !== 'undefined' && document.hidden);
  const fallback = setTimeout(once, framesComing ? FRAME_WAIT_MS : 0);
  const frame = framesComing ? requestAnimationFrame(once) : undefined;
  return () => {
    done = true;
    clearTimeout(fallback);
    if (frame !== undefined) cancelAnimationFrame(frame);
  };
}

/** The longest a frame is waited for: a visible page draws one every 16 ms; one that does not is not drawing. */
const FRAME_WAIT_MS = 100;

/** Runs `run` once the next frame is drawn: for work the screen does not wait for. Returns a cancel. */
export function afterNextPaint(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancelFrame = inNextFrame(() => {
    timer = setTimeout(run, 0);
  });
  return () => {
    cancelFrame();
    clearTimeout(timer);
  };
}

/**
 * True while `on`, and until the frame after it turned off is drawn: for a
 * screen that leaves the page once what replaces it is on the screen, not in
 * the task that replaces it.
 */
export function useKeptUntilPainted(on: boolean): boolean {
  const [kept, setKept] = useState(on);
  if (on && !kept) setKept(true);
  useEffect(() => {
    if (on || !kept) return;
    return afterNextPaint(() => setKept(false));
  }, [on, kept]);
  return on || kept;
}
