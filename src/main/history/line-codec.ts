// One record per line, encrypted line by line with AES-256-GCM under the history's data key, so
// an append never rewrites older lines and a torn last line costs only that line. A line that
// starts with `{` is plain JSON (written where the user agreed to plain storage); one that starts
// with `~` is base64(iv ‖ tag ‖ ciphertext). Both kinds may sit in one file.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const IV_BYTES = 12
const TAG_BYTES = 16
export const DATA_KEY_BYTES = 32
const ENCRYPTED_PREFIX = '~'

export class UnreadableLineError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnreadableLineError'
  }
}

export interface LineCodec {
  readonly encrypted: boolean
  encode(value: unknown): string
  /** Throws UnreadableLineError for a torn, foreign or wrongly keyed line. */
  decode(line: string): unknown
  /** A large value as raw bytes (a snapshot): no base64, no line splitting of megabytes. */
  encodeBlob(value: unknown): Buffer
  decodeBlob(bytes: Buffer): unknown
}

/** `key` null: write plain lines (and read plain ones only). */
export function createLineCodec(key: Buffer | null): LineCodec {
  return {
    encrypted: key !== null,
    encode(value) {
      const json = JSON.stringify(value)
      if (key === null) return json
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()])
      return ENCRYPTED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
    },
    decode(line) {
      if (line.startsWith(ENCRYPTED_PREFIX)) {
        if (key === null) throw new UnreadableLineError('encrypted, and no key is available')
        return parseJson(decrypt(key, line.slice(1)))
      }
      return parseJson(line)
    },
    encodeBlob(value) {
      const json = Buffer.from(JSON.stringify(value), 'utf8')
      if (key === null) return json
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(json), cipher.final()])
      return Buffer.concat([Buffer.from(ENCRYPTED_PREFIX), iv, cipher.getAuthTag(), body])
    },
    decodeBlob(bytes) {
      if (bytes[0] === ENCRYPTED_PREFIX.charCodeAt(0)) {
        if (key === null) throw new UnreadableLineError('encrypted, and no key is available')
        return parseJson(decryptBytes(key, bytes.subarray(1)).toString('utf8'))
      }
      return parseJson(bytes.toString('utf8'))
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new UnreadableLineError('not valid JSON (a torn or damaged line)')
  }
}

function decrypt(key: Buffer, base64: string): string {
  return decryptBytes(key, Buffer.from(base64, 'base64')).toString('utf8')
}

function decryptBytes(key: Buffer, bytes: Buffer): Buffer {
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new UnreadableLineError('too short')
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES))
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()])
  } catch {
    // GCM's tag check: a torn line or another key. Never echo the bytes.
    throw new UnreadableLineError('cannot be decrypted with this key (torn, or another key)')
  }
}
