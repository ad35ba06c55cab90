// The page's HarkApi: `window.hark` (whose invokes answer IpcReply objects) unwrapped once, so
// every caller gets values or a HarkError with its code (src/shared/hark-api.ts).
import { unwrapHarkApi } from '../../../shared/hark-api'
import type { HarkApi } from '../../../shared/ipc'
import { createMainEvents } from './main-events'

let api: HarkApi | null = null

/** Null only when the preload failed and there is no `window.hark`. */
export function harkOrNull(): HarkApi | null {
  const bridge = (window as Partial<Window>).hark
  if (!bridge) return null
  if (api) return api
  // Main's events reach the page through one subscription per channel (main-events.ts).
  const unwrapped = unwrapHarkApi(bridge)
  api = {
    ...unwrapped,
    on: createMainEvents((channel, listener) => unwrapped.on(channel, listener))
  }
  return api
}

export function hark(): HarkApi {
  const unwrapped = harkOrNull()
  if (!unwrapped) throw new Error('Hark: window.hark is missing (the preload did not run).')
  return unwrapped
}
