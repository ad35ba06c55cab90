// Owns the one live RealtimeController. Each start builds a fresh controller from the settings
// and key of that moment (so settings changes apply on the next start) and stops the previous
// one first. Renderer commands that need a session are forwarded, or dropped when there is none.
// The SDK does not reconnect (DESIGN.md §3), so a dropped socket is retried here: new
// controllers with backoff, the conversation so far replayed into the new server session.
import type { RealtimeConfig } from '../realtime/config'
import { resolveRealtimeConfig } from '../realtime/config'
import type { RealtimeControllerApi } from '../realtime/controller-api'
import { RealtimeCoreError } from '../realtime/controller-api'
import type { RealtimeLog } from '../realtime/event-bus'
import type { ConversationItem, ErrorCode, RealtimeCoreEvent } from '../../shared/realtime-events'
import type { Settings } from '../../shared/settings'
import type { SessionEvent, SessionStatusEvent } from './event-mapping'
import {
  MAX_RECONNECT_ATTEMPTS,
  RECONNECT_FAILED_REASON,
  backoffDelayMs,
  realTimer,
  reconnectingReason,
  type SetTimer
} from './reconnect-policy'

export interface SessionManagerDeps {
  env: NodeJS.ProcessEnv
  readSettings: () => Promise<Settings>
  /** The key for the connect; read at connect time, never stored here. */
  readKey: () => Promise<string | null>
  createController: (config: RealtimeConfig) => RealtimeControllerApi
  /** Every event of whichever controller is current, and the reconnect statuses. */
  onEvent: (event: SessionEvent) => void
  log: RealtimeLog
  /** Uniform in [0, 1); the backoff jitter. Tests pass a fixed one. */
  random?: () => number
  /** Schedules the backoff waits. Tests pass a manual clock. */
  setTimer?: SetTimer
}

const CLOSED_BY_USER = 'The session was closed.'
/** Failures a retry cannot fix: a rejected or missing key, a setting the API refuses. */
const FINAL_CODES: ReadonlySet<ErrorCode> = new Set(['auth', 'invalid_request'])

/** How the manager treats one controller's events. */
interface Link {
  /** False for a reconnect attempt until it is adopted: its statuses are the loop's to report. */
  live: boolean
  /** Only a session that was up reconnects; a failed first connect is reported as it is. */
  wasConnected: boolean
}

type AttemptOutcome = 'connected' | 'abandoned' | 'retry' | RealtimeCoreError

export class SessionManager {
  readonly #deps: SessionManagerDeps
  #controller: RealtimeControllerApi | undefined
  #unsubscribe: (() => void) | undefined
  /** Bumped by every start and stop, so a start or reconnect overtaken by a command gives up. */
  #generation = 0
  /** Hot-path drops are logged once per session, not 50 times a second. */
  #droppedLogged = false
  /** The live session's latest history: what a reconnect replays. */
  #history: readonly ConversationItem[] = []
  /** Set while a reconnect runs; `cancelWait` ends the pending backoff wait at once. */
  #reconnecting: { cancelWait: () => void } | undefined

  constructor(deps: SessionManagerDeps) {
    this.#deps = deps
  }

