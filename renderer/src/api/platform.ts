/** Whether the page runs in the desktop app (its preload gives `window.api`) rather than in a browser. */
export function isDesktop(): boolean {
  return typeof window !== 'undefined' && 'api' in window && window.api !== undefined;
}
