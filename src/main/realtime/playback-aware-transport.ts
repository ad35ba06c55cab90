// The SDK's WebSocket transport, taught what the user actually heard.
//
// With WebSocket the client owns playback and the SDK estimates the heard position from the wall
// clock since the first delta reached main (reference §5, "Default accuracy"), which runs ahead
// of the renderer's jitter buffer. This subclass truncates at the position the renderer reports
// for the current item instead, sends no truncate before the first played sample or after the
// item was fully heard, cancels an active response even before its first audio delta (the SDK's
// `interrupt()` returns early then, reference §5 step 3), and drops late deltas of a response it
// interrupted.
//
// Truncation timing: for an interrupt the renderer started (Stop, push-to-talk) it flushed and
// reported before telling main, so the truncate goes out at once. For one main learns of first
// (the server VAD's speech_started, via the SDK's `interrupt()`), the flush and the cancel go out
// at once but the truncate is held until the renderer's post-flush report (truncation-hold.ts).
import { AUDIO_DELTA } from './audio-delta-decoder'
import { describeImageParts } from './image-items'
import { OpenAIRealtimeWebSocket } from '@openai/agents-realtime'
import type {
  RealtimeTransportLayerConnectOptions,
  TransportLayerAudio
} from '@openai/agents-realtime'
import type { HeartbeatOptions } from './heartbeat'
import type { Provider } from '../../shared/providers'
import { Heartbeat } from './heartbeat'
import type { SocketDiagnostics, SocketGuardHandlers } from './socket-factory'
import { openGuardedSocket } from './socket-factory'
import { ItemPlayback } from './item-playback'
import { decideTruncation } from './truncation'
import type { HeldOutcome, HoldTimers } from './truncation-hold'
import { TruncationHold } from './truncation-hold'
import { numberField, recordField, stringField } from './wire'

export interface TransportHooks extends SocketGuardHandlers {
  /** One audio delta of a response that was not interrupted, tagged with its item. */
  onAudio(audio: { responseId: string; itemId: string; data: ArrayBuffer }): void
  /** Playback must stop now (flush). `itemId` is the item that was playing, if any. */
  onInterrupted(itemId: string | null): void
  /** A `conversation.item.truncate` was sent. */
  onTruncated(itemId: string, audioEndMs: number): void
  /** Something went wrong that the transport cannot report otherwise. */
  onInternalError(error: unknown): void
  /** An audio delta the SDK's schema would refuse (it drops those silently). */
  onUnusableEvent(eventType: string): void
}

export interface PlaybackAwareTransportOptions {
  url?: string
  model?: string
  /** Says how the key is sent (socket-factory.ts); OpenAI's Bearer token when absent. */
  provider?: Provider
  hooks: TransportHooks
  handshakeTimeoutMs?: number
  /** How a truncate is held for the renderer's final report (tests shorten it or fake the clock). */
  truncationHold?: { timeoutMs?: number; settleMs?: number; timers?: HoldTimers }
  /** The keepalive ping (heartbeat.ts); tests shorten it or fake the clock. */
  heartbeat?: HeartbeatOptions
}

/** Interrupted response ids are kept until their `response.done`; this bounds a misbehaving server. */
const MAX_REMEMBERED_RESPONSES = 64

export class PlaybackAwareTransport extends OpenAIRealtimeWebSocket {
  readonly #hooks: TransportHooks
  readonly #handshakeTimeoutMs: number | undefined
  readonly #provider: Provider | undefined
  #diagnostics: SocketDiagnostics | undefined
  #socket: ReturnType<typeof openGuardedSocket>['socket'] | undefined
  /** The items whose audio arrived and was not interrupted, with what of each was played. */
  readonly #items = new ItemPlayback()
  #activeResponseId: string | undefined
  /** A response.create went out and its response.created has not arrived yet. */
  #awaitingResponse = false
  #cancelNextResponse = false
  readonly #interruptedResponses = new Set<string>()
  readonly #hold: TruncationHold
  readonly #heartbeat: Heartbeat
  /** Set while `interruptByUser` runs: the renderer has already reported its final position. */
  #interruptingForUser = false

