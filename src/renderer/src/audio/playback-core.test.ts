import { describe, expect, it } from 'vitest'
import { PlaybackCore } from './playback-core'
import { framesToMs } from './playback-protocol'

const QUANTUM = 128
const SAMPLE_RATE = 24_000
const core = (jitterTargetMs = 60, reportIntervalMs = 50): PlaybackCore =>
  new PlaybackCore({ sampleRate: SAMPLE_RATE, jitterTargetMs, reportIntervalMs })
const tone = (frames: number, value = 0.5): Float32Array => new Float32Array(frames).fill(value)
const quantum = (): Float32Array => new Float32Array(QUANTUM)

describe('PlaybackCore jitter buffer', () => {
  it('stays silent until the jitter target (60 ms = 1440 frames) is buffered', () => {
    const playback = core(60)
    playback.enqueue('a', tone(1400))
    const out = quantum()
    expect(playback.render(out).renderedFrames).toBe(0)
    expect(playback.state).toBe('buffering')
    expect(out.every((s) => s === 0)).toBe(true)
    playback.enqueue('a', tone(40))
    const result = playback.render(out)
    expect(result.renderedFrames).toBe(QUANTUM)
    expect(result.stateChanged).toBe(true)
    expect(playback.state).toBe('playing')
    expect(out.every((s) => s === 0.5)).toBe(true)
  })

  it('plays a short item below the target once its audio is done', () => {
    const playback = core(60)
    playback.enqueue('a', tone(200))
    expect(playback.render(quantum()).renderedFrames).toBe(0)
    playback.markDone('a')
    expect(playback.render(quantum()).renderedFrames).toBe(128)
    const out = quantum()
    const last = playback.render(out)
    expect(last.renderedFrames).toBe(72)
    expect(out.subarray(72).every((s) => s === 0)).toBe(true)
    expect(last.report).toEqual({ reason: 'drain', reports: [{ itemId: 'a', playedFrames: 200 }] })
    expect(playback.state).toBe('idle')
  })

  it('re-buffers after an underrun of an unfinished item, and reports the drain', () => {
    const playback = core(10) // 240 frames
    playback.enqueue('a', tone(256))
    playback.render(quantum())
    const drained = playback.render(quantum())
    expect(drained.report?.reason).toBe('drain')
    expect(playback.state).toBe('buffering')
    playback.enqueue('a', tone(100))
    expect(playback.render(quantum()).renderedFrames).toBe(0)
  })
})

describe('PlaybackCore accounting', () => {
  it('counts frames per item across item boundaries inside one quantum', () => {
    const playback = core(0)
    playback.enqueue('a', tone(100))
    playback.enqueue('b', tone(300))
    playback.render(quantum())
    expect(playback.playedFrames('a')).toBe(100)
    expect(playback.playedFrames('b')).toBe(28)
    playback.render(quantum())
    expect(playback.playedFrames('b')).toBe(156)
    expect(playback.totalPlayedFrames).toBe(256)
  })

  it('reports progress about every reportIntervalMs of played audio', () => {
    const playback = core(0, 50) // 1200 frames
    playback.enqueue('a', tone(24_000))
    const ticks: number[] = []
    for (let i = 0; i < 30; i++) {
      const result = playback.render(quantum())
      if (result.report) ticks.push(result.report.reports[0]?.playedFrames ?? -1)
    }
    // 1200 frames need 10 quanta (1280); then again 10 quanta later.
    expect(ticks).toEqual([1280, 2560, 3840])
    expect(framesToMs(1280)).toBeCloseTo(53.333, 3)
  })
})

describe('PlaybackCore flush', () => {
  it('empties the buffer at once and returns the exact final played frames', () => {
    const playback = core(0)
    playback.enqueue('a', tone(10_000))
    for (let i = 0; i < 7; i++) playback.render(quantum())
    expect(playback.flush('a')).toEqual([{ itemId: 'a', playedFrames: 7 * QUANTUM }])
    expect(playback.bufferedFrames).toBe(0)
    expect(playback.state).toBe('idle')
    const out = quantum().fill(1)
    expect(playback.render(out).renderedFrames).toBe(0)
    expect(out.every((s) => s === 0)).toBe(true)
  })

  it('drops late deltas of a flushed item but plays the next item', () => {
    const playback = core(0)
    playback.enqueue('a', tone(500))
    playback.render(quantum())
    playback.flush(null)
    expect(playback.enqueue('a', tone(500))).toBe(false)
    expect(playback.bufferedFrames).toBe(0)
    expect(playback.enqueue('b', tone(500))).toBe(true)
    expect(playback.render(quantum()).renderedFrames).toBe(QUANTUM)
    expect(playback.playedFrames('a')).toBe(QUANTUM)
    expect(playback.playedFrames('b')).toBe(QUANTUM)
  })

  it('reports an item flushed before it played as 0 frames', () => {
    const playback = core(60)
    playback.enqueue('a', tone(100))
    playback.render(quantum())
    expect(playback.flush(null)).toEqual([{ itemId: 'a', playedFrames: 0 }])
  })

  it('reports every affected item, including a named one with no buffered audio', () => {
    const playback = core(0)
    playback.enqueue('a', tone(64))
    playback.enqueue('b', tone(64))
    playback.render(quantum())
    playback.enqueue('c', tone(64))
    expect(playback.flush('x')).toEqual([
      { itemId: 'c', playedFrames: 0 },
      { itemId: 'x', playedFrames: 0 }
    ])
  })
})
