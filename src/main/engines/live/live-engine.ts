// One conversation on GPT-Live (reference §2), behind the same RealtimeControllerApi and core
// events as the Realtime controller, so the window, the CLI and history can take either engine.
// Never imports electron. How the Realtime-shaped API maps onto a protocol without turns:
// - appendAudio → `session.input_audio.append` (dropped here while muted: nothing leaves the
//   machine while the microphone is muted; the server is told with `session.input_audio.mute`).
// - the talk button is mute/unmute: setInputMuted(false) on press, commitUserTurn() (key up) and
//   cancelUserTurn() mute again. The server, not Hark, decides when the user has finished.
// - interrupt() (Stop speaking) silences the current answer locally at once; GPT-Live has no
//   cancel or truncate, so the model may finish its sentence (its captions still arrive).
// - reportPlayback() has nothing to truncate and only validates; sendText() is refused: the
//   protocol has no typed user message (response.item.create needs Responses delegation).
// - a session that expires or a connection that drops is renewed with the conversation as
//   `session.input` history; a safety close (`content`) or a hang-up stops and says why.
// - cost: `session.usage.updated` seconds (cumulative per session, never summed) at the model's
//   per-minute price, through subscribeUsage().
import { pcmChunkProblem } from '../../../shared/pcm'
import type {
  ConnectionStatus,
  ConversationItem,
  RealtimeCoreEvent
} from '../../../shared/realtime-events'
import type { RealtimeControllerApi, RealtimeCoreListener } from '../../realtime/controller-api'
import { RealtimeCoreError } from '../../realtime/controller-api'
import { CoreEventBus, type RealtimeLog } from '../../realtime/event-bus'
import { classifyError } from '../../realtime/error-classifier'
import type { HeartbeatOptions } from '../../realtime/heartbeat'
import {
  delegationReply,
  outcomeText,
  runDelegation,
  type LiveDelegationHandler
} from './delegation'
import { sessionStart, type LiveConfig } from './live-config'
import { LiveConversation } from './live-conversation'
import { asLive, liveErrorEvent, sessionEnd } from './live-failures'
import type { LiveServerEvent } from './live-server-events'
import { LiveSocket, type LiveSocketClose } from './live-socket'
import { LiveUsageMeter, type LiveUsage } from './live-usage'

export type { LiveUsage } from './live-usage'

export interface LiveTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface LiveEngineOptions {
  log?: RealtimeLog
  /** How long to wait for `session.started` after connecting. */
  startTimeoutMs?: number
  handshakeTimeoutMs?: number
  /** Quiet time (no captions, no audio) after which open turns are finished: there is no "done". */
  turnIdleMs?: number
  /** Renewals tried in a row after an expiry or a drop before giving up. */
  maxRenewAttempts?: number
  renewDelayMs?: (attempt: number) => number
  delegationHandler?: LiveDelegationHandler
  timers?: LiveTimers
  heartbeat?: HeartbeatOptions
}

export const LIVE_NO_TEXT_MESSAGE =
  'GPT-Live takes no typed messages: speak instead, or use the Realtime API engine to type.'
const CLOSED_BY_USER = 'The session was closed.'
const DEFAULT_START_TIMEOUT_MS = 10_000
const DEFAULT_TURN_IDLE_MS = 1200
const DEFAULT_RENEW_ATTEMPTS = 3
const realTimers: LiveTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout)
}

export class LiveEngine implements RealtimeControllerApi {
  readonly #config: LiveConfig
  readonly #options: LiveEngineOptions
  readonly #log: RealtimeLog
  readonly #timers: LiveTimers
  readonly #bus: CoreEventBus
  readonly #usage: LiveUsageMeter
  readonly #conversation: LiveConversation
  #status: ConnectionStatus = 'disconnected'
  #socket: LiveSocket | null = null
  #sessionLifetimeMs: number | undefined
  #startPromise: Promise<void> | null = null
  #stopping = false
  #muted = false
  #idleTimer: unknown = null
  #itemCount = 0
  #sessionCount = 0

