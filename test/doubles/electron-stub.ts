// Test double for the `electron` module (the binary cannot run here): records what the entry
// asks of it, window options, IPC registrations, permission handlers, so tests can inspect
// the wiring and drive the handlers with forged events.
import { EventEmitter } from 'node:events'
import { StubTray, type StubMenuItem } from './stub-tray'

export { StubTray, type StubMenuItem } from './stub-tray'

export interface StubFrame {
  processId: number
  routingId: number
  parent: StubFrame | null
  url: string
}

let nextProcessId = 100

export class StubWebContents extends EventEmitter {
  readonly mainFrame: StubFrame
  readonly sent: [string, unknown][] = []
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  destroyed = false

  constructor() {
    super()
    this.mainFrame = { processId: nextProcessId++, routingId: 1, parent: null, url: '' }
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }

  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload])
  }

  isDestroyed(): boolean {
    return this.destroyed
  }
}

export class StubBrowserWindow extends EventEmitter {
  static readonly all: StubBrowserWindow[] = []
  readonly webContents = new StubWebContents()
  loadedUrl: string | null = null
  visible = false
  minimized = false
  maximized = false
  destroyed = false
  /** What the user did to the window, for the tests: hide, show, minimize, focus, close. */
  readonly calls: string[] = []
  bounds: { x: number; y: number; width: number; height: number }

  constructor(readonly options: Record<string, unknown>) {
    super()
    const n = (name: string, fallback: number): number =>
      typeof options[name] === 'number' ? options[name] : fallback
    this.bounds = {
      x: n('x', 100),
      y: n('y', 100),
      width: n('width', 800),
      height: n('height', 600)
    }
    StubBrowserWindow.all.push(this)
    electronStub.app.emit('web-contents-created', {}, this.webContents)
  }

  static getAllWindows(): StubBrowserWindow[] {
    return StubBrowserWindow.all
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url
    this.webContents.mainFrame.url = url
    return Promise.resolve()
  }

  loadFile(path: string): Promise<void> {
    return this.loadURL(`file://${path}`)
  }

  isDestroyed(): boolean {
    return this.destroyed
  }
  isMinimized(): boolean {
    return this.minimized
  }
  isMaximized(): boolean {
    return this.maximized
  }
  isVisible(): boolean {
    return this.visible
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds }
  }
  /** The user moves the window (Electron emits 'move' after the change). */
  moveTo(bounds: { x: number; y: number; width: number; height: number }): void {
    this.bounds = { ...bounds }
    this.emit('move')
  }
  restore(): void {
    this.calls.push('restore')
    this.minimized = false
  }
  focus(): void {
    this.calls.push('focus')
  }
  show(): void {
    this.calls.push('show')
    this.visible = true
  }
  hide(): void {
    this.calls.push('hide')
    this.visible = false
  }
  minimize(): void {
    this.calls.push('minimize')
    this.minimized = true
  }
  maximize(): void {
    this.maximized = true
  }
  // What the overlay window uses (src/main/adapters/overlay-window.ts).
  ignoringMouse: boolean | null = null
  alwaysOnTopLevel: string | null = null
  setAlwaysOnTop(_flag: boolean, level?: string): void {
    this.alwaysOnTopLevel = level ?? 'floating'
  }
  setVisibleOnAllWorkspaces(): void {}
  setIgnoreMouseEvents(ignore: boolean): void {
    this.ignoringMouse = ignore
  }
  showInactive(): void {
    this.calls.push('showInactive')
    this.visible = true
  }
  setBounds(bounds: { x: number; y: number; width: number; height: number }): void {
    this.bounds = { ...bounds }
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds }
  }
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.visible = false
    StubBrowserWindow.all.splice(StubBrowserWindow.all.indexOf(this), 1)
    this.emit('closed')
  }
  /** What the window's close button does: 'close' listeners may cancel; otherwise it is gone. */
  close(): boolean {
    this.calls.push('close')
    let prevented = false
    this.emit('close', { preventDefault: () => (prevented = true) })
    if (prevented) return false
    this.destroyed = true
    this.visible = false
    StubBrowserWindow.all.splice(StubBrowserWindow.all.indexOf(this), 1)
    this.emit('closed')
    return true
  }
}

type Handler = (event: unknown, payload: unknown) => unknown

class StubApp extends EventEmitter {
  isPackaged = false
  readonly switches: [string, string | undefined][] = []
  readonly commandLine = {
    appendSwitch: (name: string, value?: string): void => {
      this.switches.push([name, value])
    }
  }
  quitCalls = 0
  userData = ''
  logs = ''
  loginItem: { openAtLogin: boolean } | null = null
  logsPathSet = false
  requestSingleInstanceLock(): boolean {
    return true
  }
  whenReady(): Promise<void> {
    return Promise.resolve()
  }
  getPath(name: string): string {
    if (name === 'userData') return this.userData
    if (name === 'logs') return this.logs
    return `/tmp/${name}`
  }
  setAppLogsPath(): void {
    this.logsPathSet = true
  }
  getVersion(): string {
    return '0.0.0-stub'
  }
  setLoginItemSettings(settings: { openAtLogin: boolean }): void {
    this.loginItem = { ...settings }
  }
  /** Like Electron: before-quit (cancellable), then every window closes, then the app ends. */
  quit(): void {
    this.quitCalls++
    let prevented = false
    this.emit('before-quit', { preventDefault: () => (prevented = true) })
    if (prevented) return
    for (const window of [...StubBrowserWindow.all]) if (!window.close()) return
    this.quitted = true
  }
  quitted = false
  exit(code: number): void {
    throw new Error(`app.exit(${code}) called`)
  }
}

