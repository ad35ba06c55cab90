// `window.hark` for the browser host: the same HarkApi as Electron's preload, built from the IPC
// contract, carried over one WebSocket to the host (src/web-host/host.ts). Calls made before the
// socket is open are queued; invokes in flight when it closes answer a network failure; it
// reconnects. Invokes answer IpcReply objects like Electron's preload (src/shared/ipc-errors.ts).
import { buildHarkApi } from '../../preload/build-api'
import type { EventChannel, HarkBridgeApi, InvokeChannel, SendChannel } from '../../shared/ipc'
import { readReply, replyError } from '../../shared/ipc-errors'
import {
  BRIDGE_SOCKET_PATH,
  FRAME_AUDIO_APPEND,
  FRAME_AUDIO_DELTA,
  FRAME_BINARY_REPLY,
  FRAME_SCREEN_ATTACH,
  decodeAudioFrame,
  encodeAudioFrame,
  type HostMessage,
  type PageMessage
} from '../wire'

type Listener = (payload: unknown) => void
type Outgoing = string | Uint8Array
type Pending = (reply: unknown) => void

/** Queued messages while disconnected; beyond this, the oldest are dropped (stale audio). */
const MAX_QUEUE = 2000
const token = new URLSearchParams(location.search).get('token') ?? ''
const listeners = new Map<string, Set<Listener>>()
const pending = new Map<number, Pending>()
const queue: Outgoing[] = []
let socket: WebSocket | null = null
let nextId = 1
let retryMs = 250

function emit(channel: string, payload: unknown): void {
  for (const listener of listeners.get(channel) ?? []) {
    try {
      listener(payload)
    } catch (error) {
      console.error(`hark.on('${channel}') listener failed`, error)
    }
  }
}

function onMessage(data: unknown): void {
  if (data instanceof ArrayBuffer) {
    const frame = decodeAudioFrame(new Uint8Array(data))
    if (frame?.kind === FRAME_AUDIO_DELTA) emit('audio.delta', { ...frame.header, pcm: frame.pcm })
    if (frame?.kind === FRAME_BINARY_REPLY)
      answerPending(frame.header.id, { ok: true, value: frame.pcm })
    return
  }
  if (typeof data !== 'string') return
  const message = JSON.parse(data) as HostMessage
  if (message.t === 'event') {
    emit(message.channel, message.payload)
    return
  }
  answerPending(message.id, message.reply)
}

function answerPending(id: unknown, reply: unknown): void {
  const call = typeof id === 'number' ? pending.get(id) : undefined
  if (!call) return
  pending.delete(id as number)
  call(readReply(reply))
}

function connect(): void {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${BRIDGE_SOCKET_PATH}?token=${encodeURIComponent(token)}`
  const ws = new WebSocket(url)
  ws.binaryType = 'arraybuffer'
  socket = ws
  ws.onopen = () => {
    retryMs = 250
    for (const data of queue.splice(0)) ws.send(data)
  }
  ws.onmessage = (event: MessageEvent) => onMessage(event.data)
  ws.onclose = () => {
    socket = null
    const gone = replyError('network', 'The Hark host stopped answering.')
    for (const call of pending.values()) call(gone)
    pending.clear()
    setTimeout(connect, retryMs)
    retryMs = Math.min(retryMs * 2, 5000)
  }
}

function transmit(data: Outgoing): void {
  if (socket?.readyState === WebSocket.OPEN) {
    socket.send(data)
    return
  }
  queue.push(data)
  if (queue.length > MAX_QUEUE) queue.shift()
}

function invoke(channel: InvokeChannel, payload: unknown): Promise<unknown> {
  const id = nextId++
  const message: PageMessage = { t: 'invoke', id, channel, payload }
  return new Promise((resolve) => {
    pending.set(id, resolve)
    transmit(channel === 'screen.attach' ? screenFrame(id, payload) : JSON.stringify(message))
  })
}

/** A screen look's JPEG goes as bytes, like audio (src/web-host/wire.ts). */
function screenFrame(id: number, payload: unknown): Uint8Array {
  const { jpeg, requestId } = (payload ?? {}) as { jpeg?: unknown; requestId?: unknown }
  if (!(jpeg instanceof Uint8Array)) throw new TypeError('screen.attach takes a Uint8Array')
  return encodeAudioFrame(FRAME_SCREEN_ATTACH, { id, requestId }, jpeg)
}

function send(channel: SendChannel, payload: unknown): void {
  if (channel === 'audio.append') {
    if (!(payload instanceof Uint8Array)) throw new TypeError('audio.append takes a Uint8Array')
    transmit(encodeAudioFrame(FRAME_AUDIO_APPEND, {}, payload))
    return
  }
  const message: PageMessage = { t: 'send', channel, payload }
  transmit(JSON.stringify(message))
}

function listen(channel: EventChannel, listener: Listener): () => void {
  const set = listeners.get(channel) ?? new Set<Listener>()
  listeners.set(channel, set)
  set.add(listener)
  return () => void set.delete(listener)
}

const hark = buildHarkApi({ invoke, send, listen }) satisfies HarkBridgeApi
Object.defineProperty(window, 'hark', { value: hark, enumerable: true })
connect()
