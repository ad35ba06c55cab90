// Where the window reopens: where the user left it, if that place is still on a connected display.
// A monitor unplugged since, a changed resolution or a hand-edited file must never put the window
// off screen, so saved bounds are checked against the displays' work areas and clamped, or dropped.
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface SavedWindow {
  bounds: Rect
  maximized: boolean
}

export interface WindowPlacement {
  /** Absent x/y: let the system centre the window. */
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

export const DEFAULT_WINDOW_SIZE = { width: 420, height: 640 }
export const MIN_WINDOW_SIZE = { width: 320, height: 400 }
/** How much of the title bar must be on a display for the user to be able to grab it. */
const GRAB_WIDTH = 80
const TITLE_BAR_HEIGHT = 32

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  }
}

const clamp = (value: number, min: number, max: number): number =>
  Math.min(Math.max(value, min), max)

/** The display under most of the window's title bar, if enough of it is visible to grab. */
function displayHolding(bounds: Rect, workAreas: readonly Rect[]): Rect | null {
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: TITLE_BAR_HEIGHT }
  let best: Rect | null = null
  let bestWidth = 0
  for (const area of workAreas) {
    const seen = overlap(titleBar, area)
    if (
      seen.height > 0 &&
      seen.width >= Math.min(GRAB_WIDTH, bounds.width) &&
      seen.width > bestWidth
    ) {
      best = area
      bestWidth = seen.width
    }
  }
  return best
}

function isUsable(bounds: Rect): boolean {
  return (
    [bounds.x, bounds.y, bounds.width, bounds.height].every(Number.isFinite) &&
    bounds.width > 0 &&
    bounds.height > 0
  )
}

/**
 * The placement for a new window from what was saved and the displays connected now. With no
 * usable saved bounds, the default size and no position (centred); on a display, the size is
 * clamped to its work area and the window moved fully inside it.
 */
export function placeWindow(
  saved: SavedWindow | null,
  workAreas: readonly Rect[]
): WindowPlacement {
  const fallback: WindowPlacement = { ...DEFAULT_WINDOW_SIZE, maximized: saved?.maximized ?? false }
  if (!saved || !isUsable(saved.bounds)) return fallback
  const area = displayHolding(saved.bounds, workAreas)
  if (!area) return fallback
  const width = clamp(Math.round(saved.bounds.width), MIN_WINDOW_SIZE.width, area.width)
  const height = clamp(Math.round(saved.bounds.height), MIN_WINDOW_SIZE.height, area.height)
  return {
    x: clamp(Math.round(saved.bounds.x), area.x, area.x + area.width - width),
    y: clamp(Math.round(saved.bounds.y), area.y, area.y + area.height - height),
    width,
    height,
    maximized: saved.maximized
  }
}
