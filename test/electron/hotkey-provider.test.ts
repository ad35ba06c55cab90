// The desktop hotkey provider with `electron` replaced by the recording stub and the native hook
// module mocked (nothing native loads, and uiohook's start() is never reached).
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { HotkeyEvent } from '../../src/main/app/hotkey-provider'
import type { KeyHookBackend } from '../../src/main/hotkey/hotkey-service'
import { electronStub } from '../doubles/electron-stub'

vi.mock('electron', async () => (await import('../doubles/electron-stub')).electronStub)
const hook = vi.hoisted(() => ({ loads: 0, backend: null as KeyHookBackend | null }))
vi.mock('../../src/main/adapters/hotkey-uiohook', () => ({
  loadUiohookBackend: () => {
    hook.loads++
    return Promise.resolve(hook.backend)
  }
}))

const { createDesktopHotkeyProvider } = await import('../../src/main/adapters/hotkey-provider')

beforeEach(() => {
  electronStub.globalShortcut.registered.clear()
  electronStub.systemPreferences.trustedAccessibility = false
  hook.loads = 0
  hook.backend = null
})

describe('desktop hotkey provider', () => {
  it('on macOS without Accessibility trust uses toggle through globalShortcut and says why', async () => {
    const provider = createDesktopHotkeyProvider({ platform: 'darwin', env: {}, log: () => {} })
    const events: HotkeyEvent[] = []
    provider.subscribe((event) => events.push(event))
    await provider.configure('CommandOrControl+Shift+Space')
    const status = provider.status()
    expect(status).toMatchObject({ mode: 'toggle', backend: 'globalShortcut' })
    expect(status.hotkey).toBe('Shift+Command+Space')
    expect(status.reason).toMatch(/Accessibility permission/)
    expect(hook.loads).toBe(0)
    expect([...electronStub.globalShortcut.registered.keys()]).toEqual(['Shift+Super+Space'])
    expect(events).toEqual([{ type: 'status', status }])

    // Two presses: talking starts, then ends with a commit (toggle mode).
    const press = electronStub.globalShortcut.registered.get('Shift+Super+Space')
    press?.()
    await vi.waitFor(() => expect(events.map((e) => e.type)).toContain('talkStart'))
    provider.stop()
    expect(electronStub.globalShortcut.registered.size).toBe(0)
  })

  it('reports an invalid hotkey as off with the reason, and restarts on a new one', async () => {
    const provider = createDesktopHotkeyProvider({ platform: 'darwin', env: {}, log: () => {} })
    await provider.configure('Q')
    expect(provider.status()).toMatchObject({ mode: 'off', backend: 'none' })
    expect(provider.status().reason).toMatch(/add a modifier/)
    await provider.configure('Alt+F9')
    expect(provider.status().mode).toBe('toggle')
    await provider.configure('Alt+F10')
    expect([...electronStub.globalShortcut.registered.keys()]).toEqual(['Alt+F10'])
    provider.stop()
  })

  it('falls back to toggle through globalShortcut when the hook loads but will not start', async () => {
    hook.backend = {
      kind: 'uiohook',
      start: () => {
        throw new Error('the system refused the keyboard hook')
      },
      stop: () => {}
    }
    const logged: string[] = []
    const provider = createDesktopHotkeyProvider({
      platform: 'win32',
      env: {},
      log: (_level, message) => logged.push(message)
    })
    await provider.configure('CommandOrControl+Shift+Space')
    expect(hook.loads).toBe(1)
    expect(provider.status()).toMatchObject({ mode: 'toggle', backend: 'globalShortcut' })
    expect(provider.status().reason).toMatch(/press Ctrl\+Shift\+Space to start talking/)
    expect(electronStub.globalShortcut.registered.size).toBe(1)
    expect(logged).toContain('hotkey: the keyboard hook did not start; trying globalShortcut')
    provider.stop()
  })

  it('gives each assistant’s own hotkey its own binding, talking to that assistant', async () => {
    const provider = createDesktopHotkeyProvider({ platform: 'darwin', env: {}, log: () => {} })
    const events: HotkeyEvent[] = []
    provider.subscribe((event) => events.push(event))
    await provider.configure('CommandOrControl+Shift+Space')
    await provider.configureAssistants?.([{ assistantId: 'translator', hotkey: 'Alt+F8' }])
    expect([...electronStub.globalShortcut.registered.keys()]).toEqual([
      'Shift+Super+Space',
      'Alt+F8'
    ])
    electronStub.globalShortcut.registered.get('Alt+F8')?.()
    await vi.waitFor(() =>
      expect(events).toContainEqual({ type: 'talkStart', assistantId: 'translator' })
    )
    // A new set replaces the old; the Settings hotkey stays.
    await provider.configureAssistants?.([])
    expect([...electronStub.globalShortcut.registered.keys()]).toEqual(['Shift+Super+Space'])
    provider.stop()
    expect(electronStub.globalShortcut.registered.size).toBe(0)
  })

  it('shares one keyboard hook between the Settings hotkey and the assistants’ ones', async () => {
    let starts = 0
    let stops = 0
    hook.backend = { kind: 'uiohook', start: () => void starts++, stop: () => void stops++ }
    const provider = createDesktopHotkeyProvider({ platform: 'win32', env: {}, log: () => {} })
    await provider.configure('CommandOrControl+Shift+Space')
    await provider.configureAssistants?.([{ assistantId: 'translator', hotkey: 'Alt+F8' }])
    expect(provider.status()).toMatchObject({ mode: 'hold', backend: 'uiohook' })
    expect([hook.loads, starts]).toEqual([1, 1])
    // A changed Settings hotkey restarts its own service only: the hook keeps running.
    await provider.configure('Alt+F9')
    expect(stops).toBe(0)
    provider.stop()
    expect(stops).toBe(1)
  })
})
