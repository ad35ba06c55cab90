import { describe, expect, it } from 'vitest'
import { FloatRingBuffer } from './ring-buffer'

const ramp = (from: number, count: number): Float32Array =>
  Float32Array.from({ length: count }, (_, i) => from + i)

describe('FloatRingBuffer', () => {
  it('reads back what was written, in order, across the wrap-around point', () => {
    const ring = new FloatRingBuffer(8)
    ring.write(ramp(0, 6))
    const out = new Float32Array(4)
    expect(ring.read(out)).toBe(4)
    expect([...out]).toEqual([0, 1, 2, 3])
    ring.write(ramp(6, 5)) // 2 left + 5 = 7 of 8; the write wraps
    expect(ring.capacity).toBe(8)
    const rest = new Float32Array(7)
    expect(ring.read(rest)).toBe(7)
    expect([...rest]).toEqual([4, 5, 6, 7, 8, 9, 10])
    expect(ring.length).toBe(0)
  })

  it('grows without losing or reordering samples when the writer runs ahead', () => {
    const ring = new FloatRingBuffer(4)
    ring.write(ramp(0, 3))
    ring.read(new Float32Array(2)) // read index 2, so the data wraps before growing
    ring.write(ramp(3, 10))
    expect(ring.length).toBe(11)
    expect(ring.capacity).toBeGreaterThanOrEqual(11)
    const out = new Float32Array(11)
    ring.read(out)
    expect([...out]).toEqual([...ramp(2, 11)])
  })

  it('reads only what it has and reports the count', () => {
    const ring = new FloatRingBuffer(16)
    ring.write(ramp(1, 3))
    const out = new Float32Array(5).fill(-1)
    expect(ring.read(out)).toBe(3)
    expect([...out]).toEqual([1, 2, 3, -1, -1])
  })

  it('skip and clear drop samples', () => {
    const ring = new FloatRingBuffer(4)
    ring.write(ramp(0, 4))
    expect(ring.skip(3)).toBe(3)
    ring.write(ramp(4, 2))
    const out = new Float32Array(3)
    ring.read(out)
    expect([...out]).toEqual([3, 4, 5])
    ring.write(ramp(0, 2))
    ring.clear()
    expect(ring.length).toBe(0)
    expect(ring.read(out)).toBe(0)
  })
})
