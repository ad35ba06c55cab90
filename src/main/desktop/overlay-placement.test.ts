import { describe, expect, it } from 'vitest'
import { OVERLAY_SIZE, overlayBounds } from './overlay-placement'

const laptop = { x: 0, y: 0, width: 1440, height: 860 }
const external = { x: 1440, y: 0, width: 2560, height: 1400 }

describe('overlayBounds', () => {
  it('puts the overlay at the bottom centre of the display with the pointer', () => {
    const bounds = overlayBounds(external, null)
    expect(bounds.x + bounds.width / 2).toBe(1440 + 1280)
    expect(bounds.y + bounds.height).toBeLessThan(1400)
    expect(bounds.y + bounds.height).toBeGreaterThan(1400 - 60)
  })

  it('uses the place the user dragged it to when that place is on this display', () => {
    const saved = { x: 100, y: 50, ...OVERLAY_SIZE }
    expect(overlayBounds(laptop, saved)).toEqual(saved)
  })

  it('ignores a remembered place on another (or an unplugged) display', () => {
    const saved = { x: 2000, y: 50, ...OVERLAY_SIZE }
    expect(overlayBounds(laptop, saved)).toEqual(overlayBounds(laptop, null))
  })
})
