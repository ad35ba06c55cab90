// Notices a network change (Wi-Fi to Ethernet, a VPN up or down, a new address after a roam) by
// comparing the machine's interface addresses every few seconds. Node and Electron's main process
// have no event for it; a socket on the old path may be dead without a FIN, so the session
// manager probes it at once (heartbeat.ts) instead of waiting for the next ping.
import { networkInterfaces } from 'node:os'
import type { SetTimer } from './reconnect-policy'
import { realTimer } from './reconnect-policy'

export const NETWORK_POLL_MS = 5000

export type AddressReader = () => ReturnType<typeof networkInterfaces>

/** The external addresses, as one comparable string (loopback and link-local left out). */
export function addressSignature(interfaces: ReturnType<typeof networkInterfaces>): string {
  const addresses: string[] = []
  for (const [name, entries] of Object.entries(interfaces))
    for (const entry of entries ?? [])
      if (!entry.internal && !entry.address.startsWith('fe80:'))
        addresses.push(`${name}/${entry.address}`)
  return addresses.sort().join(',')
}

export interface NetworkWatchOptions {
  onChange: () => void
  readAddresses?: AddressReader
  setTimer?: SetTimer
  intervalMs?: number
}

/** Returns the function that stops watching. */
export function watchNetworkChanges(options: NetworkWatchOptions): () => void {
  const read = options.readAddresses ?? networkInterfaces
  const setTimer = options.setTimer ?? realTimer
  const intervalMs = options.intervalMs ?? NETWORK_POLL_MS
  let last = addressSignature(read())
  let cancel: () => void = () => undefined
  let stopped = false
  const tick = (): void => {
    if (stopped) return
    const now = addressSignature(read())
    if (now !== last) {
      last = now
      options.onChange()
    }
    cancel = setTimer(tick, intervalMs)
  }
  cancel = setTimer(tick, intervalMs)
  return () => {
    stopped = true
    cancel()
  }
}
