import { describe, expect, it } from 'vitest'
import { decideTruncation } from './truncation'

describe('decideTruncation', () => {
  it('sends no truncate when the renderer reported nothing for the item', () => {
    expect(
      decideTruncation({ playedMs: undefined, generatedMs: 800, generationDone: false })
    ).toEqual({ truncate: false, reason: 'nothing_played' })
  })

  it('sends no truncate when nothing was played yet', () => {
    expect(decideTruncation({ playedMs: 0, generatedMs: 800, generationDone: false })).toEqual({
      truncate: false,
      reason: 'nothing_played'
    })
    expect(decideTruncation({ playedMs: 0.4, generatedMs: 800, generationDone: true })).toEqual({
      truncate: false,
      reason: 'nothing_played'
    })
  })

  it('truncates at the floored played position while audio is still being generated', () => {
    expect(decideTruncation({ playedMs: 412.9, generatedMs: 800, generationDone: false })).toEqual({
      truncate: true,
      audioEndMs: 412
    })
  })

  it('truncates at the played position when generation is done but playback is not', () => {
    expect(decideTruncation({ playedMs: 1500, generatedMs: 3000, generationDone: true })).toEqual({
      truncate: true,
      audioEndMs: 1500
    })
  })

  it('never truncates past the audio generated so far', () => {
    expect(decideTruncation({ playedMs: 950, generatedMs: 700.5, generationDone: false })).toEqual({
      truncate: true,
      audioEndMs: 700
    })
  })

  it('sends no truncate when the whole item was heard', () => {
    expect(decideTruncation({ playedMs: 3000, generatedMs: 3000, generationDone: true })).toEqual({
      truncate: false,
      reason: 'fully_heard'
    })
    expect(decideTruncation({ playedMs: 3100, generatedMs: 3000, generationDone: true })).toEqual({
      truncate: false,
      reason: 'fully_heard'
    })
  })

  it('ignores reports that are not positive numbers', () => {
    expect(
      decideTruncation({ playedMs: Number.NaN, generatedMs: 800, generationDone: false })
    ).toEqual({ truncate: false, reason: 'nothing_played' })
    expect(decideTruncation({ playedMs: -5, generatedMs: 800, generationDone: false })).toEqual({
      truncate: false,
      reason: 'nothing_played'
    })
  })
})
