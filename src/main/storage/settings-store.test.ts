import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../shared/settings'
import { createSettingsStore, SettingsValidationError } from './settings-store'

const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'hark-settings-'))

describe('settings store', () => {
  it('starts with defaults and no notice when there is no file', async () => {
    const store = createSettingsStore({ dir: await tempDir() })
    expect(await store.get()).toEqual({ settings: defaultSettings(), notice: null })
  })

  it('writes the merged settings atomically, leaving no temp file', async () => {
    const dir = await tempDir()
    const store = createSettingsStore({ dir })
    const reply = await store.update({ voice: 'marin' })
    await store.update({ turnDetection: 'semantic_vad' })
    expect(reply.settings.voice).toBe('marin')
    expect(await readdir(dir)).toEqual(['settings.json'])
    const onDisk: unknown = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))
    expect(onDisk).toEqual({ ...defaultSettings(), voice: 'marin', turnDetection: 'semantic_vad' })
    const reloaded = createSettingsStore({ dir })
    expect((await reloaded.get()).settings).toEqual(onDisk)
  })

  it('keeps concurrent updates: both patches land', async () => {
    const dir = await tempDir()
    const store = createSettingsStore({ dir })
    await Promise.all([store.update({ voice: 'ash' }), store.update({ model: 'm2' })])
    const reloaded = await createSettingsStore({ dir }).get()
    expect(reloaded.settings).toMatchObject({ voice: 'ash', model: 'm2' })
  })

  it.each([
    ['not JSON', '{"voice": '],
    ['invalid values', JSON.stringify({ url: 'http://plain.example' })],
    ['the wrong shape', '[1,2,3]']
  ])('keeps a file with %s aside and starts with defaults', async (_what, content) => {
    const dir = await tempDir()
    await writeFile(join(dir, 'settings.json'), content)
    const store = createSettingsStore({ dir, now: () => new Date(1_700_000_000_000) })
    const reply = await store.get()
    expect(reply.settings).toEqual(defaultSettings())
    const aside = join(dir, 'settings.corrupt-1700000000000.json')
    expect(reply.notice).toBe(
      `Your settings file could not be read, so Hark started with defaults. The old file was kept as ${aside}.`
    )
    expect(await readFile(aside, 'utf8')).toBe(content)
    expect(await readdir(dir)).toEqual(['settings.corrupt-1700000000000.json'])
    // The next save writes a fresh file and the notice no longer applies.
    expect((await store.update({ voice: 'sage' })).notice).toBeNull()
  })

  it.each([
    [{ url: 'https://not-a-socket.example' }],
    [{ model: '' }],
    [{ turnDetection: 'always' }],
    [{ unknown: 1 }]
  ])('rejects invalid values %j and keeps the file unchanged', async (patch) => {
    const dir = await tempDir()
    const store = createSettingsStore({ dir })
    await store.update({ voice: 'echo' })
    const before = await readFile(join(dir, 'settings.json'), 'utf8')
    await expect(store.update(patch as never)).rejects.toThrow(SettingsValidationError)
    await expect(store.update(patch as never)).rejects.toThrow(/^The setting "\w+" is not valid: /)
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).toBe(before)
    expect((await store.get()).settings.voice).toBe('echo')
  })
})
