// One conversation with the Realtime API: the SDK's RealtimeSession on Hark's playback-aware
// WebSocket transport, behind RealtimeControllerApi. Never imports electron (docs/architecture.md, "Processes").
import type { RealtimeSession } from '@openai/agents-realtime'
import { pcmBytesToMs, pcmChunkProblem } from '../../shared/pcm'
import type {
  ConnectionStatus,
  ConversationItem,
  RealtimeCoreEvent
} from '../../shared/realtime-events'
import type { RealtimeConfig } from './config'
import { resolveEndpointUrl } from './config'
import type { RealtimeControllerApi, RealtimeCoreListener } from './controller-api'
import { RealtimeCoreError, type RespondOptions, type SeedOptions } from './controller-api'
import { autoRespondUpdate } from './auto-respond'
import type { ClassifiedError } from './error-classifier'
import { classifyError } from './error-classifier'
import type { RealtimeLog } from './event-bus'
import { CoreEventBus } from './event-bus'
import {
  BENIGN_SERVER_ERROR_CODES,
  disconnectCause,
  serverErrorCode,
  startFailureCause
} from './failure-cause'
import type { HeartbeatOptions } from './heartbeat'
import { MAX_SEED_ITEMS, seedItems } from './history'
import { PlaybackAwareTransport } from './playback-aware-transport'
import { exactArrayBuffer } from './pcm-buffer'
import type { RealtimeTool } from './session-config'
import { createAgent, createRealtimeSession } from './session-config'
import type { SessionEventMapper } from './session-events'
import { attachSessionEvents, transportHooks } from './session-events'
import { StartAttempt, StartCancelledError } from './start-attempt'
import { attachToolApprovals, type ToolApprovalDecider } from './tool-approvals'
import { numberField, recordField } from './wire'
import { TurnMetricsTracker } from './turn-metrics'

export type { RealtimeLog, RealtimeLogLevel } from './event-bus'

export interface RealtimeControllerOptions {
  /** Local function tools (the SDK's `tool()`), e.g. `getCurrentTimeTool`. */
  tools?: RealtimeTool[]
  /** Answers the SDK's tool approvals (the user's consent); without it every approval is refused. */
  approveTool?: ToolApprovalDecider
  log?: RealtimeLog
  /** How long start() waits for the server's first event once the socket is open. */
  readyTimeoutMs?: number
  /** How long the WebSocket upgrade may take. */
  handshakeTimeoutMs?: number
  /** The keepalive ping's interval, timeout and timers (heartbeat.ts). */
  heartbeat?: HeartbeatOptions
  /** The clock turn latencies are measured with (tests pass a fake one). */
  now?: () => number
}

/** The API rejects commits of less than 100 ms (`input_audio_buffer_commit_empty`). */
export const MIN_COMMIT_MS = 100
const DEFAULT_READY_TIMEOUT_MS = 3000
const CLOSED_BY_USER = 'The session was closed.'

/**
 * How it reports:
 * - `status` goes `connecting` → `connected` once the server has sent its first event (not at
 *   socket open: a refused key opens the socket first, reference §7) → `disconnected` with a
 *   human `reason`, and a `code` unless the user closed the session.
 * - A failed start() is reported once: its rejection (a RealtimeCoreError) and the final
 *   `disconnected` status carry the code; no separate `error` event.
 * - Once connected, failures that leave the session usable (server `error` events, protocol
 *   problems, tool failures) are `error` events.
 * The SDK does not reconnect (reference §7); after a drop, start() opens a new server session.
 */
