import { describe, expect, it } from 'vitest'
import { detectEcho, ECHO_MAX_DELAY_MS } from './echo-detector'
import { mixDelayed, noise } from './synthetic-signals.fixture'

const RATE = 24_000
const samples = (ms: number): number => Math.round((ms * RATE) / 1000)
/** What the playback worklet played: 50 ms of nothing, a 600 ms noise probe, then nothing. */
function played(): Float32Array {
  const out = new Float32Array(samples(50 + 600 + 700))
  out.set(noise(samples(600), 0.2, 1), samples(50))
  return out
}
const dbToGain = (db: number): number => 10 ** (db / 20)

describe('detectEcho', () => {
  it('finds a delayed, attenuated copy of the playback under microphone noise', () => {
    const probe = played()
    const room = noise(probe.length, 0.005, 2) // −46 dBFS of room and microphone noise
    const mic = mixDelayed(room, probe, samples(120), dbToGain(-20))
    const report = detectEcho(probe, mic, RATE)
    expect(report.echo).toBe(true)
    expect(report.delayMs).toBeCloseTo(120, 0)
    expect(report.levelDb).toBeGreaterThan(-21)
    expect(report.levelDb).toBeLessThan(-19)
  })

  it('reports no echo when the microphone hears only independent noise', () => {
    const probe = played()
    const report = detectEcho(probe, noise(probe.length, 0.05, 3), RATE)
    expect(report).toMatchObject({ echo: false, delayMs: null, levelDb: null, problem: null })
    expect(report.correlation).toBeLessThan(0.1)
  })

  it('finds an echo at the longest supported delay, and none beyond it', () => {
    const probe = played()
    const room = noise(probe.length, 0.005, 4)
    const atLimit = detectEcho(
      probe,
      mixDelayed(room, probe, samples(ECHO_MAX_DELAY_MS), dbToGain(-15)),
      RATE
    )
    expect(atLimit.echo).toBe(true)
    expect(atLimit.delayMs).toBeCloseTo(ECHO_MAX_DELAY_MS, 0)
    const beyond = detectEcho(
      probe,
      mixDelayed(room, probe, samples(ECHO_MAX_DELAY_MS + 150), dbToGain(-15)),
      RATE
    )
    expect(beyond.echo).toBe(false)
  })

  it('finds a faint echo (−35 dB) that the user would still hear as a repeat', () => {
    const probe = played()
    const mic = mixDelayed(noise(probe.length, 0.001, 5), probe, samples(40), dbToGain(-35))
    const report = detectEcho(probe, mic, RATE)
    expect(report.echo).toBe(true)
    expect(report.levelDb).toBeCloseTo(-35, 0)
  })

  it('says the microphone was silent instead of claiming there is no echo', () => {
    const probe = played()
    expect(detectEcho(probe, new Float32Array(probe.length), RATE)).toMatchObject({
      echo: false,
      problem: 'silent-microphone'
    })
  })

  it('says nothing was played when the playback was silent', () => {
    const mic = noise(samples(1000), 0.05, 6)
    expect(detectEcho(new Float32Array(mic.length), mic, RATE)).toMatchObject({
      echo: false,
      problem: 'nothing-played'
    })
  })
})
