// The fake Realtime endpoint: an HTTP server on 127.0.0.1 that upgrades `GET /v1/realtime?model=…`
// to a WebSocket after checking the key the way the API does, and the registry of connections
// that tests inspect.
import { STATUS_CODES, createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { FakeConnection } from './connection'
import {
  echoedAuthorization,
  faultFrame,
  noFaults,
  type EndingFault,
  type FakeFaults,
  type FaultKind
} from './faults'
import { IdFactory } from './ids'
import { decodeInputImages, type DecodedInputImage } from './input-image'
import { FAKE_HOST, closeLoopback, listenOnLoopback } from './loopback-http'
import { defaultOptions, type FakeRealtimeOptions } from './options'
import { seededPreamble } from './seeded-preambles'
import { Recorder, type RecordedClientEvent, type RecordedResponse } from './recorder'
import { azureRefusal, recordHandshake, type RecordedHandshake } from './azure-auth'
import type { WireSession } from './wire-types'

export { FAKE_HOST }
const DEFAULT_WAIT_MS = 5000

export interface FakeRealtimeServer {
  /** `ws://127.0.0.1:PORT/v1/realtime`; add `?model=…` to dial it. */
  readonly url: string
  readonly port: number
  readonly apiKey: string
  readonly options: Readonly<FakeRealtimeOptions>
  /** Mutable: change a field and the next response obeys it. */
  readonly faults: FakeFaults
  readonly clientEvents: readonly RecordedClientEvent[]
  readonly responses: readonly RecordedResponse[]
  /** Every upgrade request's path, model and which key headers it carried, refused ones too. */
  readonly handshakes: readonly RecordedHandshake[]
  /** Connections accepted so far (auth failures included); indexes start at 0. */
  readonly connectionCount: number
  setOptions(partial: Partial<FakeRealtimeOptions>): void
  /** Input audio bytes received on one connection, or on all of them. */
  inputAudioBytes(connectionIndex?: number): number
  inputAudio(connectionIndex: number): Uint8Array
  /** Every `input_image` the server took, decoded with a real decoder; throws if one does not. */
  inputImages(): Promise<DecodedInputImage[]>
  /** The session config as the server holds it (default: the newest connection). */
  session(connectionIndex?: number): WireSession | undefined
  /** First recorded client event of `type` matching `predicate` (already received or still to come). */
  waitForClientEvent(
    type: string,
    predicate?: (event: RecordedClientEvent) => boolean,
    timeoutMs?: number
  ): Promise<RecordedClientEvent>
  /** Resolves when at least `count` responses have finished (completed, cancelled, dropped). */
  waitForResponses(count: number, timeoutMs?: number): Promise<RecordedResponse[]>
  /** Sends a fault frame now (default: the newest open connection). */
  inject(kind: Exclude<FaultKind, EndingFault>, connectionIndex?: number): void
  /** Ends a connection now (default: the newest open one): drop, close 1011 or session expiry. */
  endConnection(kind: EndingFault, connectionIndex?: number): void
  /** Connections still open. */
  readonly openConnectionCount: number
  sendRaw(text: string, connectionIndex?: number): void
  /** Terminates every socket without a close frame, as a network failure would. */
  dropAllConnections(): void
  close(): Promise<void>
}

export function bearerKey(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')
  if (match?.[1]) return match[1].trim()
  // Browsers cannot set headers; the SDK then offers the key as a subprotocol (reference §1).
  const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim())
  const prefix = 'openai-insecure-api-key.'
  return protocols.find((p) => p.startsWith(prefix))?.slice(prefix.length) ?? null
}

function maskKey(key: string): string {
  return key.length <= 8 ? '***' : `${key.slice(0, 3)}***${key.slice(-4)}`
}

export function authMessage(key: string | null): string {
  if (key === null)
    return "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
  return `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`
}

export function refuseUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({
    error: { message, type: 'invalid_request_error', param: null, code }
  })
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body
  )
}

