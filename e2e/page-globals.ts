// What tests read inside `page.evaluate` (e2e is type-checked without the DOM library):
// cast `globalThis` to this inside the callback, e.g. `(globalThis as unknown as PageGlobals).hark`.
import type { HarkApi } from '../src/shared/ipc'

interface StorageLike {
  readonly length: number
  key(index: number): string | null
  getItem(key: string): string | null
}

export interface PageGlobals {
  hark: HarkApi
  document: { documentElement: { outerHTML: string } }
  localStorage: StorageLike
  sessionStorage: StorageLike
  /** Set by the key-privacy test: JSON of every event payload its listeners received. */
  harkEventDump?: string[]
}
