// Adaptive playout on an output device whose period is not a whole number of render quanta
// (playout-sim.fixture.ts, simulateOutput): what a tap after the worklet sees, in wall-clock time.
import { describe, expect, it } from 'vitest'
import { outputCallbackFrames } from './playback-protocol'
import {
  PlayoutPolicy,
  RENDER_QUANTUM_FRAMES as Q,
  startQuantaWithinOneCallback
} from './playout-policy'
import {
  framesOfMs,
  jitter,
  reply,
  SAMPLE_RATE,
  simulateOutput,
  type Delta
} from './playout-sim.fixture'

/** 10 ms at 24 kHz: Chromium's output callback on the bench's VM (AudioContext.baseLatency). */
const CALLBACK_FRAMES = 240
const CALLBACK_MS = 10

/** Replies about 1.5 s apart, each starting at its own phase of the output's callbacks. */
const replies = (makeOne: (itemId: string, startMs: number) => Delta[], count: number): Delta[] =>
  Array.from({ length: count }, (_, i) => makeOne(`item_${i}`, 500 + i * 1503.7)).flat()

describe('adaptive playout on a 10 ms output (240-frame callbacks)', () => {
  it('sounds by the callback after the one that took the first chunk, whatever the jitter learned', () => {
    // A third quantum of margin ends in the third callback in one start of four there: with
    // 4–10 ms of jitter learned, that was 20–26 ms after the first chunk.
    for (const maxJitterMs of [0, 4, 10]) {
      const { items, sent, played } = simulateOutput(
        replies(
          (id, at) => reply(id, at, 40, 20, 20, jitter(maxJitterMs, Number(id.slice(5)) + 3)),
          20
        ),
        CALLBACK_FRAMES
      )
      const outcomes = [...items.values()]
      // Waiting for the next callback (under one period), then one more callback at most.
      for (const item of outcomes) expect(item.firstSoundMs).toBeLessThan(2 * CALLBACK_MS)
      // Jitter beyond the start margin costs a reply one gap, resumed with the margin learned.
      for (const item of outcomes) expect(item.gaps).toBeLessThanOrEqual(1)
      if (maxJitterMs === 0) for (const item of outcomes.slice(1)) expect(item.gaps).toBe(0)
      expect(played).toEqual(sent)
    }
  })

  it('caps the start at the quanta two callbacks surely render, less the one the chunk came at', () => {
    expect(startQuantaWithinOneCallback(240)).toBe(2)
    // Chromium reports 241 frames for its 10 ms callback at 24 kHz.
    expect(startQuantaWithinOneCallback(241)).toBe(2)
    expect(startQuantaWithinOneCallback(192)).toBe(2)
    expect(startQuantaWithinOneCallback(256)).toBe(3)
    expect(startQuantaWithinOneCallback(128)).toBe(Infinity)
    expect(startQuantaWithinOneCallback(undefined)).toBe(Infinity)
    // From AudioContext.baseLatency on the bench's VM; 0 where a context reports none.
    expect(outputCallbackFrames(0.010041666666666667, SAMPLE_RATE)).toBe(241)
    expect(outputCallbackFrames(0, SAMPLE_RATE)).toBeUndefined()

    const learnLateStart = (callbackFrames?: number): number => {
      const policy = new PlayoutPolicy({
        sampleRate: SAMPLE_RATE,
        ...(callbackFrames !== undefined ? { outputCallbackFrames: callbackFrames } : {})
      })
      const chunk = framesOfMs(20)
      for (let i = 0; i < 8; i++)
        for (let k = 0; k < 30; k++)
          policy.onArrival(
            `item_${i}`,
            chunk,
            framesOfMs(2000 * i) + k * chunk + framesOfMs(k % 3 === 1 ? 45 : 0)
          )
      policy.onArrival('next', chunk, framesOfMs(20_000))
      return policy.marginFrames
    }
    expect(learnLateStart()).toBe(3 * Q)
    expect(learnLateStart(256)).toBe(3 * Q)
    expect(learnLateStart(240)).toBe(2 * Q)
  })
})
