// What one assistant turn cost and how fast it came: the core's `turn_metrics` event, shown on
// the turn in the window, printed by the CLI, and meant to be stored with the turn's history.
// Plain data (structured clone and JSON).

/** One response's tokens by modality (reference §1). Cached tokens are a subset of the input. */
export interface ResponseUsage {
  inputTokens: number
  outputTokens: number
  input: { text: number; audio: number; image: number }
  cachedInput: { text: number; audio: number; image: number }
  output: { text: number; audio: number }
}

/** "You stopped → you hear", split where the time goes. Every part in ms, null when not seen. */
export interface TurnLatency {
  /** What ended the user's turn: push-to-talk key up, the server VAD, or a typed message. */
  startedBy: 'key_up' | 'speech_stopped' | 'text'
  /** Turn end → the commit on the wire (sent by Hark, or the server's `committed`). */
  commitMs: number | null
  /** Commit → `response.created` arrived. */
  createdMs: number | null
  /** `response.created` → the first audio delta arrived at main. */
  firstAudioMs: number | null
  /** First audio delta at main → the first sample played (the renderer's report). */
  heardMs: number | null
  /** Turn end → the first sample played: what the user waited. */
  totalMs: number | null
}

export interface TurnMetrics {
  responseId: string
  /** The response's message items in order (a preamble, then the answer); may be empty. */
  itemIds: string[]
  model: string
  /** null: the server sent no usable usage ("tokens unknown"). */
  usage: ResponseUsage | null
  /** null: tokens unknown, or no price for the model ("price unknown"). */
  responseCostUsd: number | null
  /** Input transcription billed since the previous turn; null when its price is unknown. */
  transcriptionCostUsd: number | null
  /** The two together; null when either is unknown. */
  costUsd: number | null
  /** null for a response no user turn started (e.g. the one after a tool call). */
  latency: TurnLatency | null
}
