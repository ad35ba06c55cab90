// The echo check's tap (echo-check.ts): records, over the same render quanta, what the playback
// worklet output (input 0) and what the microphone captured (input 1), then posts both once.
// Same context, same quanta: the two recordings start at the same instant, so the delay the
// detector finds is the real output → air → input path.
import { ECHO_TAP_PROCESSOR_NAME, type EchoTapRecording } from './echo-tap-protocol'

class HarkEchoTapProcessor extends AudioWorkletProcessor {
  readonly #played: Float32Array
  readonly #mic: Float32Array
  #frames = 0

  constructor(options?: unknown) {
    super(options)
    const { frames } = (options as { processorOptions: { frames: number } }).processorOptions
    this.#played = new Float32Array(frames)
    this.#mic = new Float32Array(frames)
  }

  process(inputs: Float32Array[][]): boolean {
    const played = inputs[0]?.[0]
    const mic = inputs[1]?.[0]
    const quantum = played?.length ?? mic?.length ?? 128
    const room = this.#played.length - this.#frames
    const count = Math.min(quantum, room)
    if (played) this.#played.set(played.subarray(0, count), this.#frames)
    if (mic) this.#mic.set(mic.subarray(0, count), this.#frames)
    this.#frames += count
    if (this.#frames < this.#played.length) return true
    this.port.postMessage({ played: this.#played, mic: this.#mic } satisfies EchoTapRecording, [
      this.#played.buffer,
      this.#mic.buffer
    ])
    return false
  }
}

registerProcessor(ECHO_TAP_PROCESSOR_NAME, HarkEchoTapProcessor)
