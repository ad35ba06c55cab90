import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createWindowStateStore,
  SAVE_DELAY_MS,
  WINDOW_STATE_FILE_NAME,
  type Timers
} from './window-state-store'

class ManualTimers implements Timers {
  pending = new Map<number, { callback: () => void; ms: number }>()
  #next = 1
  set(callback: () => void, ms: number): number {
    const id = this.#next++
    this.pending.set(id, { callback, ms })
    return id
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number)
  }
  fire(): void {
    const due = [...this.pending.values()]
    this.pending.clear()
    for (const { callback } of due) callback()
  }
}

const state = (
  x: number
): { bounds: { x: number; y: number; width: number; height: number }; maximized: boolean } => ({
  bounds: { x, y: 20, width: 400, height: 600 },
  maximized: false
})

async function setup(): Promise<{
  dir: string
  timers: ManualTimers
  store: ReturnType<typeof createWindowStateStore>
  file: () => Promise<unknown>
}> {
  const dir = await mkdtemp(join(tmpdir(), 'hark-window-'))
  const timers = new ManualTimers()
  const store = createWindowStateStore({ dir, log: () => undefined, timers })
  const file = async (): Promise<unknown> =>
    JSON.parse(await readFile(join(dir, WINDOW_STATE_FILE_NAME), 'utf8')) as unknown
  return { dir, timers, store, file }
}

describe('window state store', () => {
  it('loads nothing from a missing, corrupt or invalid file', async () => {
    const { dir, store } = await setup()
    expect(await store.load()).toBeNull()
    await writeFile(join(dir, WINDOW_STATE_FILE_NAME), '{not json')
    expect(await store.load()).toBeNull()
    await writeFile(join(dir, WINDOW_STATE_FILE_NAME), JSON.stringify({ bounds: { x: 1 } }))
    expect(await store.load()).toBeNull()
  })

  it('saves the latest state once the moves settle, and loads it back', async () => {
    const { timers, store, file } = await setup()
    store.schedule(state(1))
    store.schedule(state(2))
    store.schedule(state(3))
    expect(timers.pending.size).toBe(1)
    expect([...timers.pending.values()][0]?.ms).toBe(SAVE_DELAY_MS)
    timers.fire()
    await store.flush()
    expect(await file()).toEqual(state(3))
    expect(await store.load()).toEqual(state(3))
  })

  it('writes the pending state at once on flush (closing)', async () => {
    const { timers, store, file } = await setup()
    store.schedule(state(7))
    await store.flush()
    expect(timers.pending.size).toBe(0)
    expect(await file()).toEqual(state(7))
  })

  it('logs a failed write instead of throwing', async () => {
    const logs: string[] = []
    // A folder under a plain file cannot be created (ENOTDIR), even as root.
    const file = join(await mkdtemp(join(tmpdir(), 'hark-window-')), 'plain-file')
    await writeFile(file, '')
    const store = createWindowStateStore({
      dir: join(file, 'sub'),
      log: (_level, message) => logs.push(message),
      timers: new ManualTimers()
    })
    store.schedule(state(1))
    await expect(store.flush()).resolves.toBeUndefined()
    expect(logs).toEqual(['window state: cannot save'])
  })
})
