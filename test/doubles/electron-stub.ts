// Test double for the `electron` module (the binary cannot run here): records what the entry
// asks of it, window options, IPC registrations, permission handlers, so tests can inspect
// the wiring and drive the handlers with forged events.
import { EventEmitter } from 'node:events'

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

  constructor(readonly options: Record<string, unknown>) {
    super()
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
    return false
  }
  isMinimized(): boolean {
    return false
  }
  restore(): void {}
  focus(): void {}
  show(): void {}
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
  requestSingleInstanceLock(): boolean {
    return true
  }
  whenReady(): Promise<void> {
    return Promise.resolve()
  }
  getPath(name: string): string {
    return name === 'userData' ? this.userData : `/tmp/${name}`
  }
  quit(): void {
    this.quitCalls++
  }
  exit(code: number): void {
    throw new Error(`app.exit(${code}) called`)
  }
}

export const electronStub = {
  app: new StubApp(),
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
      }
    }
  },
  shell: {
    opened: [] as string[],
    openExternal(url: string): Promise<void> {
      this.opened.push(url)
      return Promise.resolve()
    }
  },
  safeStorage: {
    isEncryptionAvailable: (): boolean => false,
    getSelectedStorageBackend: (): string => 'basic_text',
    encryptString: (plain: string): Buffer => Buffer.from(plain),
    decryptString: (data: Buffer): string => data.toString()
  },
  globalShortcut: {
    registered: new Map<string, () => void>(),
    register(accelerator: string, callback: () => void): boolean {
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
    getMediaAccessStatus: (): string => 'granted',
    askForMediaAccess: (): Promise<boolean> => Promise.resolve(true)
  }
}
