// Why a start failed or a connection ended, from the evidence the core has: the socket's own
// diagnostics (socket-factory.ts), server `error` events, and what connect() rejected with.
import type { ClassifiedError, ClassifyContext } from './error-classifier'
import { classifyClose, classifyError, classifyRefusedUpgrade } from './error-classifier'
import type { SocketDiagnostics } from './socket-factory'
import { asRecord, stringField } from './wire'

export const CONNECTION_DROPPED: ClassifiedError = {
  code: 'network',
  message: 'The connection to the Realtime server dropped.'
}

/** A server error this close before a close explains the close (e.g. the session time limit). */
export const CLOSE_CAUSE_WINDOW_MS = 2000

/** A cancel racing the response's own end: expected, not worth telling the user (reference §4). */
export const BENIGN_SERVER_ERROR_CODES: ReadonlySet<string> = new Set([
  'response_cancel_not_active'
])

export interface StartEvidence {
  /** What start() caught: connect()'s rejection (often a ws ErrorEvent, reference §7) or ours. */
  error: unknown
  socket: SocketDiagnostics | undefined
  /** The first server `error` event before the session was ready (e.g. invalid_api_key). */
  serverError: ClassifiedError | undefined
  context: ClassifyContext
}

/** From the most specific evidence to the least. */
export function startFailureCause({
  error,
  socket,
  serverError,
  context
}: StartEvidence): ClassifiedError {
  // A refused upgrade: the status (and OpenAI's JSON body) says more than ws's error message.
  if (socket?.httpStatus !== undefined)
    return classifyRefusedUpgrade(socket.httpStatus, socket.httpBody, context)
  if (serverError) return serverError
  const fromClose = closeCause(socket)
  if (fromClose) return fromClose
  if (socket?.opened) return CONNECTION_DROPPED
  return classifyError(error, context)
}

export function disconnectCause(
  socket: SocketDiagnostics | undefined,
  recentServerError: { error: ClassifiedError; atMs: number } | undefined,
  nowMs: number
): ClassifiedError {
  const fromClose = closeCause(socket)
  if (fromClose) return fromClose
  if (recentServerError && nowMs - recentServerError.atMs <= CLOSE_CAUSE_WINDOW_MS)
    return recentServerError.error
  return CONNECTION_DROPPED
}

function closeCause(socket: SocketDiagnostics | undefined): ClassifiedError | undefined {
  return socket?.closeCode !== undefined
    ? classifyClose(socket.closeCode, socket.closeReason ?? '')
    : undefined
}

/**
 * The server's error code when an SDK `error` event carries a server `error` event
 * (`{type:'error', error:{type:'error', event_id, error:{type, code, message}}}`, reference §7);
 * undefined for connect failures and local errors.
 */
export function serverErrorCode(sdkError: unknown): string | undefined {
  const event = asRecord(sdkError)?.['error']
  // A ws ErrorEvent also has type 'error', but its `error` is an Error.
  if (event instanceof Error || stringField(event, 'type') !== 'error') return undefined
  const payload = asRecord(event)?.['error']
  if (payload instanceof Error || !asRecord(payload)) return undefined
  return stringField(payload, 'code') ?? stringField(payload, 'type') ?? 'error'
}
