import { OpenAIRealtimeWebSocket } from '@openai/agents-realtime'
import { describe, expect, it } from 'vitest'
import type { RealtimeConfig } from './config'
import { buildSessionConfig } from './session-config'

const base: RealtimeConfig = {
  apiKey: () => 'sk-test',
  model: 'gpt-realtime-2.1',
  voice: 'marin',
  instructions: 'Be terse.',
  url: 'wss://api.openai.com/v1/realtime',
  turnDetection: 'none',
  vadEagerness: 'auto',
  inputTranscription: true,
  tracing: false,
  reasoningEffort: 'low',
  transcriptionModel: 'gpt-realtime-whisper',
  provider: 'openai'
}

/** The snake_case `session.update` payload the SDK derives from the config (reference §1). */
function payload(config: RealtimeConfig): Record<string, unknown> {
  return new OpenAIRealtimeWebSocket().buildSessionPayload(buildSessionConfig(config))
}

describe('buildSessionConfig', () => {
  it('sends turn_detection null for push-to-talk, with transcription and the voice', () => {
    expect(payload(base)).toMatchObject({
      audio: {
        input: {
          format: { type: 'audio/pcm', rate: 24000 },
          turn_detection: null,
          transcription: { model: 'gpt-realtime-whisper' }
        },
        output: { voice: 'marin', format: { type: 'audio/pcm', rate: 24000 } }
      }
    })
  })

  it('configures semantic_vad with its eagerness and server-side interruption', () => {
    expect(payload({ ...base, turnDetection: 'semantic_vad', vadEagerness: 'high' })).toMatchObject(
      {
        audio: {
          input: {
            turn_detection: { type: 'semantic_vad', eagerness: 'high', interrupt_response: true }
          }
        }
      }
    )
  })

  it('configures server_vad with server-side interruption', () => {
    const session = payload({ ...base, turnDetection: 'server_vad' })
    expect(session).toMatchObject({
      audio: { input: { turn_detection: { type: 'server_vad', interrupt_response: true } } }
    })
  })

  it('disables input transcription with null', () => {
    expect(payload({ ...base, inputTranscription: false })).toMatchObject({
      audio: { input: { transcription: null } }
    })
  })

  it('sends the reasoning effort to the reasoning models (the 2.x family)', () => {
    for (const model of ['gpt-realtime-2.1', 'gpt-realtime-2.1-mini', 'gpt-realtime-2'])
      expect(payload({ ...base, model, reasoningEffort: 'high' })).toMatchObject({
        reasoning: { effort: 'high' }
      })
  })

  it('sends no reasoning to models without it', () => {
    for (const model of ['gpt-realtime-1.5', 'gpt-realtime', 'my-local-model'])
      expect(payload({ ...base, model })).not.toHaveProperty('reasoning')
  })
})
