// Settings → Check for echo (issue 13 §3): plays a short noise probe through Hark's own playback
// path (the playback worklet, on the app's one AudioContext and its default output, which is
// also the echo canceller's reference), records the microphone with the strongest echo
// cancellation the platform grants, and cross-correlates the two (echo-detector.ts).
import echoTapWorkletUrl from './echo-tap-worklet.ts?worker&url'
import type { EchoCheckResult } from '../../../../shared/echo-check'
import { floatToPcm16 } from '../../../../shared/pcm'
import type { PlaybackEngine } from '../playback-engine'
import { detectEcho, ECHO_MAX_DELAY_MS } from './echo-detector'
import { ECHO_TAP_PROCESSOR_NAME, type EchoTapRecording } from './echo-tap-protocol'
import { echoVerdict } from './echo-verdict'
import { strongestEchoCancellation } from './echo-constraints'

/** The probe's playback item: never reported to main (it is no part of the conversation). */
export const ECHO_PROBE_ITEM_ID = 'hark-echo-probe'
const PROBE_MS = 600
/** −20 dBFS of noise: clearly audible, not startling. */
const PROBE_RMS = 0.1
/** The playback's start-up (jitter buffer) and the longest echo, with room to spare. */
const RECORD_MS = 400 + PROBE_MS + ECHO_MAX_DELAY_MS + 300
const FADE_MS = 20

function probeBytes(sampleRate: number): Uint8Array {
  const length = Math.round((PROBE_MS * sampleRate) / 1000)
  const fade = Math.round((FADE_MS * sampleRate) / 1000)
  const samples = new Float32Array(length)
  const amplitude = PROBE_RMS * Math.sqrt(3)
  for (let i = 0; i < length; i++) {
    const ramp = Math.min(1, i / fade, (length - 1 - i) / fade)
    samples[i] = (Math.random() * 2 - 1) * amplitude * ramp
  }
  return new Uint8Array(floatToPcm16(samples).buffer)
}

const loadedContexts = new WeakSet<BaseAudioContext>()

export interface EchoCheckInput {
  engine: PlaybackEngine
  /** The chosen microphone's device id, or null for the default. */
  deviceId: string | null
  autoGainControl: boolean
}

export async function measureEcho(input: EchoCheckInput): Promise<EchoCheckResult> {
  const context = await input.engine.audioContext()
  if (!context) throw new Error('Hark cannot check for echo: audio failed to start.')
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: {
      ...(input.deviceId ? { deviceId: { ideal: input.deviceId } } : {}),
      ...strongestEchoCancellation(),
      autoGainControl: input.autoGainControl,
      channelCount: 1
    }
  })
  const cleanup: (() => void)[] = [() => stream.getTracks().forEach((track) => track.stop())]
  try {
    const settings = stream.getAudioTracks()[0]?.getSettings() ?? {}
    const flag = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null)
    if (!loadedContexts.has(context)) {
      await context.audioWorklet.addModule(echoTapWorkletUrl)
      loadedContexts.add(context)
    }
    const tap = new AudioWorkletNode(context, ECHO_TAP_PROCESSOR_NAME, {
      numberOfInputs: 2,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      channelCount: 1,
      channelCountMode: 'explicit',
      processorOptions: { frames: Math.round((RECORD_MS * context.sampleRate) / 1000) }
    })
    const recorded = new Promise<EchoTapRecording>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('The echo check did not finish.')),
        RECORD_MS + 5000
      )
      tap.port.onmessage = (event: MessageEvent<EchoTapRecording>): void => {
        clearTimeout(timer)
        resolve(event.data)
      }
    })
    // A silent output pulled by the destination keeps the tap rendering.
    tap.connect(context.destination)
    cleanup.push(() => tap.disconnect())
    const microphone = context.createMediaStreamSource(stream)
    microphone.connect(tap, 0, 1)
    cleanup.push(() => microphone.disconnect())
    const untap = await input.engine.tap(tap)
    if (untap) cleanup.push(untap)
    input.engine.enqueue(ECHO_PROBE_ITEM_ID, probeBytes(context.sampleRate))
    input.engine.markDone(ECHO_PROBE_ITEM_ID)
    const { played, mic } = await recorded
    const report = detectEcho(played, mic, context.sampleRate)
    if (report.problem === 'nothing-played')
      throw new Error('Hark could not play the test sound, so it could not check for echo.')
    return {
      checkedAt: new Date().toISOString(),
      echo: report.echo,
      delayMs: report.delayMs,
      levelDb: report.levelDb,
      verdict: echoVerdict(report),
      granted: {
        echoCancellation: flag(settings.echoCancellation),
        noiseSuppression: flag(settings.noiseSuppression),
        autoGainControl: flag(settings.autoGainControl)
      }
    }
  } finally {
    for (const step of cleanup.reverse()) step()
  }
}
