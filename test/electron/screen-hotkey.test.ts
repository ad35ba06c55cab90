// The Look at my screen hotkey's adapter with `electron` replaced by the recording stub: it
// registers a press through globalShortcut, swaps it on a change, lets go of it on quit, and says
// in words when another application holds the key.
import { beforeEach, describe, expect, it } from 'vitest'
import { vi } from 'vitest'
import { electronStub } from '../doubles/electron-stub'

vi.mock('electron', async () => (await import('../doubles/electron-stub')).electronStub)

const { createScreenHotkeyPort } = await import('../../src/main/adapters/screen-hotkey')

const shortcuts = electronStub.globalShortcut

beforeEach(() => {
  shortcuts.registered.clear()
  shortcuts.takenElsewhere.clear()
})

describe('the Look at my screen hotkey (globalShortcut)', () => {
  it('registers the accelerator and a press calls back', () => {
    const port = createScreenHotkeyPort({ platform: 'linux', log: () => undefined })
    let presses = 0
    expect(port.register('CommandOrControl+Alt+L', () => presses++)).toBeNull()
    expect([...shortcuts.registered.keys()]).toEqual(['Control+Alt+L'])
    shortcuts.registered.get('Control+Alt+L')?.()
    expect(presses).toBe(1)
  })

  it('a change lets go of the old key; none turns it off', () => {
    const port = createScreenHotkeyPort({ platform: 'darwin', log: () => undefined })
    port.register('CommandOrControl+Alt+L', () => undefined)
    expect([...shortcuts.registered.keys()]).toEqual(['Alt+Super+L'])
    port.register('F13', () => undefined)
    expect([...shortcuts.registered.keys()]).toEqual(['F13'])
    port.register(null, () => undefined)
    expect(shortcuts.registered.size).toBe(0)
  })

  it('lets go of the key on quit', () => {
    const port = createScreenHotkeyPort({ platform: 'win32', log: () => undefined })
    port.register('Ctrl+Shift+L', () => undefined)
    expect(shortcuts.registered.size).toBe(1)
    port.stop()
    expect(shortcuts.registered.size).toBe(0)
  })

  it('says in words that another application holds the key, and registers nothing', () => {
    const port = createScreenHotkeyPort({ platform: 'darwin', log: () => undefined })
    shortcuts.takenElsewhere.add('Shift+Super+L')
    expect(port.register('Command+Shift+L', () => undefined)).toBe(
      'Hark could not use Shift+Command+L for Look at my screen: another application or the system already uses it. Choose another hotkey.'
    )
    expect(shortcuts.registered.size).toBe(0)
  })

  it('refuses an invalid accelerator with the reason', () => {
    const port = createScreenHotkeyPort({ platform: 'linux', log: () => undefined })
    expect(port.register('L', () => undefined)).toMatch(/add a modifier/)
    expect(shortcuts.registered.size).toBe(0)
  })
})
