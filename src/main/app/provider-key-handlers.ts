// The `providerKey.*` channels: each provider's key is set and cleared from the window and its
// status read back; the key itself never crosses IPC (docs/architecture.md, "Processes").
import type { ProviderKeys } from '../storage/provider-keys'
import type { InvokeHandlers } from './router'

type ProviderKeyChannel = 'providerKey.set' | 'providerKey.clear' | 'providerKey.statuses'

export function providerKeyHandlers(keys: ProviderKeys): Pick<InvokeHandlers, ProviderKeyChannel> {
  return {
    'providerKey.set': ({ provider, key, persist }) => keys.forProvider(provider).set(key, persist),
    'providerKey.clear': ({ provider }) => keys.forProvider(provider).clear(),
    'providerKey.statuses': () => keys.statuses()
  }
}
