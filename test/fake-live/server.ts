// The fake GPT-Live endpoint: an HTTP server on 127.0.0.1 that upgrades `GET /v1/live/sessions`
// (no query string: the model goes in `session.start`, reference §2) to a WebSocket after checking
// the key like the Realtime fake, and the registry of connections that tests inspect and steer.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type { SessionClosedEvent } from 'openai/resources/live/live'
import { IdFactory } from '../fake-realtime/ids'
import { FAKE_HOST, closeLoopback, listenOnLoopback } from '../fake-realtime/loopback-http'
import { authMessage, bearerKey, refuseUpgrade } from '../fake-realtime/server'
import { FakeLiveConnection } from './live-connection'
import { liveError } from './live-errors'
import { defaultLiveOptions, type FakeLiveOptions } from './options'
import { LiveRecorder, type RecordedLiveEvent, type RecordedLiveTurn } from './recorder'
import type { LiveSessionConfig } from './session-schema'

export const LIVE_PATH = '/v1/live/sessions'
const DEFAULT_WAIT_MS = 5000

export interface FakeLiveServer {
  /** `ws://127.0.0.1:PORT/v1/live/sessions` */
  readonly url: string
  readonly port: number
  readonly apiKey: string
  readonly options: Readonly<FakeLiveOptions>
  readonly clientEvents: readonly RecordedLiveEvent[]
  readonly turns: readonly RecordedLiveTurn[]
  readonly closes: readonly { connectionIndex: number; reason: SessionClosedEvent['reason'] }[]
  readonly usageReports: readonly { connectionIndex: number; seconds: number }[]
  readonly connectionCount: number
  setOptions(partial: Partial<FakeLiveOptions>): void
  inputAudio(connectionIndex: number): Uint8Array
  /** The `session` of the accepted `session.start` on a connection (default: the newest). */
  startedSession(connectionIndex?: number): LiveSessionConfig | undefined
  isMuted(connectionIndex?: number): boolean
  waitForClientEvent(
    type: string,
    predicate?: (event: RecordedLiveEvent) => boolean,
    timeoutMs?: number
  ): Promise<RecordedLiveEvent>
  /** Resolves when at least `count` assistant turns have finished speaking (any status). */
  waitForTurns(count: number, timeoutMs?: number): Promise<RecordedLiveTurn[]>
  waitForConnections(count: number, timeoutMs?: number): Promise<void>
  /** Ends a session as the API does: `session.closed` with this reason, then a clean close. */
  endSession(reason: SessionClosedEvent['reason'], connectionIndex?: number): void
  /** An `error` event with this code, not tied to a client event. */
  sendError(code: string, message: string, connectionIndex?: number): void
  sendRaw(text: string, connectionIndex?: number): void
  /** Terminates every socket without a close frame, as a network failure would. */
  dropAllConnections(): void
  close(): Promise<void>
}

class FakeLiveServerImpl implements FakeLiveServer {
  private readonly ids = new IdFactory()
  private readonly recorder = new LiveRecorder()
  private readonly connections: FakeLiveConnection[] = []
  private readonly wss = new WebSocketServer({ noServer: true })
  /** Accepts sockets that never answer a ping (FakeLiveOptions.answerPings = false). */
  private readonly deafWss = new WebSocketServer({ noServer: true, autoPong: false })
  private readonly http = createServer((_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain' }).end('Upgrade to a WebSocket.\n')
  })

