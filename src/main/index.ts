// The Electron entry: only this file and src/main/adapters import `electron`; the core (src/main
// app, realtime, storage) runs in plain Node (tests, CLI). This file wires them together: one
// instance, one window, IPC from the contract, the microphone for our page only.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, ipcMain, session, type WebContents } from 'electron'
import { createHarkMain, type IpcRouter } from './app/hark-main'
import { createDesktopHotkeyProvider, type DesktopHotkeyProvider } from './adapters/hotkey-provider'
import { registerIpc } from './adapters/ipc'
import { installPermissionHandlers } from './adapters/permissions'
import { createSafeStorageCipher } from './adapters/safe-storage-cipher'
import { createMainWindow, lockDownContents } from './adapters/window'
import type { RealtimeLog } from './realtime/event-bus'
import type { OurPage } from './security/policy'

const mainDir = import.meta.dirname
const log: RealtimeLog = (level, message, data) => {
  if (level === 'debug' && process.env['HARK_DEBUG'] !== '1') return
  console[level === 'debug' ? 'log' : level](`hark[${level}]: ${message}`, data ?? '')
}
const devServerUrl = !app.isPackaged ? (process.env['ELECTRON_RENDERER_URL'] ?? null) : null
const page: OurPage = {
  fileUrl: pathToFileURL(join(mainDir, '../renderer/index.html')).href,
  devServerUrl
}

let mainWindow: BrowserWindow | null = null
let router: IpcRouter | null = null
let unregisterIpc: (() => void) | null = null
let hotkey: DesktopHotkeyProvider | null = null

const ourContents = (): WebContents | null =>
  mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null

function openWindow(): void {
  mainWindow = createMainWindow({ mainDir, page, log })
  mainWindow.on('closed', () => {
    mainWindow = null
  })
}

async function start(): Promise<void> {
  await app.whenReady()
  // globalShortcut and the keyboard hook need a ready app; hark-main starts it with the stored
  // hotkey and restarts it when the setting changes.
  hotkey = createDesktopHotkeyProvider({ platform: process.platform, env: process.env, log })
  router = createHarkMain({
    userDataDir: app.getPath('userData'),
    env: process.env,
    cipher: createSafeStorageCipher(),
    hotkey,
    log
  })
  installPermissionHandlers({ session: session.defaultSession, page, ourContents, log })
  unregisterIpc = registerIpc({ ipcMain, router, ourContents, page, log })
  openWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow()
  })
}

// On Wayland, globalShortcut works only through the desktop's GlobalShortcuts portal, which
// Chromium uses only with this feature, and only when it is set before the app is ready.
if (process.platform === 'linux')
  app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal')

// A second Hark would fight the first over the hotkey, the microphone and the settings file.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  // Every web contents, including any a bug or an exploit might create, gets the same locks.
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, page, log))
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  let disposed = false
  app.on('before-quit', (event) => {
    if (disposed || !router) return
    // Close the Realtime session cleanly before exiting, then quit for real.
    event.preventDefault()
    disposed = true
    hotkey?.stop()
    unregisterIpc?.()
    void router.dispose().finally(() => app.quit())
  })
  start().catch((error: unknown) => {
    log('error', 'Hark could not start', { error: String(error) })
    app.exit(1)
  })
}
