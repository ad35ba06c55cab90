// The GPT-Live models and voice Hark offers (reference §2): shared because Settings lists them and
// main starts sessions with them.

/** Newest first: gpt-live-1.1 from 2026-11-20, gpt-live-1 from 2026-09-10. */
export const LIVE_MODELS = ['gpt-live-1.1', 'gpt-live-1'] as const
export const DEFAULT_LIVE_MODEL = 'gpt-live-1.1'
/** The API's own default voice for Live (SessionConfig.audio.output.voice). */
export const DEFAULT_LIVE_VOICE = 'marin'