export const electronStub = {
  app: new StubApp(),
  dialog: {
    /** What the next message boxes answer (the index of the button pressed); Cancel when empty. */
    responses: [] as number[],
    shown: [] as Record<string, unknown>[],
    showMessageBox(...args: unknown[]): Promise<{ response: number }> {
      this.shown.push(args.at(-1) as Record<string, unknown>)
      return Promise.resolve({ response: this.responses.shift() ?? 0 })
    }
  },
  protocol: {
    privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
    handlers: new Map<string, (request: Request) => Promise<Response>>(),
    registerSchemesAsPrivileged(
      schemes: { scheme: string; privileges: Record<string, boolean> }[]
    ): void {
      this.privileged.push(...schemes)
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
      this.handlers.set(scheme, handler)
    }
  },
  BrowserWindow: StubBrowserWindow,
  ipcMain: {
    handlers: new Map<string, Handler>(),
    listeners: new Map<string, Handler>(),
    handle(channel: string, handler: Handler): void {
      if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      this.handlers.set(channel, handler)
    },
    on(channel: string, listener: Handler): void {
      this.listeners.set(channel, listener)
    },
    removeHandler(channel: string): void {
      this.handlers.delete(channel)
    },
    removeListener(channel: string): void {
      this.listeners.delete(channel)
    }
  },
  session: {
    defaultSession: {
      requestHandler: null as null | ((...args: unknown[]) => void),
      checkHandler: null as null | ((...args: unknown[]) => boolean),
      setPermissionRequestHandler(handler: (...args: unknown[]) => void): void {
        this.requestHandler = handler
      },
      setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
        this.checkHandler = handler
      },
      displayMediaHandler: null as null | ((...args: unknown[]) => void),
      setDisplayMediaRequestHandler(handler: (...args: unknown[]) => void): void {
        this.displayMediaHandler = handler
      }
    }
  },
  clipboard: {
    text: '',
    readText(): string {
      return this.text
    },
    writeText(text: string): void {
      this.text = text
    }
  },
  shell: {
    opened: [] as string[],
    openedPaths: [] as string[],
    /** What shell.openPath answers: '' for success, else the error text. */
    openPathResult: '',
    openExternal(url: string): Promise<void> {
      this.opened.push(url)
      return Promise.resolve()
    },
    openPath(path: string): Promise<string> {
      this.openedPaths.push(path)
      return Promise.resolve(this.openPathResult)
    }
  },
  Tray: StubTray,
  Menu: {
    buildFromTemplate: (items: StubMenuItem[]): { items: StubMenuItem[] } => ({ items })
  },
  nativeImage: {
    createFromPath: (path: string): { path: string } => ({ path })
  },
  screen: {
    workAreas: [{ x: 0, y: 0, width: 1920, height: 1080 }],
    getAllDisplays(): { workArea: { x: number; y: number; width: number; height: number } }[] {
      return this.workAreas.map((workArea) => ({ workArea }))
    },
    getCursorScreenPoint: (): { x: number; y: number } => ({ x: 10, y: 10 }),
    /** The id of the display under the pointer (display-media.ts picks its screen source). */
    pointerDisplayId: 1,
    getDisplayNearestPoint(): {
      id: number
      workArea: { x: number; y: number; width: number; height: number }
    } {
      return {
        id: this.pointerDisplayId,
        workArea: this.workAreas[0] ?? { x: 0, y: 0, width: 1920, height: 1080 }
      }
    }
  },
  safeStorage: {
    isEncryptionAvailable: (): boolean => false,
    getSelectedStorageBackend: (): string => 'basic_text',
    encryptString: (plain: string): Buffer => Buffer.from(plain),
    decryptString: (data: Buffer): string => data.toString()
  },
  desktopCapturer: {
    /** The screens the system offers; `getSources` rejects with `failure` when set. */
    sources: [] as { id: string; name: string; display_id: string }[],
    failure: null as Error | null,
    requests: [] as Record<string, unknown>[],
    getSources(options: Record<string, unknown>): Promise<{ id: string; display_id: string }[]> {
      this.requests.push(options)
      return this.failure ? Promise.reject(this.failure) : Promise.resolve([...this.sources])
    }
  },
  globalShortcut: {
    registered: new Map<string, () => void>(),
    /** Accelerators another application holds: register() answers false, as Electron does. */
    takenElsewhere: new Set<string>(),
    register(accelerator: string, callback: () => void): boolean {
      if (this.takenElsewhere.has(accelerator)) return false
      this.registered.set(accelerator, callback)
      return true
    },
    unregister(accelerator: string): void {
      this.registered.delete(accelerator)
    }
  },
  systemPreferences: {
    trustedAccessibility: false,
    isTrustedAccessibilityClient(prompt: boolean): boolean {
      if (prompt) throw new Error('Hark must never prompt for Accessibility on its own')
      return this.trustedAccessibility
    },
    /** What getMediaAccessStatus answers, by media type; 'granted' when not set. */
    mediaAccess: {} as Record<string, string>,
    getMediaAccessStatus(mediaType: string): string {
      return this.mediaAccess[mediaType] ?? 'granted'
    },
    askForMediaAccess: (): Promise<boolean> => Promise.resolve(true)
  }
}
