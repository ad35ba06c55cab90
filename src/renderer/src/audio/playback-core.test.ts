import { describe, expect, it } from 'vitest'
import { PlaybackCore } from './playback-core'
import { bytesAsPcm16, pcm16ToFloat } from '../../../shared/pcm'
import { framesToMs } from './playback-protocol'

const QUANTUM = 128
const SAMPLE_RATE = 24_000
const core = (reportIntervalMs = 50): PlaybackCore =>
  new PlaybackCore({ sampleRate: SAMPLE_RATE, reportIntervalMs })
const tone = (frames: number, value = 0.5): Float32Array => new Float32Array(frames).fill(value)
const quantum = (): Float32Array => new Float32Array(QUANTUM)
/** `frames` of audio arriving as a burst of four deltas at once, which plays at once. */
const enqueueBurst = (playback: PlaybackCore, itemId: string, frames: number): void => {
  for (let i = 0; i < 4; i++) playback.enqueue(itemId, tone(frames / 4))
}

describe('PlaybackCore accounting', () => {
  it('counts frames per item across item boundaries inside one quantum', () => {
    const playback = core()
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
    const playback = core(50) // 1200 frames
    enqueueBurst(playback, 'a', 24_000)
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
    const playback = core()
    enqueueBurst(playback, 'a', 10_000)
    for (let i = 0; i < 7; i++) playback.render(quantum())
    expect(playback.flush('a')).toEqual([{ itemId: 'a', playedFrames: 7 * QUANTUM }])
    expect(playback.bufferedFrames).toBe(0)
    expect(playback.state).toBe('idle')
    const out = quantum().fill(1)
    expect(playback.render(out).renderedFrames).toBe(0)
    expect(out.every((s) => s === 0)).toBe(true)
  })

  it('drops late deltas of a flushed item but plays the next item', () => {
    const playback = core()
    enqueueBurst(playback, 'a', 500)
    playback.render(quantum())
    playback.flush(null)
    expect(playback.enqueue('a', tone(500))).toBe(false)
    expect(playback.bufferedFrames).toBe(0)
    expect(playback.enqueue('b', tone(250))).toBe(true)
    expect(playback.enqueue('b', tone(250))).toBe(true)
    expect(playback.render(quantum()).renderedFrames).toBe(QUANTUM)
    expect(playback.playedFrames('a')).toBe(QUANTUM)
    expect(playback.playedFrames('b')).toBe(QUANTUM)
  })

  it('reports an item flushed before it played as 0 frames', () => {
    const playback = core()
    playback.enqueue('a', tone(100))
    playback.render(quantum())
    expect(playback.flush(null)).toEqual([{ itemId: 'a', playedFrames: 0 }])
  })

  it('reports every affected item, including a named one with no buffered audio', () => {
    const playback = core()
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

describe('PlaybackCore bad input: plays or drops as before, frame reports exact', () => {
  const renderAll = (playback: PlaybackCore, quanta: number): Float32Array[] =>
    Array.from({ length: quanta }, () => {
      const out = quantum()
      playback.render(out)
      return out
    })

  it('plays an odd-length delta without its trailing byte', () => {
    const playback = core()
    const samples = pcm16ToFloat(bytesAsPcm16(new Uint8Array(961).fill(0x10)))
    expect(samples.length).toBe(480)
    playback.enqueue('a', samples)
    playback.markDone('a')
    renderAll(playback, 5)
    expect(playback.playedFrames('a')).toBe(480)
    expect(playback.state).toBe('idle')
  })

  it('ignores a zero-length delta: same sound, same timing, same reports', () => {
    const run = (withEmpty: boolean): number[] => {
      const playback = core()
      const out: number[] = []
      for (let k = 0; k < 10; k++) {
        if (withEmpty) playback.enqueue('a', new Float32Array(0))
        playback.enqueue('a', tone(480))
        for (const q of renderAll(playback, k % 2 === 0 ? 4 : 3)) out.push(...q)
      }
      out.push(playback.playedFrames('a'))
      return out
    }
    expect(run(true)).toEqual(run(false))
    const playback = core()
    expect(playback.enqueue('a', new Float32Array(0))).toBe(true)
    expect(playback.state).toBe('idle')
  })

  it('drops deltas that arrive after their item was flushed, and stays silent', () => {
    const playback = core()
    enqueueBurst(playback, 'a', 1024)
    renderAll(playback, 2)
    expect(playback.flush('a')).toEqual([{ itemId: 'a', playedFrames: 256 }])
    for (let k = 0; k < 5; k++) expect(playback.enqueue('a', tone(480))).toBe(false)
    playback.markDone('a')
    expect(renderAll(playback, 10).every((q) => q.every((s) => s === 0))).toBe(true)
    expect(playback.playedFrames('a')).toBe(256)
    expect(playback.state).toBe('idle')
  })

  it('queues a delta of an item it never heard of behind the playing one, counted apart', () => {
    const playback = core()
    enqueueBurst(playback, 'a', 512)
    playback.markDone('a')
    playback.render(quantum())
    playback.markDone('unknown-done') // a done for an item never seen changes nothing
    playback.enqueue('stranger', tone(256))
    playback.markDone('stranger')
    renderAll(playback, 6)
    expect(playback.playedFrames('a')).toBe(512)
    expect(playback.playedFrames('stranger')).toBe(256)
    expect(playback.totalPlayedFrames).toBe(768)
  })

  it('reports 0 frames for an item interrupted before its first sample, and plays none of it', () => {
    const playback = core()
    playback.enqueue('a', tone(100)) // less than a quantum, not done: nothing plays yet
    const silent = renderAll(playback, 3)
    expect(silent.every((q) => q.every((s) => s === 0))).toBe(true)
    expect(playback.flush('a')).toEqual([{ itemId: 'a', playedFrames: 0 }])
    expect(playback.enqueue('a', tone(4800))).toBe(false)
    expect(renderAll(playback, 5).every((q) => q.every((s) => s === 0))).toBe(true)
    expect(playback.totalPlayedFrames).toBe(0)
  })
})
