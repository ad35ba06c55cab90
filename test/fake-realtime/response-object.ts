// The `response` object of `response.created`/`response.done`, and its `usage`.
import type { RealtimeResponse, RealtimeResponseUsage } from 'openai/resources/realtime/realtime'
import { pcmBytesToMs } from '../../src/shared/pcm'

export interface ResponseShape {
  id: string
  kind: 'audio' | 'text' | 'function_call'
  voice: string
}

export function responseObject(
  shape: ResponseShape,
  status: RealtimeResponse['status']
): RealtimeResponse {
  return {
    id: shape.id,
    object: 'realtime.response',
    status,
    output: [],
    output_modalities: shape.kind === 'text' ? ['text'] : ['audio'],
    // The SDK sizes audio deltas with this format (reference §4, "What the SDK does").
    audio: { output: { format: { type: 'audio/pcm', rate: 24000 }, voice: shape.voice } },
    max_output_tokens: 'inf',
    metadata: null
  }
}

/**
 * Deterministic token counts: ~4 characters per text token, ~20 audio tokens per second of
 * speech out. `input` comes from the conversation at the start of the response.
 */
export function responseUsage(
  input: { text: number; audio: number },
  outputChars: number,
  outputAudioBytes: number
): RealtimeResponseUsage {
  const text = Math.ceil(outputChars / 4)
  const audio = Math.ceil(pcmBytesToMs(outputAudioBytes) / 50)
  return {
    total_tokens: input.text + input.audio + text + audio,
    input_tokens: input.text + input.audio,
    output_tokens: text + audio,
    input_token_details: {
      text_tokens: input.text,
      audio_tokens: input.audio,
      image_tokens: 0,
      cached_tokens: 0,
      cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 }
    },
    output_token_details: { text_tokens: text, audio_tokens: audio }
  }
}
