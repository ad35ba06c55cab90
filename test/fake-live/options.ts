// What a test (or the CLI) can configure on the fake GPT-Live server, and the defaults.
import type { InitialItem } from 'openai/resources/live/live'
import { PCM_SAMPLE_RATE } from '../../src/shared/pcm'
import { FAKE_API_KEY } from '../fake-realtime/options'

export { FAKE_API_KEY }

/** What the scripted "model" knows when the user has finished speaking. */
export interface FakeLiveTurn {
  connectionIndex: number
  /** 0 for the first user turn on this connection. */
  turnIndex: number
  userAudioMs: number
  userTranscript: string
  /** The `session.input` history the session started with. */
  history: readonly InitialItem[]
  /** What the client replied to this turn's delegation (commentary or thinking), if any. */
  delegationResult: string | null
}

export interface FakeLiveOptions {
  /** The one key accepted in `Authorization: Bearer <key>`. */
  apiKey: string
  /** 0 picks a free port. The server only ever listens on 127.0.0.1. */
  port: number
  /** Real time divided by this paces the audio; 0 or Infinity sends as fast as possible. */
  speed: number
  /** Audio per `session.output_audio.delta`: 100 ms = 4800 bytes. */
  chunkMs: number
  msPerChar: number
  /** RMS (0..1) at which the fake hears speech. */
  vadRmsThreshold: number
  /** Silence that ends a user turn (the server decides turns in GPT-Live, reference §2). */
  silenceDurationMs: number
  reply: (turn: FakeLiveTurn) => string
  transcribe: (audio: Int16Array) => string
  /** True: delegate this turn to the client first and answer with its result. */
  delegate: (turn: FakeLiveTurn) => boolean
  /** 'silent': never answer `session.start` (a server that hangs after the upgrade). */
  startBehaviour: 'normal' | 'silent'
  /** false: stop answering WebSocket pings (a dead network path), for new connections. */
  answerPings: boolean
  /**
   * Session lifetime reported in `expires_at` (the API's is about two hours); the fake ends the
   * session with `session.closed` `expired` when it is over.
   */
  sessionLifetimeS: number
  log: (line: string) => void
}

export function defaultLiveReply(turn: FakeLiveTurn): string {
  if (turn.delegationResult !== null) return `Done. ${turn.delegationResult}`
  const remembered =
    turn.turnIndex === 0 && turn.history.length > 0
      ? ` I remember ${turn.history.length} earlier messages.`
      : ''
  return `I heard ${(turn.userAudioMs / 1000).toFixed(1)} seconds of audio.${remembered}`
}

export function defaultLiveTranscribe(audio: Int16Array): string {
  return `(${(audio.length / PCM_SAMPLE_RATE).toFixed(1)} seconds of speech)`
}

export function defaultLiveOptions(): FakeLiveOptions {
  return {
    apiKey: FAKE_API_KEY,
    port: 0,
    speed: 1,
    chunkMs: 100,
    msPerChar: 65,
    vadRmsThreshold: 0.02,
    silenceDurationMs: 500,
    reply: defaultLiveReply,
    transcribe: defaultLiveTranscribe,
    delegate: () => false,
    startBehaviour: 'normal',
    answerPings: true,
    sessionLifetimeS: 7200,
    log: () => undefined
  }
}
