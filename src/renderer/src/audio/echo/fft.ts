// A small in-place radix-2 FFT, enough for the echo check's cross-correlation (echo-detector.ts):
// correlating a ~0.6 s probe against 0.5 s of possible delays directly would take ~2e8
// multiplications; through the FFT it is a few million.

/** The smallest power of two ≥ n. */
export function nextPowerOfTwo(n: number): number {
  let size = 1
  while (size < n) size *= 2
  return size
}

/** Transforms (re, im) in place; their length must be a power of two. `inverse` scales by 1/N. */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length
  if (n !== im.length || (n & (n - 1)) !== 0)
    throw new Error(`fft: length ${n} is not a power of two matching both arrays`)
  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1
    for (; j & bit; bit >>= 1) j ^= bit
    j ^= bit
    if (i < j) {
      const tr = re[i]!
      re[i] = re[j]!
      re[j] = tr
      const ti = im[i]!
      im[i] = im[j]!
      im[j] = ti
    }
  }
  const sign = inverse ? 1 : -1
  for (let size = 2; size <= n; size *= 2) {
    const half = size / 2
    const step = (sign * 2 * Math.PI) / size
    const wr = Math.cos(step)
    const wi = Math.sin(step)
    for (let start = 0; start < n; start += size) {
      let cr = 1
      let ci = 0
      for (let k = 0; k < half; k++) {
        const a = start + k
        const b = a + half
        const xr = re[b]! * cr - im[b]! * ci
        const xi = re[b]! * ci + im[b]! * cr
        re[b] = re[a]! - xr
        im[b] = im[a]! - xi
        re[a] = re[a]! + xr
        im[a] = im[a]! + xi
        const nr = cr * wr - ci * wi
        ci = cr * wi + ci * wr
        cr = nr
      }
    }
  }
  if (inverse)
    for (let i = 0; i < n; i++) {
      re[i] = re[i]! / n
      im[i] = im[i]! / n
    }
}

/**
 * r[lag] = Σ_n a[n]·b[n + lag] for lag = 0…maxLag (b read as zero past its end): how much of `a`
 * appears in `b` `lag` samples later.
 */
export function crossCorrelate(a: Float32Array, b: Float32Array, maxLag: number): Float64Array {
  const size = nextPowerOfTwo(a.length + Math.max(b.length, a.length + maxLag))
  const ar = new Float64Array(size)
  const ai = new Float64Array(size)
  const br = new Float64Array(size)
  const bi = new Float64Array(size)
  ar.set(a)
  br.set(b)
  fft(ar, ai)
  fft(br, bi)
  // conj(A)·B: the correlation of a with b.
  for (let i = 0; i < size; i++) {
    const re = ar[i]! * br[i]! + ai[i]! * bi[i]!
    const im = ar[i]! * bi[i]! - ai[i]! * br[i]!
    ar[i] = re
    ai[i] = im
  }
  fft(ar, ai, true)
  return ar.slice(0, maxLag + 1)
}
