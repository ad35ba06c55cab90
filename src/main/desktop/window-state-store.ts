// The window's last place and size: a small JSON file in the user-data folder, apart from the
// settings (the user edits settings; this is bookkeeping). Saves are debounced while the user
// drags or resizes, written atomically, and flushed when the window closes.
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { RealtimeLog } from '../realtime/event-bus'
import { writeFileAtomic } from '../storage/atomic-file'
import type { SavedWindow } from './window-bounds'

export const WINDOW_STATE_FILE_NAME = 'window-state.json'
export const SAVE_DELAY_MS = 500

const savedWindowSchema = z.object({
  bounds: z.object({
    x: z.number().finite(),
    y: z.number().finite(),
    width: z.number().finite().positive(),
    height: z.number().finite().positive()
  }),
  maximized: z.boolean()
})

export interface WindowStateStore {
  /** Null when nothing (usable) was saved: a missing or unreadable file is not an error. */
  load(): Promise<SavedWindow | null>
  /** Saves after SAVE_DELAY_MS without a newer call. */
  schedule(state: SavedWindow): void
  /** Writes the pending state now (window closing, app quitting). */
  flush(): Promise<void>
}

export interface Timers {
  set(callback: () => void, ms: number): unknown
  clear(handle: unknown): void
}

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

export function createWindowStateStore(options: {
  dir: string
  log: RealtimeLog
  timers?: Timers
  /** WINDOW_STATE_FILE_NAME by default; the overlay keeps its place in its own file. */
  fileName?: string
}): WindowStateStore {
  const path = join(options.dir, options.fileName ?? WINDOW_STATE_FILE_NAME)
  const timers = options.timers ?? realTimers
  let pending: SavedWindow | null = null
  let timer: unknown = null
  let writing: Promise<void> = Promise.resolve()

  const write = (state: SavedWindow): Promise<void> => {
    writing = writing.then(async () => {
      try {
        await mkdir(options.dir, { recursive: true })
        await writeFileAtomic(path, `${JSON.stringify(state)}\n`)
      } catch (error) {
        options.log('warn', 'window state: cannot save', { error: String(error) })
      }
    })
    return writing
  }

  const flush = (): Promise<void> => {
    if (timer !== null) timers.clear(timer)
    timer = null
    const state = pending
    pending = null
    return state ? write(state) : writing
  }

  return {
    async load() {
      try {
        const parsed = savedWindowSchema.safeParse(JSON.parse(await readFile(path, 'utf8')))
        return parsed.success ? parsed.data : null
      } catch {
        return null
      }
    },
    schedule(state) {
      pending = state
      if (timer !== null) timers.clear(timer)
      timer = timers.set(() => void flush(), SAVE_DELAY_MS)
    },
    flush
  }
}
