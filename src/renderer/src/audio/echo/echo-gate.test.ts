import { describe, expect, it } from 'vitest'
import { floatToPcm16 } from '../../../../shared/pcm'
import { noise } from './synthetic-signals.fixture'
import { EchoGate, ECHO_TAIL_MS, type EchoGateSettings } from './echo-gate'

const chunk = (rms: number, seed = 1): Uint8Array =>
  new Uint8Array(floatToPcm16(noise(480, rms, seed)).buffer)
const speakers: EchoGateSettings = {
  echoDetected: true,
  echoLevelDb: -20,
  echoDelayMs: 100,
  handsFree: true
}

function gate(settings: EchoGateSettings = speakers): {
  echoGate: EchoGate
  clock: { ms: number }
} {
  const clock = { ms: 0 }
  const echoGate = new EchoGate(() => clock.ms)
  echoGate.configure(settings)
  return { echoGate, clock }
}

describe('EchoGate', () => {
  it('ignores the microphone while Hark speaks on speakers with echo', () => {
    const { echoGate } = gate()
    echoGate.onPlayback(chunk(0.3))
    echoGate.onPlaybackState(true)
    // Hark at 0.3 RMS, echo at −20 dB ≈ 0.03: the echo itself must not pass.
    expect(echoGate.admits(chunk(0.03, 2))).toBe(false)
    // A user 6 dB over the echo is not clearly louder.
    expect(echoGate.admits(chunk(0.06, 3))).toBe(false)
  })

  it('lets a user who is clearly louder than the echo through (barge-in still works)', () => {
    const { echoGate } = gate()
    echoGate.onPlayback(chunk(0.3))
    echoGate.onPlaybackState(true)
    expect(echoGate.admits(chunk(0.2, 4))).toBe(true)
  })

  it('keeps ignoring the echo tail after playback stops, then listens again', () => {
    const { echoGate, clock } = gate()
    echoGate.onPlayback(chunk(0.3))
    echoGate.onPlaybackState(true)
    clock.ms = 1000
    echoGate.onPlaybackState(false)
    clock.ms = 1000 + speakers.echoDelayMs + ECHO_TAIL_MS - 1
    expect(echoGate.admits(chunk(0.03, 5))).toBe(false)
    clock.ms = 1000 + speakers.echoDelayMs + ECHO_TAIL_MS
    expect(echoGate.admits(chunk(0.03, 6))).toBe(true)
  })

  it('never gates when the check found no echo, in push-to-talk, or while Hark is silent', () => {
    for (const settings of [
      { ...speakers, echoDetected: false },
      { ...speakers, handsFree: false }
    ]) {
      const { echoGate } = gate(settings)
      echoGate.onPlayback(chunk(0.3))
      echoGate.onPlaybackState(true)
      expect(echoGate.admits(chunk(0.03, 7))).toBe(true)
    }
    const { echoGate } = gate()
    expect(echoGate.admits(chunk(0.03, 8))).toBe(true)
  })
})
