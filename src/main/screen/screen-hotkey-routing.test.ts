// Settings → Look at my screen hotkey through main's core: off by default, checked before it is
// saved (a valid accelerator, not the talk hotkey nor an assistant's, naming which), registered
// after, and a press asks the window for a capture exactly as the tray's item does.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FakeCipher } from '../../../test/doubles/fake-controller'
import type { AssistantsReply } from '../assistants/assistants-store'
import { createHarkMain } from '../app/hark-main'
import { HarkError } from '../app/ipc-error'
import type { ScreenHotkeyPort } from './screen-hotkey'

/** A globalShortcut stand-in: what is registered, and accelerators "another app" holds. */
class FakeScreenHotkeyPort implements ScreenHotkeyPort {
  registered: { accelerator: string; onPress: () => void } | null = null
  readonly takenElsewhere = new Set<string>()
  register(accelerator: string | null, onPress: () => void): string | null {
    this.registered = null
    if (accelerator === null) return null
    if (this.takenElsewhere.has(accelerator)) return `${accelerator} is used by another app.`
    this.registered = { accelerator, onPress }
    return null
  }
  stop(): void {
    this.registered = null
  }
}

/** Main's core on `dir` (a new data folder by default) with `port` as its globalShortcut. */
async function setup(
  port = new FakeScreenHotkeyPort(),
  dir?: string
): Promise<{
  port: FakeScreenHotkeyPort
  core: ReturnType<typeof createHarkMain>
  emitted: string[]
}> {
  dir ??= await mkdtemp(join(tmpdir(), 'hark-screen-hotkey-'))
  const core = createHarkMain({
    userDataDir: dir,
    env: {},
    cipher: new FakeCipher(),
    platform: 'linux',
    screenHotkey: port
  })
  const emitted: string[] = []
  core.subscribe((channel) => emitted.push(channel))
  return { port, core, emitted }
}

const setScreenHotkey = (
  core: ReturnType<typeof createHarkMain>,
  screenHotkey: string | null
): Promise<unknown> => core.handleInvoke('settings.set', { screenHotkey })

const storedScreenHotkey = async (core: ReturnType<typeof createHarkMain>): Promise<unknown> =>
  ((await core.handleInvoke('settings.get', undefined)) as { settings: { screenHotkey: unknown } })
    .settings.screenHotkey

