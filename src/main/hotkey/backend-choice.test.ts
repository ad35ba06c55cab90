import { describe, expect, it } from 'vitest'
import { canStartHook, chooseHotkeyBackend, type BackendChoiceInput } from './backend-choice'

const base: BackendChoiceInput = {
  platform: 'win32',
  env: {},
  hookLoadable: true,
  hotkeyLabel: 'Alt+Space'
}

describe('chooseHotkeyBackend', () => {
  it('win32: hold-to-talk through the hook', () => {
    const c = chooseHotkeyBackend(base)
    expect(c).toMatchObject({ mode: 'hold', backend: 'uiohook' })
    expect(c.reason).toContain('Hold Alt+Space')
  })

  it('darwin with Accessibility: hold', () => {
    expect(
      chooseHotkeyBackend({ ...base, platform: 'darwin', accessibilityTrusted: true })
    ).toMatchObject({ mode: 'hold', backend: 'uiohook' })
  })

  it('darwin without Accessibility: toggle, never the hook, and says how to grant it', () => {
    const input = { ...base, platform: 'darwin', accessibilityTrusted: false }
    const c = chooseHotkeyBackend(input)
    expect(c).toMatchObject({ mode: 'toggle', backend: 'globalShortcut' })
    expect(c.reason).toMatch(/Accessibility/)
    expect(c.reason).toMatch(/press Alt\+Space to start talking and again to stop/)
    expect(canStartHook(input)).toBe(false)
    expect(canStartHook({ platform: 'darwin', env: {} })).toBe(false)
  })

  it('linux X11: hold', () => {
    const input = { ...base, platform: 'linux', env: { DISPLAY: ':0', XDG_SESSION_TYPE: 'x11' } }
    expect(chooseHotkeyBackend(input)).toMatchObject({ mode: 'hold', backend: 'uiohook' })
    expect(canStartHook(input)).toBe(true)
  })

  it('linux Wayland (with or without XWayland): toggle via globalShortcut', () => {
    for (const env of [
      { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' },
      { XDG_SESSION_TYPE: 'wayland', DISPLAY: ':0' },
      { WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':1' }
    ]) {
      const input = { ...base, platform: 'linux', env }
      const c = chooseHotkeyBackend(input)
      expect(c).toMatchObject({ mode: 'toggle', backend: 'globalShortcut' })
      expect(c.reason).toMatch(/^Hold-to-talk is off on Wayland/)
      expect(canStartHook(input)).toBe(false)
    }
  })

  it('linux Wayland without the portal: off, pointing to the Talk button', () => {
    const c = chooseHotkeyBackend({
      ...base,
      platform: 'linux',
      env: { XDG_SESSION_TYPE: 'wayland' },
      globalShortcutUsable: false
    })
    expect(c).toMatchObject({ mode: 'off', backend: 'none' })
    expect(c.reason).toMatch(/GlobalShortcuts portal/)
    expect(c.reason).toMatch(/Talk button/)
  })

  it('linux with no display at all: off, and the hook is never started', () => {
    const input = { ...base, platform: 'linux', env: {} }
    expect(chooseHotkeyBackend(input)).toMatchObject({ mode: 'off', backend: 'none' })
    expect(canStartHook(input)).toBe(false)
  })

  it('hook failed to load: toggle, and says why', () => {
    for (const platform of ['win32', 'linux', 'darwin']) {
      const c = chooseHotkeyBackend({
        ...base,
        platform,
        env: { DISPLAY: ':0' },
        accessibilityTrusted: true,
        hookLoadable: false
      })
      expect(c).toMatchObject({ mode: 'toggle', backend: 'globalShortcut' })
      expect(c.reason).toMatch(/keyboard hook could not be loaded/)
    }
  })

  it('an unknown platform: toggle', () => {
    expect(chooseHotkeyBackend({ ...base, platform: 'freebsd' })).toMatchObject({
      mode: 'toggle',
      backend: 'globalShortcut'
    })
  })
})
