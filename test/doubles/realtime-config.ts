// The push-to-talk session config the controller tests start from; each test overrides what it
// is about (the URL of its server, the key, turn detection).
import { DEFAULT_MODEL, type RealtimeConfig } from '../../src/main/realtime/config'
import { DEFAULT_REASONING_EFFORT, DEFAULT_TRANSCRIPTION_MODEL } from '../../src/shared/models'

export function testRealtimeConfig(
  url: string,
  apiKey: string,
  overrides: Partial<RealtimeConfig> = {}
): RealtimeConfig {
  return {
    apiKey: () => apiKey,
    model: DEFAULT_MODEL,
    voice: 'marin',
    instructions: 'Be brief.',
    url,
    turnDetection: 'none',
    vadEagerness: 'auto',
    inputTranscription: true,
    tracing: false,
    reasoningEffort: DEFAULT_REASONING_EFFORT,
    transcriptionModel: DEFAULT_TRANSCRIPTION_MODEL,
    provider: 'openai',
    ...overrides
  }
}
