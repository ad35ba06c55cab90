import { describe, expect, it } from 'vitest'
import { asLive, liveErrorEvent, sessionEnd, socketFailure } from './live-failures'
import { liveCostUsd } from './live-prices'

describe('GPT-Live failures in words', () => {
  it('names GPT-Live, not the Realtime API, for socket failures', () => {
    expect(
      socketFailure({
        url: 'wss://api.openai.com/v1/live/sessions',
        opened: false,
        httpStatus: 401
      })
    ).toEqual({
      code: 'auth',
      message: 'OpenAI rejected the API key (HTTP 401).'
    })
    const unreachable = socketFailure(
      { url: 'ws://127.0.0.1:9/v1/live/sessions', opened: false },
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
    )
    expect(unreachable.code).toBe('network')
    expect(unreachable.message).toMatch(/^Could not reach GPT-Live at 127\.0\.0\.1:9/)
    expect(
      asLive({ code: 'server', message: 'The Realtime API reported an internal error.' }).message
    ).toBe('GPT-Live reported an internal error.')
  })

  it('keeps the code of an error event in the sentence', () => {
    expect(liveErrorEvent({ code: 'rate_limit_exceeded', message: 'Slow down.' })).toEqual({
      code: 'rate_limit',
      message: 'GPT-Live refused for now: Slow down (rate_limit_exceeded).'
    })
  })

  it('renews after expiry or a lost connection, and stops after a safety close or a hang-up', () => {
    expect(sessionEnd('expired').kind).toBe('renew')
    expect(sessionEnd('connection_lost').kind).toBe('renew')
    // Never 'network' or 'server': the session manager would reconnect after those.
    expect(sessionEnd('content')).toMatchObject({ kind: 'stop', code: 'invalid_request' })
    expect(sessionEnd('remote_hangup')).toMatchObject({ kind: 'stop', code: undefined })
    expect(sessionEnd('something_new')).toMatchObject({ kind: 'stop', code: 'protocol' })
  })

  it('prices seconds at USD 0.05 per minute, and an unknown model at nothing known', () => {
    expect(liveCostUsd('gpt-live-1.1', 120)).toBeCloseTo(0.1, 10)
    expect(liveCostUsd('gpt-live-1-mini', 60)).toBeNull()
  })
})
