// The push-to-talk session config the controller tests start from; each test overrides what it
// is about (the URL of its server, the key, turn detection).
import type { RealtimeConfig } from '../../src/main/realtime/config'

export function testRealtimeConfig(
  url: string,
  apiKey: string,
  overrides: Partial<RealtimeConfig> = {}
): RealtimeConfig {
  return {
    apiKey: () => apiKey,
    model: 'gpt-realtime',
    voice: 'marin',
    instructions: 'Be brief.',
    url,
    turnDetection: 'none',
    vadEagerness: 'auto',
    inputTranscription: true,
    tracing: false,
    ...overrides
  }
}
