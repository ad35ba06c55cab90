import { describe, expect, it } from 'vitest'
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, placeWindow, type Rect } from './window-bounds'

const laptop: Rect = { x: 0, y: 25, width: 1440, height: 875 }
/** A second monitor to the right of the laptop, a little higher. */
const external: Rect = { x: 1440, y: -200, width: 2560, height: 1400 }
const saved = (bounds: Rect, maximized = false): { bounds: Rect; maximized: boolean } => ({
  bounds,
  maximized
})

describe('window placement', () => {
  it('uses the default size, centred, when nothing was saved', () => {
    expect(placeWindow(null, [laptop])).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false })
  })

  it('restores bounds that are still on a display', () => {
    const bounds = { x: 100, y: 120, width: 500, height: 700 }
    expect(placeWindow(saved(bounds), [laptop])).toEqual({ ...bounds, maximized: false })
    const onExternal = { x: 2000, y: -100, width: 600, height: 900 }
    expect(placeWindow(saved(onExternal, true), [laptop, external])).toEqual({
      ...onExternal,
      maximized: true
    })
  })

  it('falls back to the default when the display it was on is gone', () => {
    const onExternal = saved({ x: 2000, y: -100, width: 600, height: 900 }, true)
    expect(placeWindow(onExternal, [laptop])).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: true })
  })

  it('falls back when too little of the title bar would be reachable', () => {
    // Only 40 px of the title bar on the laptop: too little to grab.
    expect(placeWindow(saved({ x: -460, y: 100, width: 500, height: 600 }), [laptop])).toEqual({
      ...DEFAULT_WINDOW_SIZE,
      maximized: false
    })
    // The title bar above the top of every display (only the body shows).
    expect(placeWindow(saved({ x: 100, y: -300, width: 500, height: 600 }), [laptop])).toEqual({
      ...DEFAULT_WINDOW_SIZE,
      maximized: false
    })
  })

  it('moves a window that hangs over an edge fully onto its display', () => {
    expect(placeWindow(saved({ x: 1200, y: 700, width: 500, height: 700 }), [laptop])).toEqual({
      x: 1440 - 500,
      y: 25 + 875 - 700,
      width: 500,
      height: 700,
      maximized: false
    })
  })

  it('shrinks a window larger than its display (a smaller resolution since)', () => {
    expect(placeWindow(saved({ x: 10, y: 30, width: 3000, height: 2000 }), [laptop])).toEqual({
      x: 0,
      y: 25,
      width: 1440,
      height: 875,
      maximized: false
    })
  })

  it('picks the display under most of the title bar when it spans two', () => {
    const spanning = saved({ x: 1300, y: 100, width: 600, height: 500 })
    expect(placeWindow(spanning, [laptop, external])).toMatchObject({ x: 1440, y: 100 })
  })

  it('keeps at least the minimum size and ignores unusable numbers', () => {
    expect(placeWindow(saved({ x: 10, y: 30, width: 50, height: 60 }), [laptop])).toMatchObject({
      width: MIN_WINDOW_SIZE.width,
      height: MIN_WINDOW_SIZE.height
    })
    expect(placeWindow(saved({ x: Number.NaN, y: 0, width: 500, height: 500 }), [laptop])).toEqual({
      ...DEFAULT_WINDOW_SIZE,
      maximized: false
    })
    expect(placeWindow(saved({ x: 10, y: 30, width: 500, height: 500 }), [])).toEqual({
      ...DEFAULT_WINDOW_SIZE,
      maximized: false
    })
  })
})
