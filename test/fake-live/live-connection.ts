// One fake GPT-Live WebSocket session (reference §2): nothing but `session.start` until the
// session has started; then input audio (energy VAD decides the turns, as the server does),
// mute/unmute, context appends that answer a client delegation, and `session.close`. Every
// frame is recorded with the error it got.
import type { RawData, WebSocket } from 'ws'
import type { ServerEvent, SessionClosedEvent, SessionResource } from 'openai/resources/live/live'
import { bytesAsPcm16 } from '../../src/shared/pcm'
import type { IdFactory } from '../fake-realtime/ids'
import { parseLiveClientEvent, type LiveClientEvent, type LiveClientEventOf } from './client-events'
import { liveError, type LiveApiError } from './live-errors'
import type { FakeLiveOptions } from './options'
import type { LiveRecorder, RecordedLiveEvent } from './recorder'
import { sessionConfigProblem } from './session-schema'
import { FakeLiveTurnTaking } from './turn-taking'

export interface LiveConnectionContext {
  readonly ids: IdFactory
  readonly recorder: LiveRecorder
  readonly options: FakeLiveOptions
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  if (Buffer.isBuffer(data)) return data.toString('utf8')
  return Buffer.from(new Uint8Array(data)).toString('utf8')
}

export class FakeLiveConnection {
  private resource: SessionResource | null = null
  private turns: FakeLiveTurnTaking | null = null
  private muted = false
  private handling: RecordedLiveEvent | null = null
  private closedSent = false
  /** Ends the session with `expired` at its lifetime (tests shorten it: an accelerated clock). */
  private expiry: NodeJS.Timeout | null = null

  constructor(
    readonly context: LiveConnectionContext,
    private readonly socket: WebSocket,
    readonly index: number
  ) {
    socket.on('message', (data, isBinary) => this.onMessage(rawText(data), isBinary))
    socket.on('close', (code) => {
      if (this.expiry) clearTimeout(this.expiry)
      this.turns?.stopSpeaking('disconnected')
      this.options.log(`#${this.index} closed (${code})`)
    })
  }

