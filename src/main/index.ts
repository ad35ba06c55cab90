// The Electron entry: only this file and src/main/adapters import `electron`; the core (src/main
// app, realtime, storage) runs in plain Node (tests, CLI). This file wires them together: one
// instance, one window, IPC from the contract, the microphone for our page only, the tray, the
// log file, launch at login and the window's remembered place.
import { join } from 'node:path'
import { app, ipcMain, screen, session, type BrowserWindow, type WebContents } from 'electron'
import { createHarkMain, type HarkCore } from './app/hark-main'
import { installProcessGuards } from './app/process-guards'
import { registerAppScheme, serveAppScheme } from './adapters/app-protocol'
import { createDesktopServices } from './adapters/desktop-services'
import { createEndpointDialog } from './adapters/endpoint-dialog'
import { createDesktopHotkeyProvider, type DesktopHotkeyProvider } from './adapters/hotkey-provider'
import { createScreenHotkeyPort } from './adapters/screen-hotkey'
import { registerIpc } from './adapters/ipc'
import { installPermissionHandlers } from './adapters/permissions'
import { createSafeStorageCipher } from './adapters/safe-storage-cipher'
import { watchSystemWake } from './adapters/system-wake'
import { createElectronToolServices } from './adapters/tool-services'
import { noticeWaitingApprovals } from './adapters/approval-notice'
import { installDisplayMediaHandler } from './adapters/display-media'
import { createHarkTray, type HarkTray } from './adapters/tray'
import { createDesktopUpdater } from './adapters/updater'
import { createMainWindow, lockDownContents } from './adapters/window'
import { startOverlay, type StartedOverlay } from './adapters/overlay-start'
import { manageWindowLifecycle } from './adapters/window-lifecycle'
import { closeAction } from './desktop/close-policy'
import { trayIconDir } from './desktop/tray-icons'
import { placeWindow } from './desktop/window-bounds'
import { createWindowStateStore, type WindowStateStore } from './desktop/window-state-store'
import { createFileLog } from './logging/file-log'
import { redactLogData } from './logging/redact'
import type { RealtimeLog } from './realtime/event-bus'
import { APP_PAGE_URL, type OurPage } from './security/policy'

const mainDir = import.meta.dirname
const debug = process.env['HARK_DEBUG'] === '1'
// The platform's log folder (~/Library/Logs/Hark, %APPDATA%\Hark\logs, ~/.config/Hark/logs).
app.setAppLogsPath()
const fileLog = createFileLog({ dir: app.getPath('logs'), debug })
const log: RealtimeLog = (level, message, data) => {
  fileLog.write(level, message, data)
  if (level === 'debug' && !debug) return
  console[level === 'debug' ? 'log' : level](
    `hark[${level}]: ${message}`,
    data ? redactLogData(data) : ''
  )
}
// From here on, a stray error is logged (redacted) to main.log and Hark keeps running.
installProcessGuards(process, log)
const devServerUrl = !app.isPackaged ? (process.env['ELECTRON_RENDERER_URL'] ?? null) : null
const rendererDir = join(mainDir, '../renderer')
const page: OurPage = { appUrl: APP_PAGE_URL, devServerUrl }
// Before ready: the renderer is served from app://hark, not file:// (docs/security.md).
registerAppScheme()

let mainWindow: BrowserWindow | null = null
let core: HarkCore | null = null
let unregisterIpc: (() => void) | null = null
let hotkey: DesktopHotkeyProvider | null = null
let screenHotkey: ReturnType<typeof createScreenHotkeyPort> | null = null
let tray: HarkTray | null = null
let windowState: WindowStateStore | null = null
let overlay: StartedOverlay | null = null
/** Set once quitting starts: from then on closing the window really closes it. */
let quitting = false

const ourContents = (): WebContents | null =>
  mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null

