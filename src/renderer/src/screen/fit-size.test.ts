import { describe, expect, it } from 'vitest'
import { fitWithin } from './fit-size'

describe('screen look size', () => {
  it.each([
    [3840, 2160, 1280, 720],
    [2560, 1600, 1280, 800],
    [1440, 2560, 720, 1280],
    [1280, 720, 1280, 720],
    [800, 600, 800, 600],
    [5120, 1440, 1280, 360],
    [3001, 1999, 1280, 853]
  ])('%i × %i → %i × %i', (width, height, fittedWidth, fittedHeight) => {
    expect(fitWithin(width, height, 1280)).toEqual({ width: fittedWidth, height: fittedHeight })
  })

  it('never goes to zero on a very thin screen', () => {
    expect(fitWithin(100_000, 10, 1280)).toEqual({ width: 1280, height: 1 })
  })
})
