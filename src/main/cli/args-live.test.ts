import { describe, expect, it } from 'vitest'
import { LIVE_TEXT_REFUSAL, parseCliArgs } from './args'

describe('parseCliArgs --engine live', () => {
  it('takes GPT-Live defaults and its own environment, not the Realtime ones', () => {
    const env = { OPENAI_REALTIME_MODEL: 'gpt-realtime-mini', OPENAI_LIVE_VOICE: 'cedar' }
    const parsed = parseCliArgs(['--engine', 'live', '--in', 'q.wav'], env)
    expect(parsed).toMatchObject({
      ok: true,
      options: {
        engine: 'live',
        url: 'wss://api.openai.com/v1/live/sessions',
        model: 'gpt-live-1.1',
        voice: 'cedar'
      }
    })
  })

  it('refuses --text (no typed user message in GPT-Live) and an unknown engine', () => {
    const text = parseCliArgs(['--engine', 'live', '--text', 'hi'], {})
    expect(text).toEqual({ ok: false, message: `${LIVE_TEXT_REFUSAL} Run with --help for usage.` })
    const unknown = parseCliArgs(['--engine', 'gpt', '--in', 'q.wav'], {})
    expect(unknown).toMatchObject({
      ok: false,
      message: expect.stringContaining("not 'gpt'") as unknown
    })
  })
})
