// The playback AudioWorklet (docs/architecture.md, "Audio path"): audio.delta samples → ring
// buffer → output, with adaptive playout, per-item played-frame reports, drain reports and an
// immediate flush.
import { DEFAULT_REPORT_INTERVAL_MS, PlaybackCore } from './playback-core'
import { PLAYBACK_PROCESSOR_NAME } from './playback-protocol'
import type { FromWorklet, PlaybackProcessorOptions, ToWorklet } from './playback-protocol'

class HarkPlaybackProcessor extends AudioWorkletProcessor {
  readonly #core: PlaybackCore

  constructor(options?: unknown) {
    super(options)
    const processorOptions = (
      options as { processorOptions?: PlaybackProcessorOptions } | undefined
    )?.processorOptions
    const callbackFrames = processorOptions?.outputCallbackFrames
    this.#core = new PlaybackCore({
      sampleRate,
      reportIntervalMs: DEFAULT_REPORT_INTERVAL_MS,
      ...(callbackFrames !== undefined ? { outputCallbackFrames: callbackFrames } : {})
    })
    this.port.onmessage = (event: MessageEvent<ToWorklet>): void => this.#onMessage(event.data)
  }

  #post(message: FromWorklet): void {
    this.port.postMessage(message)
  }

  #postState(): void {
    this.#post({
      type: 'state',
      state: this.#core.state,
      totalPlayedFrames: this.#core.totalPlayedFrames
    })
  }

  #onMessage(message: ToWorklet): void {
    const before = this.#core.state
    if (message.type === 'audio') this.#core.enqueue(message.itemId, message.samples)
    else if (message.type === 'done') this.#core.markDone(message.itemId)
    else if (message.type === 'flush') {
      const reports = this.#core.flush(message.itemId)
      this.#post({ type: 'progress', reason: 'flush', reports, flushId: message.flushId })
    }
    if (before !== this.#core.state) this.#postState()
  }

  process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const channels = outputs[0]
    const first = channels?.[0]
    if (!channels || !first) return true
    const result = this.#core.render(first)
    for (let c = 1; c < channels.length; c++) channels[c]?.set(first)
    if (result.report && result.report.reports.length > 0)
      this.#post({ type: 'progress', ...result.report })
    if (result.stateChanged) this.#postState()
    return true
  }
}

registerProcessor(PLAYBACK_PROCESSOR_NAME, HarkPlaybackProcessor)
