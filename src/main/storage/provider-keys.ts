// One key per provider (issue 14): an OpenAI key is never sent to Azure or to a local server,
// and each is kept, encrypted, in its own file. OpenAI's keeps the original file name, so keys
// stored before providers existed are still found.
import { PROVIDERS, PROVIDER_INFO, type Provider } from '../../shared/providers'
import type { KeyStatus } from '../../shared/ipc'
import { KEY_FILE_NAME, createKeyStore, type KeyStore, type SecretCipher } from './key-store'

export interface ProviderKeys {
  forProvider(provider: Provider): KeyStore
  /** Whether each provider has a key; never the keys themselves. */
  statuses(): Promise<Record<Provider, KeyStatus>>
}

export function keyFileName(provider: Provider): string {
  return provider === 'openai' ? KEY_FILE_NAME : `api-key-${provider}.bin`
}

export function createProviderKeys(options: {
  dir: string
  cipher: SecretCipher
  env: Readonly<Record<string, string | undefined>>
  log?: Parameters<typeof createKeyStore>[0]['log']
}): ProviderKeys {
  const stores = Object.fromEntries(
    PROVIDERS.map((provider) => [
      provider,
      createKeyStore({
        ...options,
        fileName: keyFileName(provider),
        envVar: PROVIDER_INFO[provider].envKeyVar
      })
    ])
  ) as Record<Provider, KeyStore>
  return {
    forProvider: (provider) => stores[provider],
    statuses: async () => {
      const entries = await Promise.all(
        PROVIDERS.map(async (provider) => [provider, await stores[provider].status()] as const)
      )
      return Object.fromEntries(entries) as Record<Provider, KeyStatus>
    }
  }
}
