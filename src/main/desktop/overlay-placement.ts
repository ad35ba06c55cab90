// Where the overlay appears: bottom centre of the display the pointer is on, or where the user
// last dragged it on that display (remembered in overlay-state.json, see window-state-store.ts).
// Pure, so a position saved on a display that is gone, or off the current one, is tested.
import type { Rect } from './window-bounds'

export const OVERLAY_SIZE = { width: 460, height: 132 }
/** Gap between the pill and the bottom of the work area (the taskbar or Dock is outside it). */
const BOTTOM_MARGIN = 24

const inside = (bounds: Rect, area: Rect): boolean =>
  bounds.x >= area.x &&
  bounds.y >= area.y &&
  bounds.x + bounds.width <= area.x + area.width &&
  bounds.y + bounds.height <= area.y + area.height

/** `workArea`: the work area of the display with the pointer. `saved`: the last dragged place. */
export function overlayBounds(workArea: Rect, saved: Rect | null): Rect {
  const { width, height } = OVERLAY_SIZE
  if (saved) {
    const candidate = { x: Math.round(saved.x), y: Math.round(saved.y), width, height }
    if (inside(candidate, workArea)) return candidate
  }
  return {
    x: Math.round(workArea.x + (workArea.width - width) / 2),
    y: Math.round(workArea.y + workArea.height - height - BOTTOM_MARGIN),
    width,
    height
  }
}
