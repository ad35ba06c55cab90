import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
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

  it('resets only the invalid fields, names them, and keeps a copy of the old file', async () => {
    const dir = await tempDir()
    const original = JSON.stringify({
      voice: 'ash',
      instructions: 'Answer in French.',
      model: 5,
      url: 'ws://192.168.1.9/v1/realtime'
    })
    await writeFile(join(dir, 'settings.json'), original)
    const store = createSettingsStore({ dir, now: () => new Date(1_700_000_000_000) })
    const reply = await store.get()
    expect(reply.settings).toEqual({
      ...defaultSettings(),
      voice: 'ash',
      instructions: 'Answer in French.'
    })
    const aside = join(dir, 'settings.corrupt-1700000000000.json')
    expect(reply.notice).toBe(
      `Some settings were not valid and were reset to their defaults: model, url. The old file was kept as ${aside}.`
    )
    expect(await readFile(aside, 'utf8')).toBe(original)
  })

  it('reads a file that starts with a byte-order mark', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'settings.json'), `\uFEFF${JSON.stringify({ voice: 'ash' })}`)
    expect(await createSettingsStore({ dir }).get()).toEqual({
      settings: { ...defaultSettings(), voice: 'ash' },
      notice: null
    })
  })

  it('never overwrites a file it cannot read, and keeps changes in memory', async () => {
    const dir = await tempDir()
    // A folder in the way: the read fails with EISDIR (as EACCES would), not ENOENT.
    await mkdir(join(dir, 'settings.json'))
    await writeFile(join(dir, 'settings.json', 'inside.txt'), 'mine')
    const store = createSettingsStore({ dir })
    const first = await store.get()
    expect(first.settings).toEqual(defaultSettings())
    expect(first.notice).toMatch(
      /^Hark could not read your settings file: a folder is in the way at .*settings\.json\. It is using defaults for now and will not overwrite that file; changes you make last until Hark quits\.$/
    )
    const saved = await store.update({ voice: 'sage' })
    expect(saved.settings.voice).toBe('sage')
    expect(saved.notice).toBe(first.notice)
    expect((await store.get()).settings.voice).toBe('sage')
    expect(await readdir(join(dir, 'settings.json'))).toEqual(['inside.txt'])
  })

  it.skipIf(process.getuid?.() === 0)(
    'does not overwrite a file without read permission',
    async () => {
      const dir = await tempDir()
      await writeFile(join(dir, 'settings.json'), JSON.stringify({ voice: 'ash' }))
      await chmod(join(dir, 'settings.json'), 0o200)
      const store = createSettingsStore({ dir })
      expect((await store.get()).notice).toMatch(/no permission to use/)
      await store.update({ voice: 'sage' })
      await chmod(join(dir, 'settings.json'), 0o600)
      expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toEqual({
        voice: 'ash'
      })
    }
  )

  it.each([
    ['ENOSPC', 'the disk is full'],
    ['EROFS', 'the folder .* is on a read-only disk'],
    ['EACCES', 'Hark has no permission to use .*settings\\.json \\(check the permissions of .*\\)'],
    ['EISDIR', 'a folder is in the way at .*settings\\.json']
  ])(
    'says in a sentence why a save failed (%s), keeping the change for this run',
    async (code, why) => {
      const dir = await tempDir()
      const store = createSettingsStore({
        dir,
        write: () => Promise.reject(Object.assign(new Error(code), { code }))
      })
      const reply = await store.update({ voice: 'sage' })
      expect(reply.settings.voice).toBe('sage')
      expect(reply.notice).toMatch(
        new RegExp(
          `^Hark could not save your settings: ${why}\\. The change applies until Hark quits\\.$`
        )
      )
      expect((await store.get()).settings.voice).toBe('sage')
    }
  )

  it('removes temp files of interrupted writes at start', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, '.settings.json.0123456789ab.tmp'), '{"voice":')
    await writeFile(join(dir, '.other.json.0123456789ab.tmp'), 'not ours')
    await createSettingsStore({ dir }).get()
    expect(await readdir(dir)).toEqual(['.other.json.0123456789ab.tmp'])
  })
})
