// What an invoke rejects with: one human sentence the UI can show, plus a stable code the UI
// can branch on. Anything unexpected becomes a generic sentence: raw error text from deep inside
// the core or the file system is logged, not shown.
import type { ErrorCode } from '../../shared/realtime-events'
import { RealtimeCoreError } from '../realtime/controller-api'
import { MissingApiKeyError } from '../realtime/config'
import { SettingsValidationError } from '../storage/settings-store'

export class HarkIpcError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'HarkIpcError'
  }
}

export function toIpcError(error: unknown): HarkIpcError {
  if (error instanceof HarkIpcError) return error
  if (error instanceof RealtimeCoreError) return new HarkIpcError(error.code, error.message)
  if (error instanceof MissingApiKeyError) return new HarkIpcError('auth', error.message)
  if (error instanceof SettingsValidationError)
    return new HarkIpcError('invalid_input', error.message)
  return new HarkIpcError('unknown', 'Hark could not do that because of an unexpected error.')
}
