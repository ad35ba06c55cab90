// Where the two sides land on the recording's timeline, on a fake clock: bursts stay byte-exact,
// pauses become silence, late pieces still land at their time within the look-ahead window,
// overlaps never overwrite, long pauses are shortened, and memory stays bounded.
import { describe, expect, it } from 'vitest'
import { splitChannels } from '../../../../test/doubles/stereo-wav'
import { concatBytes } from '../../../shared/pcm'
import { LEFT, RIGHT, RecordingTimeline } from './timeline'

/** 1 ms of audio = 24 samples = 48 bytes. */
const pcm = (ms: number, value: number): Uint8Array => {
  const bytes = new Uint8Array(ms * 48)
  for (let i = 0; i < bytes.length; i += 2) bytes[i] = value
  return bytes
}
const silence = (ms: number): Uint8Array => new Uint8Array(ms * 48)
const join = (...parts: Uint8Array[]): Uint8Array => concatBytes(parts)

function timeline(options: { maxSilenceMs?: number } = {}): {
  clock: { ms: number }
  line: RecordingTimeline
  written: () => { left: Uint8Array; right: Uint8Array }
  blocks: Uint8Array[]
  /** The buffer behind each block as the timeline handed it over. */
  buffers: ArrayBufferLike[]
} {
  const clock = { ms: 1000 }
  const blocks: Uint8Array[] = []
  const buffers: ArrayBufferLike[] = []
  const line = new RecordingTimeline({
    now: () => clock.ms,
    // A copy, as the file holds it: the view is only valid during the call.
    write: (frames) => {
      buffers.push(frames.buffer)
      blocks.push(frames.slice())
    },
    ...options
  })
  return { clock, line, blocks, buffers, written: () => splitChannels(join(...blocks)) }
}

