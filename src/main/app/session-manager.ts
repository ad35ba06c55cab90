// Owns the one live RealtimeController and the conversation that outlives it. Each start builds
// a fresh controller from the settings and key of that moment (so settings changes apply on the
// next start). The SDK does not reconnect (reference agents-realtime-sdk §7) and a server session
// lives at most 60 minutes, so the conversation is kept here (conversation-ledger.ts) and
// replayed into every new server session: after a drop (close 1001, 1006, 1011, a dead ping), at
// a planned rollover before the time limit, and on the next Connect after a failure. Typed
// messages stay in an outbox until the server has them.
import { randomUUID } from 'node:crypto'
import type { RealtimeConfig } from '../realtime/config'
import { configWarnings, resolveRealtimeConfig } from '../realtime/config'
import type { RealtimeControllerApi } from '../realtime/controller-api'
import { RealtimeCoreError } from '../realtime/controller-api'
import type { RealtimeLog } from '../realtime/event-bus'
import type { ConversationItem, ErrorCode, RealtimeCoreEvent } from '../../shared/realtime-events'
import type { Settings } from '../../shared/settings'
import { ConversationLedger, type PendingMessage } from './conversation-ledger'
import type { EngineChooser } from './engine-choice'
import type { SessionEvent, SessionStatusEvent } from './event-mapping'
import {
  MAX_RECONNECT_ATTEMPTS,
  RECONNECT_FAILED_REASON,
  backoffDelayMs,
  realTimer,
  reconnectingReason,
  type SetTimer
} from './reconnect-policy'
import { RolloverScheduler } from './rollover-scheduler'
import type { Provider } from '../../shared/providers'

export interface SessionManagerDeps {
  env: NodeJS.ProcessEnv
  readSettings: () => Promise<Settings>
  /** The provider's key for the connect; read at connect time, never stored here. */
  readKey: (provider: Provider) => Promise<string | null>
  createController: (config: RealtimeConfig) => RealtimeControllerApi
  /** Every event of whichever controller is current, and the reconnect statuses. */
  onEvent: (event: SessionEvent) => void
  log: RealtimeLog
  /** Uniform in [0, 1); the backoff jitter. Tests pass a fixed one. */
  random?: () => number
  /** Schedules the backoff waits and the rollover. Tests pass a manual clock. */
  setTimer?: SetTimer
  /** Milliseconds on a monotonic clock (quiet moments, the rollover's gap). */
  now?: () => number
  /** Ids for typed messages (≤ 32 characters, the API's limit for client-chosen item ids). */
  newItemId?: () => string
  /**
   * A new conversation begins (a connect with nothing to carry over, or History's Continue):
   * the history's cue. `seed` is the older conversation a Continue replays.
   */
  /**
   * The user's message is about to go out, typed or committed from push-to-talk, on a connected
   * session: a kept screen look goes just before it (screen/screen-look.ts).
   */
  beforeUserMessage?: () => void
  onConversationStart?: (start: {
    settings: Settings
    seed: readonly ConversationItem[]
  }) => Promise<void>
  /** The engine the settings choose (engine-choice.ts); none, or undefined, is the Realtime API. */
  chooseEngine?: EngineChooser
  /** Microphone audio the live session accepted to send (the recording's left channel). */
  onAudioSent?: (pcm: Uint8Array) => void
  /** The page's played position of an item (the recording's right channel). */
  onPlayback?: (itemId: string, playedMs: number, final: boolean) => void
  /** The monthly budget (spend-service.ts): asked before each response; absent = always yes. */
  responseGate?: ResponseGate
}

export interface ResponseGate {
  /** May a response start now? False: the turn is sent without `response.create` and held. */
  admitResponse(): boolean
  /** May the server VAD start responses itself in a new session? */
  autoRespond(): boolean
}

const CLOSED_BY_USER = 'The session was closed.'
/** Failures a retry cannot fix: a rejected or missing key, a setting the API refuses. */
const FINAL_CODES: ReadonlySet<ErrorCode> = new Set(['auth', 'invalid_request'])
/**
 * Ends of a live session worth a reconnect: `network` (1006, a dead ping, close 1001 after the
 * session's time limit) and `server` (1011, the API's internal error).
 */
