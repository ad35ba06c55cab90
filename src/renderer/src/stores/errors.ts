// Rejected HarkApi calls reject with a HarkError (src/shared/ipc-errors.ts), made on the page's
// side of the bridge so its code is intact. Anything else (a bug in the page) has no code.
import { HarkError } from '../../../shared/ipc-errors'
import type { ErrorCode } from '../../../shared/realtime-events'

export function codeOf(error: unknown): ErrorCode | null {
  return error instanceof HarkError ? error.code : null
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
