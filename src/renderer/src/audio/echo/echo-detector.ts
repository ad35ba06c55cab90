// Does Hark hear itself? Cross-correlates what the playback worklet actually played with what
// the microphone recorded over the same render quanta (both tapped in the one AudioContext, see
// echo-check.ts), and reports whether a delayed copy of the playback is in the microphone signal,
// its delay and its level. Pure: the unit tests feed it synthetic signals.
//
// Why these numbers:
// - ECHO_MAX_DELAY_MS = 500: the delay seen here is the output device's latency + the acoustic
//   path + the input device's latency. Built-in speakers and USB devices add 10–60 ms, Bluetooth
//   speakers 150–300 ms; 500 ms covers those with room to spare. A longer echo path would be a
//   room the size of a hall (170 m of sound travel), not a desk.
// - MIN_CORRELATION = 0.15: for independent signals the normalised correlation at any one lag is
//   about 1/√N (N ≈ 14 400 probe samples → 0.008) and the largest over 12 000 lags about 4–5 times
//   that (< 0.05); an echo the user could hear at −30 dB under the microphone's noise correlates
//   well above 0.15.
import { crossCorrelate } from './fft'

export const ECHO_MAX_DELAY_MS = 500
export const MIN_CORRELATION = 0.15
/** Below this RMS (−80 dBFS) a signal counts as silence: nothing played, or a dead microphone. */
const SILENCE_RMS = 1e-4

export interface EchoReport {
  /** True when a delayed copy of the playback was found in the microphone signal. */
  echo: boolean
  /** Delay of the strongest copy, in ms (null without echo). */
  delayMs: number | null
  /** Level of that copy relative to what was played, in dB (e.g. −20); null without echo. */
  levelDb: number | null
  /** The normalised correlation at that delay, 0…1: how sure the detector is. */
  correlation: number
  /** Why there is no answer at all (nothing played, the microphone was silent); else null. */
  problem: 'nothing-played' | 'silent-microphone' | null
}

function rms(samples: Float32Array): number {
  let sum = 0
  for (const sample of samples) sum += sample * sample
  return samples.length > 0 ? Math.sqrt(sum / samples.length) : 0
}

/** First and one-past-last sample above silence: the probe within the recording. */
function activeRange(samples: Float32Array): [number, number] | null {
  let start = -1
  let end = -1
  for (let i = 0; i < samples.length; i++) {
    if (Math.abs(samples[i] ?? 0) > SILENCE_RMS) {
      if (start < 0) start = i
      end = i + 1
    }
  }
  return start < 0 ? null : [start, end]
}

/**
 * `played` and `mic` are the same render quanta of the same AudioContext (equal start times),
 * mono, at `sampleRate`. The microphone should run at least `maxDelayMs` past the probe's end.
 */
export function detectEcho(
  played: Float32Array,
  mic: Float32Array,
  sampleRate: number,
  maxDelayMs = ECHO_MAX_DELAY_MS
): EchoReport {
  const none = (problem: EchoReport['problem']): EchoReport => ({
    echo: false,
    delayMs: null,
    levelDb: null,
    correlation: 0,
    problem
  })
  const range = activeRange(played)
  if (!range) return none('nothing-played')
  if (rms(mic) < SILENCE_RMS) return none('silent-microphone')
  const probe = played.subarray(range[0], range[1])
  const after = mic.subarray(range[0])
  const maxLag = Math.round((maxDelayMs * sampleRate) / 1000)
  const correlation = crossCorrelate(probe, after, maxLag)

  let probeEnergy = 0
  for (const sample of probe) probeEnergy += sample * sample
  // Energy of the microphone over the probe's length at each lag, by a sliding window.
  const length = probe.length
  const at = (i: number): number => (i < after.length ? (after[i] ?? 0) : 0)
  let windowEnergy = 0
  for (let i = 0; i < length; i++) windowEnergy += at(i) * at(i)

  let best = 0
  let bestLag = 0
  for (let lag = 0; lag <= maxLag; lag++) {
    if (lag > 0) {
      const gone = at(lag - 1)
      const come = at(lag + length - 1)
      windowEnergy = Math.max(0, windowEnergy - gone * gone + come * come)
    }
    if (windowEnergy <= 0) continue
    const rho = Math.abs(correlation[lag] ?? 0) / Math.sqrt(probeEnergy * windowEnergy)
    if (rho > best) {
      best = rho
      bestLag = lag
    }
  }
  if (best < MIN_CORRELATION) return { ...none(null), correlation: best }
  // The least-squares gain of the delayed probe in the microphone signal.
  const gain = Math.abs(correlation[bestLag] ?? 0) / probeEnergy
  return {
    echo: true,
    delayMs: (bestLag / sampleRate) * 1000,
    levelDb: 20 * Math.log10(gain),
    correlation: best,
    problem: null
  }
}