  constructor(options: PlaybackAwareTransportOptions) {
    // `createWebSocket` is called at connect time, long after construction; the holder lets the
    // factory reach this instance without touching `this` before super().
    const holder: { transport?: PlaybackAwareTransport } = {}
    super({
      ...(options.url !== undefined ? { url: options.url } : {}),
      ...(options.model !== undefined ? { model: options.model } : {}),
      createWebSocket: ({ url, apiKey }) => {
        const transport = holder.transport
        if (!transport) return Promise.reject(new Error('The transport is not constructed yet.'))
        return Promise.resolve(transport.#openSocket(url, apiKey))
      }
    })
    holder.transport = this
    this.#hooks = options.hooks
    this.#handshakeTimeoutMs = options.handshakeTimeoutMs
    this.#provider = options.provider
    this.#heartbeat = new Heartbeat(options.heartbeat)
    this.#hold = new TruncationHold({
      ...options.truncationHold,
      onResolved: (outcome) => this.#sendHeldTruncate(outcome)
    })
    // Wire events are emitted by `_onMessage` before the SDK's own audio handling and before
    // `_onAudio` for the same message (openaiRealtimeWebsocket.js `#setupWebSocket`), so the item
    // is known when its audio arrives.
    this.on('response.output_audio.delta', (event: unknown) => this.#onAudioDelta(event))
    this.on('response.output_audio.done', (event: unknown) => {
      const itemId = stringField(event, 'item_id')
      if (itemId === undefined) return
      this.#items.noteGenerationDone(itemId)
      this.#hold.noteGenerationDone(itemId)
    })
    this.on('response.created', (event: unknown) => this.#onResponseCreated(event))
    this.on('response.done', (event: unknown) => {
      const responseId = stringField(recordField(event, 'response'), 'id')
      if (responseId === undefined) return
      if (this.#activeResponseId === responseId) this.#activeResponseId = undefined
      // Nothing of a response follows its response.done.
      this.#interruptedResponses.delete(responseId)
    })
    this.on('error', (event: unknown) => {
      // A failed response.create (the SDK ids them agents_js_response_create_N) will not start.
      const causedBy = stringField(recordField(recordField(event, 'error'), 'error'), 'event_id')
      if (causedBy?.includes('response_create')) this.#awaitingResponse = false
    })
  }

  /**
   * Echoed image items are described in words first: the SDK cannot parse them (image-items.ts).
   * An audio delta the socket decoded was checked there as the SDK's schema checks it: what the
   * SDK's `_onMessage` emits for one (openaiRealtimeBase.js: `'*'` with a copy of the raw event,
   * then the event under its wire name, nothing else) is emitted without parsing and cloning it
   * again, for every delta of every reply (main-process CPU, README "Speed").
   */
  protected override _onMessage(event: MessageEvent): void {
    const decoded = this.#socket?.decodedAudio
    if (decoded === undefined) return super._onMessage(describeImageParts(event))
    this.emit('*', { ...decoded.raw })
    this.emit(AUDIO_DELTA, { ...decoded.parsed })
  }

  /** What the last socket learned (HTTP status of a refused upgrade, close code and reason). */
  get socketDiagnostics(): SocketDiagnostics | undefined {
    return this.#diagnostics
  }

  /** Drop what an earlier socket learned, so a new start() is not explained by an old close. */
  forgetSocket(): void {
    this.#diagnostics = undefined
  }

  /** Ping the server now; no pong within the heartbeat's timeout ends the socket as a drop. */
  checkConnection(): void {
    this.#heartbeat.checkNow()
  }

  /** The response was interrupted and its remaining audio is being dropped. */
  wasInterrupted(responseId: string): boolean {
    return this.#interruptedResponses.has(responseId)
  }

  override connect(options: RealtimeTransportLayerConnectOptions): Promise<void> {
    this.#resetConnectionState()
    return super.connect(options)
  }

  override close(): void {
    // A close while already disconnected does not reach _onClose.
    this.#hold.cancel()
    this.#heartbeat.stop()
    super.close()
  }

  protected override _onClose(): void {
    // The held item belongs to the server session that just ended: a truncate for it on a later
    // connection would be refused (item_not_found), and this socket can no longer carry it.
    this.#hold.cancel()
    this.#heartbeat.stop()
    super._onClose()
  }

  /**
   * The SDK's `sendAudio` base64-encodes through a binary string and `btoa`, 50 times a second
   * while the microphone streams; Node's native encoder gives the same text for a fraction of
   * the CPU (the main-process budget, docs in README "Speed"). Same events, same order.
   */
  override sendAudio(audio: ArrayBuffer, options: { commit?: boolean } = {}): void {
    // The SDK's own guard (openaiRealtimeWebsocket.js `sendAudio`): audio only while connected.
    if (this.status !== 'connected') return
    const base64 = Buffer.from(audio).toString('base64')
    this.sendEvent({ type: 'input_audio_buffer.append', audio: base64 })
    if (options.commit) this.sendEvent({ type: 'input_audio_buffer.commit' })
  }

  override requestResponse(response?: Record<string, unknown>): void {
    // The next response should be generated from what the user heard.
    this.#hold.resolveNow()
    super.requestResponse(response)
    this.#awaitingResponse = true
  }

  /**
   * The renderer's played position for an item: one whose audio arrived (a response may have
   * several), or the interrupted item whose truncate is held for it. Reports for any other item
   * are ignored. `final` marks the renderer's post-flush report, which sends a held truncate at
   * once.
   */
  reportPlayback(itemId: string, playedMs: number, final = false): boolean {
    if (this.#hold.report(itemId, playedMs, final)) return true
    return this.#items.report(itemId, playedMs)
  }

  /**
   * The user's Stop / push-to-talk press: always flush, cancel, and truncate what was heard. The
   * renderer flushed and reported before asking, so the truncate is not held.
   */
  interruptByUser(): void {
    if (!this.#sdkTracksAudio()) {
      this.#interruptWithoutAudio(true)
      return
    }
    this.#interruptingForUser = true
    try {
      super.interrupt(true)
    } finally {
      this.#interruptingForUser = false
    }
  }

  /** Called by the SDK on VAD `speech_started` and by output guardrails (reference §5 step 2). */
  override interrupt(cancelOngoingResponse = true): void {
    if (this.#sdkTracksAudio()) {
      super.interrupt(cancelOngoingResponse)
      return
    }
    // Speech started while nothing was generating: there is nothing to interrupt.
    if (this.#activeResponseId === undefined && !this.#awaitingResponse) return
    this.#interruptWithoutAudio(cancelOngoingResponse)
  }

  /**
   * The SDK calls this from `interrupt()` with the wall-clock time since the item's first delta
   * (and its own `currentItemId` is the item whose audio arrived last). Both are ignored: the
   * renderer's reports say which item was being heard and how much of it (reference §5), and
   * only that item is truncated; an item fully heard before it is left alone.
   */
  override _interrupt(_elapsedMs: number, cancelOngoingResponse = true): void {
    const item = this.#items.playing()
    const newest = this.#items.newest
    const exact = this.#interruptingForUser
    if (item) this.#rememberInterrupted(item.responseId)
    if (newest) this.#rememberInterrupted(newest.responseId)
    this.#stopActiveResponse(cancelOngoingResponse)
    this.#items.clear()
    // Held before the flush is requested, so that no report of the flush can come before it.
    if (item && !exact) this.#hold.hold(item)
    this.emit('audio_interrupted')
    this.#hooks.onInterrupted(item?.itemId ?? this.currentItemId ?? null)
    if (!item || !exact) return
    // Another interrupted item still waiting goes first (its report would come later anyway).
    this.#hold.resolveNow()
    this.#sendTruncate(item, decideTruncation(item))
  }

  protected override _onAudio(audioEvent: TransportLayerAudio): void {
    // Late deltas of an interrupted response: with server-side interrupt_response a few still
    // arrive after the flush (reference §5, "drop further chunks for that responseId").
    if (this.#interruptedResponses.has(audioEvent.responseId)) return
    // The guarded socket decoded this delta's base64 and gave the SDK an empty one
    // (audio-delta-decoder.ts). The SDK's `_audioLengthMs` therefore stays 0: only its own
    // `_interrupt` reads it, and `_interrupt` is overridden above without calling it.
    const pcm = this.#socket?.decodedAudio?.pcm
    const audio = pcm === undefined ? audioEvent : { ...audioEvent, data: pcm }
    super._onAudio(audio)
    const itemId = this.#items.newest?.itemId ?? this.currentItemId
    if (itemId === undefined) return
    this.#items.addForwarded(itemId, audio.data.byteLength)
    this.#hooks.onAudio({ responseId: audio.responseId, itemId, data: audio.data })
  }

  #sendHeldTruncate({ item, decision }: HeldOutcome): void {
    try {
      this.#sendTruncate(item, decision)
    } catch (error) {
      // From a timer or a report: nothing up the stack would catch it.
      this.#hooks.onInternalError(error)
    }
  }

  #sendTruncate(
    item: { itemId: string; contentIndex: number },
    decision: ReturnType<typeof decideTruncation>
  ): void {
    if (!decision.truncate) return
    this.sendEvent({
      type: 'conversation.item.truncate',
      item_id: item.itemId,
      content_index: item.contentIndex,
      audio_end_ms: decision.audioEndMs
    })
    this.#hooks.onTruncated(item.itemId, decision.audioEndMs)
  }

  #sdkTracksAudio(): boolean {
    // The SDK's own precondition for interrupt() (openaiRealtimeWebsocket.js `interrupt`).
    return this.currentItemId !== undefined && this._firstAudioTimestamp !== undefined
  }

  #interruptWithoutAudio(cancelOngoingResponse: boolean): void {
    this.#stopActiveResponse(cancelOngoingResponse)
    // The session resets its audio_start bookkeeping on this event.
    this.emit('audio_interrupted')
    this.#hooks.onInterrupted(null)
  }

  /**
   * `cancel` false means the server cancels by itself (turn detection `interrupt_response`), so
   * only the bookkeeping is done; either way the active response's late audio is dropped.
   */
  #stopActiveResponse(cancel: boolean): void {
    if (this.#activeResponseId !== undefined) this.#rememberInterrupted(this.#activeResponseId)
    if (!cancel) return
    // The sequencer sends response.cancel only between response.created and response.done.
    this._cancelResponse()
    // A response.create is on its way: cancel that response as soon as it is created.
    if (this.#activeResponseId === undefined && this.#awaitingResponse)
      this.#cancelNextResponse = true
  }

  #onAudioDelta(event: unknown): void {
    const responseId = stringField(event, 'response_id')
    const itemId = stringField(event, 'item_id')
    const contentIndex = numberField(event, 'content_index')
    if (responseId === undefined || itemId === undefined || contentIndex === undefined) return
    if (this.#interruptedResponses.has(responseId)) {
      this.#hold.noteLateAudio(itemId)
      return
    }
    const newest = this.#items.newest
    if (newest?.itemId !== itemId || newest.contentIndex !== contentIndex) {
      // A new item: an item still held is resolved before the new one plays.
      if (this.#hold.itemId !== itemId) this.#hold.resolveNow()
    }
    this.#items.noteAudio(responseId, itemId, contentIndex)
  }

  #onResponseCreated(event: unknown): void {
    // The conversation moves on: a held truncate goes out before this response gets far.
    this.#hold.resolveNow()
    const responseId = stringField(recordField(event, 'response'), 'id')
    this.#activeResponseId = responseId
    this.#awaitingResponse = false
    if (!this.#cancelNextResponse) return
    this.#cancelNextResponse = false
    if (responseId !== undefined) this.#rememberInterrupted(responseId)
    // This listener runs inside `_onMessage`, before the SDK marks the response as ongoing;
    // `_cancelResponse` only sends while it is, so wait for the rest of this message's handling.
    queueMicrotask(() => {
      try {
        this._cancelResponse()
      } catch (error) {
        this.#hooks.onInternalError(error)
      }
    })
  }

  #rememberInterrupted(responseId: string): void {
    this.#interruptedResponses.add(responseId)
    if (this.#interruptedResponses.size <= MAX_REMEMBERED_RESPONSES) return
    const oldest = this.#interruptedResponses.values().next()
    if (!oldest.done) this.#interruptedResponses.delete(oldest.value)
  }

  #resetConnectionState(): void {
    this.#hold.cancel()
    this.#diagnostics = undefined
    this.#items.clear()
    this.#activeResponseId = undefined
    this.#awaitingResponse = false
    this.#cancelNextResponse = false
    this.#interruptedResponses.clear()
  }

  #openSocket(url: string, apiKey: string): ReturnType<typeof openGuardedSocket>['socket'] {
    const { socket, diagnostics } = openGuardedSocket({
      url,
      apiKey,
      headers: { ...this.getCommonRequestHeaders() },
      ...(this.#provider !== undefined ? { provider: this.#provider } : {}),
      handlers: this.#hooks,
      decodeAudioDeltas: true,
      ...(this.#handshakeTimeoutMs !== undefined
        ? { handshakeTimeoutMs: this.#handshakeTimeoutMs }
        : {})
    })
    this.#diagnostics = diagnostics
    this.#socket = socket
    socket.once('open', () => this.#heartbeat.watch(socket))
    socket.once('close', () => this.#heartbeat.release(socket))
    return socket
  }
}
