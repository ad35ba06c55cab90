// Every GPT-Live failure as a stable ErrorCode and one sentence. Socket-level failures (refused
// upgrade, unreachable host, close frames) are the same as the Realtime API's, so the Realtime
// classifier reads them and only its wording changes; what is Live's own is here: its `error`
// event and the reasons of `session.closed` (reference §2).
import type { ErrorCode } from '../../../shared/realtime-events'
import { RealtimeCoreError } from '../../realtime/controller-api'
import type { ClassifiedError } from '../../realtime/error-classifier'
import {
  classifyClose,
  classifyError,
  classifyRefusedUpgrade,
  classifyServerError
} from '../../realtime/error-classifier'
import type { SocketDiagnostics } from '../../realtime/socket-factory'

const ENGINE_NAMES: Record<string, string> = {
  api: 'GPT-Live',
  server: 'GPT-Live',
  endpoint: 'the GPT-Live endpoint',
  session: 'the GPT-Live session'
}

/** The Realtime classifier's sentence, about GPT-Live instead. */
export function asLive(error: ClassifiedError): ClassifiedError {
  const message = error.message.replace(
    /\b([Tt])he Realtime (API|server|endpoint|session)\b/g,
    (_match, _t: string, what: string) => ENGINE_NAMES[what.toLowerCase()] ?? 'GPT-Live'
  )
  return { code: error.code, message: message.charAt(0).toUpperCase() + message.slice(1) }
}

/** Any failure of a start or a renewal, in words: the core's own errors keep theirs. */
export function liveFailure(error: unknown, url: string): ClassifiedError {
  if (error instanceof RealtimeCoreError) return { code: error.code, message: error.message }
  return asLive(classifyError(error, { url }))
}

/** Why a socket could not be opened (or closed before the session started). */
export function socketFailure(diagnostics: SocketDiagnostics, error?: unknown): ClassifiedError {
  const context = { url: diagnostics.url }
  if (diagnostics.httpStatus !== undefined)
    return asLive(classifyRefusedUpgrade(diagnostics.httpStatus, diagnostics.httpBody, context))
  if (diagnostics.closeCode !== undefined) {
    const fromClose = classifyClose(diagnostics.closeCode, diagnostics.closeReason ?? '')
    if (fromClose) return asLive(fromClose)
  }
  if (error !== undefined) return asLive(classifyError(error, context))
  if (diagnostics.lastError) return asLive(classifyError(new Error(diagnostics.lastError), context))
  return { code: 'network', message: 'GPT-Live closed the connection before the session started.' }
}

/** A Live `error` event: the code decides; the server's words are kept, with its code. */
export function liveErrorEvent(error: {
  code: string
  message: string
  type?: string | undefined
}): ClassifiedError {
  const classified = asLive(classifyServerError(error))
  return classified.code === 'auth'
    ? classified
    : {
        code: classified.code,
        message: `${classified.message.replace(/\.$/, '')} (${error.code}).`
      }
}

export type SessionEnd =
  /** Carry the conversation into a new session. */
  | { kind: 'renew'; message: string }
  /** Stop; say why. */
  | { kind: 'stop'; code: ErrorCode | undefined; message: string }

/** What a `session.closed` reason means for Hark (SessionClosedEvent.reason). */
export function sessionEnd(reason: string): SessionEnd {
  switch (reason) {
    case 'expired':
      return {
        kind: 'renew',
        message: 'The GPT-Live session reached its time limit; continuing in a new session.'
      }
    case 'connection_lost':
      return {
        kind: 'renew',
        message: 'GPT-Live lost the connection; continuing in a new session.'
      }
    // Neither is a failure a reconnect fixes (the session manager retries 'network' and
    // 'server'): the safety filter refused the conversation, or the other side hung up.
    case 'content':
      return {
        kind: 'stop',
        code: 'invalid_request',
        message:
          'GPT-Live ended the session because of its safety filter. The conversation so far is kept; connect again to go on.'
      }
    case 'remote_hangup':
      return { kind: 'stop', code: undefined, message: 'GPT-Live hung up.' }
    case 'close_requested':
      return { kind: 'stop', code: undefined, message: 'The session was closed.' }
    default:
      return { kind: 'stop', code: 'protocol', message: `GPT-Live ended the session (${reason}).` }
  }
}
