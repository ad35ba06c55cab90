// Every failure the core can see, mapped to a stable ErrorCode and one human sentence. The shapes
// are the ones the SDK really produces on the WebSocket transport (reference §7): ws ErrorEvents
// on connect, server `error` events, SDK Errors, and the socket's HTTP status / close frame that
// socket-factory.ts records because the SDK does not surface them.
import { redactText } from '../logging/redact'
import type { ErrorCode } from '../../shared/realtime-events'
import { RealtimeCoreError } from './controller-api'
import { asRecord, recordField, stringField } from './wire'

export interface ClassifiedError {
  code: ErrorCode
  message: string
}

export interface ClassifyContext {
  /** The endpoint dialled; only its host appears in messages (the query may carry settings). */
  url?: string | undefined
}

const NETWORK_ERRNO = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE'
])

/** Errors the agents-core library throws around tool calls (matched by name: agents-core sets `name = new.target.name`). */
const TOOL_ERROR_NAMES = new Set([
  'ModelBehaviorError',
  'InvalidToolInputError',
  'ToolCallError',
  'ToolTimeoutError',
  'GuardrailExecutionError',
  'ToolInputGuardrailTripwireTriggered',
  'ToolOutputGuardrailTripwireTriggered'
])

export function hostOf(url: string | undefined): string {
  if (url === undefined) return 'the configured endpoint'
  try {
    return new URL(url).host || url
  } catch {
    return 'the configured endpoint'
  }
}

/** A refused WebSocket upgrade (ws `unexpected-response`, or "Unexpected server response: N"). */
export function classifyHttpStatus(status: number, context: ClassifyContext = {}): ClassifiedError {
  const host = hostOf(context.url)
  if (status === 401) return { code: 'auth', message: 'OpenAI rejected the API key (HTTP 401).' }
  if (status === 403)
    return {
      code: 'auth',
      message: 'The API key has no access to the Realtime API or to this model (HTTP 403).'
    }
  if (status === 429)
    return {
      code: 'rate_limit',
      message: 'The Realtime API is rate-limiting this key (HTTP 429). Try again shortly.'
    }
  if (status >= 500)
    return {
      code: 'server',
      message: `The Realtime server at ${host} failed (HTTP ${status}). Try again shortly.`
    }
  if (status === 404)
    return {
      code: 'invalid_request',
      message: `The Realtime endpoint at ${host} was not found (HTTP 404). Check the endpoint URL and the model.`
    }
  if (status >= 400)
    return {
      code: 'invalid_request',
      message: `The Realtime server at ${host} refused the connection request (HTTP ${status}).`
    }
  return {
    code: 'network',
    message: `The Realtime server at ${host} did not accept a WebSocket connection (HTTP ${status}).`
  }
}

/** A refused upgrade with its body: OpenAI's JSON error message refines all but auth failures. */
export function classifyRefusedUpgrade(
  status: number,
  body: string | undefined,
  context: ClassifyContext = {}
): ClassifiedError {
  return redacted(refusedUpgrade(status, body, context))
}

function refusedUpgrade(
  status: number,
  body: string | undefined,
  context: ClassifyContext
): ClassifiedError {
  const base = classifyHttpStatus(status, context)
  if (base.code === 'auth' || !body) return base
  let serverMessage: string | undefined
  try {
    serverMessage = stringField(recordField(JSON.parse(body), 'error'), 'message')
  } catch {
    serverMessage = undefined
  }
  return serverMessage ? { code: base.code, message: `${base.message} ${serverMessage}` } : base
}

/**
 * The payload of a server `error` event: `{type, code, message, param, event_id}`. The SDK hands
 * the whole event to the session's `error` listener, so callers read `event.error.error`
 * (reference §7).
 */
export function classifyServerError(payload: unknown): ClassifiedError {
  return redacted(serverError(payload))
}

function serverError(payload: unknown): ClassifiedError {
  const type = stringField(payload, 'type')
  const code = stringField(payload, 'code')
  const serverMessage = stringField(payload, 'message')
  const detail = serverMessage ? `: ${serverMessage}` : '.'
  if (code === 'invalid_api_key' || type === 'authentication_error')
    // The server's own message quotes part of the key; the fixed sentence does not.
    return { code: 'auth', message: 'OpenAI rejected the API key.' }
  // The API ends a session at its maximum duration; a new session is the remedy, as for a drop.
  if (code === 'session_expired')
    return { code: 'network', message: 'The Realtime session reached its time limit.' }
  if (
    code === 'rate_limit_exceeded' ||
    code === 'insufficient_quota' ||
    type === 'rate_limit_error'
  )
    return { code: 'rate_limit', message: `The Realtime API refused for now${detail}` }
  if (type === 'server_error' || code === 'server_error')
    return { code: 'server', message: `The Realtime API reported an internal error${detail}` }
  if (type === 'invalid_request_error')
    return { code: 'invalid_request', message: `The Realtime API rejected a request${detail}` }
  return { code: 'unknown', message: `The Realtime API reported an error${detail}` }
}

