// One conversation on GPT-Live (reference §2) behind the Realtime controller's API and events, so
// the window, the CLI and history take either engine. Never imports electron. The mapping: audio →
// `session.input_audio.append`; the talk button is mute/unmute (live-mic.ts); Stop speaking only
// silences locally (no cancel: the model may finish its sentence); typed messages are refused; an
// expired or dropped session is renewed with the conversation (live-renewal.ts); cost is usage
// seconds at the per-minute price, as turn_metrics (live-turn-cost.ts) and subscribeUsage().
import { randomUUID } from 'node:crypto'
import { pcmChunkProblem } from '../../../shared/pcm'
import type {
  ConnectionStatus,
  ConversationItem,
  RealtimeCoreEvent
} from '../../../shared/realtime-events'
import type { RealtimeControllerApi, RealtimeCoreListener } from '../../realtime/controller-api'
import { RealtimeCoreError } from '../../realtime/controller-api'
import { CoreEventBus, type RealtimeLog } from '../../realtime/event-bus'
import { sessionStart, type LiveConfig } from './live-config'
import { LiveConversation } from './live-conversation'
import { sessionHandlers } from './live-event-handler'
import { liveFailure } from './live-failures'
import { LiveMicGate } from './live-mic'
import {
  CLOSED_BY_USER,
  DEFAULT_START_TIMEOUT_MS,
  LIVE_NO_TEXT_MESSAGE,
  type LiveEngineOptions
} from './live-engine-options'
import { afterSessionEnd, renewalSettings } from './live-renewal'
import { LiveSocket, type LiveSocketClose } from './live-socket'
import { DEFAULT_TURN_IDLE_MS, realTimers, TurnIdleClock, type LiveTimers } from './live-turn-clock'
import { LiveTurnCost } from './live-turn-cost'
import { LiveUsageMeter, type LiveUsage } from './live-usage'

export type { LiveUsage } from './live-usage'
export type { LiveTimers } from './live-turn-clock'
export { LIVE_NO_TEXT_MESSAGE, type LiveEngineOptions } from './live-engine-options'

export class LiveEngine implements RealtimeControllerApi {
  readonly #config: LiveConfig
  readonly #options: LiveEngineOptions
  readonly #log: RealtimeLog
  readonly #timers: LiveTimers
  readonly #bus: CoreEventBus
  readonly #usage: LiveUsageMeter
  readonly #conversation: LiveConversation
  readonly #mic: LiveMicGate
  readonly #cost: LiveTurnCost
  readonly #quiet: TurnIdleClock
  /** Item ids stay unique across engines: the session manager may replace this one. */
  readonly #tag = randomUUID().slice(0, 8)
  #status: ConnectionStatus = 'disconnected'
  #socket: LiveSocket | null = null
  #sessionLifetimeMs: number | undefined
  #startPromise: Promise<void> | null = null
  #stopping = false
  #itemCount = 0
  #sessionCount = 0

