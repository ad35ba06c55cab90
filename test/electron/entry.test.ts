// Electron wiring (docs/architecture.md, "Testing layers" layer 4): the real entry file with `electron` replaced by a
// recording stub and the core replaced by a recording router. The tray, the window's life and
// the log file are in entry-desktop.test.ts.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { channelsOfKind } from '../../src/shared/ipc'
import { electronStub, StubBrowserWindow, type StubFrame } from '../doubles/electron-stub'
import { routed } from '../doubles/recording-core'

vi.mock('electron', async () => (await import('../doubles/electron-stub')).electronStub)
vi.mock(
  '../../src/main/app/hark-main',
  async () => (await import('../doubles/recording-core')).recordingCoreModule
)

let window: StubBrowserWindow

beforeAll(async () => {
  // The entry logs every refusal; the assertions below check the refusals themselves.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  vi.spyOn(console, 'info').mockImplementation(() => undefined)
  electronStub.app.userData = await mkdtemp(join(tmpdir(), 'hark-entry-'))
  electronStub.app.logs = await mkdtemp(join(tmpdir(), 'hark-entry-logs-'))
  await import('../../src/main/index')
  // The main window first; the overlay's window (issue 13) is created after it.
  await vi.waitFor(() => expect(StubBrowserWindow.all).toHaveLength(2))
  window = StubBrowserWindow.all[0] as StubBrowserWindow
})

const pageUrl = (): string => window.webContents.mainFrame.url
const eventFrom = (
  frame: StubFrame | null
): { senderFrame: StubFrame | null; sender: unknown } => ({
  senderFrame: frame,
  sender: window.webContents
})
const foreignSenders = (): [string, StubFrame | null][] => {
  const main = window.webContents.mainFrame
  return [
    ['a destroyed frame', null],
    ['a subframe', { processId: main.processId, routingId: 5, parent: main, url: pageUrl() }],
    ['another window', { processId: 999, routingId: 1, parent: null, url: pageUrl() }],
    ['another page', { ...main, url: 'https://evil.example/' }]
  ]
}

