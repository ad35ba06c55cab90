// What to tell the server after an interruption. With the WebSocket transport the client owns
// playback, so only the renderer knows how much of an assistant item was heard (reference §5,
// "Making truncation match what was heard").

export interface TruncationInput {
  /** What the renderer reported as played for the current item; undefined when it reported nothing. */
  playedMs: number | undefined
  /** Audio received for the item so far (the SDK's `_audioLengthMs`). */
  generatedMs: number
  /** `response.output_audio.done` arrived for the item: no more audio will be generated. */
  generationDone: boolean
}

export type TruncationDecision =
  | { truncate: true; audioEndMs: number }
  | { truncate: false; reason: 'nothing_played' | 'fully_heard' }

export function decideTruncation({
  playedMs,
  generatedMs,
  generationDone
}: TruncationInput): TruncationDecision {
  // No truncate before the first played sample (docs/architecture.md, "The realtime core"): a truncate at 0 would erase the
  // item's transcript on the server (the retrieved item comes back empty, reference §5 and #523)
  // for audio the user never heard any of.
  if (playedMs === undefined || !(playedMs > 0) || !(generatedMs > 0))
    return { truncate: false, reason: 'nothing_played' }
  // Fully heard: the server's item already matches what the user heard; truncating would only
  // drop the transcript (issue #523, fixed upstream the same way).
  if (generationDone && playedMs >= generatedMs) return { truncate: false, reason: 'fully_heard' }
  // `audio_end_ms` must be an integer no larger than the audio generated: the API rejects a
  // fractional value (issue #552) and one past the end (openai-agents-python #2370), reference §8.
  const audioEndMs = Math.floor(Math.min(playedMs, generatedMs))
  if (audioEndMs < 1) return { truncate: false, reason: 'nothing_played' }
  return { truncate: true, audioEndMs }
}
