// Starts the overlay beside the main window: its window, the main window's focus (from the app's
// window focus events), the overlay setting, and what the IPC adapter needs to serve its page.
import { app, type BrowserWindow, type WebContents } from 'electron'
import type { HarkCore, IpcRouter } from '../app/hark-main'
import { createWindowStateStore } from '../desktop/window-state-store'
import type { RealtimeLog } from '../realtime/event-bus'
import type { OurPage } from '../security/policy'
import {
  createOverlayWindow,
  followOverlaySetting,
  overlayPageUrl,
  overlaySettingOf,
  type OverlayWindow
} from './overlay-window'

export const OVERLAY_STATE_FILE_NAME = 'overlay-state.json'

export interface StartedOverlay {
  /** The core, watched for the overlay setting: hand this to registerIpc. */
  router: IpcRouter
  /** registerIpc's overlay option. */
  ipc: { overlay: { contents: () => WebContents | null; page: OurPage } }
  /** Creates the overlay's window (hidden): after the main window, which stays the first. */
  open(): void
  destroy(): void
}

export function startOverlay(options: {
  core: HarkCore
  mainDir: string
  page: OurPage
  log: RealtimeLog
  mainWindow: () => BrowserWindow | null
}): StartedOverlay {
  const { core, page, log } = options
  const url = overlayPageUrl(page.appUrl, page.devServerUrl)
  let window: OverlayWindow | null = null
  let enabled = true
  let mainFocused = false
  const overlay = {
    setEnabled: (value: boolean): void => {
      enabled = value
      window?.setEnabled(value)
    },
    setMainWindowFocused: (value: boolean): void => {
      mainFocused = value
      window?.setMainWindowFocused(value)
    }
  }
  const onFocus = (_event: unknown, window: BrowserWindow): void => {
    if (window === options.mainWindow()) overlay.setMainWindowFocused(true)
  }
  const onBlur = (_event: unknown, window: BrowserWindow): void => {
    if (window === options.mainWindow()) overlay.setMainWindowFocused(false)
  }
  app.on('browser-window-focus', onFocus)
  app.on('browser-window-blur', onBlur)
  void core.answerInvoke('settings.get', undefined).then((reply) => {
    const value = overlaySettingOf(reply)
    if (value !== null) overlay.setEnabled(value)
  })
  return {
    router: followOverlaySetting(core, overlay),
    open: () => {
      window ??= createOverlayWindow({
        mainDir: options.mainDir,
        url,
        core,
        store: createWindowStateStore({
          dir: app.getPath('userData'),
          log,
          fileName: OVERLAY_STATE_FILE_NAME
        }),
        log
      })
      window.setEnabled(enabled)
      window.setMainWindowFocused(mainFocused)
    },
    ipc: {
      overlay: {
        contents: () => window?.contents() ?? null,
        page: { appUrl: new URL('overlay.html', page.appUrl).href, devServerUrl: page.devServerUrl }
      }
    },
    destroy: () => {
      app.off('browser-window-focus', onFocus)
      app.off('browser-window-blur', onBlur)
      window?.destroy()
      window = null
    }
  }
}
