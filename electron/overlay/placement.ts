/**
 * Where the overlay opens: where it was last on the display it was on, or —
 * when that display is gone (a laptop off its docking station) or the
 * remembered place no longer fits on it — in the top-right corner of the
 * primary display's work area, fully visible. No `electron` import: the
 * rules are tested with plain rectangles.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayArea {
  id: number;
  workArea: Rect;
}

export interface WindowState {
  /** The last bounds on each display, by display id. */
  byDisplay: Record<string, Rect>;
  /** The display the window was on when it was last moved. */
  lastDisplay: number | null;
}

export const EMPTY_WINDOW_STATE: WindowState = { byDisplay: {}, lastDisplay: null };

/** How much of the window must lie on a display for it to count as reachable there: its title strip, at least. */
const MIN_VISIBLE = { width: 120, height: 40 };
const MARGIN = 16;

export function placeWindow(state: WindowState, displays: DisplayArea[], primary: DisplayArea, size: { width: number; height: number }): Rect {
  const last = state.lastDisplay === null ? undefined : displays.find((d) => d.id === state.lastDisplay);
  const saved = last ? state.byDisplay[String(last.id)] : undefined;
  if (last && saved && reachable(saved, last.workArea)) return clampSize(saved, last.workArea);
  const area = primary.workArea;
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return { x: area.x + area.width - width - MARGIN, y: area.y + MARGIN, width, height };
}

/** The state after the window came to rest at `bounds` on `display`. */
export function rememberBounds(state: WindowState, display: number, bounds: Rect): WindowState {
  return { byDisplay: { ...state.byDisplay, [String(display)]: bounds }, lastDisplay: display };
}

function reachable(rect: Rect, area: Rect): boolean {
  const overlapX = Math.min(rect.x + rect.width, area.x + area.width) - Math.max(rect.x, area.x);
  const overlapY = Math.min(rect.y + rect.height, area.y + area.height) - Math.max(rect.y, area.y);
  // The top strip (where the window is dragged from) must be on the display.
  return overlapX >= MIN_VISIBLE.width && overlapY >= MIN_VISIBLE.height && rect.y >= area.y && rect.y < area.y + area.height - MIN_VISIBLE.height;
}

/** A window bigger than the display (a smaller screen now) is shrunk to fit, keeping its corner. */
function clampSize(rect: Rect, area: Rect): Rect {
  const width = Math.min(rect.width, area.width);
  const height = Math.min(rect.height, area.height);
  return { x: Math.min(Math.max(rect.x, area.x), area.x + area.width - width), y: Math.min(Math.max(rect.y, area.y), area.y + area.height - height), width, height };
}
