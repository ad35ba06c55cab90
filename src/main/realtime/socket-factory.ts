// Hark builds the transport's `ws` socket itself (the SDK's `createWebSocket` option, reference
// §1) for two reasons:
//  - to learn what the SDK does not surface: the HTTP status of a refused upgrade and the close
//    code/reason (OpenAI refuses a bad key with close 3000 `invalid_request_error.invalid_api_key`,
//    reference §7), so failures get the right ErrorCode;
//  - so that nothing the server sends can crash the main process: the SDK silently drops a
//    message that is not a JSON event, and its 'message' listener can throw (a user input_audio
//    item without `transcript` makes a zod parse throw inside the ws listener, an uncaught
//    exception, reference §7). Every listener registered with addEventListener('message') is
//    wrapped here; a throw becomes a `protocol` report and the session carries on.
import WebSocket from 'ws'
import {
  decodeAudioDelta,
  malformedAudioDelta,
  type DecodedAudioDelta
} from './audio-delta-decoder'
import { authHeaders, type Provider } from '../../shared/providers'

export interface SocketDiagnostics {
  readonly url: string
  /** Set when the server refused the WebSocket upgrade with an HTTP response. */
  httpStatus?: number
  /** The start of that response's body (OpenAI sends a JSON error). */
  httpBody?: string
  opened: boolean
  closeCode?: number
  closeReason?: string
  /** The last socket-level error message (ECONNREFUSED, handshake timeout, …). */
  lastError?: string
}

export interface SocketGuardHandlers {
  /** The server sent something that is not a JSON event object; the SDK ignores it silently. */
  onMalformedMessage(preview: string): void
  /** A 'message' listener the SDK registered threw; the message's remaining handling was skipped. */
  onListenerError(error: unknown, eventType: string | undefined): void
  /**
   * An event the SDK's schema would refuse, which it drops without a word; only a socket that
   * decodes audio deltas checks them (their fields, audio-delta-decoder.ts).
   */
  onUnusableEvent?(eventType: string): void
}

export interface GuardedSocketOptions {
  url: string
  apiKey: string
  /** Headers the SDK would send besides Authorization (User-Agent, X-OpenAI-Agents-SDK). */
  headers: Record<string, string>
  /** How the key is sent: Azure wants `api-key` and no Authorization; the default is OpenAI's Bearer. */
  provider?: Provider
  handlers: SocketGuardHandlers
  /** Give up on a server that accepts TCP but never completes the upgrade. */
  handshakeTimeoutMs?: number
  /**
   * Decode Realtime audio deltas here and deliver them to listeners with an empty `delta`; the
   * decoded delta (its PCM and the event) is `decodedAudio` while they run (audio-delta-decoder.ts).
   */
  decodeAudioDeltas?: boolean
}

export interface GuardedSocket {
  socket: WebSocket & { readonly decodedAudio: DecodedAudioDelta | undefined }
  diagnostics: SocketDiagnostics
}

const MAX_BODY_CHARS = 2000
const BODY_WAIT_MS = 500
const DEFAULT_HANDSHAKE_TIMEOUT_MS = 15_000

type MessageListener =
  ((event: WebSocket.MessageEvent) => void) | { handleEvent(event: WebSocket.MessageEvent): void }

/** A server message that is a JSON object with a string `type`, or undefined. */
function serverEvent(data: WebSocket.Data): Record<string, unknown> | undefined {
  const text = typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString() : ''
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined
  return typeof (parsed as { type?: unknown }).type === 'string'
    ? (parsed as Record<string, unknown>)
    : undefined
}

/** The event type of a server message, or undefined when it is not a JSON object with a `type`. */
export function serverEventType(data: WebSocket.Data): string | undefined {
  return serverEvent(data)?.['type'] as string | undefined
}

/** One server message as the listeners get it: read once, whatever the number of listeners. */
interface Delivery {
  /** The ws message data it was read from. */
  raw: WebSocket.Data
  eventType: string | undefined
  /** What the listeners get as `data`: the raw data, or the audio delta without its base64. */
  data: WebSocket.Data
  audio: DecodedAudioDelta | undefined
}

function preview(data: WebSocket.Data): string {
  const text =
    typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString() : '<binary>'
  return text.length > 120 ? `${text.slice(0, 120)}…` : text
}

class GuardedWebSocket extends WebSocket {
  #handlers: SocketGuardHandlers | undefined
  #decodeAudioDeltas = false
  #delivery: Delivery | undefined
  #decodedAudio: DecodedAudioDelta | undefined

  /** While a listener runs for an audio delta decoded here: its PCM and event (else undefined). */
  get decodedAudio(): DecodedAudioDelta | undefined {
    return this.#decodedAudio
  }

  decodeAudioDeltas(): void {
    this.#decodeAudioDeltas = true
  }
  readonly #wrappers = new WeakMap<object, (event: WebSocket.MessageEvent) => void>()

  setGuardHandlers(handlers: SocketGuardHandlers): void {
    this.#handlers = handlers
  }