  constructor(config: LiveConfig, options: LiveEngineOptions = {}) {
    this.#config = config
    this.#options = options
    this.#log = options.log ?? (() => undefined)
    this.#timers = options.timers ?? realTimers
    this.#bus = new CoreEventBus(this.#log)
    this.#usage = new LiveUsageMeter(config.model, this.#log)
    this.#conversation = new LiveConversation(
      (event) => this.#emit(event),
      () => `live_${this.#sessionCount}_${++this.#itemCount}`
    )
  }

  get status(): ConnectionStatus {
    return this.#status
  }
  /** How long the current session lives from its start (`session.started`'s `expires_at`). */
  get sessionLifetimeMs(): number | undefined {
    return this.#sessionLifetimeMs
  }
  get inputMuted(): boolean {
    return this.#muted
  }
  get items(): readonly ConversationItem[] {
    return this.#conversation.items
  }
  get usage(): LiveUsage {
    return this.#usage.usage
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
    this.#finishTurns()
    if (socket) {
      socket.close()
      // Its closing figure arrives after we stop listening: keep the last one reported.
      this.#usage.endSession(null)
    }
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

  appendAudio(pcm: Uint8Array): void {
    const problem = pcmChunkProblem(pcm.byteLength)
    if (problem) throw new RealtimeCoreError('invalid_input', problem)
    // The microphone's hot path: trailing chunks after a disconnect, or while muted, are dropped.
    if (this.#muted || this.#status !== 'connected') return
    this.#socket?.send({
      type: 'session.input_audio.append',
      audio: Buffer.from(pcm).toString('base64')
    })
  }

  /** The talk button: unmuted while held (push-to-talk) or while connected (hands-free). */
  setInputMuted(muted: boolean): void {
    if (this.#muted === muted) return
    this.#muted = muted
    this.#socket?.send({ type: muted ? 'session.input_audio.mute' : 'session.input_audio.unmute' })
  }

  /** Push-to-talk key up: mute. GPT-Live decides by itself when the user has finished. */
  commitUserTurn(): boolean {
    this.#requireConnected()
    this.setInputMuted(true)
    return true
  }

  /** A press too short to hold speech: mute; what was sent cannot be taken back. */
  cancelUserTurn(): void {
    this.#requireConnected()
    this.setInputMuted(true)
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

  /** A started GPT-Live session takes no history; the engine carries its own into new sessions. */
  seedHistory(): number {
    this.#requireConnected()
    return 0
  }

  async #connect(): Promise<void> {
    this.#stopping = false
    this.#setStatus({ type: 'status', status: 'connecting' })
    try {
      await this.#openSession()
    } catch (error) {
      const failure = this.#failure(error)
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
    const socket = await LiveSocket.open({
      url: this.#config.url,
      apiKey,
      start,
      startTimeoutMs: this.#options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      handshakeTimeoutMs: this.#options.handshakeTimeoutMs,
      heartbeat: this.#options.heartbeat,
      handlers: {
        onEvent: (event) => {
          if (this.#socket === socket) this.#onEvent(event)
        },
        onProblem: (message) => {
          if (this.#socket === socket) this.#emit({ type: 'error', code: 'protocol', message })
        },
        onClose: (close) => {
          if (this.#socket === socket) this.#onClose(close)
        }
      }
    })
    if (this.#stopping) {
      socket.close()
      return
    }
    this.#sessionCount++
    this.#socket = socket
    this.#sessionLifetimeMs = socket.lifetimeMs
    if (this.#muted) socket.send({ type: 'session.input_audio.mute' })
  }

  #onEvent(event: LiveServerEvent): void {
    switch (event.type) {
      case 'session.output_audio.delta': {
        const pcm = Buffer.from(event.delta, 'base64')
        if (pcm.byteLength % 2 !== 0) {
          this.#emit({
            type: 'error',
            code: 'protocol',
            message: `GPT-Live sent ${pcm.byteLength} bytes of audio, not whole 16-bit samples; that piece was skipped.`
          })
          return
        }
        this.#conversation.assistantAudio(
          new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength)
        )
        return this.#touch()
      }
      case 'session.input_transcript.delta':
      case 'session.output_transcript.delta': {
        const role = event.type === 'session.input_transcript.delta' ? 'user' : 'assistant'
        this.#conversation.fragment(role, event.delta, event.start_ms, event.end_ms)
        return this.#touch()
      }
      case 'session.delegation.created':
        void this.#delegate(event.delegation.id, event.delegation.target, event.offset_ms)
        return
      case 'session.usage.updated':
        return this.#usage.report(event.usage.seconds)
      case 'session.closed':
        if (event.usage) this.#usage.report(event.usage.seconds)
        return
      case 'error': {
        const error = liveErrorEvent(event.error)
        this.#log('warn', 'GPT-Live error', { code: event.error.code })
        this.#emit({ type: 'error', code: error.code, message: error.message })
        return
      }
      case 'session.started':
        return
    }
  }

  #onClose(close: LiveSocketClose): void {
    this.#socket = null
    this.#finishTurns()
    this.#usage.endSession(close.closed?.usageSeconds ?? null)
    if (this.#stopping) return
    const end = close.closed
      ? sessionEnd(close.closed.reason)
      : ({
          kind: 'renew',
          message: 'The connection to GPT-Live dropped; continuing in a new session.'
        } as const)
    this.#log('warn', 'The GPT-Live session ended', {
      reason: close.closed?.reason ?? 'no session.closed',
      closeCode: close.diagnostics.closeCode
    })
    if (end.kind === 'stop') {
      this.#setStatus({
        type: 'status',
        status: 'disconnected',
        reason: end.message,
        ...(end.code ? { code: end.code } : {})
      })
      return
    }
    void this.#renew(end.message)
  }

  /** A new session carrying the conversation, so the user notices at most a short pause. */
  async #renew(why: string): Promise<void> {
    const attempts = this.#options.maxRenewAttempts ?? DEFAULT_RENEW_ATTEMPTS
    let failure = { code: 'network' as RealtimeCoreError['code'], message: why }
    for (let attempt = 1; attempt <= attempts; attempt++) {
      this.#setStatus({
        type: 'status',
        status: 'connecting',
        reason: attempt === 1 ? why : `${why} (attempt ${attempt} of ${attempts})`
      })
      if (attempt > 1)
        await this.#sleep(this.#options.renewDelayMs?.(attempt) ?? 500 * 2 ** (attempt - 2))
      if (this.#stopping) return
      try {
        await this.#openSession()
        if (this.#stopping) return
        this.#setStatus({ type: 'status', status: 'connected' })
        return
      } catch (error) {
        failure = this.#failure(error)
        this.#log('warn', 'Could not renew the GPT-Live session', { ...failure, attempt })
        if (failure.code === 'auth') break
      }
    }
    if (this.#stopping) return
    this.#setStatus({
      type: 'status',
      status: 'disconnected',
      reason: `GPT-Live could not start a new session: ${failure.message} The conversation so far is kept.`,
      code: failure.code
    })
  }

  async #delegate(delegationId: string, target: string, offsetMs: number): Promise<void> {
    // Hark starts sessions with client delegation only; anything else is the server's business.
    if (target !== 'client') return
    const socket = this.#socket
    const request = this.#conversation.lastUserText()
    this.#conversation.addDelegation(delegationId, request)
    const { outcome, failure } = await runDelegation(this.#options.delegationHandler, {
      delegationId,
      offsetMs,
      request
    })
    if (failure) this.#emit({ type: 'error', code: 'tool', message: failure })
    this.#conversation.completeDelegation(delegationId, outcomeText(outcome))
    // The session it belongs to may have ended meanwhile; a new one knows nothing of it.
    if (socket && this.#socket === socket) socket.send(delegationReply(delegationId, outcome))
  }

  /** Captions or audio arrived: the open turns stay open until the line is quiet. */
  #touch(): void {
    if (this.#idleTimer !== null) this.#timers.clearTimeout(this.#idleTimer)
    this.#idleTimer = this.#timers.setTimeout(() => {
      this.#idleTimer = null
      this.#conversation.endOpenTurns()
    }, this.#options.turnIdleMs ?? DEFAULT_TURN_IDLE_MS)
  }

  #finishTurns(): void {
    if (this.#idleTimer !== null) this.#timers.clearTimeout(this.#idleTimer)
    this.#idleTimer = null
    this.#conversation.endOpenTurns()
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.#timers.setTimeout(resolve, ms))
  }

  #failure(error: unknown): { code: RealtimeCoreError['code']; message: string } {
    if (error instanceof RealtimeCoreError) return { code: error.code, message: error.message }
    return asLive(classifyError(error, { url: this.#config.url }))
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
    this.#bus.emit(event)
  }
}
