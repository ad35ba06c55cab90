// zod schema of `session.update`'s session (and the pieces `response.create` shares with it),
// written from the `openai` package's `RealtimeSessionCreateRequest`. Strict, like the API
// (`unknown_parameter`); `transcription` and `noise_reduction` may be `null` because the SDK sends
// that to disable them and the API accepts it (reference §1, §8 #820).
import { z } from 'zod'

export const nonNegativeInt = z.number().int().nonnegative()

export const audioFormat = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('audio/pcm'), rate: z.literal(24000).optional() }),
  z.strictObject({ type: z.literal('audio/pcmu') }),
  z.strictObject({ type: z.literal('audio/pcma') })
])

const transcription = z.strictObject({
  model: z.string().optional(),
  language: z.string().optional(),
  languages: z.array(z.string()).optional(),
  prompt: z.string().optional(),
  keywords: z.array(z.string()).optional(),
  delay: z.enum(['minimal', 'low', 'medium', 'high', 'xhigh']).optional()
})

const serverVad = z.strictObject({
  type: z.literal('server_vad'),
  create_response: z.boolean().optional(),
  idle_timeout_ms: nonNegativeInt.nullable().optional(),
  interrupt_response: z.boolean().optional(),
  prefix_padding_ms: nonNegativeInt.optional(),
  silence_duration_ms: nonNegativeInt.optional(),
  threshold: z.number().min(0).max(1).optional()
})

const semanticVad = z.strictObject({
  type: z.literal('semantic_vad'),
  create_response: z.boolean().optional(),
  eagerness: z.enum(['low', 'medium', 'high', 'auto']).optional(),
  interrupt_response: z.boolean().optional()
})

export const functionTool = z.strictObject({
  type: z.literal('function'),
  name: z.string(),
  description: z.string().optional(),
  parameters: z.unknown().optional()
})

export const toolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  z.strictObject({ type: z.literal('function'), name: z.string() }),
  z.strictObject({
    type: z.literal('mcp'),
    server_label: z.string(),
    name: z.string().nullable().optional()
  })
])

export const maxOutputTokens = z.union([z.number().int().min(1).max(4096), z.literal('inf')])
export const outputModalities = z
  .array(z.enum(['text', 'audio']))
  .min(1)
  .max(1)

export const sessionSchema = z.strictObject({
  type: z.literal('realtime'),
  model: z.string().optional(),
  instructions: z.string().optional(),
  output_modalities: outputModalities.optional(),
  audio: z
    .strictObject({
      input: z
        .strictObject({
          format: audioFormat.optional(),
          transcription: transcription.nullable().optional(),
          noise_reduction: z
            .strictObject({
              type: z.enum(['near_field', 'far_field']).optional(),
              strength: z.number().optional()
            })
            .nullable()
            .optional(),
          turn_detection: z
            .discriminatedUnion('type', [serverVad, semanticVad])
            .nullable()
            .optional()
        })
        .optional(),
      output: z
        .strictObject({
          format: audioFormat.optional(),
          voice: z.union([z.string(), z.strictObject({ id: z.string() })]).optional(),
          speed: z.number().min(0.25).max(1.5).optional()
        })
        .optional()
    })
    .optional(),
  tools: z.array(functionTool).optional(),
  tool_choice: toolChoice.optional(),
  tracing: z
    .union([
      z.literal('auto'),
      z.strictObject({
        group_id: z.string().optional(),
        metadata: z.unknown().optional(),
        workflow_name: z.string().optional()
      })
    ])
    .nullable()
    .optional(),
  prompt: z
    .strictObject({
      id: z.string(),
      version: z.string().nullable().optional(),
      variables: z.record(z.string(), z.string()).nullable().optional()
    })
    .nullable()
    .optional(),
  truncation: z
    .union([
      z.enum(['auto', 'disabled']),
      z.strictObject({
        type: z.literal('retention_ratio'),
        retention_ratio: z.number().min(0).max(1),
        token_limits: z.strictObject({ post_instructions: nonNegativeInt.optional() }).optional()
      })
    ])
    .optional(),
  max_output_tokens: maxOutputTokens.optional(),
  include: z.array(z.literal('item.input_audio_transcription.logprobs')).optional(),
  reasoning: z
    .strictObject({ effort: z.enum(['minimal', 'low', 'medium', 'high', 'xhigh']).optional() })
    .optional(),
  parallel_tool_calls: z.boolean().optional()
})
export type SessionUpdate = z.infer<typeof sessionSchema>
