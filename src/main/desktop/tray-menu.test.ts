import { describe, expect, it } from 'vitest'
import { trayMenu } from './tray-menu'
import { initialTrayModel, reduceTray } from './tray-state'

describe('tray menu', () => {
  it('offers Talk, Look at my screen, Open Hark, Mute microphone and Quit', () => {
    expect(trayMenu({ inTurn: false, muted: false })).toEqual([
      { action: 'talk', label: 'Talk', enabled: true },
      { action: 'look', label: 'Look at my screen', enabled: true },
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
    expect(menu.find((item) => item.action === 'mute')).toMatchObject({ checked: true })
  })

  it('says first that a tool waits for an answer, and opens the window for it', () => {
    const menu = trayMenu({ inTurn: false, muted: false, waitingTool: 'notes__add_note' })
    expect(menu[0]).toEqual({
      action: 'answer',
      label: 'Waiting: allow notes__add_note? Open Hark…',
      enabled: true
    })
    expect(menu.filter((item) => item.action === 'answer')).toHaveLength(1)
  })
})

describe('tray menu: updates', () => {
  it('offers Restart to update once an update is downloaded, and not before', () => {
    const downloading = reduceTray(
      initialTrayModel,
      { channel: 'update.statusChanged', payload: { phase: 'downloading', version: '1.2.0' } },
      0
    )
    expect(trayMenu(downloading).map((i) => i.action)).toEqual([
      'talk',
      'look',
      'open',
      'mute',
      'quit'
    ])
    const ready = reduceTray(
      downloading,
      { channel: 'update.statusChanged', payload: { phase: 'ready', version: '1.2.0' } },
      0
    )
    const menu = trayMenu({ inTurn: false, muted: false, updateReady: ready.updateReady ?? null })
    expect(menu.map((i) => i.action)).toEqual([
      'talk',
      'look',
      'open',
      'mute',
      'restartToUpdate',
      'quit'
    ])
    expect(menu[4]).toEqual({
      action: 'restartToUpdate',
      label: 'Restart to update (1.2.0)',
      enabled: true
    })
  })
})
