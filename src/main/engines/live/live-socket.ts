// One GPT-Live server session over one WebSocket (reference §2): connect with the key in an
// `Authorization` header, send `session.start` first, and resolve only at `session.started`. A
// server that never confirms the session is given up after a timeout, in words. After that, frames
// go to the engine already checked (live-server-events.ts), and the close says whether the server
// ended the session properly (`session.closed`) or the connection simply went away.
import type WebSocket from 'ws'
import type { ClientEvent, SessionStartEvent } from 'openai/resources/live/live'
import { RealtimeCoreError } from '../../realtime/controller-api'
import { Heartbeat, type HeartbeatOptions } from '../../realtime/heartbeat'
import type { ClassifiedError } from '../../realtime/error-classifier'
import { openGuardedSocket, type SocketDiagnostics } from '../../realtime/socket-factory'
import { liveErrorEvent, socketFailure } from './live-failures'
import { parseServerFrame, type LiveServerEvent } from './live-server-events'

export interface LiveSocketClose {
  /** The `session.closed` the server sent before closing, or null when it sent none. */
  closed: { reason: string; usageSeconds: number | null } | null
  diagnostics: SocketDiagnostics
}

export interface LiveSocketHandlers {
  onEvent(event: LiveServerEvent): void
  /** Something the server sent could not be used; the session carries on. */
  onProblem(message: string): void
  onClose(close: LiveSocketClose): void
}

export interface OpenLiveSocketOptions {
  url: string
  apiKey: string
  start: SessionStartEvent
  startTimeoutMs: number
  handshakeTimeoutMs?: number | undefined
  /** The keepalive ping, as on the Realtime socket (heartbeat.ts): a dead path ends as a drop. */
  heartbeat?: HeartbeatOptions | undefined
  handlers: LiveSocketHandlers
}

/** How long a requested close waits for `session.closed` before closing the socket itself. */
const CLOSE_GRACE_MS = 1000

function frameText(data: WebSocket.Data): string {
  if (typeof data === 'string') return data
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data as ArrayBuffer).toString('utf8')
}

export class LiveSocket {
  readonly #socket: WebSocket
  readonly #handlers: LiveSocketHandlers
  readonly #heartbeat: Heartbeat
  #started = false
  /** `expires_at` of the started session (Unix seconds). */
  #expiresAtS: number | undefined
  #closed: LiveSocketClose['closed'] = null
  #startFailure: ((error: ClassifiedError) => void) | null = null

  private constructor(socket: WebSocket, handlers: LiveSocketHandlers, heartbeat: Heartbeat) {
    this.#socket = socket
    this.#handlers = handlers
    this.#heartbeat = heartbeat
  }

  /** Opens the socket and starts the session; rejects with a RealtimeCoreError in words. */
  static open(options: OpenLiveSocketOptions): Promise<LiveSocket> {
    // The guard's handlers exist before the LiveSocket does; they report through this holder.
    const holder: { live?: LiveSocket } = {}
    const { socket, diagnostics } = openGuardedSocket({
      url: options.url,
      apiKey: options.apiKey,
      headers: {},
      handshakeTimeoutMs: options.handshakeTimeoutMs,
      handlers: {
        onMalformedMessage: () => {
          holder.live?.problem('GPT-Live sent a message that is not JSON; it was skipped.')
        },
        onListenerError: (error) => {
          holder.live?.problem(`Hark could not handle a GPT-Live event: ${String(error)}`)
        }
      }
    })
    const opened = new LiveSocket(socket, options.handlers, new Heartbeat(options.heartbeat))
    holder.live = opened
    return new Promise<LiveSocket>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined
      const fail = (error: ClassifiedError): void => {
        clearTimeout(timer)
        opened.#startFailure = null
        socket.terminate()
        reject(new RealtimeCoreError(error.code, error.message))
      }
      opened.#startFailure = fail
      socket.on('open', () => {
        socket.send(JSON.stringify(options.start satisfies ClientEvent))
        timer = setTimeout(
          () =>
            fail({
              code: 'server',
              message: `GPT-Live did not start the session within ${Math.round(options.startTimeoutMs / 1000)} s (no session.started).`
            }),
          options.startTimeoutMs
        )
      })
      socket.addEventListener('message', (event) => {
        const frame = parseServerFrame(frameText(event.data))
        if (opened.#started) return opened.#onFrame(frame)
        if (frame.kind !== 'event') return
        if (frame.event.type === 'error') return fail(liveErrorEvent(frame.event.error))
        if (frame.event.type !== 'session.started') return
        clearTimeout(timer)
        opened.#started = true
        opened.#expiresAtS = frame.event.session.expires_at
        opened.#startFailure = null
        opened.#heartbeat.watch(socket)
        resolve(opened)
      })
      socket.on('close', () => {
        clearTimeout(timer)
        opened.#heartbeat.stop()
        if (opened.#startFailure) opened.#startFailure(socketFailure(diagnostics))
        else if (opened.#started) opened.#handlers.onClose({ closed: opened.#closed, diagnostics })
      })
    })
  }

  /** How long the session lives from now, by its `expires_at`. */
  get lifetimeMs(): number | undefined {
    return this.#expiresAtS === undefined ? undefined : this.#expiresAtS * 1000 - Date.now()
  }

  /** Ping now (after sleep or a network change): no pong in time ends the socket as a drop. */
  checkConnection(): void {
    this.#heartbeat.checkNow()
  }

  get isOpen(): boolean {
    return this.#socket.readyState === this.#socket.OPEN
  }

  /** Sends a client event; false when the socket is no longer open. */
  send(event: ClientEvent): boolean {
    if (!this.isOpen) return false
    this.#socket.send(JSON.stringify(event))
    return true
  }

  /** Asks the server to end the session (`session.close`), then closes the socket. */
  close(): void {
    if (!this.send({ type: 'session.close' })) return
    const timer = setTimeout(() => this.#socket.close(1000), CLOSE_GRACE_MS)
    this.#socket.once('close', () => clearTimeout(timer))
  }

  /** Drops the socket without a word (a start that was given up, or a failed stop). */
  terminate(): void {
    this.#socket.terminate()
  }

  #onFrame(frame: ReturnType<typeof parseServerFrame>): void {
    if (frame.kind === 'invalid') return this.problem(frame.problem)
    if (frame.kind === 'other') return
    if (frame.event.type === 'session.closed')
      this.#closed = {
        reason: frame.event.reason,
        usageSeconds: frame.event.usage?.seconds ?? null
      }
    this.#handlers.onEvent(frame.event)
  }

  private problem(message: string): void {
    if (this.#started) this.#handlers.onProblem(message)
  }
}
