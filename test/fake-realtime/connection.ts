// One WebSocket session: parses and records each client event, answers it the way the API does
// (an `error` that changes nothing when the event is invalid or not allowed now), and owns the
// session config, the conversation, the input audio and the one active response.
import type { RawData, WebSocket } from 'ws'
import { AudioInput, type AudioInputHost } from './audio-input'
import { parseClientEvent, type ClientEvent, type ClientEventOf } from './client-events'
import { Conversation } from './conversation'
import { SESSION_EXPIRED_MESSAGE, type EndingFault, type FakeFaults } from './faults'
import type { IdFactory } from './ids'
import type { FakeRealtimeOptions } from './options'
import { RecordedResponse, type RecordedClientEvent, type Recorder } from './recorder'
import { ResponseStream, type CancelReason, type ResponseHost } from './response-stream'
import { SESSION_LIFETIME_MS, initialSession, isApiError, mergeSession } from './session-config'
import { buildTurn, estimateInputTokens } from './turn'
import { invalidRequest } from './validation-errors'
import type { ApiError, ServerEvent, WireServerEvent, WireSession } from './wire-types'

export interface ConnectionContext {
  readonly ids: IdFactory
  readonly recorder: Recorder
  readonly faults: FakeFaults
  readonly options: FakeRealtimeOptions
}

type ResponseParams = ClientEventOf<'response.create'>['response']

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  if (Buffer.isBuffer(data)) return data.toString('utf8')
  return Buffer.from(new Uint8Array(data)).toString('utf8')
}

export class FakeConnection implements ResponseHost, AudioInputHost {
  readonly conversation: Conversation
  private currentSession: WireSession
  private readonly audioInput: AudioInput
  private active: ResponseStream | null = null
  private responseCount = 0
  /** Items present when a response was last asked for: a later one answers newer input only. */
  private readonly seenItemIds = new Set<string>()
  /** The client event being handled, so that an `error` can echo its `event_id`. */
  private handling: RecordedClientEvent | null = null
  private expiryTimer: NodeJS.Timeout | undefined

