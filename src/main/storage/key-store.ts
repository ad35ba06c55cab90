// The API key: write-only from the renderer, readable only by main (docs/architecture.md,
// "Processes"). Persisted only
// through the OS's secure storage (Electron safeStorage behind SecretCipher); where there is
// none, the key lives in memory for this run and the status says so, so the UI can tell the user.
// Nothing returned or logged here ever contains the key.
import { readFile, rm, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { KeyStatus } from '../../shared/ipc'
import { removeStaleTempFiles, writeFileAtomic } from './atomic-file'
import { fileProblem, isMissingFile, StorageError } from './file-errors'

export const KEY_FILE_NAME = 'api-key.bin'

/** Encryption by the OS keychain (Electron safeStorage in the app, a fake in tests). */
export interface SecretCipher {
  isAvailable(): boolean
  encrypt(plain: string): Buffer
  decrypt(data: Buffer): string
}

export interface KeyStore {
  /** `persist` asks for secure storage; without it (or without storage) the key lasts this run. */
  set(key: string, persist: boolean): Promise<KeyStatus>
  clear(): Promise<KeyStatus>
  status(): Promise<KeyStatus>
  /** Main only: the key for the next connect (environment, then this run's, then stored). */
  read(): Promise<string | null>
}

type Log = (
  level: 'info' | 'warn' | 'error',
  message: string,
  data?: Record<string, unknown>
) => void

export function createKeyStore(options: {
  dir: string
  cipher: SecretCipher
  env: Readonly<Record<string, string | undefined>>
  log?: Log
  /** Another provider's key lives in its own file, under its own variable (provider-keys.ts). */
  fileName?: string
  envVar?: string
}): KeyStore {
  const { cipher } = options
  const fileName = options.fileName ?? KEY_FILE_NAME
  const path = join(options.dir, fileName)
  const log: Log = options.log ?? (() => undefined)
  const envVar = options.envVar ?? 'OPENAI_API_KEY'
  const envKey = (): string | null => options.env[envVar]?.trim() || null
  let runKey: string | null = null
  // The decrypted stored key, cached: on macOS each decrypt may prompt for the keychain.
  let storedKey: Promise<string | null> | undefined

  const available = (): boolean => {
    try {
      return cipher.isAvailable()
    } catch {
      return false
    }
  }

  // Temp files of an interrupted write hold ciphertext of a key: removed at start and on clear.
  const removeTempFiles = async (): Promise<void> => {
    const removed = await removeStaleTempFiles(options.dir, fileName)
    if (removed > 0) log('info', 'key store: removed temp files of interrupted writes', { removed })
  }
  const loadStored = async (): Promise<string | null> => {
    await removeTempFiles()
    let data: Buffer
    try {
      data = await readFile(path)
    } catch (error) {
      if (!isMissingFile(error))
        log('warn', 'key store: cannot read the key file', { code: errorCode(error) })
      return null
    }
    if (!available()) {
      log('warn', 'key store: a stored key exists but secure storage is unavailable')
      return null
    }
    try {
      return cipher.decrypt(data).trim() || null
    } catch (error) {
      // Never log the error text: a decrypt failure could echo the data it was given.
      log('warn', 'key store: the stored key could not be decrypted', { code: errorCode(error) })
      return null
    }
  }

  const readStored = (): Promise<string | null> => (storedKey ??= loadStored())

  const status = async (): Promise<KeyStatus> => {
    const secureStorageAvailable = available()
    if (envKey()) return { configured: true, source: 'environment', secureStorageAvailable }
    if (runKey) return { configured: true, source: 'this-run-only', secureStorageAvailable }
    if (await readStored())
      return { configured: true, source: 'secure-storage', secureStorageAvailable }
    return { configured: false, source: null, secureStorageAvailable }
  }

  const removeFile = async (): Promise<void> => {
    try {
      await rm(path, { force: true })
    } catch (error) {
      // Not removable (a folder in the way, no permission): the key in memory still works.
      log('warn', 'key store: cannot remove the key file', { code: errorCode(error) })
    }
    storedKey = Promise.resolve(null)
  }

  const set = async (key: string, persist: boolean): Promise<KeyStatus> => {
    const trimmed = key.trim()
    if (persist && available()) {
      try {
        await mkdir(options.dir, { recursive: true })
        await writeFileAtomic(path, cipher.encrypt(trimmed))
      } catch (error) {
        log('error', 'key store: cannot save the key', { code: errorCode(error) })
        // The UI offers "this run only" for this code (src/renderer/src/components/Onboarding.tsx).
        throw new StorageError(
          `Hark could not save your key: ${fileProblem(error, path)}. You can use it for this run only.`,
          { cause: error }
        )
      }
      storedKey = Promise.resolve(trimmed)
      runKey = null
      log('info', 'key store: key saved in secure storage')
    } else {
      // A key the user chose not to keep must not be replaced by an older stored one next run.
      await removeFile()
      runKey = trimmed
      log('info', 'key store: key kept for this run only', { persistRequested: persist })
    }
    return status()
  }

  const clear = async (): Promise<KeyStatus> => {
    runKey = null
    await removeFile()
    await removeTempFiles()
    log('info', 'key store: key cleared')
    return status()
  }

  const read = async (): Promise<string | null> => envKey() ?? runKey ?? (await readStored())

  return { set, clear, status, read }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : 'unknown'
}
