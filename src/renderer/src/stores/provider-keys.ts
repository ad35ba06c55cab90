import { create } from 'zustand'
import type { KeyStatus } from '../../../shared/ipc'
import type { Provider } from '../../../shared/providers'
import { messageOf } from './errors'
import { hark } from '../ipc/hark'

/** Whether each provider has a key (issue 14); the keys themselves never reach the window. */
interface ProviderKeysState {
  statuses: Record<Provider, KeyStatus> | null
  error: string | null
}

export const useProviderKeys = create<ProviderKeysState>()(() => ({ statuses: null, error: null }))

async function run(action: () => Promise<unknown>): Promise<boolean> {
  useProviderKeys.setState({ error: null })
  try {
    await action()
    useProviderKeys.setState({ statuses: await hark().providerKey.statuses() })
    return true
  } catch (error) {
    useProviderKeys.setState({ error: messageOf(error) })
    return false
  }
}

export const loadProviderKeys = (): Promise<boolean> => run(() => Promise.resolve())
export const saveProviderKey = (provider: Provider, key: string): Promise<boolean> =>
  run(() => hark().providerKey.set({ provider, key, persist: true }))
export const clearProviderKey = (provider: Provider): Promise<boolean> =>
  run(() => hark().providerKey.clear({ provider }))
