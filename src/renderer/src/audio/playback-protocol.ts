// Messages between the main thread's playback engine and the playback worklet.

export const PLAYBACK_PROCESSOR_NAME = 'hark-playback'

export interface PlayedFrames {
  itemId: string
  /** Exact frames of this item that left the worklet (24 kHz). */
  playedFrames: number
}

export type PlaybackState = 'idle' | 'buffering' | 'playing'

/** `processorOptions` of the playback worklet. */
export interface PlaybackProcessorOptions {
  /** Frames the output device asks for per callback (AudioContext.baseLatency × sampleRate). */
  outputCallbackFrames?: number
}

/** The output callback in frames, from AudioContext.baseLatency; undefined when not reported. */
export function outputCallbackFrames(
  baseLatencySeconds: number,
  sampleRate: number
): number | undefined {
  const frames = Math.round(baseLatencySeconds * sampleRate)
  return Number.isFinite(frames) && frames > 0 ? frames : undefined
}

export type ToWorklet =
  | { type: 'audio'; itemId: string; samples: Float32Array }
  | { type: 'done'; itemId: string }
  | { type: 'flush'; itemId: string | null; flushId: number }

export type FromWorklet =
  | {
      type: 'progress'
      reason: 'tick' | 'drain' | 'flush'
      reports: PlayedFrames[]
      /** Set for reason 'flush': answers the flush message with this id. */
      flushId?: number
    }
  | { type: 'state'; state: PlaybackState; totalPlayedFrames: number }

export const framesToMs = (frames: number, sampleRate = 24_000): number =>
  (frames / sampleRate) * 1000