  get options(): FakeLiveOptions {
    return this.context.options
  }
  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN
  }
  get isMuted(): boolean {
    return this.muted
  }
  get timelineMs(): number {
    return this.turns?.timelineMs ?? 0
  }

  send(event: ServerEvent): void {
    this.sendRaw(JSON.stringify(event))
  }
  sendRaw(text: string): void {
    if (this.isOpen) this.socket.send(text)
  }
  nextEventId(): string {
    return this.context.ids.next('event')
  }

  /** An `error` event, for the client event being handled when there is one. */
  sendError(error: LiveApiError): void {
    const record = this.handling
    const clientEventId =
      typeof record?.event['event_id'] === 'string' ? record.event['event_id'] : undefined
    if (record) record.error = error
    this.send({
      type: 'error',
      event_id: this.nextEventId(),
      error: clientEventId === undefined ? error : { ...error, client_event_id: clientEventId },
      ...(clientEventId === undefined ? {} : { client_event_id: clientEventId })
    })
  }

  /** Ends the session as the server does: `session.closed` with the reason, then a clean close. */
  endSession(reason: SessionClosedEvent['reason']): void {
    this.turns?.stopSpeaking('disconnected')
    if (this.resource && !this.closedSent) {
      this.closedSent = true
      this.context.recorder.closes.push({ connectionIndex: this.index, reason })
      this.send({
        type: 'session.closed',
        event_id: this.nextEventId(),
        reason,
        session: this.resource,
        usage: { seconds: this.turns?.usageSeconds() ?? 0 }
      })
    }
    this.socket.close(1000, reason)
  }

  terminate(): void {
    this.turns?.stopSpeaking('disconnected')
    this.socket.terminate()
  }

  private onMessage(raw: string, isBinary: boolean): void {
    const parsed = isBinary
      ? ({
          ok: false,
          clientEventId: null,
          error: liveError('invalid_type', 'Send JSON text frames, not binary.')
        } as const)
      : parseLiveClientEvent(raw)
    let json: Record<string, unknown> = {}
    try {
      const value: unknown = JSON.parse(raw)
      if (value && typeof value === 'object' && !Array.isArray(value))
        json = value as Record<string, unknown>
    } catch {
      // Recorded as {} with its raw text.
    }
    const record: RecordedLiveEvent = {
      connectionIndex: this.index,
      type: typeof json['type'] === 'string' ? json['type'] : '',
      event: json,
      raw,
      error: null
    }
    this.handling = record
    try {
      if (!parsed.ok) this.sendError(parsed.error)
      else if (!this.resource && parsed.event.type !== 'session.start')
        this.sendError(
          liveError(
            'session_not_started',
            'Send session.start and wait for session.started before other commands.',
            'type'
          )
        )
      else this.handle(parsed.event)
    } finally {
      this.handling = null
      this.context.recorder.recordLiveEvent(record)
    }
  }

  private handle(event: LiveClientEvent): void {
    switch (event.type) {
      case 'session.start':
        return this.start(event)
      case 'session.input_audio.append':
        return this.append(event.audio)
      case 'session.input_audio.mute':
      case 'session.input_audio.unmute': {
        this.muted = event.type === 'session.input_audio.mute'
        if (this.muted) this.turns?.forgetSpeech()
        const type = this.muted ? 'session.input_audio.muted' : 'session.input_audio.unmuted'
        return this.send({ type, event_id: this.nextEventId(), ...this.echo(event) })
      }
      case 'session.commentary.append':
      case 'session.thinking.append':
      case 'session.instructions.append':
        return this.appendContext(event)
      case 'session.close':
        return this.endSession('close_requested')
    }
  }

  private echo(event: { event_id?: string | null | undefined }): { client_event_id?: string } {
    return typeof event.event_id === 'string' ? { client_event_id: event.event_id } : {}
  }

  private start(event: LiveClientEventOf<'session.start'>): void {
    if (this.resource)
      return this.sendError(
        liveError('session_already_started', 'The session has already started.', 'type')
      )
    const problem = sessionConfigProblem(event.session)
    if (problem) return this.sendError(problem)
    if (this.options.startBehaviour === 'silent') return
    const session = event.session
    const history = session.input ?? []
    this.turns = new FakeLiveTurnTaking(this, history)
    this.context.recorder.startedSessions.set(this.index, session)
    this.resource = {
      id: this.context.ids.next('sess'),
      expires_at: Math.floor(Date.now() / 1000) + this.options.sessionLifetimeS,
      model: session.model,
      status: 'active',
      audio: {
        format: { type: 'audio/pcm', rate: 24000 },
        output: { voice: session.audio?.output?.voice ?? 'marin' }
      },
      // sessionConfigProblem admits client delegation only: omitted or null means client.
      delegation: { type: 'client' },
      input: [...history],
      instructions: session.instructions ?? null,
      store: session.store ?? false
    }
    this.expiry = setTimeout(() => this.endSession('expired'), this.options.sessionLifetimeS * 1000)
    this.expiry.unref()
    this.send({
      type: 'session.started',
      event_id: this.nextEventId(),
      session: this.resource,
      ...this.echo(event)
    })
  }

  private append(audio: string): void {
    const bytes = BASE64.test(audio) ? Buffer.from(audio, 'base64') : null
    if (!bytes || bytes.byteLength % 2 !== 0)
      return this.sendError(
        liveError(
          'invalid_audio',
          bytes
            ? `Audio must be whole 16-bit PCM samples; got ${bytes.byteLength} bytes.`
            : 'Audio must be base64-encoded audio/pcm.',
          'audio'
        )
      )
    const chunk = new Uint8Array(bytes)
    this.context.recorder.recordInputAudio(this.index, chunk)
    // "Muting sends silence and keeps billing" (reference §2): the model hears zeros.
    const samples = this.muted ? new Int16Array(chunk.byteLength / 2) : bytesAsPcm16(chunk)
    this.turns?.hear(samples)
  }

  private appendContext(
    event:
      | LiveClientEventOf<'session.commentary.append'>
      | LiveClientEventOf<'session.thinking.append'>
      | LiveClientEventOf<'session.instructions.append'>
  ): void {
    const pendingId = this.turns?.pendingDelegationId ?? null
    if (event.delegation_id !== null && pendingId !== event.delegation_id)
      return this.sendError(
        liveError(
          'delegation_not_found',
          `No open client delegation '${event.delegation_id}'.`,
          'delegation_id'
        )
      )
    const atMs = this.timelineMs
    const type =
      event.type === 'session.commentary.append'
        ? 'session.commentary.appended'
        : event.type === 'session.thinking.append'
          ? 'session.thinking.appended'
          : 'session.instructions.appended'
    this.send({
      type,
      event_id: this.nextEventId(),
      start_ms: atMs,
      end_ms: atMs,
      ...this.echo(event)
    })
    if (pendingId !== null && event.delegation_id === pendingId)
      this.turns?.answerDelegation(event.content)
  }
}
