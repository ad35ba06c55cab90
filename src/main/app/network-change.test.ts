import type { NetworkInterfaceInfo } from 'node:os'
import { describe, expect, it } from 'vitest'
import { addressSignature, watchNetworkChanges } from './network-change'
import type { SetTimer } from './reconnect-policy'

const entry = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  internal,
  family: 'IPv4',
  netmask: '',
  mac: '',
  cidr: null
})

describe('watchNetworkChanges', () => {
  it('reports a changed address once, and ignores loopback and link-local ones', () => {
    let interfaces: Record<string, NetworkInterfaceInfo[]> = {
      lo: [entry('127.0.0.1', true)],
      wlan0: [entry('192.168.1.20'), entry('fe80::1')]
    }
    const pending: (() => void)[] = []
    const setTimer: SetTimer = (callback) => {
      pending.push(callback)
      return () => undefined
    }
    const tick = (): void => pending.shift()?.()
    let changes = 0
    const stop = watchNetworkChanges({
      onChange: () => changes++,
      readAddresses: () => interfaces,
      setTimer
    })
    tick()
    expect(changes).toBe(0)
    interfaces = { ...interfaces, wlan0: [entry('192.168.1.20'), entry('fe80::2')] }
    tick()
    expect(changes).toBe(0)
    interfaces = { ...interfaces, wlan0: [entry('10.0.0.7')] }
    tick()
    tick()
    expect(changes).toBe(1)
    stop()
    interfaces = {}
    tick()
    expect(changes).toBe(1)
  })

  it('signs the same set of addresses the same way in any order', () => {
    expect(addressSignature({ a: [entry('10.0.0.1')], b: [entry('10.0.0.2')] })).toBe(
      addressSignature({ b: [entry('10.0.0.2')], a: [entry('10.0.0.1')] })
    )
  })
})
