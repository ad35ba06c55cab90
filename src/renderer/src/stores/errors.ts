// Rejected `window.hark` calls: the preload rejects with an Error carrying a sentence and a code
// (src/shared/ipc-errors.ts). Read both defensively: a contextBridge clone may keep only the message.
import { decodeIpcError } from '../../../shared/ipc-errors'
import { errorCodes } from '../../../shared/realtime-events'
import type { ErrorCode } from '../../../shared/realtime-events'

export function codeOf(error: unknown): ErrorCode | null {
  const code: unknown =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  if (typeof code === 'string' && (errorCodes as readonly string[]).includes(code))
    return code as ErrorCode
  return decodeIpcError(error instanceof Error ? error.message : String(error))?.code ?? null
}

export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  const decoded = decodeIpcError(text)
  if (decoded) return decoded.message
  // Electron prefixes invoke rejections with "Error invoking remote method '…': Error: ".
  return text.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '')
}
