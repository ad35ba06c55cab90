// The floating overlay's window (issue 13 §2): transparent, frameless, always on top, never
// focusable, shown with showInactive() so the user's app keeps the keyboard, and click-through
// except while the pointer is over its own buttons (the page reports that: 'overlay.pointer').
// When it shows is decided by desktop/overlay-presence.ts; where, by desktop/overlay-placement.ts.
import { join } from 'node:path'
import { BrowserWindow, screen, type WebContents } from 'electron'
import type { HarkCore, IpcRouter } from '../app/hark-main'
import type { SettingsReply } from '../../shared/ipc'
import type { IpcReply } from '../../shared/ipc-errors'
import { overlayBounds } from '../desktop/overlay-placement'
import { OverlayPresence } from '../desktop/overlay-presence'
import type { Rect } from '../desktop/window-bounds'
import type { WindowStateStore } from '../desktop/window-state-store'
import type { RealtimeLog } from '../realtime/event-bus'

export interface OverlayWindow {
  contents(): WebContents | null
  /** The main window gained or lost focus. */
  setMainWindowFocused(focused: boolean): void
  /** The overlay setting changed. */
  setEnabled(enabled: boolean): void
  destroy(): void
}

/** Our overlay page: app://hark/overlay.html, or the dev server's overlay.html. */
export function overlayPageUrl(appUrl: string, devServerUrl: string | null): string {
  return devServerUrl
    ? new URL('overlay.html', devServerUrl).href
    : new URL('overlay.html', appUrl).href
}

export function createOverlayWindow(options: {
  mainDir: string
  url: string
  core: HarkCore
  store: WindowStateStore
  log: RealtimeLog
}): OverlayWindow {
  const window = new BrowserWindow({
    width: 460,
    height: 132,
    show: false,
    frame: false,
    transparent: true,
    resizable: false,
    movable: true,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    focusable: false,
    skipTaskbar: true,
    hasShadow: false,
    alwaysOnTop: true,
    title: 'Hark overlay',
    webPreferences: {
      backgroundThrottling: false,
      preload: join(options.mainDir, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick'
    }
  })
  // Above full-screen apps too, and on every workspace, like the system's own HUDs.
  window.setAlwaysOnTop(true, 'screen-saver')
  window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true })
  window.setIgnoreMouseEvents(true, { forward: true })
  void window.loadURL(options.url)

  let saved: Rect | null = null
  void options.store.load().then((state) => {
    saved = state?.bounds ?? null
  })
  let placing = false
  window.on('moved', () => {
    if (placing || window.isDestroyed()) return
    saved = window.getBounds()
    options.store.schedule({ bounds: saved, maximized: false })
  })

  const presence = new OverlayPresence({
    now: () => Date.now(),
    timers: {
      set: (callback, ms) => setTimeout(callback, ms),
      clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
    },
    show: () => {
      if (window.isDestroyed()) return
      const pointer = screen.getCursorScreenPoint()
      placing = true
      window.setBounds(overlayBounds(screen.getDisplayNearestPoint(pointer).workArea, saved))
      placing = false
      window.setIgnoreMouseEvents(true, { forward: true })
      window.showInactive()
    },
    hide: () => {
      if (!window.isDestroyed()) window.hide()
    }
  })
  const stopObserving = options.core.observe((activity) => {
    if (activity.channel === 'overlay.pointer') {
      if (!window.isDestroyed())
        window.setIgnoreMouseEvents(!activity.payload.overButtons, { forward: true })
      return
    }
    presence.onActivity(activity)
  })

  return {
    contents: () => (window.isDestroyed() ? null : window.webContents),
    setMainWindowFocused: (focused) => presence.setMainWindowFocused(focused),
    setEnabled: (enabled) => presence.setEnabled(enabled),
    destroy: () => {
      stopObserving()
      presence.dispose()
      void options.store.flush()
      if (!window.isDestroyed()) window.destroy()
    }
  }
}

/**
 * The router the window talks to, watched for the overlay setting: main has no settings event,
 * so the answers to `settings.get` and `settings.set` (from any page) carry it to the overlay.
 */
export function followOverlaySetting(
  router: IpcRouter,
  overlay: Pick<OverlayWindow, 'setEnabled'>
): IpcRouter {
  return {
    ...router,
    answerInvoke: async (channel, payload) => {
      const reply = await router.answerInvoke(channel, payload)
      if (channel === 'settings.get' || channel === 'settings.set') {
        const enabled = overlaySettingOf(reply)
        if (enabled !== null) overlay.setEnabled(enabled)
      }
      return reply
    }
  }
}

/** The overlay switch in a `settings.get`/`settings.set` reply; null if it carries none. */
export function overlaySettingOf(reply: IpcReply): boolean | null {
  if (!reply.ok) return null
  const value = reply.value as Partial<SettingsReply> | undefined
  return typeof value?.settings?.overlay === 'boolean' ? value.settings.overlay : null
}
