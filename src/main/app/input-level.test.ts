import { describe, expect, it } from 'vitest'
import { createInputLevelMeter } from './input-level'

/** 20 ms of a constant PCM16 value (480 samples). */
const chunk = (value: number): Uint8Array => new Uint8Array(new Int16Array(480).fill(value).buffer)

describe('createInputLevelMeter', () => {
  it('reports the level once per 100 ms of audio, as the RMS of those samples', () => {
    const levels: number[] = []
    const meter = createInputLevelMeter((rms) => levels.push(rms))
    for (let i = 0; i < 4; i++) meter.onChunk(chunk(16384))
    expect(levels).toEqual([])
    meter.onChunk(chunk(16384))
    expect(levels).toEqual([0.5])
    for (let i = 0; i < 5; i++) meter.onChunk(chunk(0))
    expect(levels).toEqual([0.5, 0])
  })
})
