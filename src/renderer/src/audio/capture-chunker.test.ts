import { describe, expect, it } from 'vitest'
import { CaptureChunker } from './capture-chunker'

const CHUNK_SAMPLES = 480
const LEVEL_WINDOW_SAMPLES = 1200
const QUANTUM = 128

function harness(): { chunker: CaptureChunker; chunks: Int16Array[]; levels: number[] } {
  const chunks: Int16Array[] = []
  const levels: number[] = []
  const chunker = new CaptureChunker({
    chunkSamples: CHUNK_SAMPLES,
    levelWindowSamples: LEVEL_WINDOW_SAMPLES,
    onChunk: (buffer) => chunks.push(new Int16Array(buffer)),
    onLevel: (rms) => levels.push(rms)
  })
  return { chunker, chunks, levels }
}

/** Feed `total` samples in render quanta; sample i is value(i). */
function feed(chunker: CaptureChunker, total: number, value: (i: number) => number): void {
  for (let start = 0; start < total; start += QUANTUM) {
    const quantum = new Float32Array(Math.min(QUANTUM, total - start))
    for (let j = 0; j < quantum.length; j++) quantum[j] = value(start + j)
    chunker.push(quantum)
  }
}

describe('CaptureChunker', () => {
  it('sends nothing while not talking', () => {
    const { chunker, chunks } = harness()
    feed(chunker, 4800, () => 0.5)
    chunker.stopTalking()
    expect(chunks).toHaveLength(0)
  })

  it('cuts 480-sample chunks across render-quantum boundaries, in order', () => {
    const { chunker, chunks } = harness()
    chunker.startTalking()
    // 15 quanta = 1920 samples = exactly 4 chunks; the ramp shows no sample is lost or repeated.
    feed(chunker, 1920, (i) => i / 0x8000)
    expect(chunks.map((chunk) => chunk.length)).toEqual([480, 480, 480, 480])
    const all = chunks.flatMap((chunk) => Array.from(chunk))
    expect(all).toEqual(Array.from({ length: 1920 }, (_, i) => i))
  })

  it('hands out a distinct buffer per chunk (each one is transferred away)', () => {
    const { chunker, chunks } = harness()
    chunker.startTalking()
    feed(chunker, 960, () => 0.25)
    expect(chunks[0]?.buffer).not.toBe(chunks[1]?.buffer)
  })

  it('clamps samples outside [-1, 1] to the PCM16 range', () => {
    const { chunker, chunks } = harness()
    chunker.startTalking()
    const values = [2, -3, 1, -1, 0.5, -0.5, 0]
    chunker.push(Float32Array.from([...values, ...new Array<number>(480 - values.length).fill(0)]))
    expect(Array.from(chunks[0]?.slice(0, 7) ?? [])).toEqual([
      32767, -32768, 32767, -32768, 16384, -16384, 0
    ])
  })

  it('drops the partial chunk when talking stops and sends nothing more', () => {
    const { chunker, chunks } = harness()
    chunker.startTalking()
    feed(chunker, 480 + 200, () => 0.1)
    expect(chunks).toHaveLength(1)
    chunker.stopTalking()
    feed(chunker, 480, () => 0.1)
    expect(chunks.map((chunk) => chunk.length)).toEqual([480])
  })

  it('starts the next turn with an empty chunk', () => {
    const { chunker, chunks } = harness()
    chunker.startTalking()
    feed(chunker, 100, () => 0.1)
    chunker.stopTalking()
    chunker.startTalking()
    feed(chunker, 480, () => -0.1)
    // No sample of the earlier turn leaks into the next one.
    expect(chunks.map((chunk) => chunk.length)).toEqual([480])
    expect(chunks[0]?.every((sample) => sample < 0)).toBe(true)
  })

  it('reports the RMS level every 1200 samples, talking or not', () => {
    const { chunker, levels } = harness()
    feed(chunker, 1200, (i) => (i % 2 === 0 ? 0.5 : -0.5))
    feed(chunker, 1200, () => 0)
    chunker.startTalking()
    feed(chunker, 1200 + 600, () => 4) // clamped to 1 before measuring
    expect(levels).toHaveLength(3)
    expect(levels[0]).toBeCloseTo(0.5, 6)
    expect(levels[1]).toBe(0)
    expect(levels[2]).toBeCloseTo(1, 6)
  })

  it('finishing a turn sends the partial chunk too, so no captured sample is lost', () => {
    const { chunker, chunks } = harness()
    chunker.startTalking()
    feed(chunker, 480 + 200, (i) => (i + 1) / 1000)
    chunker.finishTalking()
    expect(chunks.map((chunk) => chunk.length)).toEqual([480, 200])
    expect(chunks[1]?.at(-1)).toBe(Math.round((680 / 1000) * 0x7fff))
    // Stopped: nothing more flows, and an empty partial sends nothing.
    feed(chunker, 960, () => 0.5)
    chunker.startTalking()
    chunker.finishTalking()
    expect(chunks).toHaveLength(2)
  })
})