describe('Electron entry', () => {
  it('loads our renderer from the privileged app:// scheme in a locked-down window', async () => {
    expect(window.loadedUrl).toBe('app://hark/index.html')
    expect(electronStub.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }
    ])
    const serve = electronStub.protocol.handlers.get('app')
    const outside = await serve?.(new Request('app://hark/../../main/index.js'))
    expect(outside?.status).toBe(404)
    expect(window.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false
    })
    const preload = (window.options['webPreferences'] as { preload: string }).preload
    expect(preload).toMatch(/[/\\]preload[/\\]index\.cjs$/)
  })

  it('hands the core a desktop hotkey and lets Wayland use the GlobalShortcuts portal', () => {
    const hotkey = routed.deps[0]?.['hotkey'] as { status(): { mode: string } } | undefined
    expect(hotkey?.status().mode).toBe('off')
    if (process.platform === 'linux')
      expect(electronStub.app.switches).toContainEqual(['enable-features', 'GlobalShortcutsPortal'])
  })

  it('registers a handler for every channel of the contract', () => {
    expect([...electronStub.ipcMain.handlers.keys()].sort()).toEqual(
      [...channelsOfKind('invoke')].sort()
    )
    expect([...electronStub.ipcMain.listeners.keys()].sort()).toEqual(
      [...channelsOfKind('send')].sort()
    )
  })

  it('routes messages from our window main frame', async () => {
    const invoke = electronStub.ipcMain.handlers.get('key.status')
    const send = electronStub.ipcMain.listeners.get('ptt.up')
    await expect(invoke?.(eventFrom(window.webContents.mainFrame), undefined)).resolves.toEqual({
      ok: true,
      value: 'routed'
    })
    send?.(eventFrom(window.webContents.mainFrame), undefined)
    expect(routed.invokes.at(-1)).toEqual(['key.status', undefined])
    expect(routed.sends.at(-1)).toEqual(['ptt.up', undefined])
  })

  it('refuses foreign senders before the router sees them', async () => {
    const invokesBefore = routed.invokes.length
    const sendsBefore = routed.sends.length
    for (const [what, frame] of foreignSenders()) {
      const invoke = electronStub.ipcMain.handlers.get('session.start')
      // Answered, not thrown: a thrown error would reach the page without its code.
      const reply: unknown = await invoke?.(eventFrom(frame), undefined)
      expect(reply, what).toEqual({
        ok: false,
        code: 'invalid_request',
        message: 'Hark refused a request from an unknown sender.'
      })
      electronStub.ipcMain.listeners.get('audio.append')?.(eventFrom(frame), new Uint8Array(960))
    }
    expect(routed.invokes).toHaveLength(invokesBefore)
    expect(routed.sends).toHaveLength(sendsBefore)
  })

  it('passes legal large settings on to the router (no one cap for every channel)', async () => {
    const invoke = electronStub.ipcMain.handlers.get('settings.set')
    const patch = { instructions: '語'.repeat(20_000) }
    await expect(invoke?.(eventFrom(window.webContents.mainFrame), patch)).resolves.toEqual({
      ok: true,
      value: 'routed'
    })
    expect(routed.invokes.at(-1)).toEqual(['settings.set', patch])
  })

  it('grants the microphone to our page only', async () => {
    const request = electronStub.session.defaultSession.requestHandler
    const check = electronStub.session.defaultSession.checkHandler
    const ask = (
      permission: string,
      details: Record<string, unknown>,
      contents: unknown = window.webContents
    ): Promise<boolean> =>
      new Promise((resolve) =>
        request?.(contents, permission, resolve, {
          requestingUrl: pageUrl(),
          isMainFrame: true,
          ...details
        })
      )
    expect(await ask('media', { mediaTypes: ['audio'] })).toBe(true)
    expect(await ask('media', { mediaTypes: ['video'] })).toBe(false)
    expect(await ask('media', { mediaTypes: ['audio', 'video'] })).toBe(false)
    expect(await ask('notifications', {})).toBe(false)
    expect(
      await ask('media', { mediaTypes: ['audio'], requestingUrl: 'https://evil.example/' })
    ).toBe(false)
    expect(await ask('media', { mediaTypes: ['audio'], isMainFrame: false })).toBe(false)
    expect(await ask('media', { mediaTypes: ['audio'] }, {})).toBe(false)

    expect(
      check?.(window.webContents, 'media', 'app://hark', { mediaType: 'audio', isMainFrame: true })
    ).toBe(true)
    expect(
      check?.(window.webContents, 'media', 'app://hark', { mediaType: 'video', isMainFrame: true })
    ).toBe(false)
    expect(check?.(window.webContents, 'notifications', 'app://hark', { isMainFrame: true })).toBe(
      false
    )
    expect(
      check?.(window.webContents, 'media', 'https://evil.example', {
        mediaType: 'audio',
        isMainFrame: true
      })
    ).toBe(false)
  })

  it('denies navigation, popups and webviews, opening only https links outside', () => {
    const contents = window.webContents
    const navigate = (type: string, url: string): boolean => {
      let prevented = false
      contents.emit(type, { url, preventDefault: () => (prevented = true) })
      return prevented
    }
    expect(navigate('will-navigate', 'https://example.com/docs')).toBe(true)
    expect(navigate('will-redirect', 'http://example.com/')).toBe(true)
    expect(contents.windowOpenHandler?.({ url: 'https://platform.openai.com/' })).toEqual({
      action: 'deny'
    })
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    let webviewPrevented = false
    contents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) })
    expect(webviewPrevented).toBe(true)
    expect(electronStub.shell.opened).toEqual([
      'https://example.com/docs',
      'https://platform.openai.com/'
    ])
  })
})
