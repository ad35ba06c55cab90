// Token usage as the Realtime API reports it (`response.done.response.usage`, and the input
// transcription's own `usage`; reference §1, "Usage in response.done"), read leniently: a server
// that sends none, or something malformed, yields null ("tokens unknown"), never a crash.
import { z } from 'zod'
import type { ResponseUsage } from '../../shared/turn-metrics'

export type { ResponseUsage }

const count = z.number().int().nonnegative()

const wireResponseUsage = z.object({
  input_tokens: count,
  output_tokens: count,
  input_token_details: z
    .object({
      text_tokens: count.optional(),
      audio_tokens: count.optional(),
      image_tokens: count.optional(),
      cached_tokens: count.optional(),
      cached_tokens_details: z
        .object({
          text_tokens: count.optional(),
          audio_tokens: count.optional(),
          image_tokens: count.optional()
        })
        .optional()
    })
    .optional(),
  output_token_details: z
    .object({ text_tokens: count.optional(), audio_tokens: count.optional() })
    .optional()
})

export function parseResponseUsage(raw: unknown): ResponseUsage | null {
  const parsed = wireResponseUsage.safeParse(raw)
  if (!parsed.success) return null
  const usage = parsed.data
  const input = usage.input_token_details
  const cached = input?.cached_tokens_details
  const output = usage.output_token_details
  const result: ResponseUsage = {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    input: {
      text: input?.text_tokens ?? 0,
      audio: input?.audio_tokens ?? 0,
      image: input?.image_tokens ?? 0
    },
    cachedInput: {
      text: cached?.text_tokens ?? 0,
      audio: cached?.audio_tokens ?? 0,
      image: cached?.image_tokens ?? 0
    },
    output: { text: output?.text_tokens ?? 0, audio: output?.audio_tokens ?? 0 }
  }
  // Cached tokens are part of the input: more cached than input means the numbers are wrong.
  const modalities = ['text', 'audio', 'image'] as const
  if (modalities.some((m) => result.cachedInput[m] > result.input[m])) return null
  return result
}

/** Input transcription usage: tokens, or seconds of audio (`{type: 'duration', seconds}`). */
export type TranscriptionUsage =
  | { type: 'tokens'; inputTokens: number; outputTokens: number }
  | { type: 'duration'; seconds: number }

const wireTranscriptionUsage = z.union([
  z.object({ type: z.literal('tokens'), input_tokens: count, output_tokens: count }),
  z.object({ type: z.literal('duration'), seconds: z.number().nonnegative() })
])

export function parseTranscriptionUsage(raw: unknown): TranscriptionUsage | null {
  const parsed = wireTranscriptionUsage.safeParse(raw)
  if (!parsed.success) return null
  const usage = parsed.data
  return usage.type === 'duration'
    ? usage
    : { type: 'tokens', inputTokens: usage.input_tokens, outputTokens: usage.output_tokens }
}