class FakeRealtimeServerImpl implements FakeRealtimeServer {
  readonly faults: FakeFaults = noFaults()
  private readonly ids = new IdFactory()
  private readonly recorder = new Recorder()
  private readonly connections: FakeConnection[] = []
  private readonly sockets = new Set<WebSocket>()
  readonly handshakes: RecordedHandshake[] = []
  private readonly wss = new WebSocketServer({
    noServer: true,
    // Pongs are sent by each connection, so that the ignorePings fault can withhold them.
    autoPong: false,
    handleProtocols: (protocols) => (protocols.has('realtime') ? 'realtime' : false)
  })
  private readonly http = createServer((_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain' }).end('Upgrade to a WebSocket.\n')
  })
  private currentOptions: FakeRealtimeOptions

  constructor(options: FakeRealtimeOptions) {
    this.currentOptions = options
    this.http.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head))
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port
  }
  get url(): string {
    return `ws://${FAKE_HOST}:${this.port}/v1/realtime`
  }
  get apiKey(): string {
    return this.currentOptions.apiKey
  }
  get options(): Readonly<FakeRealtimeOptions> {
    return this.currentOptions
  }
  get clientEvents(): readonly RecordedClientEvent[] {
    return this.recorder.clientEvents
  }
  get responses(): readonly RecordedResponse[] {
    return this.recorder.responses
  }
  get connectionCount(): number {
    return this.connections.length
  }

  listen(port: number): Promise<void> {
    return listenOnLoopback(this.http, port)
  }

  setOptions(partial: Partial<FakeRealtimeOptions>): void {
    // Connections keep a reference to this object, so they see changes at once.
    Object.assign(this.currentOptions, partial)
  }

  /** Every `input_image` taken, decoded with a real decoder (input-image.ts). */
  inputImages(): Promise<DecodedInputImage[]> {
    return decodeInputImages(this.recorder.clientEvents)
  }

  inputAudioBytes(connectionIndex?: number): number {
    return this.recorder.inputAudioBytes(connectionIndex)
  }

  inputAudio(connectionIndex: number): Uint8Array {
    return this.recorder.inputAudio(connectionIndex)
  }

  session(connectionIndex = this.connections.length - 1): WireSession | undefined {
    return this.connections[connectionIndex]?.session
  }

  waitForClientEvent(
    type: string,
    predicate: (event: RecordedClientEvent) => boolean = () => true,
    timeoutMs = DEFAULT_WAIT_MS
  ): Promise<RecordedClientEvent> {
    return this.recorder.waitFor(
      () => this.recorder.clientEvents.find((e) => e.type === type && predicate(e)),
      timeoutMs,
      `client event ${type}`
    )
  }

  waitForResponses(count: number, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedResponse[]> {
    return this.recorder.waitFor(
      () => {
        const finished = this.recorder.responses.filter((r) => r.isFinished)
        return finished.length >= count ? finished : undefined
      },
      timeoutMs,
      `${count} finished responses`
    )
  }

  inject(kind: Exclude<FaultKind, EndingFault>, connectionIndex?: number): void {
    this.sendRaw(faultFrame(kind, this.ids), connectionIndex)
  }

  endConnection(kind: EndingFault, connectionIndex?: number): void {
    this.openConnection(connectionIndex).endWith(kind)
  }

  get openConnectionCount(): number {
    return this.connections.filter((c) => c.isOpen).length
  }

  sendRaw(text: string, connectionIndex?: number): void {
    this.openConnection(connectionIndex).sendRaw(text)
  }

  private openConnection(connectionIndex: number | undefined): FakeConnection {
    const connection =
      connectionIndex === undefined
        ? this.connections.findLast((c) => c.isOpen)
        : this.connections[connectionIndex]
    if (!connection?.isOpen) throw new Error('Fake Realtime server: no open connection')
    return connection
  }

  dropAllConnections(): void {
    for (const connection of this.connections) connection.terminate()
    for (const socket of this.sockets) socket.terminate()
  }

  async close(): Promise<void> {
    this.dropAllConnections()
    await closeLoopback(this.wss, this.http)
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const delayMs = this.currentOptions.upgradeDelayMs
    if (delayMs > 0) setTimeout(() => this.upgrade(req, socket, head), delayMs)
    else this.upgrade(req, socket, head)
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', `http://${FAKE_HOST}`)
    this.handshakes.push(recordHandshake(req, url))
    if (this.currentOptions.provider === 'azure') {
      const refusal = azureRefusal(req, url, this.currentOptions.apiKey)
      if (refusal !== null)
        return refuseUpgrade(socket, refusal.status, refusal.code, refusal.message)
      return this.accept(req, socket, head, url.searchParams.get('model') ?? '', true)
    }
    if (url.pathname !== '/v1/realtime')
      return refuseUpgrade(socket, 404, 'not_found', `Invalid URL (GET ${url.pathname})`)
    const model = url.searchParams.get('model')
    if (!model)
      return refuseUpgrade(socket, 400, 'missing_model', "Missing required parameter: 'model'.")
    const key = bearerKey(req)
    const echo = this.faults.echoAuthorization
    const header = req.headers.authorization ?? ''
    if (echo === 'refused-upgrade')
      return refuseUpgrade(socket, 502, 'bad_gateway', echoedAuthorization(header))
    const isAuthorized = key === this.currentOptions.apiKey
    if (!isAuthorized && this.currentOptions.authFailure === 'http-401')
      return refuseUpgrade(socket, 401, 'invalid_api_key', authMessage(key))
    this.accept(req, socket, head, model, isAuthorized)
  }

  private accept(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    model: string,
    isAuthorized: boolean
  ): void {
    const key = bearerKey(req)
    const echo = this.faults.echoAuthorization
    const header = req.headers.authorization ?? ''
    // A frame arrives when its bytes are read from the socket. ws handles every frame of one read
    // before the next, so a frame sent right after another (a commit's response.create) would
    // otherwise be stamped after the fake's own work on the first (the bench's "on the wire").
    let readAtMs = performance.now()
    socket.prependListener('data', () => {
      readAtMs = performance.now()
    })
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.add(ws)
      ws.on('close', () => this.sockets.delete(ws))
      const context = {
        ids: this.ids,
        recorder: this.recorder,
        faults: this.faults,
        options: this.currentOptions
      }
      const connection = new FakeConnection(
        context,
        ws,
        this.connections.length,
        model,
        () => readAtMs
      )
      this.connections.push(connection)
      this.currentOptions.log(
        `#${connection.index} connected (${isAuthorized ? 'authorized' : 'wrong key'})`
      )
      if (echo === 'error-event') connection.failWithServerError(echoedAuthorization(header))
      else if (echo === 'close-reason')
        // A close reason holds at most 123 bytes (RFC 6455 §5.5): the header still fits.
        ws.close(1008, echoedAuthorization(header).slice(0, 123))
      else if (isAuthorized) connection.open()
      else connection.rejectAuth(authMessage(key))
    })
  }
}

/**
 * Starts a fake Realtime server on 127.0.0.1 (a free port unless `options.port` says otherwise).
 * `faults` sets the initial fault injection; `server.faults` changes it later.
 */
export async function startFakeRealtimeServer(
  options: Partial<FakeRealtimeOptions> & { faults?: Partial<FakeFaults> } = {}
): Promise<FakeRealtimeServer> {
  const { faults, ...rest } = options
  // Started by tests: preambles at random unless the test chose (seeded-preambles.ts).
  // Only when the caller did not choose: the seed line is printed once, on first use.
  const server = new FakeRealtimeServerImpl({
    ...defaultOptions(),
    ...(rest.preamble === undefined ? { preamble: seededPreamble() } : {}),
    ...rest
  })
  Object.assign(server.faults, faults)
  await server.listen(server.options.port)
  return server
}
