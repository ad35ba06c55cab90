import { describe, expect, it } from 'vitest'
import type { UpdaterPort } from './update-port'
import { DAILY_CHECK_MS, UpdateService, type UpdateTimers } from './update-service'
import { isNewerVersion } from './version-order'

function fakePort(offers: (string | null)[]): UpdaterPort & { checks: number; installs: number } {
  const port = {
    currentVersion: '1.0.0',
    checks: 0,
    installs: 0,
    check: () => {
      port.checks++
      const version = offers.shift() ?? null
      return Promise.resolve(version === null ? null : { version })
    },
    download: () => Promise.resolve(),
    installNow: () => {
      port.installs++
    },
    setInstallOnQuit: () => undefined
  }
  return port
}

/** A manual clock: `tick` runs what a day's interval would. */
function manualTimers(): UpdateTimers & { tick(): void; intervals: number[] } {
  const runs: (() => void)[] = []
  const intervals: number[] = []
  return {
    intervals,
    every: (ms, run) => {
      intervals.push(ms)
      runs.push(run)
      return () => runs.splice(runs.indexOf(run), 1)
    },
    tick: () => runs.forEach((run) => run())
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('UpdateService', () => {
  it('checks at start and then once a day', async () => {
    const port = fakePort([null, null])
    const timers = manualTimers()
    const service = new UpdateService({
      port,
      checksEnabled: () => Promise.resolve(true),
      onChange: () => undefined,
      log: () => undefined,
      timers
    })
    service.start()
    await settle()
    expect(port.checks).toBe(1)
    expect(timers.intervals).toEqual([DAILY_CHECK_MS])
    timers.tick()
    await settle()
    expect(port.checks).toBe(2)
  })

  it('does not ask the feed when checks are turned off in Settings', async () => {
    const port = fakePort(['2.0.0'])
    const logs: string[] = []
    const service = new UpdateService({
      port,
      checksEnabled: () => Promise.resolve(false),
      onChange: () => undefined,
      log: (_level, message) => logs.push(message)
    })
    await service.check()
    expect(port.checks).toBe(0)
    expect(service.status().phase).toBe('idle')
    expect(logs).toEqual(['updates: checks are turned off in Settings'])
  })

  it('installs only once ready, when the user chooses', async () => {
    const port = fakePort(['1.1.0'])
    const service = new UpdateService({
      port,
      checksEnabled: () => Promise.resolve(true),
      onChange: () => undefined,
      log: () => undefined
    })
    service.installNow()
    expect(port.installs).toBe(0)
    await service.check()
    expect(service.status()).toEqual({ phase: 'ready', version: '1.1.0' })
    service.installNow()
    expect(port.installs).toBe(1)
  })

  it('is unavailable without an updater (browser host, development run)', async () => {
    const service = new UpdateService({
      port: null,
      checksEnabled: () => Promise.resolve(true),
      onChange: () => undefined,
      log: () => undefined
    })
    service.start()
    await service.check()
    expect(service.status()).toEqual({ phase: 'unavailable', version: null })
  })
})

describe('isNewerVersion', () => {
  it('takes only a strictly newer version', () => {
    expect(isNewerVersion('1.2.0', '1.1.9')).toBe(true)
    expect(isNewerVersion('1.10.0', '1.9.0')).toBe(true)
    expect(isNewerVersion('1.1.0', '1.1.0')).toBe(false)
    expect(isNewerVersion('1.0.9', '1.1.0')).toBe(false)
    expect(isNewerVersion('1.1.0', '1.1.0-beta.2')).toBe(true)
    expect(isNewerVersion('1.1.0-beta.10', '1.1.0-beta.9')).toBe(true)
    expect(isNewerVersion('1.1.0-beta.1', '1.1.0')).toBe(false)
    expect(isNewerVersion('latest', '1.0.0')).toBe(false)
  })
})
