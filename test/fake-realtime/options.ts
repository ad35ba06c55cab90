// What a test (or the CLI) can configure on the fake server, and the defaults.
import { PCM_SAMPLE_RATE } from '../../src/shared/pcm'
import type { WireItem } from './wire-types'

export const FAKE_API_KEY = 'sk-fake-hark'

/** What the scripted "model" sees when it has to answer. */
export interface FakeTurn {
  connectionIndex: number
  /** 0 for the first response on this connection. */
  responseIndex: number
  /** What the newest conversation item is: what this response answers. */
  trigger: 'text' | 'audio' | 'tool_output' | 'none'
  /** Text of the newest user text message, if the newest user message is text. */
  userText: string | null
  /** Length of the newest user audio message, if the newest user message is audio. */
  userAudioMs: number | null
  /** Its transcript, when transcription is on and done. */
  userTranscript: string | null
  /** `output` of the newest item when it is a `function_call_output`. */
  toolOutput: string | null
  /** Response instructions, else the session's. */
  instructions: string
  /** Names of the function tools the session offers. */
  toolNames: string[]
  items: readonly WireItem[]
}

export interface FakeToolCall {
  name: string
  /** JSON text, as the API sends it; an object is serialised. */
  arguments: string | Record<string, unknown>
}

export interface FakeRealtimeOptions {
  /** The one key accepted in `Authorization: Bearer <key>`. */
  apiKey: string
  /**
   * How a wrong key is refused. The API has been seen doing both: accept, send an
   * `invalid_api_key` error and close with 3000, or refuse the upgrade with 401 (reference §7/§8).
   */
  authFailure: 'close-3000' | 'http-401'
  /** 0 picks a free port. The server only ever listens on 127.0.0.1. */
  port: number
  /** Real time divided by this paces the audio; 0 or Infinity sends as fast as possible. */
  speed: number
  /** Audio per `response.output_audio.delta`: 100 ms = 4800 bytes. */
  chunkMs: number
  /** Length of synthesized speech per reply character. */
  msPerChar: number
  /** RMS (0..1) at which the fake VAD hears speech, for the API's default threshold 0.5. */
  vadRmsThreshold: number
  reply: (turn: FakeTurn) => string
  /**
   * A short spoken item the 2.x models may send before the answer item, in the same response
   * (reference §1, "preambles"); null for none. `randomPreamble` makes it a coin toss.
   */
  preamble: (turn: FakeTurn) => string | null
  toolCalls: (turn: FakeTurn) => FakeToolCall | null
  transcribe: (audio: Int16Array) => string
  /**
   * The session clock runs this many times faster than real time: with 60, the 60-minute limit
   * comes after a real minute (`expires_at` says so), and replies are paced as usual.
   */
  sessionClockSpeed: number
  /** End each session at its time limit as the API does (`session_expired`, close 1001). */
  enforceSessionLimit: boolean
  /** Diagnostics (the CLI prints them); silent by default. */
  log: (line: string) => void
  /** A slow network: the WebSocket upgrade is answered this long after the request (0 = at once). */
  upgradeDelayMs: number
  /**
   * 'azure' acts as an Azure OpenAI resource (azure-auth.ts): `/openai/v1/realtime`, the key in
   * `api-key`, any Authorization header refused with 401.
   */
  provider: 'openai' | 'azure'
}

function seconds(sampleCount: number): string {
  return (sampleCount / PCM_SAMPLE_RATE).toFixed(1)
}

export function defaultReply(turn: FakeTurn): string {
  switch (turn.trigger) {
    case 'tool_output':
      return `Here is what the tool said: ${turn.toolOutput ?? ''}`
    case 'text':
      return `You said: ${turn.userText ?? ''}`
    case 'audio':
      return `I heard ${((turn.userAudioMs ?? 0) / 1000).toFixed(1)} seconds of audio.`
    case 'none':
      return 'Hello! How can I help you today?'
  }
}

export function defaultTranscribe(audio: Int16Array): string {
  return `(${seconds(audio.length)} seconds of speech)`
}

export function defaultOptions(): FakeRealtimeOptions {
  return {
    apiKey: FAKE_API_KEY,
    authFailure: 'close-3000',
    port: 0,
    speed: 1,
    chunkMs: 100,
    msPerChar: 65,
    vadRmsThreshold: 0.02,
    reply: defaultReply,
    preamble: () => null,
    toolCalls: () => null,
    transcribe: defaultTranscribe,
    sessionClockSpeed: 1,
    enforceSessionLimit: false,
    log: () => undefined,
    upgradeDelayMs: 0,
    provider: 'openai'
  }
}

export const DEFAULT_PREAMBLE = 'One moment.'

/**
 * A preamble for about `probability` of the responses that speak or write, drawn from `random`
 * (tests pass a seeded one, or Math.random to cover both shapes over runs).
 */
export function randomPreamble(
  probability: number,
  random: () => number = Math.random
): (turn: FakeTurn) => string | null {
  return (turn) =>
    turn.trigger !== 'tool_output' && random() < probability ? DEFAULT_PREAMBLE : null
}

/** Milliseconds to wait before the next chunk, or null for "at once" (speed 0 or Infinity). */
export function chunkIntervalMs(
  options: Pick<FakeRealtimeOptions, 'speed' | 'chunkMs'>
): number | null {
  const { speed, chunkMs } = options
  if (speed === 0 || !Number.isFinite(speed)) return null
  return chunkMs / speed
}
