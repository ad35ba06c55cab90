/**
 * A growable ring buffer of Float32 samples. The playback worklet writes whole `audio.delta`
 * chunks into it and reads one render quantum at a time. It grows (doubling) instead of dropping
 * audio, because a response can arrive much faster than real time.
 */
export class FloatRingBuffer {
  #data: Float32Array
  #readIndex = 0
  #length = 0

  constructor(initialCapacityFrames = 24_000) {
    this.#data = new Float32Array(Math.max(1, initialCapacityFrames))
  }

  get length(): number {
    return this.#length
  }

  get capacity(): number {
    return this.#data.length
  }

  write(samples: Float32Array): void {
    if (samples.length === 0) return
    this.#ensureCapacity(this.#length + samples.length)
    const capacity = this.#data.length
    const writeIndex = (this.#readIndex + this.#length) % capacity
    const firstPart = Math.min(samples.length, capacity - writeIndex)
    this.#data.set(samples.subarray(0, firstPart), writeIndex)
    if (firstPart < samples.length) this.#data.set(samples.subarray(firstPart), 0)
    this.#length += samples.length
  }

  /** Copy up to `count` samples into `out` at `offset`; returns how many were read. */
  read(out: Float32Array, offset = 0, count = out.length - offset): number {
    const n = Math.min(count, this.#length, out.length - offset)
    if (n <= 0) return 0
    const capacity = this.#data.length
    const firstPart = Math.min(n, capacity - this.#readIndex)
    out.set(this.#data.subarray(this.#readIndex, this.#readIndex + firstPart), offset)
    if (firstPart < n) out.set(this.#data.subarray(0, n - firstPart), offset + firstPart)
    this.#readIndex = (this.#readIndex + n) % capacity
    this.#length -= n
    return n
  }

  /** Drop up to `count` samples from the front; returns how many were dropped. */
  skip(count: number): number {
    const n = Math.min(count, this.#length)
    this.#readIndex = (this.#readIndex + n) % this.#data.length
    this.#length -= n
    return n
  }

  clear(): void {
    this.#readIndex = 0
    this.#length = 0
  }

  #ensureCapacity(needed: number): void {
    if (needed <= this.#data.length) return
    let capacity = this.#data.length
    while (capacity < needed) capacity *= 2
    const next = new Float32Array(capacity)
    const length = this.#length
    this.read(next, 0, length)
    this.#data = next
    this.#readIndex = 0
    this.#length = length
  }
}