  override addEventListener<K extends keyof WebSocket.WebSocketEventMap>(
    type: K,
    listener:
      | ((event: WebSocket.WebSocketEventMap[K]) => void)
      | { handleEvent(event: WebSocket.WebSocketEventMap[K]): void },
    options?: WebSocket.EventListenerOptions
  ): void {
    if (type !== 'message') {
      super.addEventListener(type, listener, options)
      return
    }
    const original = listener as MessageListener
    const guarded = (event: WebSocket.MessageEvent): void => this.#deliver(original, event)
    this.#wrappers.set(original, guarded)
    super.addEventListener('message', guarded, options)
  }

  override removeEventListener<K extends keyof WebSocket.WebSocketEventMap>(
    type: K,
    listener:
      | ((event: WebSocket.WebSocketEventMap[K]) => void)
      | { handleEvent(event: WebSocket.WebSocketEventMap[K]): void }
  ): void {
    const wrapper = type === 'message' ? this.#wrappers.get(listener) : undefined
    if (wrapper) super.removeEventListener('message', wrapper)
    else super.removeEventListener(type, listener)
  }

  #read(raw: WebSocket.Data): Delivery {
    if (this.#delivery?.raw === raw) return this.#delivery
    const event = serverEvent(raw)
    const decoded = event && this.#decodeAudioDeltas ? decodeAudioDelta(event) : undefined
    const eventType = event?.['type'] as string | undefined
    this.#delivery = { raw, eventType, data: decoded?.text ?? raw, audio: decoded }
    // Once per message, however many listeners read it; a decoded delta passed the same check.
    if (!decoded && event && eventType && this.#decodeAudioDeltas && malformedAudioDelta(event))
      this.#report(() => this.#handlers?.onUnusableEvent?.(eventType))
    return this.#delivery
  }

  #deliver(listener: MessageListener, event: WebSocket.MessageEvent): void {
    const { eventType, data, audio } = this.#read(event.data)
    if (eventType === undefined) {
      this.#report(() => this.#handlers?.onMalformedMessage(preview(event.data)))
      // The SDK would drop it anyway (parseRealtimeEvent returns null, reference §4).
      return
    }
    const delivered: WebSocket.MessageEvent =
      data === event.data ? event : { type: event.type, target: event.target, data }
    this.#decodedAudio = audio
    try {
      if (typeof listener === 'function') listener.call(this, delivered)
      else listener.handleEvent(delivered)
    } catch (error) {
      this.#report(() => this.#handlers?.onListenerError(error, eventType))
    } finally {
      this.#decodedAudio = undefined
    }
  }

  #report(report: () => void): void {
    try {
      report()
    } catch {
      // A failing reporter must not turn into the uncaught exception this class prevents.
    }
  }
}

/** Open the socket the transport will use; it is still connecting when this returns. */
export function openGuardedSocket(options: GuardedSocketOptions): GuardedSocket {
  const diagnostics: SocketDiagnostics = { url: options.url, opened: false }
  const socket = new GuardedWebSocket(options.url, {
    headers: { ...options.headers, ...authHeaders(options.provider ?? 'openai', options.apiKey) },
    handshakeTimeout: options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
    // ws offers permessage-deflate by default. Audio travels as base64 PCM, 50 frames a second
    // each way: deflate would win back about a quarter of the bytes for zlib work on every frame
    // in the main process and added latency, against the CPU and latency budgets (docs/architecture.md, "Budgets").
    perMessageDeflate: false
  })
  socket.setGuardHandlers(options.handlers)
  if (options.decodeAudioDeltas === true) socket.decodeAudioDeltas()

  socket.on('open', () => {
    diagnostics.opened = true
  })
  // Registered before the SDK's listeners, so the cause is known when the SDK reports the close.
  socket.on('close', (code: number, reason: Buffer) => {
    diagnostics.closeCode = code
    diagnostics.closeReason = reason.toString()
  })
  // Always one 'error' listener: if the SDK abandons a socket before adding its own (a connect
  // cancelled while the socket was being built), ws would otherwise throw on the error event.
  socket.on('error', (error: Error) => {
    diagnostics.lastError = error.message
  })
  // With a listener here ws no longer aborts by itself (it would only say "Unexpected server
  // response: 401"): record the status and the start of the body, then abort the handshake.
  socket.on('unexpected-response', (_request, response) => {
    diagnostics.httpStatus = response.statusCode
    let body = ''
    let finished = false
    const finish = (): void => {
      if (finished) return
      finished = true
      clearTimeout(timer)
      if (body) diagnostics.httpBody = body
      response.destroy()
      socket.terminate()
    }
    const timer = setTimeout(finish, BODY_WAIT_MS)
    response.setEncoding('utf8')
    response.on('data', (chunk: string) => {
      if (body.length < MAX_BODY_CHARS) body += chunk.slice(0, MAX_BODY_CHARS - body.length)
    })
    response.once('end', finish)
    response.once('error', finish)
  })
  return { socket, diagnostics }
}
