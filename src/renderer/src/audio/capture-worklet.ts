// The capture AudioWorklet (docs/architecture.md, "Audio path"): microphone samples → 20 ms PCM16 chunks, transferred
// to the page only while talking, and the input level every 50 ms for the meter.
import { CAPTURE_CHUNK_SAMPLES } from '../../../shared/pcm'
import { CaptureChunker } from './capture-chunker'
import { CAPTURE_PROCESSOR_NAME, LEVEL_INTERVAL_MS } from './capture-protocol'
import type { FromCapture, ToCapture } from './capture-protocol'

class HarkCaptureProcessor extends AudioWorkletProcessor {
  readonly #chunker: CaptureChunker

  constructor(options?: unknown) {
    super(options)
    this.#chunker = new CaptureChunker({
      chunkSamples: CAPTURE_CHUNK_SAMPLES,
      levelWindowSamples: Math.round((sampleRate * LEVEL_INTERVAL_MS) / 1000),
      onChunk: (buffer) => this.port.postMessage(buffer satisfies FromCapture, [buffer]),
      onLevel: (rms) => this.#post({ type: 'level', rms })
    })
    this.port.onmessage = (event: MessageEvent<ToCapture>): void => this.#onMessage(event.data)
  }

  #post(message: FromCapture): void {
    this.port.postMessage(message)
  }

  #onMessage(message: ToCapture): void {
    if (message.type === 'talk') {
      this.#chunker.startTalking()
      return
    }
    if (message.type === 'flush') {
      this.#chunker.finishTalking()
      this.#post({ type: 'flushed' })
      return
    }
    this.#chunker.stopTalking()
  }

  process(inputs: Float32Array[][]): boolean {
    // Mono by construction (channelCount 1, explicit); no input yet means no microphone frames.
    const samples = inputs[0]?.[0]
    if (samples) this.#chunker.push(samples)
    return true
  }
}

registerProcessor(CAPTURE_PROCESSOR_NAME, HarkCaptureProcessor)
