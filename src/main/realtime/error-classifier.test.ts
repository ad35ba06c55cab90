import { ModelBehaviorError, UserError } from '@openai/agents-realtime'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { MissingApiKeyError } from './config'
import { RealtimeCoreError } from './controller-api'
import {
  classifyClose,
  classifyError,
  classifyHttpStatus,
  classifyServerError,
  hostOf
} from './error-classifier'

const url = 'wss://api.openai.com/v1/realtime?model=gpt-realtime'

/** What ws hands to `addEventListener('error')` and what `connect()` rejects with (reference §7). */
function wsErrorEvent(error: Error): { type: string; message: string; error: Error } {
  return { type: 'error', message: error.message, error }
}

function errnoError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code })
}

/** A server `error` event as the SDK passes it to the session's `error` listener. */
function serverErrorEvent(error: Record<string, unknown>): unknown {
  return { type: 'error', error: { type: 'error', event_id: 'evt_1', error } }
}

describe('classifyError', () => {
  it('maps a refused connection (ws ErrorEvent with ECONNREFUSED) to network, naming the host', () => {
    const event = wsErrorEvent(errnoError('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'))
    const result = classifyError(event, { url: 'ws://127.0.0.1:1/v1/realtime?model=x' })
    expect(result.code).toBe('network')
    expect(result.message).toBe(
      'Could not reach the Realtime server at 127.0.0.1:1 (ECONNREFUSED).'
    )
  })

  it('maps an unknown host (ENOTFOUND) to network', () => {
    const event = wsErrorEvent(errnoError('getaddrinfo ENOTFOUND nowhere.invalid', 'ENOTFOUND'))
    expect(classifyError(event, { url: 'wss://nowhere.invalid/v1/realtime' })).toEqual({
      code: 'network',
      message: 'Could not reach the Realtime server at nowhere.invalid (ENOTFOUND).'
    })
  })

  it('also reads the session wrapper around a ws ErrorEvent', () => {
    const event = wsErrorEvent(errnoError('connect ECONNREFUSED', 'ECONNREFUSED'))
    expect(classifyError({ type: 'error', error: event }, { url }).code).toBe('network')
  })

  it('maps "Unexpected server response: 401" to auth', () => {
    const event = wsErrorEvent(new Error('Unexpected server response: 401'))
    expect(classifyError(event, { url })).toEqual({
      code: 'auth',
      message: 'OpenAI rejected the API key (HTTP 401).'
    })
  })

  it('maps refused upgrades by status', () => {
    const status = (n: number): string =>
      classifyError(wsErrorEvent(new Error(`Unexpected server response: ${n}`)), { url }).code
    expect(status(403)).toBe('auth')
    expect(status(429)).toBe('rate_limit')
    expect(status(500)).toBe('server')
    expect(status(503)).toBe('server')
    expect(status(404)).toBe('invalid_request')
  })

  it('maps server error events by code and type', () => {
    expect(
      classifyError(
        serverErrorEvent({
          type: 'invalid_request_error',
          code: 'invalid_api_key',
          message: 'Incorrect API key provided: sk-abc***xyz.'
        })
      )
    ).toEqual({ code: 'auth', message: 'OpenAI rejected the API key.' })
    expect(
      classifyError(
        serverErrorEvent({
          type: 'rate_limit_error',
          code: 'rate_limit_exceeded',
          message: 'Slow down.'
        })
      )
    ).toEqual({ code: 'rate_limit', message: 'The Realtime API refused for now: Slow down.' })
    expect(
      classifyError(
        serverErrorEvent({ type: 'server_error', code: 'server_error', message: 'Oops.' })
      ).code
    ).toBe('server')
    expect(
      classifyError(
        serverErrorEvent({
          type: 'invalid_request_error',
          code: 'invalid_value',
          message: "Invalid value: 'x'."
        })
      )
    ).toEqual({
      code: 'invalid_request',
      message: "The Realtime API rejected a request: Invalid value: 'x'."
    })
  })

  it('treats the session time limit like a drop (a new session is the remedy)', () => {
    expect(
      classifyError(
        serverErrorEvent({
          type: 'invalid_request_error',
          code: 'session_expired',
          message: 'Your session hit the maximum duration of 60 minutes.'
        })
      )
    ).toEqual({ code: 'network', message: 'The Realtime session reached its time limit.' })
  })

  it('accepts the bare server event too (without the session wrapper)', () => {
    const event = {
      type: 'error',
      event_id: 'evt_2',
      error: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'x' }
    }
    expect(classifyError(event).code).toBe('auth')
  })

  it('never repeats the server message for a rejected key (it quotes part of the key)', () => {
    const result = classifyServerError({
      type: 'invalid_request_error',
      code: 'invalid_api_key',
      message: 'Incorrect API key provided: sk-abc***xyz.'
    })
    expect(result.message).not.toContain('sk-')
  })

  it('maps ModelBehaviorError and other tool errors to tool', () => {
    expect(
      classifyError({ type: 'error', error: new ModelBehaviorError('Tool nope not found') })
    ).toEqual({ code: 'tool', message: 'A tool call failed: Tool nope not found' })
    const timeout = Object.assign(new Error('Tool get_x timed out.'), { name: 'ToolTimeoutError' })
    expect(classifyError(timeout).code).toBe('tool')
  })

  it('maps MissingApiKeyError to auth with its own sentence', () => {
    const error = new MissingApiKeyError()
    expect(classifyError(error)).toEqual({ code: 'auth', message: error.message })
  })

  it('keeps the code of a RealtimeCoreError', () => {
    expect(classifyError(new RealtimeCoreError('invalid_input', 'Bad chunk.'))).toEqual({
      code: 'invalid_input',
      message: 'Bad chunk.'
    })
  })

  it('maps a ZodError thrown on a server item to protocol', () => {
    const parsed = z.object({ transcript: z.string() }).safeParse({})
    expect(parsed.success).toBe(false)
    if (!parsed.success) expect(classifyError(parsed.error).code).toBe('protocol')
  })

  it('maps the SDK "not connected" error and setup cancellations', () => {
    expect(
      classifyError(new Error('WebSocket is not connected. Make sure you call `connect()` first.'))
        .code
    ).toBe('not_connected')
    expect(
      classifyError(new Error('WebSocket connection was closed before setup completed.')).code
    ).toBe('not_connected')
    expect(classifyError(new Error('WebSocket closed before the connection was ready.')).code).toBe(
      'network'
    )
  })

  it('maps UserError to invalid_request and anything else to unknown', () => {
    expect(classifyError(new UserError('WebSocket is already connected or connecting.')).code).toBe(
      'invalid_request'
    )
    expect(classifyError(new Error('weird'))).toEqual({ code: 'unknown', message: 'weird' })
    expect(classifyError(undefined).code).toBe('unknown')
    expect(classifyError(42).code).toBe('unknown')
  })
})

describe('classifyClose', () => {
  it('reads the `<type>.<code>` reason OpenAI sends with close code 3000', () => {
    expect(classifyClose(3000, 'invalid_request_error.invalid_api_key')).toEqual({
      code: 'auth',
      message: 'OpenAI rejected the API key.'
    })
    expect(classifyClose(3000, 'rate_limit_error.rate_limit_exceeded')?.code).toBe('rate_limit')
  })

  it('maps 1011 to server and says nothing for plain closes', () => {
    expect(classifyClose(1011, '')?.code).toBe('server')
    expect(classifyClose(1000, '')).toBeUndefined()
    expect(classifyClose(1006, '')).toBeUndefined()
  })
})

describe('classifyHttpStatus and hostOf', () => {
  it('names only the host, never the query', () => {
    expect(hostOf('wss://example.test:8443/v1/realtime?model=gpt-realtime&key=x')).toBe(
      'example.test:8443'
    )
    expect(hostOf('not a url')).toBe('the configured endpoint')
    expect(classifyHttpStatus(502, { url: 'wss://example.test/x?y' }).message).toContain(
      'example.test'
    )
  })
})
