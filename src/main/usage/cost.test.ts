import { describe, expect, it } from 'vitest'
import { responseCostUsd, transcriptionCostUsd } from './cost'
import { parseResponseUsage, parseTranscriptionUsage } from './usage'

/** As the API sends it: 3000 tokens in (2100 of them cached), 600 out. */
const wireUsage = {
  total_tokens: 3600,
  input_tokens: 3000,
  output_tokens: 600,
  input_token_details: {
    text_tokens: 1000,
    audio_tokens: 2000,
    image_tokens: 0,
    cached_tokens: 2100,
    cached_tokens_details: { text_tokens: 600, audio_tokens: 1500, image_tokens: 0 }
  },
  output_token_details: { text_tokens: 100, audio_tokens: 500 }
}

describe('response cost', () => {
  it('bills cached text and audio at their own rates, exactly (gpt-realtime-2.1)', () => {
    const usage = parseResponseUsage(wireUsage)
    if (!usage) throw new Error('usage not parsed')
    // text 400×4 + 600×0.40, audio 500×32 + 1500×0.40, out 100×24 + 500×64 = 52 840 µUSD
    expect(responseCostUsd('gpt-realtime-2.1', usage)).toBe(0.05284)
    // mini: 400×0.60 + 600×0.06 + 500×10 + 1500×0.30 + 100×2.40 + 500×20 = 15 966 µUSD
    expect(responseCostUsd('gpt-realtime-2.1-mini', usage)).toBe(0.015966)
    // 1.5 differs in text output only: 100×16 instead of 100×24
    expect(responseCostUsd('gpt-realtime-1.5', usage)).toBe(0.05204)
  })

  it('an unknown model has tokens but no price', () => {
    const usage = parseResponseUsage(wireUsage)
    if (!usage) throw new Error('usage not parsed')
    expect(usage.inputTokens).toBe(3000)
    expect(responseCostUsd('my-local-model', usage)).toBeNull()
    expect(responseCostUsd('constructor', usage)).toBeNull()
  })

  it('missing or malformed usage is unknown, not a crash', () => {
    for (const bad of [
      undefined,
      null,
      'lots',
      {},
      { input_tokens: -1, output_tokens: 2 },
      { input_tokens: 1.5, output_tokens: 2 },
      {
        ...wireUsage,
        input_token_details: { text_tokens: 1, cached_tokens_details: { text_tokens: 5 } }
      }
    ])
      expect(parseResponseUsage(bad)).toBeNull()
  })
})

describe('transcription cost', () => {
  it('gpt-realtime-whisper is billed per minute of audio', () => {
    const usage = parseTranscriptionUsage({ type: 'duration', seconds: 30 })
    if (!usage) throw new Error('usage not parsed')
    expect(transcriptionCostUsd('gpt-realtime-whisper', usage)).toBeCloseTo(0.0085, 12)
  })

  it('a model without a price, or usage in the wrong unit, is unknown', () => {
    const tokens = parseTranscriptionUsage({ type: 'tokens', input_tokens: 10, output_tokens: 3 })
    if (!tokens) throw new Error('usage not parsed')
    expect(transcriptionCostUsd('gpt-transcribe', tokens)).toBeNull()
    expect(transcriptionCostUsd('gpt-realtime-whisper', tokens)).toBeNull()
    expect(parseTranscriptionUsage({ type: 'duration', seconds: -1 })).toBeNull()
  })
})
