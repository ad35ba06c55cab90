// The Electron entry's desktop integration with `electron` replaced by the recording stub and
// the core by a recording one: the tray following the core and acting on it, closing to the tray,
// the window's remembered place, launch at login, the log file, and Quit really quitting.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { DesktopServices } from '../../src/main/app/desktop-services'
import type { RealtimeLog } from '../../src/main/realtime/event-bus'
import { electronStub, StubBrowserWindow, StubTray } from '../doubles/electron-stub'
import { assistantsChanged, coreActivity, routed } from '../doubles/recording-core'

vi.mock('electron', async () => (await import('../doubles/electron-stub')).electronStub)
vi.mock(
  '../../src/main/app/hark-main',
  async () => (await import('../doubles/recording-core')).recordingCoreModule
)

let window: StubBrowserWindow
const SAVED_BOUNDS = { x: 40, y: 50, width: 500, height: 700 }

beforeAll(async () => {
  vi.spyOn(console, 'info').mockImplementation(() => undefined)
  electronStub.app.userData = await mkdtemp(join(tmpdir(), 'hark-entry-'))
  electronStub.app.logs = await mkdtemp(join(tmpdir(), 'hark-entry-logs-'))
  await writeFile(
    join(electronStub.app.userData, 'window-state.json'),
    JSON.stringify({ bounds: SAVED_BOUNDS, maximized: false })
  )
  await import('../../src/main/index')
  // The main window first; the overlay's window (issue 13) is created after it.
  await vi.waitFor(() => expect(StubBrowserWindow.all).toHaveLength(2))
  window = StubBrowserWindow.all[0] as StubBrowserWindow
})

