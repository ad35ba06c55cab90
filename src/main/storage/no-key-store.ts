// A SecretCipher that honestly says there is no key store: for hosts without Electron's
// safeStorage (the browser host, the CLI). Secrets and the history's key then cannot be kept.
import type { SecretCipher } from './key-store'

export function noKeyStoreCipher(reason: string): SecretCipher {
  return {
    isAvailable: () => false,
    encrypt: (): Buffer => {
      throw new Error(reason)
    },
    decrypt: (): string => {
      throw new Error(reason)
    }
  }
}
