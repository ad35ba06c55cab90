// What a failed invoke answers: the one HarkError of the IPC seams (src/shared/ipc-errors.ts),
// a sentence the UI can show plus a stable code. Anything unexpected becomes a generic sentence:
// raw error text from deep inside the core or the file system is logged, not shown.
import { HarkError, UNEXPECTED_ERROR_SENTENCE } from '../../shared/ipc-errors'
import { redactText } from '../logging/redact'
import { RealtimeCoreError } from '../realtime/controller-api'
import { MissingApiKeyError } from '../realtime/config'
import { StorageError } from '../storage/file-errors'
import { SettingsValidationError } from '../storage/settings-store'

export { HarkError } from '../../shared/ipc-errors'

export function toHarkError(error: unknown): HarkError {
  if (error instanceof HarkError) return error
  // A core error's sentence may quote the server (an error text, a close reason).
  if (error instanceof RealtimeCoreError)
    return new HarkError(error.code, redactText(error.message))
  if (error instanceof MissingApiKeyError) return new HarkError('auth', error.message)
  if (error instanceof SettingsValidationError) return new HarkError('invalid_input', error.message)
  if (error instanceof StorageError) return new HarkError('storage', error.message)
  return new HarkError('unknown', UNEXPECTED_ERROR_SENTENCE)
}
