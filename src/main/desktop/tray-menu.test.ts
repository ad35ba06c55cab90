import { describe, expect, it } from 'vitest'
import { trayMenu } from './tray-menu'

describe('tray menu', () => {
  it('offers Talk, Open Hark, Mute microphone and Quit', () => {
    expect(trayMenu({ inTurn: false, muted: false })).toEqual([
      { action: 'talk', label: 'Talk', enabled: true },
      { action: 'open', label: 'Open Hark', enabled: true },
      { action: 'mute', label: 'Mute microphone', enabled: true, checked: false },
      { action: 'quit', label: 'Quit Hark', enabled: true }
    ])
  })

  it('offers to stop while a turn is open', () => {
    expect(trayMenu({ inTurn: true, muted: false })[0]?.label).toBe('Stop talking')
  })

  it('checks Mute and disables Talk while muted', () => {
    const menu = trayMenu({ inTurn: false, muted: true })
    expect(menu[0]).toMatchObject({ action: 'talk', enabled: false })
    expect(menu[2]).toMatchObject({ action: 'mute', checked: true })
  })
})
