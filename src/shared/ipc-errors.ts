// How an invoke answers across every seam (Electron IPC, the contextBridge, the browser host's
// socket): as a plain reply object, never as a rejection. Electron's contextBridge keeps only the
// `message` of an Error that crosses it, so a code carried on a rejected promise is lost on the
// way to the page (docs/architecture.md, "The IPC contract"). A resolved plain object survives
// structured clone whole, so main answers `{ ok: true, value }` or `{ ok: false, code, message }`
// and the page turns a failure back into a HarkError on its own side of the bridge.
// Plain checks, no zod: the preload bundles this file (src/shared/ipc-channels.ts).
import { errorCodes, type ErrorCode } from './realtime-events'

/** The one error type of the IPC seams: a sentence for the UI and a stable code to branch on. */
export class HarkError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'HarkError'
  }
}

export type IpcReply<T = unknown> =
  { ok: true; value: T } | { ok: false; code: ErrorCode; message: string }

/** What a reply must look like to be believed; anything else is a broken seam. */
function asReply(raw: unknown): IpcReply | null {
  if (typeof raw !== 'object' || raw === null) return null
  const reply = raw as { ok?: unknown; value?: unknown; code?: unknown; message?: unknown }
  if (reply.ok === true) return { ok: true, value: reply.value }
  if (reply.ok !== false || typeof reply.message !== 'string') return null
  if (!errorCodes.includes(reply.code as ErrorCode)) return null
  return { ok: false, code: reply.code as ErrorCode, message: reply.message }
}

export const UNEXPECTED_ERROR_SENTENCE = 'Hark could not do that because of an unexpected error.'

export const replyOk = <T>(value: T): IpcReply<T> => ({ ok: true, value })
export const replyError = (code: ErrorCode, message: string): IpcReply<never> => ({
  ok: false,
  code,
  message
})

/** A reply from the far side of a seam, checked; a malformed one becomes an 'unknown' failure. */
export function readReply(raw: unknown): IpcReply {
  // JSON (the browser host's socket) drops `value: undefined`, so a reply of nothing arrives as
  // `{"ok":true}`; Electron's structured clone keeps the key. Both mean the same reply.
  return asReply(raw) ?? replyError('unknown', UNEXPECTED_ERROR_SENTENCE)
}

/** The value of a successful reply; a failed one throws a HarkError with its code. */
export function unwrapReply<T>(reply: IpcReply<T>): T {
  if (reply.ok) return reply.value
  throw new HarkError(reply.code, reply.message)
}

/** A known error code, or 'unknown' for anything else. */
export function toErrorCode(value: unknown): ErrorCode {
  return errorCodes.includes(value as ErrorCode) ? (value as ErrorCode) : 'unknown'
}
