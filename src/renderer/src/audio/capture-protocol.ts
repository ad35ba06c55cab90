// Messages between the main thread's capture engine and the capture worklet.

export const CAPTURE_PROCESSOR_NAME = 'hark-capture'

/** How often the worklet reports the input level for the meter. */
export const LEVEL_INTERVAL_MS = 50

export type ToCapture =
  /** Start sending chunks. */
  | { type: 'talk' }
  /** Stop sending; the partial chunk is dropped (see CaptureChunker.stopTalking). */
  | { type: 'stop' }
  /** Stop after sending the partial chunk too, then answer `flushed`. */
  | { type: 'flush' }

export type FromCapture =
  /** A full or final PCM16 chunk, posted bare (and transferred) so the hot path allocates nothing. */
  | ArrayBuffer
  | { type: 'level'; rms: number }
  /** After the last chunk of a `flush`: the port delivers in order, so nothing of it follows. */
  | { type: 'flushed' }