const RECONNECT_CODES: ReadonlySet<ErrorCode> = new Set(['network', 'server'])

/** A send failed because the socket is gone (the drop follows): the message waits in the outbox. */
const SOCKET_GONE_CODES: ReadonlySet<ErrorCode> = new Set(['network', 'not_connected'])

/** How the manager treats one controller's events. */
export interface Link {
  /** False until the controller is adopted, and again once it is retired: its events are ignored. */
  live: boolean
  /** Only a session that was up reconnects; a failed first connect is reported as it is. */
  wasConnected: boolean
}

type AttemptOutcome = 'connected' | 'abandoned' | 'retry' | RealtimeCoreError

const defaultItemId = (): string => `item_hark_${randomUUID().replaceAll('-', '').slice(0, 18)}`

export class SessionManager {
  readonly #deps: SessionManagerDeps
  readonly #setTimer: SetTimer
  readonly #now: () => number
  #controller: RealtimeControllerApi | undefined
  #unsubscribe: (() => void) | undefined
  #link: Link | undefined
  /** The settings the live session was opened with: a rollover must not change them. */
  #settings: Settings | undefined
  /** Bumped by every start and stop, so a start or reconnect overtaken by a command gives up. */
  #generation = 0
  /** Hot-path drops are logged once per session, not 50 times a second. */
  #droppedLogged = false
  readonly #ledger = new ConversationLedger()
  /** Typed messages the server has not confirmed yet (no `conversation.item.added`). */
  #outbox: PendingMessage[] = []
  /** Set while a reconnect runs; `cancelWait` ends the pending backoff wait at once. */
  #reconnecting: { cancelWait: () => void } | undefined
  readonly #rollover: RolloverScheduler