/**
 * A close frame. OpenAI closes a session it refuses with code 3000 and the reason
 * `<error type>.<error code>`, e.g. `invalid_request_error.invalid_api_key` (reference §7/§8).
 * Returns undefined when the close says nothing about a cause (1000, 1005, 1006, …).
 */
export function classifyClose(code: number, reason: string): ClassifiedError | undefined {
  const classified = closeFrame(code, reason)
  return classified && redacted(classified)
}

function closeFrame(code: number, reason: string): ClassifiedError | undefined {
  const match = /^([a-z_]+)\.([a-z0-9_]+)$/i.exec(reason.trim())
  if (match) return serverError({ type: match[1], code: match[2] })
  if (code === 1011)
    return {
      code: 'server',
      message: 'The Realtime server closed the connection after an internal error.'
    }
  if (code === 1008)
    return {
      code: 'invalid_request',
      message: `The Realtime server closed the connection (policy violation${reason ? `: ${reason}` : ''}).`
    }
  if (code === 3000)
    return {
      code: 'unknown',
      message: `The Realtime server closed the connection${reason ? `: ${reason}` : '.'}`
    }
  return undefined
}

function classifyErrorInstance(error: Error, context: ClassifyContext): ClassifiedError {
  const host = hostOf(context.url)
  if (error instanceof RealtimeCoreError) return { code: error.code, message: error.message }
  const errno = stringField(error, 'code')
  // config.ts throws this when neither the environment nor the key store has a key.
  if (error.name === 'MissingApiKeyError') return { code: 'auth', message: error.message }
  if (errno && NETWORK_ERRNO.has(errno))
    return {
      code: 'network',
      message: `Could not reach the Realtime server at ${host} (${errno}).`
    }
  if (errno && /CERT|TLS|SSL/.test(errno))
    return {
      code: 'network',
      message: `Could not make a secure connection to the Realtime server at ${host} (${errno}).`
    }
  const status = /^Unexpected server response: (\d+)/.exec(error.message)?.[1]
  if (status !== undefined) return classifyHttpStatus(Number(status), context)
  if (/Opening handshake has timed out/i.test(error.message))
    return { code: 'network', message: `The Realtime server at ${host} did not answer in time.` }
  if (TOOL_ERROR_NAMES.has(error.name))
    return { code: 'tool', message: `A tool call failed: ${error.message}` }
  if (error.name === 'ZodError')
    return {
      code: 'protocol',
      message: 'The Realtime server sent an event Hark could not use; it was ignored.'
    }
  if (/WebSocket is not connected/i.test(error.message))
    return { code: 'not_connected', message: 'Not connected to the Realtime server.' }
  if (/closed before setup completed/i.test(error.message))
    return {
      code: 'not_connected',
      message: 'The session was closed before it finished connecting.'
    }
  if (/closed before the connection was (ready|established)/i.test(error.message))
    return {
      code: 'network',
      message: `The Realtime server at ${host} closed the connection before it was ready.`
    }
  if (error.name === 'UserError') return { code: 'invalid_request', message: error.message }
  return {
    code: 'unknown',
    message: error.message || 'Something went wrong in the Realtime session.'
  }
}

/**
 * Classify anything the SDK or the socket produced: an Error, a ws ErrorEvent
 * (`{type:'error', message, error: Error}`, what `connect()` rejects with), a server `error`
 * event (`{type:'error', event_id, error: {type, code, message}}`) or the session's
 * `{type:'error', error}` wrapper around any of these.
 */
export function classifyError(error: unknown, context: ClassifyContext = {}): ClassifiedError {
  return redacted(anyError(error, context))
}

/**
 * Server-supplied text (error messages, close reasons, a refused upgrade's body) is redacted before
 * it leaves here: a proxy that echoes the request's Authorization header in its error would
 * otherwise put the key in the UI, the log and the CLI's output (docs/security.md).
 */
function redacted(classified: ClassifiedError): ClassifiedError {
  return { ...classified, message: redactText(classified.message) }
}

function anyError(error: unknown, context: ClassifyContext): ClassifiedError {
  if (error instanceof Error) return classifyErrorInstance(error, context)
  const record = asRecord(error)
  if (record) {
    const inner = record['error']
    // ws ErrorEvent: the underlying Error carries the errno (ECONNREFUSED, …).
    if (inner instanceof Error) return classifyErrorInstance(inner, context)
    const innerRecord = asRecord(inner)
    // A server `error` event: its payload has type/code/message strings.
    if (
      innerRecord &&
      (typeof innerRecord['type'] === 'string' || typeof innerRecord['code'] === 'string') &&
      innerRecord['error'] === undefined
    )
      return serverError(innerRecord)
    // The session's `{type:'error', error}` wrapper.
    if (inner !== undefined) return anyError(inner, context)
    const message = stringField(record, 'message')
    if (message) return classifyErrorInstance(new Error(message), context)
  }
  if (typeof error === 'string' && error) return classifyErrorInstance(new Error(error), context)
  return { code: 'unknown', message: 'Something went wrong in the Realtime session.' }
}
