// SecretCipher backed by Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet).
import { safeStorage } from 'electron'
import type { SecretCipher } from '../storage/key-store'

export function createSafeStorageCipher(
  platform: NodeJS.Platform = process.platform
): SecretCipher {
  return {
    isAvailable() {
      if (!safeStorage.isEncryptionAvailable()) return false
      // On Linux without a keyring, safeStorage "encrypts" with a hard-coded password: that is
      // obfuscation, not secure storage, so Hark treats it as unavailable and says so.
      return !(platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
    },
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data)
  }
}
