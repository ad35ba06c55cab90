import { describe, expect, it } from 'vitest'
import { connectionDetail, connectionSentence } from './connection'
import type { ConnectionState } from './connection'

const state = (over: Partial<ConnectionState>): ConnectionState => ({
  status: 'disconnected',
  reason: null,
  code: null,
  errorMessage: null,
  ...over
})

describe('connection sentences', () => {
  it('speaks in human sentences', () => {
    expect(connectionSentence(state({}))).toBe('Not connected')
    expect(connectionSentence(state({ status: 'connecting' }))).toBe('Connecting…')
    expect(connectionSentence(state({ status: 'connected' }))).toBe('Connected')
  })

  it('names the reconnect attempt when main gives one', () => {
    const reason = 'Reconnecting… (attempt 2 of 5)'
    expect(connectionSentence(state({ status: 'reconnecting', reason }))).toBe(reason)
    expect(connectionSentence(state({ status: 'reconnecting' }))).toBe('Reconnecting…')
  })

  it('prefers main’s reason, then a sentence for the code', () => {
    expect(connectionSentence(state({ reason: 'The connection dropped.', code: 'network' }))).toBe(
      'The connection dropped.'
    )
    expect(connectionSentence(state({ code: 'auth' }))).toBe('OpenAI rejected the API key.')
  })

  it('shows an error as detail only when it adds something', () => {
    const same = state({ code: 'auth', errorMessage: 'OpenAI rejected the API key.' })
    expect(connectionDetail(same)).toBeNull()
    expect(connectionDetail(state({ status: 'connected', errorMessage: 'Rate limited' }))).toBe(
      'Rate limited'
    )
  })
})
