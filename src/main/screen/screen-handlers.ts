// The `screen.*` invokes (issue 12 §3): the router has validated each request's shape and size;
// the capture's content is checked by ScreenLook.
import { HarkError } from '../../shared/ipc-errors'
import type { InvokeHandlers } from '../app/router'
import type { ScreenLook } from './screen-look'

export type ScreenInvokeHandlers = Pick<
  InvokeHandlers,
  'screen.attach' | 'screen.discard' | 'screen.captureFailed'
>

export function screenHandlers(look: ScreenLook | null): ScreenInvokeHandlers {
  const unavailable = (): never => {
    throw new HarkError('invalid_input', 'Looking at the screen is not available here.')
  }
  if (!look)
    return {
      'screen.attach': unavailable,
      'screen.discard': unavailable,
      'screen.captureFailed': unavailable
    }
  return {
    'screen.attach': ({ jpeg, requestId }) => look.attach(jpeg, requestId),
    'screen.discard': () => look.discard(),
    'screen.captureFailed': ({ requestId, reason }) => look.captureFailed(requestId, reason)
  }
}
