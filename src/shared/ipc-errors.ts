// Invoke rejections across Electron IPC: Electron keeps only an error's message (wrapped as
// "Error invoking remote method '…': Error: …"), so main packs the code and the sentence into the
// message and the preload unpacks them into an Error with `.code` again.
import { errorCodes, type ErrorCode } from './realtime-events'

const MARKER = 'HARK_IPC_ERROR:'

export interface IpcErrorInfo {
  code: ErrorCode
  message: string
}

export function encodeIpcError(info: IpcErrorInfo): string {
  return `${MARKER}${JSON.stringify({ code: info.code, message: info.message })}`
}

/** The code and sentence packed by encodeIpcError, or null for any other message. */
export function decodeIpcError(message: string): IpcErrorInfo | null {
  const at = message.indexOf(MARKER)
  if (at < 0) return null
  try {
    const value: unknown = JSON.parse(message.slice(at + MARKER.length))
    if (typeof value !== 'object' || value === null) return null
    const { code, message: text } = value as { code?: unknown; message?: unknown }
    if (typeof text !== 'string' || !errorCodes.includes(code as ErrorCode)) return null
    return { code: code as ErrorCode, message: text }
  } catch {
    return null
  }
}

/** A known error code, or 'unknown' for anything else. */
export function toErrorCode(value: unknown): ErrorCode {
  return errorCodes.includes(value as ErrorCode) ? (value as ErrorCode) : 'unknown'
}
