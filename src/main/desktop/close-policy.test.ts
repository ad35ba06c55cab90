import { describe, expect, it } from 'vitest'
import { closeAction, trayIsVisible } from './close-policy'

const base = { quitting: false, hasTray: true, env: {} }

describe('closing the window', () => {
  it('really closes while quitting, everywhere', () => {
    for (const platform of ['darwin', 'win32', 'linux'])
      expect(closeAction({ ...base, platform, quitting: true })).toBe('close')
  })

  it('hides to the menu bar on macOS and to the tray on Windows', () => {
    expect(closeAction({ ...base, platform: 'darwin' })).toBe('hide')
    expect(closeAction({ ...base, platform: 'darwin', hasTray: false })).toBe('hide')
    expect(closeAction({ ...base, platform: 'win32' })).toBe('hide')
  })

  it('quits where no tray could be created (outside macOS)', () => {
    expect(closeAction({ ...base, platform: 'win32', hasTray: false })).toBe('close')
    expect(closeAction({ ...base, platform: 'linux', hasTray: false })).toBe('close')
  })

  it('on Linux hides only where the desktop shows tray icons, else minimises', () => {
    const linux = (desktop?: string): string =>
      closeAction({
        ...base,
        platform: 'linux',
        env: desktop === undefined ? {} : { XDG_CURRENT_DESKTOP: desktop }
      })
    expect(linux('KDE')).toBe('hide')
    expect(linux('XFCE')).toBe('hide')
    expect(linux('ubuntu:GNOME')).toBe('hide')
    expect(linux('X-Cinnamon')).toBe('hide')
    expect(linux('Budgie:GNOME')).toBe('hide')
    expect(linux('GNOME')).toBe('minimize')
    expect(linux('sway')).toBe('minimize')
    expect(linux()).toBe('minimize')
  })

  it('knows tray icons are always visible on macOS and Windows', () => {
    expect(trayIsVisible('darwin', {})).toBe(true)
    expect(trayIsVisible('win32', {})).toBe(true)
  })
})
