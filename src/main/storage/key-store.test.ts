import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FakeCipher } from '../../../test/doubles/fake-controller'
import { createKeyStore, KEY_FILE_NAME } from './key-store'

const KEY = 'sk-proj-secret-0123456789'

async function setup(env: { OPENAI_API_KEY?: string } = {}): Promise<{
  dir: string
  cipher: FakeCipher
  logs: string[]
  store: ReturnType<typeof createKeyStore>
}> {
  const dir = await mkdtemp(join(tmpdir(), 'hark-key-'))
  const cipher = new FakeCipher()
  const logs: string[] = []
  const log = (level: string, message: string, data?: Record<string, unknown>): void => {
    logs.push(JSON.stringify({ level, message, data }))
  }
  return { dir, cipher, logs, store: createKeyStore({ dir, cipher, env, log }) }
}

describe('key store', () => {
  it('reports no key at first', async () => {
    const { store } = await setup()
    expect(await store.status()).toEqual({
      configured: false,
      source: null,
      secureStorageAvailable: true
    })
    expect(await store.read()).toBeNull()
  })

  it('persists the key encrypted and reads it back in a later run', async () => {
    const { dir, cipher, store } = await setup()
    expect(await store.set(KEY, true)).toEqual({
      configured: true,
      source: 'secure-storage',
      secureStorageAvailable: true
    })
    const onDisk = await readFile(join(dir, KEY_FILE_NAME))
    expect(onDisk.toString('utf8')).not.toContain(KEY)
    expect(await readdir(dir)).toEqual([KEY_FILE_NAME])
    const nextRun = createKeyStore({ dir, cipher, env: {} })
    expect(await nextRun.read()).toBe(KEY)
    expect((await nextRun.status()).source).toBe('secure-storage')
  })

  it('keeps the key for this run only when secure storage is unavailable', async () => {
    const { dir, cipher, store } = await setup()
    cipher.available = false
    expect(await store.set(KEY, true)).toEqual({
      configured: true,
      source: 'this-run-only',
      secureStorageAvailable: false
    })
    expect(cipher.encryptCalls).toBe(0)
    expect(await readdir(dir)).toEqual([])
    expect(await store.read()).toBe(KEY)
    expect(await createKeyStore({ dir, cipher, env: {} }).read()).toBeNull()
  })

  it('keeps the key for this run only when asked, replacing a stored one', async () => {
    const { dir, cipher, store } = await setup()
    await store.set('sk-old-stored-key-000', true)
    expect((await store.set(KEY, false)).source).toBe('this-run-only')
    expect(await store.read()).toBe(KEY)
    expect(await readdir(dir)).toEqual([])
    expect(await createKeyStore({ dir, cipher, env: {} }).read()).toBeNull()
  })

  it('clears both the stored and the in-memory key', async () => {
    const { dir, store } = await setup()
    await store.set(KEY, true)
    expect(await store.clear()).toEqual({
      configured: false,
      source: null,
      secureStorageAvailable: true
    })
    expect(await store.read()).toBeNull()
    expect(await readdir(dir)).toEqual([])
  })

  it('lets the environment win over any stored key', async () => {
    const { store } = await setup({ OPENAI_API_KEY: ' sk-env-key-1234567 ' })
    await store.set(KEY, true)
    expect((await store.status()).source).toBe('environment')
    expect(await store.read()).toBe('sk-env-key-1234567')
  })

  it('treats an undecryptable file as no key, without logging its content', async () => {
    const { dir, cipher, logs } = await setup()
    await writeFile(join(dir, KEY_FILE_NAME), KEY)
    const store = createKeyStore({
      dir,
      cipher,
      env: {},
      log: (_l, message, data) => logs.push(`${message} ${JSON.stringify(data)}`)
    })
    expect(await store.read()).toBeNull()
    expect((await store.status()).configured).toBe(false)
    expect(logs.join('\n')).toContain('could not be decrypted')
    expect(logs.join('\n')).not.toContain(KEY)
  })

  it('never returns or logs the key', async () => {
    const { store, logs } = await setup()
    const replies = [
      await store.set(KEY, true),
      await store.status(),
      await store.set(KEY, false),
      await store.clear()
    ]
    expect(JSON.stringify([replies, logs])).not.toContain(KEY)
    expect(JSON.stringify([replies, logs])).not.toContain('secret')
  })

  it('says why a key could not be saved, and still takes it for this run only', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'hark-key-'))
    await writeFile(join(parent, 'blocker'), 'a file where the folder should be')
    const store = createKeyStore({
      dir: join(parent, 'blocker', 'hark'),
      cipher: new FakeCipher(),
      env: {}
    })
    await expect(store.set(KEY, true)).rejects.toThrow(
      /^Hark could not save your key: a file is in the way of the folder .*\. You can use it for this run only\.$/
    )
    expect((await store.set(KEY, false)).source).toBe('this-run-only')
    expect(await store.read()).toBe(KEY)
  })

  it('removes temp files of interrupted writes (ciphertext) at start and on clear', async () => {
    const { dir, cipher } = await setup()
    await writeFile(join(dir, `.${KEY_FILE_NAME}.0123456789ab.tmp`), cipher.encrypt(KEY))
    const store = createKeyStore({ dir, cipher, env: {} })
    expect((await store.status()).configured).toBe(false)
    expect(await readdir(dir)).toEqual([])
    await writeFile(join(dir, `.${KEY_FILE_NAME}.ba9876543210.tmp`), cipher.encrypt(KEY))
    await store.clear()
    expect(await readdir(dir)).toEqual([])
  })
})
