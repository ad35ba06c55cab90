// What shapes one GPT-Live conversation, and where the values come from. The key is a function,
// read at connect time, and stays in main (reference §2: `Authorization: Bearer` on the upgrade).
import type { InitialItem, SessionStartEvent } from 'openai/resources/live/live'
import { MissingApiKeyError } from '../../realtime/config'
import { DEFAULT_LIVE_MODEL, DEFAULT_LIVE_VOICE } from '../../../shared/live-models'

export const OPENAI_LIVE_URL = 'wss://api.openai.com/v1/live/sessions'
export { DEFAULT_LIVE_MODEL, DEFAULT_LIVE_VOICE } from '../../../shared/live-models'

export interface LiveConfig {
  apiKey: () => string | Promise<string>
  /** The WebSocket endpoint, used verbatim: Live takes no query string (reference §2). */
  url: string
  model: string
  voice: string
  /** Frontend instructions; empty means the server's defaults. Immutable after start. */
  instructions: string
}

export interface LiveEnv {
  OPENAI_API_KEY?: string | undefined
  OPENAI_LIVE_URL?: string | undefined
  OPENAI_LIVE_MODEL?: string | undefined
  OPENAI_LIVE_VOICE?: string | undefined
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value !== undefined && value.trim() !== '' ? value.trim() : undefined

export function resolveLiveConfig(
  overrides: Partial<Omit<LiveConfig, 'apiKey'>>,
  env: LiveEnv,
  storedKey: () => string | null | Promise<string | null> = () => null
): LiveConfig {
  const envKey = nonEmpty(env.OPENAI_API_KEY)
  return {
    url: overrides.url ?? nonEmpty(env.OPENAI_LIVE_URL) ?? OPENAI_LIVE_URL,
    model: overrides.model ?? nonEmpty(env.OPENAI_LIVE_MODEL) ?? DEFAULT_LIVE_MODEL,
    voice: overrides.voice ?? nonEmpty(env.OPENAI_LIVE_VOICE) ?? DEFAULT_LIVE_VOICE,
    instructions: overrides.instructions ?? '',
    apiKey: async () => {
      if (envKey) return envKey
      const key = await storedKey()
      if (!key) throw new MissingApiKeyError()
      return key
    }
  }
}

/**
 * The first event on a new socket (reference §2): model, voice and the audio format Hark speaks
 * (PCM16 24 kHz mono, the same as the Realtime engine's), instructions, and the conversation so
 * far as text history. All of it is fixed for the session's life.
 */
export function sessionStart(config: LiveConfig, history: InitialItem[]): SessionStartEvent {
  return {
    type: 'session.start',
    session: {
      model: config.model,
      audio: { format: { type: 'audio/pcm', rate: 24000 }, output: { voice: config.voice } },
      ...(config.instructions.trim() !== '' ? { instructions: config.instructions } : {}),
      ...(history.length > 0 ? { input: history } : {})
    }
  }
}