  async start(): Promise<void> {
    const generation = ++this.#generation
    this.#cancelReconnect()
    // A start by the user is a new conversation; only reconnects carry the old one over.
    this.#history = []
    await this.#stopCurrent()
    const settings = await this.#deps.readSettings()
    if (generation !== this.#generation) return
    const controller = this.#open(settings, { live: true, wasConnected: false })
    await controller.start()
  }

  async stop(): Promise<void> {
    this.#generation++
    const wasReconnecting = this.#cancelReconnect()
    await this.#stopCurrent()
    // Attempt controllers' statuses are not forwarded, so the renderer hears the end from here.
    if (wasReconnecting) this.#emitStatus({ status: 'disconnected', reason: CLOSED_BY_USER })
  }

  sendText(text: string): void {
    this.#require('send a message').sendText(text)
  }

  interrupt(): void {
    this.#require('interrupt').interrupt()
  }

  appendAudio(pcm: Uint8Array): void {
    const controller = this.#connected('audio.append')
    if (!controller) return
    try {
      controller.appendAudio(pcm)
    } catch (error) {
      this.#deps.log('warn', 'session: audio chunk refused', { error: describe(error) })
    }
  }

  reportPlayback(itemId: string, playedMs: number, final = false): void {
    this.#connected('playback.progress')?.reportPlayback(itemId, playedMs, final)
  }

  /** Push-to-talk pressed: stop the assistant if it is speaking (a no-op when it is not). */
  pttDown(): void {
    this.#guard('ptt.down', (controller) => controller.interrupt())
  }

  /** Push-to-talk released: commit the turn and ask for the answer at once. */
  pttUp(): void {
    this.#guard('ptt.up', (controller) => {
      if (!controller.commitUserTurn())
        this.#deps.log('info', 'session: push-to-talk turn too short to commit')
    })
  }

  /** Push-to-talk cancelled (a press too short to hold speech): drop the audio, no commit. */
  pttCancel(): void {
    this.#guard('ptt.cancel', (controller) => controller.cancelUserTurn())
  }

  async dispose(): Promise<void> {
    await this.stop()
  }

  #open(settings: Settings, link: Link): RealtimeControllerApi {
    const config = resolveRealtimeConfig(settings, this.#deps.env, this.#deps.readKey)
    const controller = this.#deps.createController(config)
    this.#controller = controller
    this.#unsubscribe = controller.subscribe((event) =>
      this.#onControllerEvent(controller, link, event)
    )
    this.#droppedLogged = false
    return controller
  }

  #onControllerEvent(
    controller: RealtimeControllerApi,
    link: Link,
    event: RealtimeCoreEvent
  ): void {
    if (event.type !== 'status') {
      if (event.type === 'history' && link.live && controller === this.#controller)
        this.#history = event.items
      this.#deps.onEvent(event)
      return
    }
    if (!link.live) return
    if (event.status === 'connected') link.wasConnected = true
    const dropped =
      event.status === 'disconnected' &&
      event.code === 'network' &&
      link.wasConnected &&
      controller === this.#controller
    if (!dropped) {
      this.#deps.onEvent(event)
      return
    }
    link.live = false
    this.#deps.log('info', 'session: connection dropped; reconnecting')
    const generation = this.#generation
    const history = [...this.#history]
    this.#reconnecting = { cancelWait: () => undefined }
    this.#reconnect(generation, history).catch((error: unknown) => {
      this.#deps.log('warn', 'session: reconnect failed', { error: describe(error) })
      this.#finishReconnect(generation, {
        status: 'disconnected',
        reason: RECONNECT_FAILED_REASON,
        code: 'network'
      })
    })
  }

  async #reconnect(generation: number, history: readonly ConversationItem[]): Promise<void> {
    const random = this.#deps.random ?? Math.random
    for (let attempt = 1; attempt <= MAX_RECONNECT_ATTEMPTS; attempt++) {
      this.#emitStatus({ status: 'reconnecting', reason: reconnectingReason(attempt) })
      await this.#wait(backoffDelayMs(attempt, random))
      if (generation !== this.#generation) return
      const outcome = await this.#attempt(generation, history)
      if (outcome === 'connected' || outcome === 'abandoned') return
      if (outcome instanceof RealtimeCoreError) {
        this.#finishReconnect(generation, {
          status: 'disconnected',
          reason: outcome.message,
          code: outcome.code
        })
        return
      }
    }
    this.#finishReconnect(generation, {
      status: 'disconnected',
      reason: RECONNECT_FAILED_REASON,
      code: 'network'
    })
  }

  async #attempt(
    generation: number,
    history: readonly ConversationItem[]
  ): Promise<AttemptOutcome> {
    // The dropped controller, or the previous failed attempt.
    await this.#stopCurrent()
    const settings = await this.#deps.readSettings()
    if (generation !== this.#generation) return 'abandoned'
    const link: Link = { live: false, wasConnected: false }
    const controller = this.#open(settings, link)
    try {
      await controller.start()
    } catch (error) {
      if (generation !== this.#generation) return 'abandoned'
      this.#deps.log('info', 'session: reconnect attempt failed', { error: describe(error) })
      return error instanceof RealtimeCoreError && FINAL_CODES.has(error.code) ? error : 'retry'
    }
    if (generation !== this.#generation) return 'abandoned'
    try {
      const seeded = controller.seedHistory(history)
      this.#deps.log('info', 'session: reconnected', { replayedItems: seeded })
    } catch (error) {
      this.#deps.log('warn', 'session: replaying the conversation failed', {
        error: describe(error)
      })
      return 'retry'
    }
    link.live = true
    link.wasConnected = true
    this.#finishReconnect(generation, { status: 'connected' })
    return 'connected'
  }

  /** A cancellable backoff wait: stop() and start() end it at once instead of after it. */
  #wait(delayMs: number): Promise<void> {
    const setTimer = this.#deps.setTimer ?? realTimer
    return new Promise((resolve) => {
      const cancel = setTimer(resolve, delayMs)
      const cancelWait = (): void => {
        cancel()
        resolve()
      }
      // Cancelled before the wait began (a stop during the previous attempt): end it at once.
      if (this.#reconnecting) this.#reconnecting.cancelWait = cancelWait
      else cancelWait()
    })
  }

  #finishReconnect(generation: number, status: Omit<SessionStatusEvent, 'type'>): void {
    if (generation !== this.#generation) return
    this.#reconnecting = undefined
    this.#emitStatus(status)
  }

  /** Returns whether a reconnect was under way. Callers bump the generation first. */
  #cancelReconnect(): boolean {
    const reconnecting = this.#reconnecting
    this.#reconnecting = undefined
    reconnecting?.cancelWait()
    return reconnecting !== undefined
  }

  #emitStatus(status: Omit<SessionStatusEvent, 'type'>): void {
    this.#deps.onEvent({ type: 'status', ...status })
  }

  async #stopCurrent(): Promise<void> {
    const controller = this.#controller
    const unsubscribe = this.#unsubscribe
    this.#controller = undefined
    this.#unsubscribe = undefined
    if (!controller) return
    try {
      await controller.stop()
    } finally {
      // After stop, so the renderer still sees the old session's final `disconnected` status.
      unsubscribe?.()
    }
  }

  #require(action: string): RealtimeControllerApi {
    const controller = this.#controller
    if (!controller || controller.status !== 'connected')
      throw new RealtimeCoreError('not_connected', `Hark cannot ${action}: no session is open.`)
    return controller
  }

  #connected(what: string): RealtimeControllerApi | undefined {
    const controller = this.#controller
    if (controller && controller.status === 'connected') return controller
    if (!this.#droppedLogged) {
      this.#droppedLogged = true
      this.#deps.log('debug', 'session: dropped a hot-path message while not connected', { what })
    }
    return undefined
  }

  #guard(what: string, action: (controller: RealtimeControllerApi) => void): void {
    const controller = this.#connected(what)
    if (!controller) return
    try {
      action(controller)
    } catch (error) {
      this.#deps.log('warn', `session: ${what} failed`, { error: describe(error) })
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof RealtimeCoreError) return `${error.code}: ${error.message}`
  return error instanceof Error ? error.name : 'unknown'
}
