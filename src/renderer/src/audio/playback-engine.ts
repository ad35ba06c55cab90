// The main-thread side of playback: one AudioContext at 24 kHz, the playback worklet, PCM16 →
// Float32 conversion, and every worklet report forwarded to main as `playback.progress`.
import playbackWorkletUrl from './playback-worklet.ts?worker&url'
import { bytesAsPcm16, pcm16ToFloat, PCM_SAMPLE_RATE } from '../../../shared/pcm'
import { framesToMs, outputCallbackFrames, PLAYBACK_PROCESSOR_NAME } from './playback-protocol'
import type {
  FromWorklet,
  PlaybackProcessorOptions,
  PlayedFrames,
  ToWorklet
} from './playback-protocol'

export interface PlaybackEngineHooks {
  /** Every exact report; the engine has already sent it to main. */
  onReport(report: PlayedFrames): void
  onState(state: 'idle' | 'buffering' | 'playing', totalPlayedFrames: number): void
  onProblem(message: string): void
  sendProgress(progress: { itemId: string; playedMs: number; final: boolean }): void
}

/** How long a flush waits for the worklet's final position before giving up. */
const FLUSH_REPLY_TIMEOUT_MS = 100

export class PlaybackEngine {
  readonly #hooks: PlaybackEngineHooks
  #context: AudioContext | null = null
  #node: AudioWorkletNode | null = null
  #starting: Promise<AudioWorkletNode | null> | null = null
  /** Messages sent before the worklet was ready, delivered in order once it is. */
  #pending: { message: ToWorklet; transfer: Transferable[] }[] = []
  #nextFlushId = 1
  readonly #flushWaiters = new Map<number, (reports: PlayedFrames[]) => void>()
  /** The item whose audio arrived last: what "Stop speaking" stops. */
  #currentItemId: string | null = null

  constructor(hooks: PlaybackEngineHooks) {
    this.#hooks = hooks
  }

  /** Create the AudioContext and worklet (call from a user gesture: Connect, Send). */
  start(): Promise<AudioWorkletNode | null> {
    this.#starting ??= this.#create()
    if (this.#context?.state === 'suspended') void this.#context.resume()
    return this.#starting
  }

  /** The app's one AudioContext, shared with capture (docs/architecture.md, "Audio path"); null when audio failed. */
  async audioContext(): Promise<AudioContext | null> {
    return (await this.start()) ? this.#context : null
  }

  /** audio.delta: convert PCM16 to Float32 here and transfer the buffer to the worklet. */
  enqueue(itemId: string, pcm: Uint8Array): void {
    this.#currentItemId = itemId
    const samples = pcm16ToFloat(bytesAsPcm16(pcm))
    this.#post({ type: 'audio', itemId, samples }, [samples.buffer])
  }

  markDone(itemId: string): void {
    this.#post({ type: 'done', itemId }, [])
  }

  /**
   * Empty the worklet's buffer now. Resolves with the final played frames of every affected item
   * once the worklet answers (within a render quantum), after they were sent to main.
   */
  flush(itemId: string | null = this.#currentItemId): Promise<PlayedFrames[]> {
    if (!this.#starting) return Promise.resolve([])
    const flushId = this.#nextFlushId++
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#flushWaiters.delete(flushId)
        resolve([])
      }, FLUSH_REPLY_TIMEOUT_MS)
      this.#flushWaiters.set(flushId, (reports) => {
        clearTimeout(timer)
        resolve(reports)
      })
      this.#post({ type: 'flush', itemId, flushId }, [])
    })
  }

  /**
   * Also feed what the worklet plays into `node` (the echo check's tap, input 0); returns the
   * function that stops it. Null when audio failed to start.
   */
  async tap(node: AudioNode): Promise<(() => void) | null> {
    const source = await this.start()
    if (!source) return null
    source.connect(node, 0, 0)
    return () => source.disconnect(node)
  }

  async close(): Promise<void> {
    const context = this.#context
    this.#context = null
    this.#node = null
    this.#starting = null
    if (context) await context.close()
  }

  #post(message: ToWorklet, transfer: Transferable[]): void {
    if (this.#node) {
      this.#node.port.postMessage(message, transfer)
      return
    }
    this.#pending.push({ message, transfer })
    void this.start()
  }

  async #create(): Promise<AudioWorkletNode | null> {
    try {
      const context = new AudioContext({ sampleRate: PCM_SAMPLE_RATE, latencyHint: 'interactive' })
      this.#context = context
      await context.audioWorklet.addModule(playbackWorkletUrl)
      // The worklet bounds its start by the output's callbacks (playout-policy.ts).
      const callbackFrames = outputCallbackFrames(context.baseLatency, context.sampleRate)
      const processorOptions: PlaybackProcessorOptions =
        callbackFrames !== undefined ? { outputCallbackFrames: callbackFrames } : {}
      const node = new AudioWorkletNode(context, PLAYBACK_PROCESSOR_NAME, {
        numberOfInputs: 0,
        numberOfOutputs: 1,
        outputChannelCount: [1],
        processorOptions
      })
      node.port.onmessage = (event: MessageEvent<FromWorklet>): void => this.#onMessage(event.data)
      node.connect(context.destination)
      this.#node = node
      const pending = this.#pending
      this.#pending = []
      for (const { message, transfer } of pending) node.port.postMessage(message, transfer)
      if (context.state === 'suspended') await context.resume()
      return node
    } catch (error) {
      this.#starting = null
      this.#pending = []
      const detail = error instanceof Error ? error.message : String(error)
      this.#hooks.onProblem(`Hark cannot play audio: ${detail}`)
      return null
    }
  }

  #onMessage(message: FromWorklet): void {
    if (message.type === 'state') {
      this.#hooks.onState(message.state, message.totalPlayedFrames)
      return
    }
    // Only a flush ends an item's playback for good; after a drain more audio may still come.
    const final = message.reason === 'flush'
    for (const report of message.reports) {
      this.#hooks.sendProgress({
        itemId: report.itemId,
        playedMs: framesToMs(report.playedFrames),
        final
      })
      this.#hooks.onReport(report)
    }
    if (message.flushId !== undefined) {
      this.#flushWaiters.get(message.flushId)?.(message.reports)
      this.#flushWaiters.delete(message.flushId)
    }
  }
}