describe('desktop integration', () => {
  const tray = (): StubTray => {
    const only = StubTray.all[0]
    if (!only) throw new Error('no tray was created')
    return only
  }
  const trayFile = (look: string): string =>
    process.platform === 'darwin' ? `${look}Template.png` : `${look}.png`

  it('reopens the window where it was left, still on a display', () => {
    expect(window.options).toMatchObject(SAVED_BOUNDS)
  })

  it('shows a tray icon with Talk, Look at my screen, Open Hark, Mute microphone and Quit', () => {
    expect(StubTray.all).toHaveLength(1)
    expect(tray().images[0]).toMatch(new RegExp(`resources[/\\\\]tray[/\\\\]${trayFile('idle')}$`))
    expect(tray().tooltip).toBe('Hark: not connected')
    expect(tray().menu.map((item) => item.label)).toEqual([
      'Talk',
      'Look at my screen',
      'Open Hark',
      'Mute microphone',
      'Quit Hark'
    ])
    expect(tray().menu.find((item) => item.label === 'Mute microphone')).toMatchObject({
      type: 'checkbox',
      checked: false
    })
  })

  it('follows the core: listening, speaking, error', () => {
    const last = (): string | undefined => tray().images.at(-1)
    coreActivity({ channel: 'session.status', payload: { status: 'connected' } })
    coreActivity({ channel: 'ptt.down', payload: undefined })
    expect(last()).toMatch(trayFile('listening'))
    expect(tray().menu[0]?.label).toBe('Stop talking')
    coreActivity({ channel: 'ptt.up', payload: undefined })
    coreActivity({
      channel: 'audio.delta',
      payload: { responseId: 'r1', itemId: 'i1', pcm: new Uint8Array(4800) }
    })
    expect(last()).toMatch(trayFile('speaking'))
    coreActivity({ channel: 'playback.progress', payload: { itemId: 'i1', playedMs: 100 } })
    coreActivity({ channel: 'response.started', payload: { responseId: 'r2' } })
    expect(last()).toMatch(trayFile('idle'))
    coreActivity({
      channel: 'session.status',
      payload: { status: 'disconnected', code: 'network', reason: 'The server is unreachable.' }
    })
    expect(last()).toMatch(trayFile('error'))
    expect(tray().tooltip).toBe('Hark: The server is unreachable.')
  })

  it('Talk and Mute microphone act on the core; the menu shows the mute', () => {
    tray().pick('Talk')
    expect(routed.talk).toEqual(['toggle'])
    tray().pick('Mute microphone')
    expect(routed.talk).toEqual(['toggle', 'mute'])
    coreActivity({ channel: 'mic.muteChanged', payload: { muted: true } })
    const mute = tray().menu.find((item) => item.label === 'Mute microphone')
    expect(mute?.checked).toBe(true)
    expect(tray().menu[0]?.enabled).toBe(false)
    tray().pick('Mute microphone')
    expect(routed.talk).toEqual(['toggle', 'mute', 'unmute'])
  })

  it('offers an Assistant submenu once there are two, and switches through the core', () => {
    expect(tray().menu.some((item) => item.label === 'Assistant')).toBe(false)
    const [hark] = routed.assistants.file.assistants
    if (!hark) throw new Error('no first assistant')
    assistantsChanged({
      ...routed.assistants.file,
      assistants: [hark, { ...hark, id: 'translator', name: 'Translator', hotkey: null }]
    })
    const submenu = (): { label?: string; type?: string; checked?: boolean }[] =>
      tray().menu.find((item) => item.label === 'Assistant')?.submenu ?? []
    expect(tray().menu.map((item) => item.label)).toContain('Assistant')
    expect(submenu()).toMatchObject([
      { label: 'Hark', type: 'radio', checked: true },
      { label: 'Translator', type: 'radio', checked: false }
    ])
    tray()
      .menu.find((item) => item.label === 'Assistant')
      ?.submenu?.find((item) => item.label === 'Translator')
      ?.click?.()
    expect(routed.switchedTo).toEqual(['translator'])
    // The store's change (here from the switch itself) rebuilds the menu with the new one checked.
    expect(submenu().map((item) => item.checked)).toEqual([false, true])
  })

  it('closing the window keeps Hark in the tray; Open Hark and a second launch bring it back', () => {
    const desktop = process.env['XDG_CURRENT_DESKTOP']
    try {
      process.env['XDG_CURRENT_DESKTOP'] = 'KDE'
      expect(window.close()).toBe(false)
      expect(window.calls.at(-1)).toBe('hide')
      expect(window.isVisible()).toBe(false)
      tray().pick('Open Hark')
      expect(window.calls.slice(-2)).toEqual(['show', 'focus'])
      // GNOME may show no tray icon at all: there the window is minimised, never hidden.
      process.env['XDG_CURRENT_DESKTOP'] = 'GNOME'
      expect(window.close()).toBe(false)
      expect(window.calls.at(-1)).toBe(process.platform === 'linux' ? 'minimize' : 'hide')
      electronStub.app.emit('second-instance')
      expect(window.calls.slice(-3)).toEqual(
        process.platform === 'linux' ? ['restore', 'show', 'focus'] : ['show', 'focus']
      )
    } finally {
      if (desktop === undefined) delete process.env['XDG_CURRENT_DESKTOP']
      else process.env['XDG_CURRENT_DESKTOP'] = desktop
    }
    expect(StubBrowserWindow.all.filter((w) => w.options.title === 'Hark')).toEqual([window])
    expect(electronStub.app.quitCalls).toBe(0)
  })

  it('hands the core the logs folder and, in a development run, no launch at login', async () => {
    const desktop = routed.deps[0]?.['desktop'] as DesktopServices
    const capabilities = desktop.capabilities()
    expect(capabilities.logsFolder).toBe(electronStub.app.logs)
    expect(capabilities.launchAtLogin.available).toBe(false)
    expect(capabilities.launchAtLogin.reason).toMatch(/installed app/)
    await expect(desktop.applyLaunchAtLogin(true)).rejects.toThrow(/installed app/)
    expect(electronStub.app.loginItem).toBeNull()
    expect(await desktop.openLogsFolder()).toEqual({ opened: true, reason: null })
    expect(electronStub.shell.openedPaths).toEqual([electronStub.app.logs])
  })

  it('writes the log file in the logs folder, without keys or audio', async () => {
    expect(electronStub.app.logsPathSet).toBe(true)
    const log = routed.deps[0]?.['log'] as RealtimeLog
    log('warn', 'Realtime error', {
      message: 'Incorrect API key provided: sk-proj-abcdefghijklmnop1234',
      apiKey: 'sk-proj-abcdefghijklmnop1234',
      pcm: new Uint8Array(960)
    })
    const text = await readFile(join(electronStub.app.logs, 'main.log'), 'utf8')
    expect(text).toMatch(/\[info\]\s+Hark started/)
    expect(text).toMatch(/\[warn\]\s+Realtime error .*"pcm":"\[960 bytes\]"/)
    expect(text).not.toMatch(/abcdefghijklmnop/)
  })

  it('Quit really quits: the session closes, the window closes, its place is saved', async () => {
    window.moveTo({ x: 60, y: 70, width: 480, height: 660 })
    tray().pick('Quit Hark')
    await vi.waitFor(() => expect(electronStub.app.quitted).toBe(true))
    expect(routed.disposed).toBe(1)
    expect(tray().destroyed).toBe(true)
    expect(window.destroyed).toBe(true)
    const saved = JSON.parse(
      await readFile(join(electronStub.app.userData, 'window-state.json'), 'utf8')
    ) as unknown
    expect(saved).toEqual({ bounds: { x: 60, y: 70, width: 480, height: 660 }, maximized: false })
  })
})
