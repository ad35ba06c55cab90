// The Live API's error object (`Error` in resources/live/live.d.ts): a code, a sentence, a type
// and the offending parameter when there is one.
import type { Error as LiveWireError } from 'openai/resources/live/live'

export type LiveApiError = LiveWireError

export function liveError(
  code: string,
  message: string,
  param?: string,
  type = 'invalid_request_error'
): LiveApiError {
  return param === undefined || param === ''
    ? { code, message, type }
    : { code, message, type, param }
}