  constructor(private readonly currentOptions: FakeLiveOptions) {
    this.http.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head))
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port
  }
  get url(): string {
    return `ws://${FAKE_HOST}:${this.port}${LIVE_PATH}`
  }
  get apiKey(): string {
    return this.currentOptions.apiKey
  }
  get options(): Readonly<FakeLiveOptions> {
    return this.currentOptions
  }
  get clientEvents(): readonly RecordedLiveEvent[] {
    return this.recorder.liveEvents
  }
  get turns(): readonly RecordedLiveTurn[] {
    return this.recorder.turns
  }
  get closes(): FakeLiveServer['closes'] {
    return this.recorder.closes
  }
  get usageReports(): FakeLiveServer['usageReports'] {
    return this.recorder.usageReports
  }
  get connectionCount(): number {
    return this.connections.length
  }

  listen(port: number): Promise<void> {
    return listenOnLoopback(this.http, port)
  }

  setOptions(partial: Partial<FakeLiveOptions>): void {
    Object.assign(this.currentOptions, partial)
  }

  inputAudio(connectionIndex: number): Uint8Array {
    return this.recorder.inputAudio(connectionIndex)
  }

  startedSession(connectionIndex = this.connections.length - 1): LiveSessionConfig | undefined {
    return this.recorder.startedSessions.get(connectionIndex)
  }

  isMuted(connectionIndex = this.connections.length - 1): boolean {
    return this.connections[connectionIndex]?.isMuted ?? false
  }

  waitForClientEvent(
    type: string,
    predicate: (event: RecordedLiveEvent) => boolean = () => true,
    timeoutMs = DEFAULT_WAIT_MS
  ): Promise<RecordedLiveEvent> {
    return this.recorder.waitFor(
      () => this.recorder.liveEvents.find((e) => e.type === type && predicate(e)),
      timeoutMs,
      `client event ${type}`
    )
  }

  waitForTurns(count: number, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedLiveTurn[]> {
    return this.recorder.waitFor(
      () => {
        const finished = this.recorder.turns.filter((t) => t.status !== 'speaking')
        return finished.length >= count ? finished : undefined
      },
      timeoutMs,
      `${count} finished assistant turns`
    )
  }

  waitForConnections(count: number, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    return this.recorder
      .waitFor(
        () => (this.recorder.startedSessions.size >= count ? true : undefined),
        timeoutMs,
        `${count} started sessions`
      )
      .then(() => undefined)
  }

  endSession(reason: SessionClosedEvent['reason'], connectionIndex?: number): void {
    this.connection(connectionIndex).endSession(reason)
  }

  sendError(code: string, message: string, connectionIndex?: number): void {
    const type = code === 'server_error' ? 'server_error' : 'invalid_request_error'
    this.connection(connectionIndex).sendError(liveError(code, message, undefined, type))
  }

  sendRaw(text: string, connectionIndex?: number): void {
    this.connection(connectionIndex).sendRaw(text)
  }

  dropAllConnections(): void {
    for (const connection of this.connections) connection.terminate()
  }

  async close(): Promise<void> {
    this.dropAllConnections()
    await new Promise<void>((resolve) => this.deafWss.close(() => resolve()))
    await closeLoopback(this.wss, this.http)
  }

  private connection(connectionIndex?: number): FakeLiveConnection {
    const connection =
      connectionIndex === undefined
        ? this.connections.findLast((c) => c.isOpen)
        : this.connections[connectionIndex]
    if (!connection?.isOpen) throw new Error('Fake Live server: no open connection')
    return connection
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', `http://${FAKE_HOST}`)
    if (url.pathname !== LIVE_PATH)
      return refuseUpgrade(socket, 404, 'not_found', `Invalid URL (GET ${url.pathname})`)
    // "Do not pass it as a URL query parameter" (SessionConfig.model).
    if (url.search !== '')
      return refuseUpgrade(
        socket,
        400,
        'unknown_parameter',
        'GPT-Live takes no query parameters; put the model in session.start.'
      )
    const key = bearerKey(req)
    if (key !== this.currentOptions.apiKey)
      return refuseUpgrade(socket, 401, 'invalid_api_key', authMessage(key))
    const wss = this.currentOptions.answerPings ? this.wss : this.deafWss
    wss.handleUpgrade(req, socket, head, (ws) => {
      const context = { ids: this.ids, recorder: this.recorder, options: this.currentOptions }
      const connection = new FakeLiveConnection(context, ws, this.connections.length)
      this.connections.push(connection)
      this.currentOptions.log(`#${connection.index} connected`)
    })
  }
}

/** Starts a fake GPT-Live server on 127.0.0.1 (a free port unless `options.port` says otherwise). */
export async function startFakeLiveServer(
  options: Partial<FakeLiveOptions> = {}
): Promise<FakeLiveServer> {
  const server = new FakeLiveServerImpl({ ...defaultLiveOptions(), ...options })
  await server.listen(server.options.port)
  return server
}
