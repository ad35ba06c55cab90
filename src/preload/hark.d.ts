// `window.hark` for the renderer: the API the preload exposes, typed from the IPC contract (the
// page unwraps its replies with src/renderer/src/ipc/hark.ts).
import type { HarkBridgeApi } from '../shared/ipc'

declare global {
  interface Window {
    hark: HarkBridgeApi
  }
}

export {}
