// The size a screen look is scaled to: the captured frame's aspect ratio, at most `maxSidePx` on
// the long side (never enlarged), whole pixels, at least 1.
export function fitWithin(
  width: number,
  height: number,
  maxSidePx: number
): { width: number; height: number } {
  const scale = Math.min(1, maxSidePx / Math.max(width, height))
  return {
    width: Math.max(1, Math.min(maxSidePx, Math.round(width * scale))),
    height: Math.max(1, Math.min(maxSidePx, Math.round(height * scale)))
  }
}
