// The history's data key: 32 random bytes, kept in `history/key.bin` wrapped by the OS key store
// (SecretCipher = Electron safeStorage in the app). Records are encrypted with it (line-codec.ts),
// so the key store is asked once per run, not once per line. Without a key store the user may
// agree to plain files; a folder whose key cannot be unwrapped is "locked", never overwritten.
import { randomBytes } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { SecretCipher } from '../storage/key-store'
import { writeFileAtomic } from '../storage/atomic-file'
import { DATA_KEY_BYTES } from './line-codec'
import type { HistoryMode } from './types'

export const DATA_KEY_FILE = 'key.bin'

export interface DataKeyState {
  mode: HistoryMode
  /** The key for 'encrypted'; null otherwise. */
  key: Buffer | null
}

export interface DataKeyOptions {
  historyDir: string
  cipher: SecretCipher
  /** The user agreed to plain files where there is no key store. */
  plainAllowed: boolean
  /** False for readers (the CLI's list/show): never create a key. */
  createIfMissing: boolean
}

function available(cipher: SecretCipher): boolean {
  try {
    return cipher.isAvailable()
  } catch {
    return false
  }
}

export async function loadDataKey(options: DataKeyOptions): Promise<DataKeyState> {
  const path = join(options.historyDir, DATA_KEY_FILE)
  let wrapped: Buffer | null = null
  try {
    wrapped = await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return { mode: 'locked', key: null }
  }
  const hasKeyStore = available(options.cipher)
  if (wrapped !== null) {
    if (!hasKeyStore) return { mode: 'locked', key: null }
    try {
      const key = Buffer.from(options.cipher.decrypt(wrapped), 'base64')
      if (key.length !== DATA_KEY_BYTES) return { mode: 'locked', key: null }
      return { mode: 'encrypted', key }
    } catch {
      return { mode: 'locked', key: null }
    }
  }
  if (!hasKeyStore) return { mode: options.plainAllowed ? 'plain' : 'off', key: null }
  if (!options.createIfMissing) return { mode: 'encrypted', key: null }
  const key = randomBytes(DATA_KEY_BYTES)
  await mkdir(options.historyDir, { recursive: true })
  await writeFileAtomic(path, options.cipher.encrypt(key.toString('base64')))
  return { mode: 'encrypted', key }
}