  constructor(
    private readonly context: ConnectionContext,
    private readonly socket: WebSocket,
    readonly index: number,
    model: string,
    /** When the socket's latest bytes were read: the arrival of the frames they complete. */
    private readonly readAtMs: () => number
  ) {
    this.conversation = new Conversation(this)
    // The session's lifetime in real time: the session clock may run faster (options.ts).
    const clockSpeed = context.options.sessionClockSpeed > 0 ? context.options.sessionClockSpeed : 1
    const lifetimeMs = SESSION_LIFETIME_MS / clockSpeed
    this.currentSession = initialSession(context.ids.next('sess'), model, Date.now(), lifetimeMs)
    this.audioInput = new AudioInput(this)
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary))
    // The server answers pings itself (autoPong is off), so that a fault can stop answering.
    socket.on('ping', (data) => {
      if (!this.faults.ignorePings && this.isOpen) socket.pong(data)
    })
    socket.on('close', (code) => {
      clearTimeout(this.expiryTimer)
      this.active?.abort()
      this.options.log(`#${this.index} closed (${code})`)
    })
    if (context.options.enforceSessionLimit)
      this.expiryTimer = setTimeout(() => this.endWith('expire'), lifetimeMs)
  }

  get ids(): IdFactory {
    return this.context.ids
  }
  get options(): FakeRealtimeOptions {
    return this.context.options
  }
  get faults(): FakeFaults {
    return this.context.faults
  }
  get session(): WireSession {
    return this.currentSession
  }
  get hasActiveResponse(): boolean {
    return this.active !== null
  }
  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN
  }

  /** Announces the session, as the API does as soon as the socket opens. */
  open(): void {
    this.send({
      type: 'session.created',
      event_id: this.ids.next('event'),
      session: this.currentSession
    } satisfies ServerEvent<'session.created'>)
  }

  /** A server error that ends the connection (what an echoing proxy in front of the API sends). */
  failWithServerError(message: string): void {
    this.send({
      type: 'error',
      event_id: this.ids.next('event'),
      error: { type: 'server_error', code: 'server_error', message, param: null, event_id: null }
    } satisfies ServerEvent<'error'>)
    this.socket.close(1011, 'server_error')
  }

  /** How the API refuses a key after accepting the upgrade (reference §7/§8). */
  rejectAuth(message: string): void {
    this.send({
      type: 'error',
      event_id: this.ids.next('event'),
      error: {
        type: 'invalid_request_error',
        code: 'invalid_api_key',
        message,
        param: null,
        event_id: null
      }
    } satisfies ServerEvent<'error'>)
    this.socket.close(3000, 'invalid_request_error.invalid_api_key')
  }

  send(event: WireServerEvent): void {
    this.sendRaw(JSON.stringify(event))
  }

  sendRaw(text: string): void {
    if (this.isOpen) this.socket.send(text)
  }

  sendError(error: ApiError): void {
    const record = this.handling
    if (record) record.error = error
    const clientEventId =
      typeof record?.event['event_id'] === 'string' ? record.event['event_id'] : null
    this.send({
      type: 'error',
      event_id: this.ids.next('event'),
      error: { ...error, event_id: clientEventId }
    } satisfies ServerEvent<'error'>)
  }

  /** Drops the TCP connection without a close frame. */
  terminate(): void {
    this.active?.abort()
    this.socket.terminate()
  }

  /** Ends the connection as a fault says: a drop (1006), close 1011, or the session's expiry. */
  endWith(kind: EndingFault): void {
    switch (kind) {
      case 'drop':
        return this.terminate()
      case 'close-1011':
        this.active?.abort()
        this.socket.close(1011, 'Internal server error')
        return
      case 'expire':
        // What the API sends at the time limit (reference realtime-2026-11 §1).
        this.send({
          type: 'error',
          event_id: this.ids.next('event'),
          error: {
            type: 'invalid_request_error',
            code: 'session_expired',
            message: SESSION_EXPIRED_MESSAGE,
            param: null,
            event_id: null
          }
        } satisfies ServerEvent<'error'>)
        this.active?.abort()
        this.socket.close(1001)
        return
    }
  }

  responseFinished(stream: ResponseStream): void {
    if (this.active === stream) this.active = null
  }

  recordChanged(): void {
    this.context.recorder.changed()
  }

  recordInputAudio(bytes: Uint8Array): void {
    this.context.recorder.recordInputAudio(this.index, bytes)
  }

  cancelActiveResponse(reason: CancelReason): void {
    this.active?.cancel(reason)
  }

  createResponse(): void {
    this.startResponse(undefined)
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    const raw = isBinary ? '' : rawText(data)
    const parsed = isBinary ? null : parseClientEvent(raw)
    const json = parsed?.json
    const event =
      json !== null && typeof json === 'object' && !Array.isArray(json)
        ? (json as Record<string, unknown>)
        : {}
    const record: RecordedClientEvent = {
      connectionIndex: this.index,
      receivedAtMs: this.readAtMs(),
      type: typeof event['type'] === 'string' ? event['type'] : '',
      event,
      raw,
      error: null
    }
    this.context.recorder.clientEvents.push(record)
    if (record.type !== 'input_audio_buffer.append')
      this.options.log(`#${this.index} <- ${record.type || raw.slice(0, 60)}`)
    this.handling = record
    try {
      if (!parsed)
        this.sendError(
          invalidRequest('invalid_value', 'Binary frames are not supported; send JSON text.', null)
        )
      else if (!parsed.ok) this.sendError(parsed.error)
      else this.dispatch(parsed.event)
    } catch (err) {
      // A bug in the fake or a throwing test script: tell the client instead of crashing the
      // test process from inside a ws listener.
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err)
      this.options.log(`#${this.index} internal error: ${message}`)
      this.sendError({ type: 'server_error', code: 'fake_internal_error', message, param: null })
    } finally {
      this.handling = null
      this.recordChanged()
    }
  }

  private dispatch(event: ClientEvent): void {
    switch (event.type) {
      case 'session.update':
        return this.updateSession(event)
      case 'input_audio_buffer.append':
        return this.audioInput.append(event)
      case 'input_audio_buffer.commit':
        return this.audioInput.commit(event)
      case 'input_audio_buffer.clear':
        return this.audioInput.clear(event)
      case 'output_audio_buffer.clear':
        return this.sendError(
          invalidRequest(
            'invalid_value',
            'output_audio_buffer.clear is only supported for WebRTC and SIP connections.',
            'type'
          )
        )
      case 'conversation.item.create':
        if (
          this.faults.dropAfterUserMessage &&
          event.item.type === 'message' &&
          event.item.role === 'user'
        ) {
          this.faults.dropAfterUserMessage = false
          return this.terminate()
        }
        return this.conversation.create(event)
      case 'conversation.item.retrieve':
        return this.conversation.retrieve(event)
      case 'conversation.item.truncate':
        return this.conversation.truncate(event)
      case 'conversation.item.delete':
        return this.conversation.delete(event)
      case 'response.create':
        if (this.active)
          return this.sendError(
            invalidRequest(
              'conversation_already_has_active_response',
              `Conversation already has an active response in progress: ${this.active.responseId}. Wait until the response is finished before creating a new one.`,
              null
            )
          )
        return this.startResponse(event.response)
      case 'response.cancel':
        if (
          !this.active ||
          (event.response_id !== undefined && event.response_id !== this.active.responseId)
        )
          return this.sendError(
            invalidRequest(
              'response_cancel_not_active',
              'Cancellation failed: no active response found',
              null
            )
          )
        return this.active.cancel('client_cancelled')
    }
  }

  private updateSession(event: ClientEventOf<'session.update'>): void {
    const merged = mergeSession(
      this.currentSession,
      event.session,
      this.conversation.hasAssistantAudio()
    )
    if (isApiError(merged)) return this.sendError(merged)
    this.currentSession = merged
    this.audioInput.sessionChanged()
    this.send({
      type: 'session.updated',
      event_id: this.ids.next('event'),
      session: merged
    } satisfies ServerEvent<'session.updated'>)
  }

  private startResponse(params: ResponseParams): void {
    const session = this.currentSession
    const tools = params?.tools ?? session.tools ?? []
    const turn = buildTurn(
      this.conversation,
      {
        connectionIndex: this.index,
        responseIndex: this.responseCount++,
        instructions: params?.instructions ?? session.instructions ?? '',
        toolNames: tools.flatMap((t) => (t.type === 'function' && t.name ? [t.name] : []))
      },
      this.seenItemIds
    )
    for (const item of this.conversation.items)
      if (item.id !== undefined) this.seenItemIds.add(item.id)
    let call: ReturnType<FakeRealtimeOptions['toolCalls']>
    let text: string
    let preamble: string | null
    try {
      call = this.options.toolCalls(turn)
      text = call ? '' : this.options.reply(turn)
      preamble = call ? null : this.options.preamble(turn)
    } catch (err) {
      const message = `The fake server's scripted reply failed: ${err instanceof Error ? err.message : String(err)}`
      return this.sendError({
        type: 'server_error',
        code: 'fake_script_failed',
        message,
        param: null
      })
    }
    const modalities = params?.output_modalities ?? session.output_modalities ?? ['audio']
    const responseId = this.ids.next('resp')
    const toolCall = call && {
      name: call.name,
      arguments:
        typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
      callId: this.ids.next('call')
    }
    const kind = toolCall ? 'function_call' : modalities[0] === 'text' ? 'text' : 'audio'
    const record = new RecordedResponse(this.index, responseId, kind, text, toolCall)
    record.preamble = preamble
    this.context.recorder.responses.push(record)
    const voice = params?.audio?.output?.voice ?? session.audio.output.voice ?? 'marin'
    this.active = new ResponseStream(this, {
      record,
      inConversation: params?.conversation !== 'none',
      voice: typeof voice === 'string' ? voice : voice.id,
      inputTokens: estimateInputTokens(this.conversation)
    })
    this.active.start()
  }
}
