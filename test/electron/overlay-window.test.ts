// The overlay's Electron adapter with `electron` replaced by the recording stub and the core by a
// recording one: its window (never focusable, transparent, click-through, always on top), when
// it shows, its buttons taking clicks, and its narrow IPC rights.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { electronStub, StubBrowserWindow, type StubFrame } from '../doubles/electron-stub'
import { coreActivity, routed } from '../doubles/recording-core'

vi.mock('electron', async () => (await import('../doubles/electron-stub')).electronStub)
vi.mock(
  '../../src/main/app/hark-main',
  async () => (await import('../doubles/recording-core')).recordingCoreModule
)

let main: StubBrowserWindow
let overlay: StubBrowserWindow

beforeAll(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  vi.spyOn(console, 'info').mockImplementation(() => undefined)
  electronStub.app.userData = await mkdtemp(join(tmpdir(), 'hark-overlay-'))
  electronStub.app.logs = await mkdtemp(join(tmpdir(), 'hark-overlay-logs-'))
  await import('../../src/main/index')
  await vi.waitFor(() => expect(StubBrowserWindow.all).toHaveLength(2))
  main = StubBrowserWindow.all[0] as StubBrowserWindow
  overlay = StubBrowserWindow.all[1] as StubBrowserWindow
})

const from = (frame: StubFrame): { senderFrame: StubFrame; sender: unknown } => ({
  senderFrame: frame,
  sender: null
})

describe('the overlay window', () => {
  it('is a transparent, frameless, never-focusable, always-on-top window on our overlay page', () => {
    expect(overlay.options).toMatchObject({
      transparent: true,
      frame: false,
      focusable: false,
      skipTaskbar: true,
      show: false
    })
    expect(overlay.options['webPreferences']).toMatchObject({
      sandbox: true,
      contextIsolation: true
    })
    expect(overlay.loadedUrl).toBe('app://hark/overlay.html')
    expect(overlay.alwaysOnTopLevel).toBe('screen-saver')
    expect(overlay.ignoringMouse).toBe(true)
  })

  it('shows without taking focus while the user talks through the hotkey, bottom centre', () => {
    electronStub.app.emit('browser-window-blur', {}, main)
    coreActivity({ channel: 'hotkey.talkStart', payload: undefined })
    expect(overlay.calls).toContain('showInactive')
    expect(overlay.calls).not.toContain('focus')
    expect(overlay.bounds.x + overlay.bounds.width / 2).toBe(960)
    expect(overlay.bounds.y + overlay.bounds.height).toBeGreaterThan(1000)
  })

  it('takes clicks only while the pointer is over its buttons', () => {
    coreActivity({ channel: 'overlay.pointer', payload: { overButtons: true } })
    expect(overlay.ignoringMouse).toBe(false)
    coreActivity({ channel: 'overlay.pointer', payload: { overButtons: false } })
    expect(overlay.ignoringMouse).toBe(true)
  })

  it('hides at once when the user focuses the main window', () => {
    electronStub.app.emit('browser-window-focus', {}, main)
    expect(overlay.visible).toBe(false)
  })

  it('gets the same events as the window, and may answer approvals but not drive the session', async () => {
    const frame = overlay.webContents.mainFrame
    const approve = electronStub.ipcMain.handlers.get('tools.approve')
    await expect(approve?.(from(frame), { id: 'a1', always: false })).resolves.toEqual({
      ok: true,
      value: 'routed'
    })
    expect(routed.invokes.at(-1)).toEqual(['tools.approve', { id: 'a1', always: false }])
    const start = electronStub.ipcMain.handlers.get('session.start')
    await expect(start?.(from(frame), undefined)).resolves.toMatchObject({ ok: false })
    expect(routed.invokes.at(-1)?.[0]).toBe('tools.approve')
    const [emit] = routed.emitters
    emit?.('hotkey.talkStart', undefined)
    expect(overlay.webContents.sent.at(-1)).toEqual(['hotkey.talkStart', undefined])
    expect(main.webContents.sent.at(-1)).toEqual(['hotkey.talkStart', undefined])
  })
})