describe('the Look at my screen hotkey setting', () => {
  it('is off by default: nothing is registered', async () => {
    const { port, core } = await setup()
    expect(await storedScreenHotkey(core)).toBeNull()
    expect(port.registered).toBeNull()
    await core.dispose()
  })

  it('is registered when saved, and a press asks the window to capture, as the tray does', async () => {
    const { port, core, emitted } = await setup()
    await setScreenHotkey(core, 'Alt+Shift+L')
    expect(port.registered?.accelerator).toBe('Alt+Shift+L')
    port.registered?.onPress()
    expect(emitted).toContain('screen.captureRequested')
    // Turned off again: unregistered.
    await setScreenHotkey(core, null)
    expect(port.registered).toBeNull()
    await core.dispose()
  })

  it('refuses an invalid accelerator with the reason, and keeps the one before', async () => {
    const { port, core } = await setup()
    await setScreenHotkey(core, 'Alt+Shift+L')
    await expect(setScreenHotkey(core, 'Q')).rejects.toThrow(/add a modifier/)
    await expect(setScreenHotkey(core, 'Alt+Bogus')).rejects.toThrow(/not a supported key/)
    expect(await storedScreenHotkey(core)).toBe('Alt+Shift+L')
    expect(port.registered?.accelerator).toBe('Alt+Shift+L')
    await core.dispose()
  })

  it('refuses the talk hotkey, however it is written, and says so', async () => {
    const { core } = await setup()
    // The default talk hotkey is CommandOrControl+Shift+Space: Control on Linux.
    const refusal = setScreenHotkey(core, 'Shift+Ctrl+Space')
    await expect(refusal).rejects.toBeInstanceOf(HarkError)
    await expect(refusal).rejects.toThrow(
      'Look at my screen cannot use Shift+Ctrl+Space: it is the talk hotkey.'
    )
    expect(await storedScreenHotkey(core)).toBeNull()
    await core.dispose()
  })

  it('refuses a talk hotkey that the screen hotkey already uses', async () => {
    const { core } = await setup()
    await setScreenHotkey(core, 'Alt+Shift+L')
    await expect(core.handleInvoke('settings.set', { hotkey: 'Alt+Shift+L' })).rejects.toThrow(
      'The talk hotkey cannot be Alt+Shift+L: Look at my screen uses it.'
    )
    await core.dispose()
  })

  it('refuses an assistant’s talk hotkey, naming the assistant', async () => {
    const { core } = await setup()
    const { file } = (await core.handleInvoke('assistants.get', undefined)) as AssistantsReply
    const first = file.assistants[0]
    if (!first) throw new Error('no default assistant')
    await core.handleInvoke('assistants.save', {
      ...file,
      assistants: [...file.assistants, { ...first, id: 'coder', name: 'Coder', hotkey: 'Alt+F9' }]
    })
    await expect(setScreenHotkey(core, 'alt+f9')).rejects.toThrow(
      'Look at my screen cannot use alt+f9: it is Coder’s talk hotkey.'
    )
    await core.dispose()
  })

  it('says so in words when the system will not register it, and puts the old one back', async () => {
    const { port, core } = await setup()
    await setScreenHotkey(core, 'Alt+Shift+L')
    port.takenElsewhere.add('Alt+Shift+K')
    await expect(setScreenHotkey(core, 'Alt+Shift+K')).rejects.toThrow(
      'Alt+Shift+K is used by another app.'
    )
    expect(await storedScreenHotkey(core)).toBe('Alt+Shift+L')
    expect(port.registered?.accelerator).toBe('Alt+Shift+L')
    await core.dispose()
  })

  it('refuses an assistant the screen hotkey, naming it, and still switches assistants', async () => {
    const { core } = await setup()
    await setScreenHotkey(core, 'Alt+Shift+L')
    const { file } = (await core.handleInvoke('assistants.get', undefined)) as AssistantsReply
    const first = file.assistants[0]
    if (!first) throw new Error('no default assistant')
    const coder = { ...first, id: 'coder', name: 'Coder', hotkey: 'Shift+Alt+L' }
    await expect(
      core.handleInvoke('assistants.save', { ...file, assistants: [...file.assistants, coder] })
    ).rejects.toThrow('Coder cannot use the hotkey Shift+Alt+L: Look at my screen uses it.')
    await core.handleInvoke('assistants.save', {
      ...file,
      assistants: [...file.assistants, { ...coder, hotkey: null }]
    })
    await core.handleInvoke('assistants.switch', { id: 'coder' })
    await core.dispose()
  })

  it('retries a stored hotkey the system refused at start when Set is pressed again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hark-screen-hotkey-'))
    const first = await setup(new FakeScreenHotkeyPort(), dir)
    await setScreenHotkey(first.core, 'Alt+Shift+L')
    await first.core.dispose()
    // The next start: another app holds the key meanwhile.
    const port = new FakeScreenHotkeyPort()
    port.takenElsewhere.add('Alt+Shift+L')
    const { core } = await setup(port, dir)
    // Settings says so beside the field, not only the log.
    await expect
      .poll(() => core.handleInvoke('screen.hotkeyProblem', undefined))
      .toEqual({ problem: 'Alt+Shift+L does not work now: Alt+Shift+L is used by another app.' })
    await expect(setScreenHotkey(core, 'Alt+Shift+L')).rejects.toThrow(
      'Alt+Shift+L is used by another app.'
    )
    expect(port.registered).toBeNull()
    port.takenElsewhere.clear()
    await setScreenHotkey(core, 'Alt+Shift+L')
    expect(port.registered?.accelerator).toBe('Alt+Shift+L')
    expect(await core.handleInvoke('screen.hotkeyProblem', undefined)).toEqual({ problem: null })
    await core.dispose()
  })
})
