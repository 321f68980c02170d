import { useEffect, useState } from 'react';

/**
 * Work that must not sit between a key and the frame that answers it. The
 * greeting's frame is the one the clerk waits for; reading layout, moving
 * the focus or writing the draft in the key's own task would hold it back.
 */

/** Runs `run` in the next frame, before it is drawn (its style and layout are computed once, there). Returns a cancel. */
export function inNextFrame(run: () => void): () => void {
  // A test's DOM may have no frames: then as soon as the current task is done.
  if (typeof requestAnimationFrame !== 'function') {
    const timer = setTimeout(run, 0);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(run);
  return () => cancelAnimationFrame(frame);
}

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