  constructor(config: LiveConfig, options: LiveEngineOptions = {}) {
    this.#config = config
    this.#options = options
    this.#log = options.log ?? (() => undefined)
    this.#timers = options.timers ?? realTimers
    this.#bus = new CoreEventBus(this.#log)
    this.#usage = new LiveUsageMeter(config.model, this.#log)
    this.#cost = new LiveTurnCost(() => `live_${this.#tag}_time_${++this.#itemCount}`)
    this.#conversation = new LiveConversation(
      (event) => this.#emit(event),
      () => `live_${this.#tag}_${this.#sessionCount}_${++this.#itemCount}`
    )
    this.#conversation.seed(options.seed ?? [])
    this.#mic = new LiveMicGate(options.inputMuted ?? false)
    this.#quiet = new TurnIdleClock(this.#timers, options.turnIdleMs ?? DEFAULT_TURN_IDLE_MS, () =>
      this.#conversation.endOpenTurns()
    )
  }

  get status(): ConnectionStatus {
    return this.#status
  }
  /** How long the current session lives from its start (`session.started`'s `expires_at`). */
  get sessionLifetimeMs(): number | undefined {
    return this.#sessionLifetimeMs
  }
  /** Whether GPT-Live was last told the input is muted. */
  get inputMuted(): boolean {
    return this.#mic.serverMuted
  }
  get items(): readonly ConversationItem[] {
    return this.#conversation.items
  }
  get usage(): LiveUsage {
    return this.#usage.usage
  }
  /** What this conversation's seconds cost beyond the turn_metrics sent so far (the budget's). */
  get unchargedCostUsd(): number {
    return this.#cost.unchargedUsd(this.#usage.usage)
  }

  subscribe(listener: RealtimeCoreListener): () => void {
    return this.#bus.subscribe(listener)
  }

  subscribeUsage(listener: (usage: LiveUsage) => void): () => void {
    return this.#usage.subscribe(listener)
  }

  start(): Promise<void> {
    if (this.#startPromise) return this.#startPromise
    if (this.#status === 'connected') return Promise.resolve()
    const promise = this.#connect().finally(() => {
      if (this.#startPromise === promise) this.#startPromise = null
    })
    this.#startPromise = promise
    return promise
  }

  async stop(): Promise<void> {
    this.#stopping = true
    const socket = this.#socket
    this.#socket = null
    this.#quiet.finishNow()
    if (socket) {
      socket.close()
      // Its closing figure arrives after we stop listening: keep the last one reported.
      this.#usage.endSession(null)
    }
    this.#chargeRemainder()
    if (this.#status !== 'disconnected')
      this.#setStatus({ type: 'status', status: 'disconnected', reason: CLOSED_BY_USER })
    await this.#startPromise?.catch(() => undefined)
  }

  checkConnection(): void {
    if (this.#status === 'connected') this.#socket?.checkConnection()
  }

  sendText(_text: string): void {
    throw new RealtimeCoreError('invalid_request', LIVE_NO_TEXT_MESSAGE)
  }

  appendAudio(pcm: Uint8Array): boolean {
    const problem = pcmChunkProblem(pcm.byteLength)
    if (problem) throw new RealtimeCoreError('invalid_input', problem)
    // The microphone's hot path: trailing chunks after a disconnect, or while muted, are dropped.
    if (this.#status !== 'connected' || !this.#mic.admitAudio(this.#send)) return false
    this.#send({ type: 'session.input_audio.append', audio: Buffer.from(pcm).toString('base64') })
    return true
  }

  /** The user's own mute (tray, window, the hands-free Mute button): nothing is sent meanwhile. */
  setInputMuted(muted: boolean): void {
    this.#mic.setUserMuted(muted, this.#send)
  }

  /** Push-to-talk key up: mute. GPT-Live decides by itself when the user has finished. */
  commitUserTurn(): boolean {
    this.#requireConnected()
    this.#mic.endTurn(this.#send)
    return true
  }

  /** A press too short to hold speech: mute; what was sent cannot be taken back. */
  cancelUserTurn(): void {
    this.#requireConnected()
    this.#mic.endTurn(this.#send)
  }

  /** The budget is spent (app/live-budget.ts): mute, silence the answer, drop its audio. */
  holdForBudget(held: boolean): void {
    if (held === this.#mic.budgetHeld) return
    this.#mic.setBudgetHeld(held, this.#send)
    if (held) this.interrupt()
  }

  interrupt(): void {
    const itemId = this.#conversation.silenceAssistant()
    this.#emit({ type: 'audio_interrupted', itemId })
  }

  reportPlayback(itemId: string, playedMs: number): void {
    if (itemId === '' || !Number.isFinite(playedMs) || playedMs < 0)
      throw new RealtimeCoreError(
        'invalid_input',
        'A playback report needs an item and a played time ≥ 0.'
      )
  }

  /**
   * A started GPT-Live session takes no history: the conversation went in with `session.start`
   * (the `seed` option, and this engine's own turns after a renewal).
   */
  seedHistory(): number {
    this.#requireConnected()
    return 0
  }

  readonly #send = (event: Parameters<LiveSocket['send']>[0]): void => {
    this.#socket?.send(event)
  }

  async #connect(): Promise<void> {
    this.#stopping = false
    // A Connect over the monthly budget asks first (app/live-budget.ts): GPT-Live bills by time.
    const refusal = this.#options.admitSession?.() ?? null
    if (refusal !== null) {
      this.#setStatus({ type: 'status', status: 'disconnected', reason: refusal })
      throw new RealtimeCoreError('not_connected', refusal)
    }
    this.#setStatus({ type: 'status', status: 'connecting' })
    try {
      await this.#openSession()
    } catch (error) {
      const failure = liveFailure(error, this.#config.url)
      if (!this.#stopping)
        this.#setStatus({
          type: 'status',
          status: 'disconnected',
          reason: failure.message,
          code: failure.code
        })
      this.#log('warn', 'Could not start the GPT-Live session', { ...failure })
      throw new RealtimeCoreError(failure.code, failure.message, { cause: error })
    }
    if (this.#stopping) throw new RealtimeCoreError('not_connected', CLOSED_BY_USER)
    this.#setStatus({ type: 'status', status: 'connected' })
  }

  async #openSession(): Promise<void> {
    const apiKey = await this.#config.apiKey()
    const start = sessionStart(this.#config, this.#conversation.initialItems())
    const isCurrent = (): boolean => this.#socket === socket
    const context = {
      conversation: this.#conversation,
      usage: this.#usage,
      emit: (core: RealtimeCoreEvent) => this.#emit(core),
      log: this.#log,
      touch: () => this.#quiet.touch(),
      delegation: {
        handler: this.#options.delegationHandler,
        session: { isCurrent, send: this.#send }
      }
    }
    const socket: LiveSocket = await LiveSocket.open({
      url: this.#config.url,
      apiKey,
      start,
      startTimeoutMs: this.#options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      handshakeTimeoutMs: this.#options.handshakeTimeoutMs,
      heartbeat: this.#options.heartbeat,
      handlers: sessionHandlers(isCurrent, context, (close) => this.#onClose(close))
    })
    if (this.#stopping) {
      socket.close()
      return
    }
    this.#sessionCount++
    this.#socket = socket
    this.#sessionLifetimeMs = socket.lifetimeMs
    this.#mic.applyTo(this.#send)
  }

  #onClose(close: LiveSocketClose): void {
    this.#socket = null
    this.#quiet.finishNow()
    this.#usage.endSession(close.closed?.usageSeconds ?? null)
    if (this.#stopping) return
    void afterSessionEnd(close, {
      ...renewalSettings(this.#options, this.#timers, this.#config.url),
      isStopping: () => this.#stopping,
      openSession: () => this.#openSession(),
      setStatus: (event) => {
        if (event.status === 'disconnected') this.#chargeRemainder()
        this.#setStatus(event)
      },
      log: this.#log
    })
  }

  /** Seconds no turn was charged for (listening after the last answer): charged once. */
  #chargeRemainder(): void {
    const metrics = this.#cost.remainder(this.#usage.usage)
    if (metrics) this.#emit({ type: 'turn_metrics', ...metrics })
  }

  #requireConnected(): void {
    if (this.#status !== 'connected')
      throw new RealtimeCoreError('not_connected', 'Not connected to GPT-Live.')
  }

  #setStatus(event: Extract<RealtimeCoreEvent, { type: 'status' }>): void {
    this.#status = event.status
    this.#emit(event)
  }

  #emit(event: RealtimeCoreEvent): void {
    if (event.type === 'audio' && this.#mic.budgetHeld) return
    this.#bus.emit(event)
    // Each finished answer shows what it cost, like the Realtime engine's turns.
    if (event.type === 'response_done')
      this.#bus.emit({
        type: 'turn_metrics',
        ...this.#cost.turnEnded(event.responseId, this.#usage.usage)
      })
  }
}
