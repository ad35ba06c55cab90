// Test suites run the fake with preambles at random (issue 9): about half of the answers come as
// a short preamble item and then the answer item, as the 2.x models may send them (reference §1,
// "preambles"), so that client code must handle multi-item responses everywhere, not only in the
// tests written for them. Deterministic per seed: each fake server draws from its own generator
// seeded with HARK_FAKE_SEED, so a failing run is repeated with the seed it printed.
import { randomPreamble, type FakeRealtimeOptions } from './options'

export const FAKE_SEED_ENV = 'HARK_FAKE_SEED'
/** Share of answers given a preamble when tests do not choose. */
export const TEST_PREAMBLE_SHARE = 0.5

let printedSeed: number | null = null

/** The run's seed: HARK_FAKE_SEED when set (an integer), else a fresh one, printed once. */
export function fakeSeed(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = env[FAKE_SEED_ENV]
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv.trim())) return Number(fromEnv.trim()) >>> 0
  if (printedSeed === null) {
    printedSeed = Math.floor(Math.random() * 2 ** 31)
    console.info(
      `[fake-realtime] preambles at random with seed ${printedSeed} (repeat with ${FAKE_SEED_ENV}=${printedSeed})`
    )
  }
  return printedSeed
}

/** mulberry32: a small, well-mixed 32-bit generator; the same seed gives the same sequence. */
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

/** The default preamble for a fake server started by a test: random, from the run's seed. */
export function seededPreamble(): FakeRealtimeOptions['preamble'] {
  return randomPreamble(TEST_PREAMBLE_SHARE, seededRandom(fakeSeed()))
}
