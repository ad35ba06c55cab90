import { describe, expect, it } from 'vitest'
import {
  CONNECTION_DROPPED,
  disconnectCause,
  serverErrorCode,
  startFailureCause
} from './failure-cause'

const url = 'ws://127.0.0.1:9/v1/realtime'

describe('startFailureCause', () => {
  it('prefers the HTTP status of a refused upgrade, refined by the body', () => {
    const cause = startFailureCause({
      error: new Error('WebSocket was closed before the connection was established'),
      socket: {
        url,
        opened: false,
        httpStatus: 404,
        httpBody: '{"error":{"message":"Model gpt-x not found."}}'
      },
      serverError: undefined,
      context: { url }
    })
    expect(cause.code).toBe('invalid_request')
    expect(cause.message).toContain('Model gpt-x not found.')
  })

  it('uses a server error seen before ready, then the close frame, then the rejection', () => {
    const auth = { code: 'auth' as const, message: 'OpenAI rejected the API key.' }
    expect(
      startFailureCause({
        error: new Error('x'),
        socket: { url, opened: true, closeCode: 1000, closeReason: '' },
        serverError: auth,
        context: { url }
      })
    ).toBe(auth)
    expect(
      startFailureCause({
        error: new Error('x'),
        socket: {
          url,
          opened: true,
          closeCode: 3000,
          closeReason: 'invalid_request_error.invalid_api_key'
        },
        serverError: undefined,
        context: { url }
      }).code
    ).toBe('auth')
    expect(
      startFailureCause({
        error: new Error('x'),
        socket: { url, opened: true, closeCode: 1006, closeReason: '' },
        serverError: undefined,
        context: { url }
      })
    ).toBe(CONNECTION_DROPPED)
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
    expect(
      startFailureCause({
        error: { type: 'error', message: refused.message, error: refused },
        socket: { url, opened: false, closeCode: 1006, closeReason: '' },
        serverError: undefined,
        context: { url }
      }).code
    ).toBe('network')
  })
})

describe('disconnectCause', () => {
  it('explains a close by its frame, a server error just before it, or calls it a drop', () => {
    const limit = { code: 'network' as const, message: 'The session reached its time limit.' }
    expect(disconnectCause({ url, opened: true, closeCode: 1011 }, undefined, 0).code).toBe(
      'server'
    )
    expect(
      disconnectCause({ url, opened: true, closeCode: 1000 }, { error: limit, atMs: 1000 }, 2500)
    ).toBe(limit)
    expect(
      disconnectCause({ url, opened: true, closeCode: 1000 }, { error: limit, atMs: 1000 }, 9000)
    ).toBe(CONNECTION_DROPPED)
    expect(disconnectCause(undefined, undefined, 0)).toBe(CONNECTION_DROPPED)
  })
})

describe('serverErrorCode', () => {
  it('reads the code of a server error event and ignores connect failures and local errors', () => {
    const server = {
      type: 'error',
      error: {
        type: 'error',
        event_id: 'e',
        error: { type: 'invalid_request_error', code: 'invalid_value' }
      }
    }
    expect(serverErrorCode(server)).toBe('invalid_value')
    const wsEvent = {
      type: 'error',
      message: 'x',
      error: Object.assign(new Error('x'), { code: 'ECONNREFUSED' })
    }
    expect(serverErrorCode({ type: 'error', error: wsEvent })).toBeUndefined()
    expect(serverErrorCode({ type: 'error', error: new Error('tool') })).toBeUndefined()
  })
})
