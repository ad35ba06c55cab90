// Test fixture: deterministic signals for the echo detector and gate tests, imported by tests
// only (no Math.random: a failure must reproduce).

/** mulberry32: a tiny seeded generator, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** White noise with the given RMS (uniform samples: RMS = amplitude/√3). */
export function noise(length: number, rms: number, seed: number): Float32Array {
  const random = seededRandom(seed)
  const amplitude = rms * Math.sqrt(3)
  const out = new Float32Array(length)
  for (let i = 0; i < length; i++) out[i] = (random() * 2 - 1) * amplitude
  return out
}

/** a + gain·b delayed by `delay` samples (a's length). */
export function mixDelayed(
  a: Float32Array,
  b: Float32Array,
  delay: number,
  gain: number
): Float32Array {
  const out = Float32Array.from(a)
  for (let i = 0; i + delay < out.length && i < b.length; i++)
    out[i + delay] = (out[i + delay] ?? 0) + gain * (b[i] ?? 0)
  return out
}