  constructor(deps: SessionManagerDeps) {
    this.#deps = deps
    this.#setTimer = deps.setTimer ?? realTimer
    this.#now = deps.now ?? (() => performance.now())
    this.#rollover = new RolloverScheduler({
      setTimer: this.#setTimer,
      now: this.#now,
      isBusy: () => this.#ledger.responseActive || this.#outbox.length > 0,
      rollOver: (isStillQuiet) => this.#rollOver(isStillQuiet),
      log: deps.log
    })
  }

  /** Whether a session takes audio now, or a dropped one is being reconnected (talk-relay.ts). */
  get liveness(): 'connected' | 'reconnecting' | 'down' {
    if (this.#reconnecting) return 'reconnecting'
    return this.#controller?.status === 'connected' ? 'connected' : 'down'
  }

  /** Connect. The conversation so far is carried into the new session (newConversation clears it). */
  async start(): Promise<void> {
    const generation = ++this.#generation
    this.#cancelReconnect()
    await this.#stopCurrent()
    const settings = await this.#deps.readSettings()
    if (generation !== this.#generation) return
    if (this.#ledger.isEmpty && this.#outbox.length === 0)
      await this.#deps.onConversationStart?.({ settings, seed: [] })
    if (generation !== this.#generation) return
    const link: Link = { live: true, wasConnected: false }
    const controller = this.#open(settings, link)
    await controller.start()
    if (generation !== this.#generation || this.#controller !== controller) return
    if (!this.#ledger.isEmpty || this.#outbox.length > 0) this.#replayInto(controller)
    this.#adopted(controller)
  }

  async stop(): Promise<void> {
    this.#generation++
    this.#rollover.cancel()
    const wasReconnecting = this.#cancelReconnect()
    await this.#stopCurrent()
    // Attempt controllers' statuses are not forwarded, so the renderer hears the end from here.
    if (wasReconnecting) this.#emitStatus({ status: 'disconnected', reason: CLOSED_BY_USER })
  }

  /** Forget the conversation; a live session is replaced by a fresh, empty one. */
  async newConversation(): Promise<void> {
    const wasLive = this.#controller?.status === 'connected' || this.#reconnecting !== undefined
    this.#ledger.clear()
    this.#outbox = []
    if (wasLive) await this.start()
  }

  /**
   * A new conversation seeded with an older one (History's Continue): its items go into the
   * ledger, so the new session receives them as text exactly as after a reconnect.
   */
  async continueConversation(seed: readonly ConversationItem[]): Promise<void> {
    this.#ledger.clear()
    this.#outbox = []
    this.#ledger.apply({ type: 'history', items: [...seed] })
    await this.#deps.onConversationStart?.({ settings: await this.#deps.readSettings(), seed })
    await this.start()
  }

  /**
   * Send a typed message. It stays in the outbox until the server confirms the item, and is sent
   * again after a reconnect; during a reconnect it waits there.
   */
  sendText(text: string): void {
    if (this.#controller?.status !== 'connected' && !this.#reconnecting)
      throw new RealtimeCoreError(
        'not_connected',
        'Hark cannot send a message: no session is open.'
      )
    const message: PendingMessage = { itemId: (this.#deps.newItemId ?? defaultItemId)(), text }
    this.#outbox.push(message)
    this.#rollover.noteActivity()
    const controller = this.#controller
    if (controller?.status !== 'connected' || this.#reconnecting) return
    this.#deps.beforeUserMessage?.()
    try {
      controller.sendText(text, message.itemId, { respond: this.#admitResponse() })
    } catch (error) {
      const socketGone = error instanceof RealtimeCoreError && SOCKET_GONE_CODES.has(error.code)
      if (!socketGone) {
        this.#outbox = this.#outbox.filter((pending) => pending !== message)
        throw error
      }
      // The socket died under the send: the drop's reconnect sends the message again.
      this.#deps.log('warn', 'session: a message waits for the reconnect', {
        error: describe(error)
      })
    }
  }

  /** Add an image to the live conversation now (a screen look); false when none is open. */
  sendImage(dataUrl: string): boolean {
    const controller = this.#controller
    if (controller?.status !== 'connected' || this.#reconnecting || !controller.sendImage)
      return false
    try {
      const itemId = (this.#deps.newItemId ?? defaultItemId)()
      controller.sendImage(dataUrl, itemId)
      this.#ledger.noteImage(itemId, dataUrl)
    } catch (error) {
      this.#deps.log('warn', 'session: an image could not be sent', { error: describe(error) })
      return false
    }
    this.#rollover.noteActivity()
    return true
  }

  interrupt(): void {
    if (this.#controller?.status !== 'connected')
      throw new RealtimeCoreError('not_connected', 'Hark cannot interrupt: no session is open.')
    this.#controller.interrupt()
  }

  appendAudio(pcm: Uint8Array): void {
    const controller = this.#connected('audio.append')
    if (!controller) return
    try {
      if (controller.appendAudio(pcm) !== false) this.#deps.onAudioSent?.(pcm)
    } catch (error) {
      this.#deps.log('warn', 'session: audio chunk refused', { error: describe(error) })
    }
  }

  reportPlayback(itemId: string, playedMs: number, final = false): void {
    this.#ledger.reportPlayback(itemId, playedMs)
    this.#deps.onPlayback?.(itemId, playedMs, final)
    this.#rollover.noteActivity()
    this.#connected('playback.progress')?.reportPlayback(itemId, playedMs, final)
  }

  /** Push-to-talk pressed: stop the assistant if it is speaking (a no-op when it is not). */
  pttDown(): void {
    this.#rollover.noteTalking(true)
    this.#guard('ptt.down', (controller) => controller.interrupt())
  }

  /** Push-to-talk released: commit the turn and ask for the answer at once. */
  pttUp(): void {
    this.#rollover.noteTalking(false)
    this.#guard('ptt.up', (controller) => {
      this.#deps.beforeUserMessage?.()
      if (!controller.commitUserTurn({ respond: this.#admitResponse() }))
        this.#deps.log('info', 'session: push-to-talk turn too short to commit')
    })
  }

  /** Push-to-talk cancelled (a press too short to hold speech): drop the audio, no commit. */
  pttCancel(): void {
    this.#rollover.noteTalking(false)
    this.#guard('ptt.cancel', (controller) => controller.cancelUserTurn())
  }

  /**
   * The system woke from sleep or the network changed: probe the socket now (a dead one drops
   * within the ping timeout and reconnects), and end a pending backoff wait.
   */
  checkConnection(cause: string): void {
    this.#deps.log('info', 'session: checking the connection', { cause })
    if (this.#reconnecting) {
      this.#reconnecting.cancelWait()
      return
    }
    this.#connected('checkConnection')?.checkConnection()
  }

  async dispose(): Promise<void> {
    await this.stop()
  }

  /** Start the response a held turn waits for (the budget's "Continue this once"). */
  respondNow(): void {
    this.#guard('respondNow', (controller) => controller.requestResponse?.())
  }

  /** Hands-free: let the server VAD start responses itself, or not (over budget). */
  setAutoRespond(on: boolean): void {
    this.#guard('setAutoRespond', (controller) => controller.setAutoRespond?.(on))
  }

  #admitResponse(): boolean {
    return this.#deps.responseGate?.admitResponse() ?? true
  }

  #open(settings: Settings, link: Link): RealtimeControllerApi {
    const controller = this.#create(settings, link)
    this.#controller = controller.controller
    this.#unsubscribe = controller.unsubscribe
    this.#link = link
    this.#settings = settings
    this.#droppedLogged = false
    return controller.controller
  }

  #create(
    settings: Settings,
    link: Link
  ): { controller: RealtimeControllerApi; unsubscribe: () => void } {
    const controller =
      this.#deps.chooseEngine?.(settings, this.#ledger.items) ?? this.#createRealtime(settings)
    const unsubscribe = controller.subscribe((event) =>
      this.#onControllerEvent(controller, link, event)
    )
    return { controller, unsubscribe }
  }

  #createRealtime(settings: Settings): RealtimeControllerApi {
    const config = {
      ...resolveRealtimeConfig(settings, this.#deps.env, this.#deps.readKey),
      autoRespond: this.#deps.responseGate?.autoRespond() ?? true
    }
    // The window shows a stored deprecated model itself (DeprecatedModelNotice); one named in
    // the environment can only be logged.
    for (const warning of configWarnings(config)) this.#deps.log('warn', `session: ${warning}`)
    return this.#deps.createController(config)
  }

  #onControllerEvent(
    controller: RealtimeControllerApi,
    link: Link,
    event: RealtimeCoreEvent
  ): void {
    if (event.type !== 'status') {
      // A reconnect attempt's or a rollover's session says nothing until it is adopted. One being
      // stopped may still say what it cost (GPT-Live charges its last seconds at stop).
      // A rolled-over session is no longer live but was connected: its cost still counts.
      const lastCost = event.type === 'turn_metrics' && link.wasConnected
      if (!lastCost && (!link.live || controller !== this.#controller)) return
      this.#ledger.apply(event)
      if (event.type === 'history') this.#confirmDelivered()
      this.#rollover.noteEvent(event)
      this.#deps.onEvent(event)
      return
    }
    if (!link.live) return
    if (event.status === 'connected') link.wasConnected = true
    const dropped =
      event.status === 'disconnected' &&
      event.code !== undefined &&
      RECONNECT_CODES.has(event.code) &&
      link.wasConnected &&
      controller === this.#controller
    if (!dropped) {
      if (event.status === 'disconnected') this.#rollover.cancel()
      this.#deps.onEvent(event)
      return
    }
    link.live = false
    this.#rollover.cancel()
    this.#deps.log('info', 'session: connection dropped; reconnecting', { code: event.code })
    this.#markCutAnswer()
    const generation = this.#generation
    this.#reconnecting = { cancelWait: () => undefined }
    this.#reconnect(generation).catch((error: unknown) => {
      this.#deps.log('warn', 'session: reconnect failed', { error: describe(error) })
      this.#finishReconnect(generation, {
        status: 'disconnected',
        reason: RECONNECT_FAILED_REASON,
        code: 'network'
      })
    })
  }

  /** An answer cut by the drop stops playing, and its caption says how much was heard. */
  #markCutAnswer(): void {
    const cut = this.#ledger.noteDrop()
    if (!cut) return
    this.#deps.onEvent({ type: 'audio_interrupted', itemId: cut.itemId })
    this.#deps.onEvent({ type: 'truncated', itemId: cut.itemId, audioEndMs: cut.heardMs })
  }

  #confirmDelivered(): void {
    if (this.#outbox.length === 0) return
    this.#outbox = this.#outbox.filter((message) => !this.#ledger.has(message.itemId))
  }

  async #reconnect(generation: number): Promise<void> {
    const random = this.#deps.random ?? Math.random
    for (let attempt = 1; attempt <= MAX_RECONNECT_ATTEMPTS; attempt++) {
      this.#emitStatus({ status: 'reconnecting', reason: reconnectingReason(attempt) })
      await this.#wait(backoffDelayMs(attempt, random))
      if (generation !== this.#generation) return
      const outcome = await this.#attempt(generation)
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

  async #attempt(generation: number): Promise<AttemptOutcome> {
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
    link.live = true
    link.wasConnected = true
    try {
      const seeded = this.#replayInto(controller)
      this.#deps.log('info', 'session: reconnected', { replayedItems: seeded })
    } catch (error) {
      link.live = false
      this.#deps.log('warn', 'session: replaying the conversation failed', {
        error: describe(error)
      })
      return 'retry'
    }
    this.#finishReconnect(generation, { status: 'connected' })
    this.#adopted(controller)
    return 'connected'
  }

  /** Replays the conversation and the outbox into a connected controller. */
  #replayInto(controller: RealtimeControllerApi): number {
    const replay = this.#ledger.replay(this.#outbox)
    const respond = replay.respond && this.#admitResponse()
    const seeded = controller.seedHistory(replay.items, {
      images: replay.images,
      ...(respond ? { respond: true } : {})
    })
    this.#ledger.replayed(replay)
    return seeded
  }

  /** The controller is the live session now: plan its rollover. */
  #adopted(controller: RealtimeControllerApi): void {
    this.#rollover.schedule(controller.sessionLifetimeMs)
  }

  /**
   * The planned rollover: a second session is connected while the first still serves, then the
   * conversation is replayed into it and it takes over, with no status change the user sees.
   * Gives up (the old session carries on, the scheduler tries again) if anything happened
   * meanwhile.
   */
  async #rollOver(isStillQuiet: () => boolean): Promise<void> {
    const generation = this.#generation
    const old = this.#controller
    const oldLink = this.#link
    const oldUnsubscribe = this.#unsubscribe
    const settings = this.#settings
    if (!old || !oldLink || !settings || old.status !== 'connected') return
    const connectStartedMs = this.#now()
    const link: Link = { live: false, wasConnected: false }
    const next = this.#create(settings, link)
    const abandon = async (why: string, failed = false): Promise<void> => {
      this.#deps.log('info', 'session: rollover postponed', { why })
      next.unsubscribe()
      await next.controller.stop()
      const oldStillServes =
        generation === this.#generation && this.#controller === old && old.status === 'connected'
      if (oldStillServes) this.#rollover.retry(failed)
    }
    try {
      await next.controller.start()
    } catch (error) {
      await abandon(`connect failed: ${describe(error)}`, true)
      return
    }
    if (generation !== this.#generation || this.#controller !== old || old.status !== 'connected')
      return abandon('the session changed meanwhile')
    if (!isStillQuiet()) return abandon('the conversation went on')
    const swapStartedMs = this.#now()
    let seeded: number
    try {
      seeded = this.#replayInto(next.controller)
    } catch (error) {
      return abandon(`replay failed: ${describe(error)}`)
    }
    oldLink.live = false
    link.live = true
    link.wasConnected = true
    this.#controller = next.controller
    this.#unsubscribe = next.unsubscribe
    this.#link = link
    this.#droppedLogged = false
    const gapMs = this.#now() - swapStartedMs
    this.#deps.log('info', 'session: rolled over to a fresh server session', {
      replayedItems: seeded,
      connectMs: Math.round(swapStartedMs - connectStartedMs),
      gapMs
    })
    this.#adopted(next.controller)
    // Unsubscribed only once stopped: GPT-Live charges its last seconds at stop (turn_metrics).
    await old.stop().catch(() => undefined)
    oldUnsubscribe?.()
  }

  /** A cancellable backoff wait: stop() and start() end it at once instead of after it. */
  #wait(delayMs: number): Promise<void> {
    return new Promise((resolve) => {
      const cancel = this.#setTimer(resolve, delayMs)
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
    this.#link = undefined
    this.#rollover.cancel()
    if (!controller) return
    try {
      await controller.stop()
    } finally {
      // After stop, so the renderer still sees the old session's final `disconnected` status.
      unsubscribe?.()
    }
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
