import { describe, expect, it } from 'vitest'
import { ManualTimers } from '../../../test/doubles/manual-timers'
import { IdleDisconnect } from './idle-disconnect'

function setup(minutes: number | null): {
  timers: ManualTimers
  idle: IdleDisconnect
  disconnects: number[]
  busy: { value: boolean }
} {
  const timers = new ManualTimers()
  const disconnects: number[] = []
  const busy = { value: false }
  const idle = new IdleDisconnect({
    setTimer: (callback, ms) => {
      const handle = timers.set(callback, ms)
      return () => timers.clear(handle)
    },
    now: () => timers.now,
    readIdleMinutes: () => Promise.resolve(minutes),
    isBusy: () => busy.value,
    disconnect: () => {
      disconnects.push(timers.now)
      return Promise.resolve()
    }
  })
  return { timers, idle, disconnects, busy }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Advance in one-minute steps, letting the async re-arm run between them. */
async function advanceMinutes(timers: ManualTimers, minutes: number): Promise<void> {
  for (let m = 0; m < minutes; m++) {
    timers.advance(60_000)
    await settle()
  }
}

describe('idle disconnect', () => {
  it('closes the session after the set minutes without use, counted from the last activity', async () => {
    const { timers, idle, disconnects } = setup(10)
    idle.connected()
    await settle()
    await advanceMinutes(timers, 6)
    idle.touch()
    await advanceMinutes(timers, 9)
    expect(disconnects).toEqual([])
    await advanceMinutes(timers, 1)
    expect(disconnects).toEqual([16 * 60_000])
  })

  it('never closes with "never", nor after a disconnect', async () => {
    const never = setup(null)
    never.idle.connected()
    await settle()
    await advanceMinutes(never.timers, 120)
    expect(never.disconnects).toEqual([])

    const gone = setup(10)
    gone.idle.connected()
    await settle()
    gone.idle.disconnected()
    await advanceMinutes(gone.timers, 20)
    expect(gone.disconnects).toEqual([])
  })

  it('waits for a turn under way', async () => {
    const { timers, idle, disconnects, busy } = setup(1)
    busy.value = true
    idle.connected()
    await settle()
    await advanceMinutes(timers, 3)
    expect(disconnects).toEqual([])
    busy.value = false
    await advanceMinutes(timers, 2)
    expect(disconnects).toHaveLength(1)
  })
})
