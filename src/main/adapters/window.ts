// The Hark window, locked down per Electron's security checklist (docs/security.md): isolated, sandboxed
// renderer, no Node, no navigation away from our page, no popups, no <webview>.
import { join } from 'node:path'
import { BrowserWindow, shell, type WebContents } from 'electron'
import { MIN_WINDOW_SIZE, type WindowPlacement } from '../desktop/window-bounds'
import { isExternalUrlAllowed, isOurPageUrl, type OurPage } from '../security/policy'
import type { RealtimeLog } from '../realtime/event-bus'

export function createMainWindow(options: {
  mainDir: string
  page: OurPage
  log: RealtimeLog
  /** Where and how big (desktop/window-bounds.ts); no x/y centres the window. */
  placement: WindowPlacement
}): BrowserWindow {
  const { maximized, ...bounds } = options.placement
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Hark',
    webPreferences: {
      // The window may sit hidden in the tray while the hotkey drives a conversation: the
      // microphone and playback live in this renderer, so it must not be throttled then.
      backgroundThrottling: false,
      // electron-vite emits the sandboxed preload as CommonJS (see electron.vite.config.ts).
      preload: join(options.mainDir, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Middle-click opens new windows through a path separate from window.open; the open
      // handler denies those too, this removes the path (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick'
    }
  })
  window.once('ready-to-show', () => {
    if (maximized) window.maximize()
    window.show()
  })
  if (options.page.devServerUrl) void window.loadURL(options.page.devServerUrl)
  else void window.loadURL(options.page.appUrl)
  return window
}

/**
 * Deny navigation, popups and webviews; hand safe https links to the user's browser. The entry
 * applies it to every web contents Electron creates (app 'web-contents-created'), so the window
 * does not call it itself.
 */
export function lockDownContents(contents: WebContents, page: OurPage, log: RealtimeLog): void {
  const openOutside = (url: string): void => {
    if (isExternalUrlAllowed(url)) void shell.openExternal(url)
    else log('warn', 'blocked a link that is not https', { url: url.slice(0, 200) })
  }
  // The page never navigates: everything is one document. A navigating window would be showing
  // someone else's page with our preload attached.
  const denyNavigation = (event: { preventDefault(): void }, url: string): void => {
    event.preventDefault()
    log('warn', 'blocked a navigation', { url: url.slice(0, 200) })
    if (!isOurPageUrl(url, page)) openOutside(url)
  }
  contents.on('will-navigate', (event) => denyNavigation(event, event.url))
  contents.on('will-redirect', (event) => denyNavigation(event, event.url))
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}
