// A local stand-in for the OpenAI Realtime API (GA protocol, WebSocket transport) for integration
// tests, the CLI (`npm run -s fake-realtime`) and trying Hark without a key.
//
//   const server = await startFakeRealtimeServer({ speed: 20, reply: (turn) => 'Hi.' })
//   await session.connect({ apiKey: server.apiKey, url: `${server.url}?model=gpt-realtime` })
//   ...
//   expect(Buffer.concat(audioEvents).equals(Buffer.from(server.responses[0].audio))).toBe(true)
//   server.faults.midResponse = { kind: 'drop', afterAudioChunks: 3 }
//   await server.close()
export { startFakeRealtimeServer, FAKE_HOST, type FakeRealtimeServer } from './server'
export {
  FAKE_API_KEY,
  defaultReply,
  defaultTranscribe,
  type FakeRealtimeOptions,
  type FakeToolCall,
  type FakeTurn
} from './options'
export type { FakeFaults, FaultKind, MidResponseFault } from './faults'
export type {
  RecordedClientEvent,
  RecordedResponse,
  RecordedToolCall,
  ResponseStatus
} from './recorder'
export type { ServerEvent, WireItem, WireServerEvent, WireSession } from './wire-types'
// Helpers for tests that talk to the fake.
export { synthesizeSpeech, speechDurationMs, pcm16ToBytes } from './speech-synth'
export {
  appendEvents,
  base64,
  chunked,
  joinBytes,
  silenceBytes,
  speechBytes,
  toArrayBuffer
} from './audio-fixtures'
export { RawClient, type RawClientOptions, type ServerJson } from './raw-client'
