// `window.hark` for the renderer: the API the preload exposes, typed from the IPC contract.
import type { HarkApi } from '../shared/ipc'

declare global {
  interface Window {
    hark: HarkApi
  }
}

export {}
