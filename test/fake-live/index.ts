// A local stand-in for OpenAI's GPT-Live WebSocket API (`/v1/live/sessions`, reference §2) for
// integration tests, the CLI (`npm run -s fake-live`) and trying Hark's Live engine without a key.
//
//   const server = await startFakeLiveServer({ speed: 0 })
//   ... connect to server.url with `Authorization: Bearer ${server.apiKey}`, send session.start ...
//   const [turn] = await server.waitForTurns(1)
//   expect(receivedAudio).toEqual(turn.audio)
//   server.endSession('expired')
export { startFakeLiveServer, LIVE_PATH, type FakeLiveServer } from './server'
export {
  FAKE_API_KEY,
  defaultLiveReply,
  defaultLiveTranscribe,
  type FakeLiveOptions,
  type FakeLiveTurn
} from './options'
export type { RecordedLiveEvent, RecordedLiveTurn, LiveTurnStatus } from './recorder'
export { LIVE_MODELS, MAX_INITIAL_MESSAGES } from './session-schema'