export class RealtimeController implements RealtimeControllerApi {
  readonly #config: RealtimeConfig
  readonly #log: RealtimeLog
  readonly #readyTimeoutMs: number
  readonly #endpointUrl: string
  readonly #transport: PlaybackAwareTransport
  readonly #session: RealtimeSession
  readonly #events: SessionEventMapper
  readonly #bus: CoreEventBus
  readonly #turnMetrics: TurnMetricsTracker
  #status: ConnectionStatus = 'disconnected'
  #attempt: StartAttempt | undefined
  #startPromise: Promise<void> | undefined
  #stopping = false
  /** PCM appended since the last commit; a commit needs at least MIN_COMMIT_MS of it. */
  #appendedBytes = 0
  #droppedAudioLogged = false
  #lastServerError: { error: ClassifiedError; atMs: number } | undefined
  #sessionLifetimeMs: number | undefined

  constructor(config: RealtimeConfig, options: RealtimeControllerOptions = {}) {
    this.#config = config
    this.#log = options.log ?? (() => undefined)
    this.#bus = new CoreEventBus(this.#log)
    this.#readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS
    this.#endpointUrl = resolveEndpointUrl(config.url, config.model)
    this.#transport = new PlaybackAwareTransport({
      url: this.#endpointUrl,
      model: config.model,
      provider: config.provider,
      ...(options.handshakeTimeoutMs !== undefined
        ? { handshakeTimeoutMs: options.handshakeTimeoutMs }
        : {}),
      heartbeat: {
        ...options.heartbeat,
        onDead: (silentMs) => {
          this.#log('warn', 'The Realtime server stopped answering pings; dropping the socket', {
            silentMs
          })
          options.heartbeat?.onDead?.(silentMs)
        }
      },
      hooks: transportHooks({
        emit: (event) => this.#emit(event),
        onProtocolProblem: (message, data) => {
          this.#log('warn', message, data)
          this.#reportError({ code: 'protocol', message })
        },
        onInternalError: (error) => this.#reportError(classifyError(error, this.#context()))
      })
    })
    this.#session = createRealtimeSession(config, this.#transport, options.tools ?? [])
    attachToolApprovals(this.#session, options.approveTool, this.#log)
    // The session object carries `expires_at` (unix seconds): the API ends a session at its time
    // limit (60 minutes, reference §1), and the session manager rolls over before that.
    this.#transport.on('session.created', (event: unknown) => {
      const expiresAtS = numberField(recordField(event, 'session'), 'expires_at')
      if (expiresAtS !== undefined) this.#sessionLifetimeMs = expiresAtS * 1000 - Date.now()
    })
    this.#turnMetrics = new TurnMetricsTracker({
      model: config.model,
      transcriptionModel: config.transcriptionModel,
      emit: (metrics) => this.#emit({ type: 'turn_metrics', ...metrics }),
      ...(options.now ? { now: options.now } : {})
    })
    this.#turnMetrics.attach(this.#transport)
    this.#events = attachSessionEvents(this.#session, this.#transport, {
      emit: (event) => this.#emit(event),
      onServerEvent: (type) => {
        if (type !== 'error') this.#attempt?.markReady()
      },
      onSdkError: (error) => this.#onSdkError(error),
      onConnectionChange: (status) => this.#onConnectionChange(status),
      onInputCommitted: () => {
        // With VAD the server commits on its own; with push-to-talk only commitUserTurn does.
        if (this.#config.turnDetection !== 'none') this.#appendedBytes = 0
      }
    })
  }

  get status(): ConnectionStatus {
    return this.#status
  }

  get sessionLifetimeMs(): number | undefined {
    return this.#sessionLifetimeMs
  }

  subscribe(listener: RealtimeCoreListener): () => void {
    return this.#bus.subscribe(listener)
  }

  start(): Promise<void> {
    if (this.#startPromise) return this.#startPromise
    if (this.#status === 'connected') return Promise.resolve()
    const promise = this.#connect().finally(() => {
      if (this.#startPromise === promise) this.#startPromise = undefined
    })
    this.#startPromise = promise
    return promise
  }

  async stop(): Promise<void> {
    this.#stopping = true
    this.#attempt?.cancel()
    try {
      this.#session.close()
    } catch (error) {
      this.#log('warn', 'Closing the Realtime session failed', { error: String(error) })
    }
    if (!this.#attempt && this.#status !== 'disconnected')
      this.#setStatus({ type: 'status', status: 'disconnected', reason: CLOSED_BY_USER })
    // Let a pending start() finish failing so that a following start() begins cleanly.
    await this.#startPromise?.catch(() => undefined)
  }

  sendText(text: string, itemId?: string, options: RespondOptions = {}): void {
    this.#requireConnected()
    if (text.trim() === '') throw new RealtimeCoreError('invalid_input', 'The message is empty.')
    // The SDK's sendMessage, plus the item id: with it the session manager knows when the server
    // has the message (its `conversation.item.added`), and a resend after a reconnect is the same
    // item, not a copy.
    this.#callSdk(() => {
      this.#createUserItem({ type: 'input_text', text }, itemId)
      if (options.respond !== false) this.#transport.requestResponse()
    })
    if (options.respond !== false) this.#turnMetrics.userTurnEnded('text')
  }

  sendImage(dataUrl: string, itemId?: string): void {
    this.#requireConnected()
    // What the SDK's addImage sends: a user message whose content is one `input_image` with the
    // data URL (GA `conversation.item.create`, openai realtime.d.ts), no response of its own;
    // with Hark's item id, so that a reconnect can replay the same picture (conversation-ledger.ts).
    this.#callSdk(() => this.#createUserItem({ type: 'input_image', image_url: dataUrl }, itemId))
  }

  /** A user message of one part (GA `conversation.item.create`), with Hark's item id if given. */
  #createUserItem(
    part: { type: 'input_text'; text: string } | { type: 'input_image'; image_url: string },
    itemId: string | undefined
  ): void {
    this.#transport.sendEvent({
      type: 'conversation.item.create',
      item: {
        ...(itemId !== undefined ? { id: itemId } : {}),
        type: 'message',
        role: 'user',
        content: [part]
      }
    })
  }

  checkConnection(): void {
    if (this.#status === 'connected') this.#transport.checkConnection()
  }

  requestResponse(): void {
    this.#requireConnected()
    this.#callSdk(() => this.#transport.requestResponse())
  }

  setAutoRespond(on: boolean): void {
    const update = autoRespondUpdate(this.#config, on)
    if (!update || this.#status !== 'connected') return
    this.#callSdk(() => this.#transport.sendEvent(update))
  }

  appendAudio(pcm: Uint8Array): boolean {
    const problem = pcmChunkProblem(pcm.byteLength)
    if (problem) throw new RealtimeCoreError('invalid_input', problem)
    if (this.#status !== 'connected') {
      // The hot path from the microphone: a few chunks can trail a disconnect.
      if (!this.#droppedAudioLogged) this.#log('debug', 'Dropping audio: not connected')
      this.#droppedAudioLogged = true
      return false
    }
    this.#callSdk(() => this.#transport.sendAudio(exactArrayBuffer(pcm)))
    this.#appendedBytes += pcm.byteLength
    return true
  }

  commitUserTurn(options: RespondOptions = {}): boolean {
    this.#requireConnected()
    if (pcmBytesToMs(this.#appendedBytes) < MIN_COMMIT_MS) return false
    this.#callSdk(() => {
      this.#transport.sendEvent({ type: 'input_audio_buffer.commit' })
      // A commit never creates a response by itself (reference §2, `sendAudio`).
      if (options.respond !== false) this.#transport.requestResponse()
    })
    if (options.respond !== false) this.#turnMetrics.userTurnEnded('key_up')
    this.#appendedBytes = 0
    return true
  }

  cancelUserTurn(): void {
    this.#requireConnected()
    this.#callSdk(() => this.#transport.sendEvent({ type: 'input_audio_buffer.clear' }))
    this.#appendedBytes = 0
  }

  interrupt(): void {
    if (this.#status !== 'connected') {
      // Nothing to cancel, but the renderer may still be draining audio: stop it.
      this.#emit({ type: 'audio_interrupted', itemId: null })
      return
    }
    try {
      this.#transport.interruptByUser()
    } catch (error) {
      this.#reportError(classifyError(error, this.#context()))
    }
  }

  /**
   * The renderer's played position for an item. After a VAD barge-in the truncate waits for the
   * renderer's post-flush report (truncation-hold.ts); `final` marks that report so the truncate
   * goes out at once (without it, the transport waits briefly for a later report).
   */
  reportPlayback(itemId: string, playedMs: number, final = false): void {
    if (itemId === '' || !Number.isFinite(playedMs) || playedMs < 0)
      throw new RealtimeCoreError(
        'invalid_input',
        'A playback report needs an item and a played time ≥ 0.'
      )
    this.#transport.reportPlayback(itemId, playedMs, final)
    this.#turnMetrics.played(itemId, playedMs)
  }

  /**
   * A tool list that changed (an MCP server listed its tools or sent `tools/list_changed`, a
   * policy changed). Connected: the session gets it now. Otherwise it is kept and given to the
   * session as it connects, before anyone sees 'connected': a list that arrives while connecting
   * (servers still starting when the user presses Connect) would otherwise never reach the model.
   */
  async updateTools(tools: RealtimeTool[]): Promise<void> {
    if (this.#status !== 'connected') {
      this.#toolsForNextConnect = tools
      return
    }
    await this.#session.updateAgent(createAgent(this.#config, tools))
  }

  #toolsForNextConnect: RealtimeTool[] | undefined

  /** Tools that changed while the socket was opening go to the server before 'connected'. */
  async #applyToolsForNextConnect(): Promise<void> {
    const tools = this.#toolsForNextConnect
    if (tools === undefined) return
    this.#toolsForNextConnect = undefined
    try {
      await this.#session.updateAgent(createAgent(this.#config, tools))
    } catch (error) {
      this.#log('warn', 'The new tool list could not be sent to the session', {
        error: String(error)
      })
    }
  }

  seedHistory(items: readonly ConversationItem[], options: SeedOptions = {}): number {
    this.#requireConnected()
    const seeds = seedItems(items, MAX_SEED_ITEMS, options.images)
    // Raw item creates, not session.updateHistory: that one cannot replay assistant audio items
    // and diffs against the SDK's (here empty) history (reference §2, §7 recovery recipe).
    this.#callSdk(() => {
      for (const item of seeds)
        this.#transport.sendEvent({ type: 'conversation.item.create', item })
      // A question the dropped session never answered (or whose answer was cut) is answered now.
      if (options.respond) this.#transport.requestResponse()
    })
    return seeds.length
  }

  async #connect(): Promise<void> {
    const attempt = new StartAttempt()
    this.#attempt = attempt
    this.#stopping = false
    this.#appendedBytes = 0
    this.#droppedAudioLogged = false
    this.#lastServerError = undefined
    this.#sessionLifetimeMs = undefined
    this.#events.reset()
    this.#turnMetrics.reset()
    this.#transport.forgetSocket()
    this.#setStatus({ type: 'status', status: 'connecting' })
    try {
      const apiKey = await attempt.untilCancelled(Promise.resolve(this.#config.apiKey()))
      await attempt.untilCancelled(this.#session.connect({ apiKey, url: this.#endpointUrl }))
      if (attempt.cancelled) throw new StartCancelledError()
      const readiness = await attempt.waitUntilReady(this.#readyTimeoutMs)
      if (attempt.cancelled) throw new StartCancelledError()
      if (this.#transport.status !== 'connected') throw new Error('closed before ready')
      if (readiness === 'timeout')
        this.#log('warn', 'The Realtime server sent nothing after connecting; carrying on', {
          timeoutMs: this.#readyTimeoutMs
        })
    } catch (error) {
      const failure = this.#startFailure(error, attempt)
      if (this.#attempt === attempt) {
        // Closed while still the current attempt, so the close is not reported as a drop.
        this.#closeQuietly()
        this.#attempt = undefined
        this.#setStatus(
          attempt.cancelled
            ? { type: 'status', status: 'disconnected', reason: CLOSED_BY_USER }
            : {
                type: 'status',
                status: 'disconnected',
                reason: failure.message,
                code: failure.code
              }
        )
      }
      this.#log('warn', 'Could not start the Realtime session', { ...failure })
      throw new RealtimeCoreError(failure.code, failure.message, { cause: error })
    }
    this.#attempt = undefined
    await this.#applyToolsForNextConnect()
    this.#setStatus({ type: 'status', status: 'connected' })
    for (const error of attempt.deferredErrors) this.#reportError(error)
  }

  #startFailure(error: unknown, attempt: StartAttempt): ClassifiedError {
    if (attempt.cancelled)
      return { code: 'not_connected', message: new StartCancelledError().message }
    return startFailureCause({
      error,
      socket: this.#transport.socketDiagnostics,
      serverError: attempt.serverError,
      context: this.#context()
    })
  }

  #onConnectionChange(status: ConnectionStatus): void {
    // 'connecting' was announced by start(); 'connected' waits until the server is ready.
    if (status !== 'disconnected') return
    this.#appendedBytes = 0
    if (this.#attempt) {
      // start() owns the outcome and reports it once.
      this.#attempt.markClosed()
      return
    }
    if (this.#status === 'disconnected') return
    if (this.#stopping) {
      this.#setStatus({ type: 'status', status: 'disconnected', reason: CLOSED_BY_USER })
      return
    }
    const cause = disconnectCause(
      this.#transport.socketDiagnostics,
      this.#lastServerError,
      Date.now()
    )
    this.#log('warn', 'The Realtime connection ended', { ...cause })
    this.#setStatus({
      type: 'status',
      status: 'disconnected',
      reason: cause.message,
      code: cause.code
    })
  }

  #onSdkError(error: unknown): void {
    const classified = classifyError(error, this.#context())
    const serverCode = serverErrorCode(error)
    this.#log(
      serverCode && BENIGN_SERVER_ERROR_CODES.has(serverCode) ? 'debug' : 'warn',
      'Realtime error',
      {
        ...classified,
        serverCode
      }
    )
    if (serverCode && BENIGN_SERVER_ERROR_CODES.has(serverCode)) return
    const attempt = this.#attempt
    if (attempt) {
      // Connect failures reach start() through connect()'s rejection; server errors are kept
      // to explain a close before ready (a rejected key) or reported once connected.
      if (serverCode !== undefined) {
        attempt.serverError ??= classified
        attempt.deferredErrors.push(classified)
      }
      return
    }
    if (serverCode !== undefined) this.#lastServerError = { error: classified, atMs: Date.now() }
    this.#reportError(classified)
  }

  #reportError(error: ClassifiedError): void {
    this.#emit({ type: 'error', code: error.code, message: error.message })
  }

  #requireConnected(): void {
    if (this.#status !== 'connected')
      throw new RealtimeCoreError('not_connected', 'Not connected to the Realtime server.')
  }

  /** SDK sends throw plain Errors when the socket is gone (reference §7): give them a code. */
  #callSdk(send: () => void): void {
    try {
      send()
    } catch (error) {
      const classified = classifyError(error, this.#context())
      throw new RealtimeCoreError(classified.code, classified.message, { cause: error })
    }
  }

  #closeQuietly(): void {
    try {
      this.#session.close()
    } catch (error) {
      this.#log('debug', 'Closing after a failed start threw', { error: String(error) })
    }
  }

  #context(): { url: string } {
    return { url: this.#endpointUrl }
  }

  #setStatus(event: Extract<RealtimeCoreEvent, { type: 'status' }>): void {
    this.#status = event.status
    this.#emit(event)
  }

  #emit(event: RealtimeCoreEvent): void {
    this.#bus.emit(event)
  }
}
