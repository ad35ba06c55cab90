// The browser host: serves the built renderer on 127.0.0.1 and gives the page `window.hark` over
// a local WebSocket to the real main-process core (docs/architecture.md, "Testing layers"). No electron here.
//
// Guards: loopback only; a random token in the page URL that the WebSocket upgrade must carry;
// the upgrade's Origin and every request's Host must be this host's own; files only from the
// renderer folder (real paths); a malformed request target gets 400; frames capped at twice the
// largest channel cap; every payload size-checked and validated by the router.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import type { IpcRouter } from '../main/app/hark-main'
import {
  MAX_IPC_MESSAGE_BYTES,
  channelsOfKind,
  type InvokeChannel,
  type SendChannel
} from '../shared/ipc'
import { replyError, type IpcReply } from '../shared/ipc-errors'
import { buildBridge } from './bridge-build'
import { serveRenderer } from './static-files'
import {
  BRIDGE_SOCKET_PATH,
  FRAME_AUDIO_APPEND,
  FRAME_AUDIO_DELTA,
  FRAME_BINARY_REPLY,
  FRAME_SCREEN_ATTACH,
  decodeAudioFrame,
  encodeAudioFrame,
  parsePageMessage,
  type AudioFrame,
  type HostMessage
} from './wire'

export const WEB_HOST = '127.0.0.1'

/** What a test can watch: every event and raw frame sent to the page, every send received. */
export type HostObservation =
  | { kind: 'event'; channel: string; payload: unknown }
  | { kind: 'frame'; data: string | Uint8Array }
  | { kind: 'send'; channel: string; payload: unknown }
export type HostObserver = (observation: HostObservation) => void

export interface WebHostOptions {
  /** 0 picks a free port. */
  port: number
  /** The built renderer (`out/renderer`). */
  rendererDir: string
  /** The main-process core (`createHarkMain`); the host disposes it on close. */
  router: IpcRouter
  onObserve?: HostObserver
}

export interface WebHost {
  readonly url: string
  readonly port: number
  observe(listener: HostObserver): () => void
  close(): Promise<void>
}

const invokeChannels = new Set<string>(channelsOfKind('invoke'))
const sendChannels = new Set<string>(channelsOfKind('send'))
const isInvoke = (channel: string): channel is InvokeChannel => invokeChannels.has(channel)
const isSend = (channel: string): channel is SendChannel => sendChannels.has(channel)

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { router } = options
  const token = randomBytes(24).toString('base64url')
  const observers = new Set<HostObserver>()
  if (options.onObserve) observers.add(options.onObserve)
  const observe = (observation: HostObservation): void => {
    for (const observer of observers) observer(observation)
  }
  const bridgeScript = await buildBridge()
  let port = options.port
  const origin = (): string => `http://${WEB_HOST}:${port}`

  const http = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.headers.host !== `${WEB_HOST}:${port}`) {
      response.writeHead(421).end('Misdirected request')
      return
    }
    try {
      serveRenderer(request, response, options.rendererDir, bridgeScript)
    } catch {
      // A file that vanished mid-read: this request fails, the host stays up.
      if (!response.headersSent) response.writeHead(500)
      response.end()
    }
  })
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_IPC_MESSAGE_BYTES * 2 })

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    let url: URL
    try {
      url = new URL(request.url ?? '/', origin())
    } catch {
      // A target that is no URL (`//[`) from any page must not take the host down.
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
      return
    }
    const allowed =
      url.pathname === BRIDGE_SOCKET_PATH &&
      request.headers.host === `${WEB_HOST}:${port}` &&
      request.headers.origin === origin() &&
      sameSecret(url.searchParams.get('token') ?? '', token)
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      return
    }
    sockets.handleUpgrade(request, socket, head, (ws) => attach(ws))
  })

  /** `screen.attach` over a binary frame: the router validates it like any invoke. */
  function answerScreenFrame(frame: AudioFrame, transmit: (data: string) => void): void {
    const { id, requestId } = frame.header
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return
    const payload = { jpeg: frame.pcm, ...(requestId === undefined ? {} : { requestId }) }
    void router
      .answerInvoke('screen.attach', payload)
      .then((reply) => transmit(JSON.stringify({ t: 'reply', id, reply } satisfies HostMessage)))
  }

  function attach(ws: WebSocket): void {
    const transmit = (data: string | Uint8Array): void => {
      if (ws.readyState !== ws.OPEN) return
      observe({ kind: 'frame', data })
      ws.send(data)
    }
    const unsubscribe = router.subscribe((channel, payload) => {
      observe({ kind: 'event', channel, payload })
      if (channel === 'audio.delta') {
        const { pcm, ...header } = payload as {
          pcm: Uint8Array
          responseId: string
          itemId: string
        }
        transmit(encodeAudioFrame(FRAME_AUDIO_DELTA, header, pcm))
      } else {
        transmit(JSON.stringify({ t: 'event', channel, payload } satisfies HostMessage))
      }
    })
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)
      if (isBinary) {
        const frame = decodeAudioFrame(new Uint8Array(bytes))
        if (frame?.kind === FRAME_SCREEN_ATTACH) return answerScreenFrame(frame, transmit)
        if (frame?.kind !== FRAME_AUDIO_APPEND) return
        observe({ kind: 'send', channel: 'audio.append', payload: frame.pcm })
        router.handleSend('audio.append', frame.pcm)
        return
      }
      const message = parsePageMessage(bytes.toString('utf8'))
      if (!message) return
      if (message.t === 'send') {
        if (!isSend(message.channel)) return
        observe({ kind: 'send', channel: message.channel, payload: message.payload })
        router.handleSend(message.channel, message.payload)
        return
      }
      const { id, channel } = message
      const answer = (reply: IpcReply): void =>
        reply.ok && reply.value instanceof Uint8Array
          ? transmit(encodeAudioFrame(FRAME_BINARY_REPLY, { id }, reply.value))
          : transmit(JSON.stringify({ t: 'reply', id, reply } satisfies HostMessage))
      if (!isInvoke(channel)) {
        answer(replyError('invalid_input', 'That is not a Hark channel.'))
        return
      }
      void router.answerInvoke(channel, message.payload).then(answer)
    })
    ws.on('close', unsubscribe)
    ws.on('error', () => ws.terminate())
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(options.port, WEB_HOST, () => {
      http.off('error', reject)
      resolve()
    })
  })
  port = (http.address() as AddressInfo).port

  return {
    url: `${origin()}/?token=${token}`,
    port,
    observe(listener: HostObserver): () => void {
      observers.add(listener)
      return () => void observers.delete(listener)
    },
    async close(): Promise<void> {
      for (const client of sockets.clients) client.terminate()
      sockets.close()
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
      await router.dispose()
    }
  }
}
