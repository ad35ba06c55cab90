// What OpenAI charges for Realtime and transcription, as data: update the table (and its date)
// when the prices change. USD per 1M tokens, from the model pages on developers.openai.com, as
// quoted in issue 9 and the reference notes §1. A model missing here has no price: Hark then shows
// its tokens and "price unknown", never a guess.

export const PRICES_TAKEN_ON = '2026-11-30'

/** USD per 1M tokens. Cached input is billed at its own (lower) rate. */
export interface RealtimeModelPrice {
  text: { input: number; cachedInput: number; output: number }
  audio: { input: number; cachedInput: number; output: number }
  image: { input: number; cachedInput: number }
}

const REALTIME_2: RealtimeModelPrice = {
  text: { input: 4, cachedInput: 0.4, output: 24 },
  audio: { input: 32, cachedInput: 0.4, output: 64 },
  image: { input: 5, cachedInput: 0.5 }
}

export const REALTIME_PRICES: Readonly<Record<string, RealtimeModelPrice>> = {
  'gpt-realtime-2.1': REALTIME_2,
  'gpt-realtime-2': REALTIME_2,
  'gpt-realtime-2.1-mini': {
    text: { input: 0.6, cachedInput: 0.06, output: 2.4 },
    audio: { input: 10, cachedInput: 0.3, output: 20 },
    image: { input: 0.8, cachedInput: 0.08 }
  },
  'gpt-realtime-1.5': {
    text: { input: 4, cachedInput: 0.4, output: 16 },
    audio: { input: 32, cachedInput: 0.4, output: 64 },
    image: { input: 5, cachedInput: 0.5 }
  }
}

/** Input transcription: per minute of audio, or per 1M tokens, as the model is billed. */
export type TranscriptionPrice =
  { per: 'minute'; usd: number } | { per: 'token'; inputUsdPer1M: number; outputUsdPer1M: number }

export const TRANSCRIPTION_PRICES: Readonly<Record<string, TranscriptionPrice>> = {
  'gpt-realtime-whisper': { per: 'minute', usd: 0.017 }
}

export function realtimePrice(model: string): RealtimeModelPrice | null {
  return Object.hasOwn(REALTIME_PRICES, model) ? (REALTIME_PRICES[model] ?? null) : null
}

export function transcriptionPrice(model: string): TranscriptionPrice | null {
  return Object.hasOwn(TRANSCRIPTION_PRICES, model) ? (TRANSCRIPTION_PRICES[model] ?? null) : null
}
