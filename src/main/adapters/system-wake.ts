// Tells the core when its socket may have died without a word: the system resumed from sleep
// (Electron `powerMonitor` 'resume'; a laptop lid, a suspended VM) or the network changed
// (network-change.ts). The core then probes the socket at once.
import { powerMonitor } from 'electron'
import { watchNetworkChanges } from '../app/network-change'

export type WakeCause = 'resume' | 'unlock-screen' | 'network-change'

/** Returns the function that stops watching. */
export function watchSystemWake(onWake: (cause: WakeCause) => void): () => void {
  const onResume = (): void => onWake('resume')
  const onUnlock = (): void => onWake('unlock-screen')
  powerMonitor.on('resume', onResume)
  powerMonitor.on('unlock-screen', onUnlock)
  const stopNetwork = watchNetworkChanges({ onChange: () => onWake('network-change') })
  return () => {
    powerMonitor.off('resume', onResume)
    powerMonitor.off('unlock-screen', onUnlock)
    stopNetwork()
  }
}