describe('RecordingTimeline', () => {
  it('keeps a burst of jittery chunks byte-exact and contiguous', () => {
    const { clock, line, written } = timeline()
    const chunks = [1, 2, 3, 4, 5].map((value) => pcm(20, value))
    // 20 ms chunks arriving 15–25 ms apart (IPC jitter) are still one run of samples.
    const arrivals = [20, 35, 60, 80, 105]
    for (const [i, chunk] of chunks.entries()) {
      clock.ms = 1000 + arrivals[i]!
      line.add(LEFT, [chunk])
    }
    line.finish()
    expect(written().left).toEqual(join(...chunks))
    expect(written().right).toEqual(silence(100))
  })

  it('keeps a burst contiguous when it arrives a little slower than real time', () => {
    const { clock, line, written } = timeline()
    const chunks = Array.from({ length: 100 }, (_, i) => pcm(20, i + 1))
    for (const [i, chunk] of chunks.entries()) {
      clock.ms = 1000 + (i + 1) * 26
      line.add(LEFT, [chunk])
    }
    line.finish()
    expect(written().left).toEqual(join(...chunks))
  })

  it('puts the answer after the question, with the silence between where it was', () => {
    const { clock, line, written } = timeline()
    clock.ms = 1020
    line.add(LEFT, [pcm(20, 1)])
    // 500 ms later the first 50 ms of the answer were played (one playback report).
    clock.ms = 1570
    line.add(RIGHT, [pcm(50, 9)])
    clock.ms = 1620
    line.add(RIGHT, [pcm(50, 8)])
    line.finish()
    const { left, right } = written()
    expect(left).toEqual(join(pcm(20, 1), silence(600)))
    expect(right).toEqual(join(silence(520), pcm(50, 9), pcm(50, 8)))
  })

  it('writes both sides at once where they overlap (a barge-in)', () => {
    const { clock, line, written } = timeline()
    for (let t = 50; t <= 300; t += 50) {
      clock.ms = 1000 + t
      line.add(RIGHT, [pcm(50, 7)])
      if (t > 150) line.add(LEFT, [pcm(50, 3)])
    }
    line.finish()
    const { left, right } = written()
    expect(right).toEqual(pcm(300, 7))
    expect(left).toEqual(join(silence(150), pcm(150, 3)))
  })

  it('places a piece that is known late at its time, within the look-ahead window', () => {
    const { clock, line, written } = timeline()
    clock.ms = 1100
    line.add(LEFT, [pcm(100, 1)])
    clock.ms = 1700
    line.add(LEFT, [pcm(100, 2)])
    // The page reports 400 ms played at 1.6 s: it started at 1.2 s, before the second chunk.
    clock.ms = 1800
    line.add(RIGHT, [pcm(400, 5)])
    line.finish()
    const { left, right } = written()
    expect(left.subarray(0, 100 * 48)).toEqual(pcm(100, 1))
    expect(left.subarray(600 * 48, 700 * 48)).toEqual(pcm(100, 2))
    expect(right).toEqual(join(silence(400), pcm(400, 5)))
  })

  it('never overwrites: a piece claiming an earlier start goes after the previous one', () => {
    const { clock, line, written } = timeline()
    clock.ms = 1300
    line.add(RIGHT, [pcm(300, 4)])
    // A second item reporting 300 ms played at once, though only 50 ms passed.
    clock.ms = 1350
    line.add(RIGHT, [pcm(300, 6)])
    line.finish()
    expect(written().right).toEqual(join(pcm(300, 4), pcm(300, 6)))
  })

  it('shortens a long pause to the cap, and writes nothing speculatively meanwhile', () => {
    const { clock, line, written, blocks } = timeline({ maxSilenceMs: 2000 })
    clock.ms = 1100
    line.add(LEFT, [pcm(100, 1)])
    clock.ms = 1000 + 60 * 60 * 1000 // an hour later
    const before = blocks.length
    line.add(LEFT, [pcm(100, 2)])
    expect(blocks.length - before).toBeLessThanOrEqual(1)
    line.finish()
    expect(written().left).toEqual(join(pcm(100, 1), silence(2000), pcm(100, 2)))
  })

  it('writes as it goes: only the look-ahead window and one block are held', () => {
    const { clock, line, blocks } = timeline()
    for (let t = 20; t <= 10_000; t += 20) {
      clock.ms = 1000 + t
      line.add(LEFT, [pcm(20, 1)])
      const writtenBytes = blocks.reduce((sum, block) => sum + block.byteLength, 0)
      // Frames older than 1 s (+ one 500 ms block) are on disk: what a kill -9 can lose.
      expect(t * 96 - writtenBytes).toBeLessThanOrEqual(1500 * 96)
    }
    expect(line.writtenFrames).toBeGreaterThanOrEqual(8500 * 24)
  })

  it('writes in blocks of at least 500 ms while the conversation goes on', () => {
    const { clock, line, blocks } = timeline()
    for (let t = 20; t <= 10_000; t += 20) {
      clock.ms = 1000 + t
      line.add(LEFT, [pcm(20, 1)])
      if (t % 100 === 0) line.add(RIGHT, [pcm(100, 2)])
    }
    // One write(2) per block: 100 ms blocks were 90 calls here, each ~7 µs of syscall.
    expect(blocks.length).toBeGreaterThan(0)
    for (const block of blocks) expect(block.byteLength).toBeGreaterThanOrEqual(500 * 96)
  })

  it('writes every block from one reused buffer, with zeros where a side was silent', () => {
    const { clock, line, blocks, buffers, written } = timeline()
    // 3 s of the user, then 3 s of the answer: the answer's blocks reuse the buffer that held
    // the user's audio, whose side is silent now.
    for (let t = 20; t <= 3000; t += 20) {
      clock.ms = 1000 + t
      line.add(LEFT, [pcm(20, 1)])
    }
    for (let t = 3050; t <= 6000; t += 50) {
      clock.ms = 1000 + t
      line.add(RIGHT, [pcm(50, 2)])
    }
    line.finish()
    expect(blocks.length).toBeGreaterThan(3)
    expect(new Set(buffers).size).toBe(1)
    const { left, right } = written()
    expect(left).toEqual(join(pcm(3000, 1), silence(3000)))
    expect(right).toEqual(join(silence(3000), pcm(3000, 2)))
  })

  it('ignores an empty piece', () => {
    const { line, blocks } = timeline()
    line.add(LEFT, [new Uint8Array(0)])
    line.finish()
    expect(blocks).toEqual([])
  })
})
