// Resume from sleep and network changes reach the live session as an immediate socket probe.
import { describe, expect, it } from 'vitest'
import { createHarness } from '../../../test/doubles/hark-main-harness'

describe('system wake signals', () => {
  it('probe the live session at once, and stop when the core is disposed', async () => {
    let wake: ((cause: string) => void) | undefined
    let watching = false
    const h = await createHarness(
      { OPENAI_API_KEY: 'sk-test-wake-key' },
      {
        wakeSignals: (onWake) => {
          wake = onWake
          watching = true
          return () => {
            watching = false
          }
        }
      }
    )
    await h.router.handleInvoke('session.start', undefined)
    wake?.('resume')
    expect(h.controller().calls.at(-1)).toEqual({ method: 'checkConnection' })
    await h.router.dispose()
    expect(watching).toBe(false)
  })
})
