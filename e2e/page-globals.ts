// What tests read inside `page.evaluate` (e2e is type-checked without the DOM library):
// cast `globalThis` to this inside the callback, e.g. `(globalThis as unknown as PageGlobals).hark`.
import type { HarkBridgeApi } from '../src/shared/ipc'

interface StorageLike {
  readonly length: number
  key(index: number): string | null
  getItem(key: string): string | null
}

export interface PageGlobals {
  /** `window.hark` as the preload and the browser host expose it: invokes answer IpcReply objects. */
  hark: HarkBridgeApi
  document: { documentElement: { outerHTML: string } }
  localStorage: StorageLike
  sessionStorage: StorageLike
  /** Set by the key-privacy test: JSON of every event payload its listeners received. */
  harkEventDump?: string[]
}