async function openWindow(): Promise<void> {
  const store = (windowState ??= createWindowStateStore({ dir: app.getPath('userData'), log }))
  const placement = placeWindow(
    await store.load(),
    screen.getAllDisplays().map((display) => display.workArea)
  )
  const window = createMainWindow({ mainDir, page, log, placement })
  mainWindow = window
  manageWindowLifecycle(window, {
    store,
    closeAction: () =>
      closeAction({
        quitting,
        hasTray: tray !== null,
        platform: process.platform,
        env: process.env
      })
  })
  // Windows ends the session without before-quit: a hidden-to-tray close must not block logoff.
  window.on('session-end', () => {
    quitting = true
  })
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null
    // The overlay must not keep the app alive once its window really closed (close-policy.ts).
    overlay?.destroy()
    overlay = null
  })
}

/** Bring the window back from the tray, the Dock or a second launch. */
function showWindow(): void {
  if (!mainWindow) {
    void openWindow()
    return
  }
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

async function start(): Promise<void> {
  await app.whenReady()
  serveAppScheme(rendererDir)
  // globalShortcut and the keyboard hook need a ready app; hark-main starts it with the stored
  // hotkey and restarts it when the setting changes.
  hotkey = createDesktopHotkeyProvider({ platform: process.platform, env: process.env, log })
  core = createHarkMain({
    userDataDir: app.getPath('userData'),
    env: process.env,
    cipher: createSafeStorageCipher(),
    hotkey,
    endpoints: createEndpointDialog(() => mainWindow),
    desktop: createDesktopServices({
      platform: process.platform,
      env: process.env,
      logsDir: app.getPath('logs')
    }),
    wakeSignals: watchSystemWake,
    toolServices: createElectronToolServices(),
    updater: createDesktopUpdater(log),
    log,
    screenHotkey: (screenHotkey = createScreenHotkeyPort({ platform: process.platform, log }))
  })
  core.observe(
    noticeWaitingApprovals({
      windowVisible: () =>
        mainWindow !== null && !mainWindow.isDestroyed() && mainWindow.isVisible(),
      onOpen: showWindow
    })
  )
  installPermissionHandlers({ session: session.defaultSession, page, ourContents, log })
  installDisplayMediaHandler({ session: session.defaultSession, ourContents, log })
  overlay = startOverlay({ core, mainDir, page, log, mainWindow: () => mainWindow })
  unregisterIpc = registerIpc({
    ipcMain,
    router: overlay.router,
    ourContents,
    page,
    log,
    ...overlay.ipc
  })
  tray = createHarkTray({
    core,
    iconDir: trayIconDir({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      mainDir
    }),
    platform: process.platform,
    onOpen: showWindow,
    onQuit: () => app.quit(),
    log
  })
  await openWindow()
  overlay.open()
  app.on('activate', showWindow)
  log('info', 'Hark started', { version: app.getVersion(), platform: process.platform })
}

// On Wayland, globalShortcut works only through the desktop's GlobalShortcuts portal, which
// Chromium uses only with this feature, and only when it is set before the app is ready.
if (process.platform === 'linux')
  app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal')

// A second Hark would fight the first over the hotkey, the microphone and the settings file.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  // Launching Hark again is also the way back to a window hidden in the tray.
  app.on('second-instance', showWindow)
  // Every web contents, including any a bug or an exploit might create, gets the same locks.
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, page, log))
  // Reached only when the window really closed (no tray to live in, see close-policy.ts).
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  let disposed = false
  app.on('before-quit', (event) => {
    quitting = true
    if (disposed || !core) return
    // Close the Realtime session cleanly before exiting, then quit for real.
    event.preventDefault()
    disposed = true
    hotkey?.stop()
    screenHotkey?.stop()
    unregisterIpc?.()
    tray?.destroy()
    tray = null
    const saved = windowState?.flush() ?? Promise.resolve()
    void Promise.allSettled([core.dispose(), saved]).finally(() => app.quit())
  })
  start().catch((error: unknown) => {
    log('error', 'Hark could not start', { error: String(error) })
    app.exit(1)
  })
}
