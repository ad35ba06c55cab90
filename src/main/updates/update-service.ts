// When Hark looks for, downloads and installs an update (issue 14), without Electron: the
// updater is a port. It checks at start and then daily (unless Settings turn checks off),
// downloads in the background, and offers "Restart to update" once the download is verified. It
// never installs on its own in the middle of a conversation: only when the user chooses, or on
// quit while no session is connected. A feed that is unreachable, malformed or offers nothing
// newer changes nothing but a line in the log.
import type { UpdateStatus } from '../../shared/updates'
import type { RealtimeLog } from '../realtime/event-bus'
import type { UpdaterPort } from './update-port'
import { isNewerVersion } from './version-order'

export const DAILY_CHECK_MS = 24 * 60 * 60 * 1000

export interface UpdateTimers {
  every(ms: number, run: () => void): () => void
}

export const realTimers: UpdateTimers = {
  every: (ms, run) => {
    const timer = setInterval(run, ms)
    timer.unref()
    return () => clearInterval(timer)
  }
}

export interface UpdateServiceDeps {
  /** Null where there is nothing to update (the browser host, the CLI, a development run). */
  port: UpdaterPort | null
  /** Settings → "Check for updates"; read before every check. */
  checksEnabled: () => Promise<boolean>
  onChange: (status: UpdateStatus) => void
  log: RealtimeLog
  timers?: UpdateTimers
}

type Connection = 'disconnected' | 'connecting' | 'connected' | 'reconnecting'

export class UpdateService {
  readonly #deps: UpdateServiceDeps
  #status: UpdateStatus
  #connection: Connection = 'disconnected'
  #stopTimer: (() => void) | undefined
  #running: Promise<void> | undefined

  constructor(deps: UpdateServiceDeps) {
    this.#deps = deps
    this.#status = { phase: deps.port ? 'idle' : 'unavailable', version: null }
  }

  status(): UpdateStatus {
    return this.#status
  }

  /** Check now, then daily. */
  start(): void {
    if (!this.#deps.port || this.#stopTimer) return
    this.#stopTimer = (this.#deps.timers ?? realTimers).every(DAILY_CHECK_MS, () => {
      void this.check()
    })
    void this.check()
  }

  stop(): void {
    this.#stopTimer?.()
    this.#stopTimer = undefined
  }

  /** One check (and download); concurrent calls share it. Never rejects. */
  check(): Promise<void> {
    this.#running ??= this.#checkOnce().finally(() => (this.#running = undefined))
    return this.#running
  }

  /** The session's connection: an update installs on quit only while none is live. */
  noteConnection(connection: Connection): void {
    this.#connection = connection
    this.#syncInstallOnQuit()
  }

  /** "Restart to update": the user's choice, so it installs even while connected. */
  installNow(): void {
    const port = this.#deps.port
    if (!port || this.#status.phase !== 'ready') {
      // A stale button (the tray's menu, a second window): nothing to do.
      this.#deps.log('info', 'updates: no update is ready to install')
      return
    }
    this.#deps.log('info', 'updates: restarting to install', { version: this.#status.version })
    port.installNow()
  }

  async #checkOnce(): Promise<void> {
    const port = this.#deps.port
    if (!port || this.#status.phase === 'ready' || this.#status.phase === 'downloading') return
    if (!(await this.#deps.checksEnabled())) {
      this.#deps.log('info', 'updates: checks are turned off in Settings')
      return
    }
    let offered: string | null
    try {
      offered = (await port.check())?.version ?? null
    } catch (error) {
      this.#deps.log('warn', 'updates: the update feed could not be read', describe(error))
      return
    }
    if (offered === null || !isNewerVersion(offered, port.currentVersion)) {
      this.#deps.log('info', 'updates: no newer version', {
        current: port.currentVersion,
        ...(offered !== null ? { offered } : {})
      })
      return
    }
    this.#set({ phase: 'downloading', version: offered })
    try {
      await port.download()
    } catch (error) {
      this.#deps.log('warn', 'updates: the download failed', {
        version: offered,
        ...describe(error)
      })
      this.#set({ phase: 'idle', version: null })
      return
    }
    this.#deps.log('info', 'updates: downloaded, ready to install', { version: offered })
    this.#set({ phase: 'ready', version: offered })
  }

  #set(status: UpdateStatus): void {
    this.#status = status
    this.#syncInstallOnQuit()
    this.#deps.onChange(status)
  }

  #syncInstallOnQuit(): void {
    if (this.#status.phase !== 'ready') return
    this.#deps.port?.setInstallOnQuit(this.#connection === 'disconnected')
  }
}

/** The error's name, code and first line: a feed's text, never anything of the user's. */
function describe(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error).slice(0, 200) }
  const code = (error as { code?: unknown }).code
  return {
    error: error.message.split('\n')[0]?.slice(0, 200) ?? error.name,
    ...(typeof code === 'string' ? { code } : {})
  }
}
