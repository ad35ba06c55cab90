// A tiny scripted Realtime server for the core's own unit tests: it records what the client sends
// and sends exactly what a test tells it to. The project's full fake server (test/fake-realtime)
// is used by the integration suite; this one lets each unit test script the wire precisely.
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import type WebSocket from 'ws'

export type ClientEvent = Record<string, unknown> & { type: string }

export type ConnectionMode =
  | { kind: 'accept' }
  /** Refuse the upgrade with an HTTP status (how a bad key can look, reference §7). */
  | { kind: 'http'; status: number }
  /** Accept, send an `invalid_api_key` error event and close with 3000 (reference §7). */
  | { kind: 'bad_key' }

export interface ScriptServerOptions {
  mode?: ConnectionMode
  /** Send `session.created` on connect (the real API does). */
  sessionCreated?: boolean
}

export interface ScriptServer {
  readonly url: string
  readonly received: ClientEvent[]
  readonly authorizations: string[]
  mode: ConnectionMode
  send: (event: Record<string, unknown>) => void
  sendRaw: (text: string) => void
  waitFor: (type: string, count?: number) => Promise<ClientEvent>
  ofType: (type: string) => ClientEvent[]
  /** Kill the TCP connection without a close frame. */
  drop: () => void
  close: () => Promise<void>
}

let eventCounter = 0

export async function startScriptServer(options: ScriptServerOptions = {}): Promise<ScriptServer> {
  const received: ClientEvent[] = []
  const authorizations: string[] = []
  const waiters: Array<() => void> = []
  let socket: WebSocket | undefined
  let mode: ConnectionMode = options.mode ?? { kind: 'accept' }

  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient: (info, done) => {
      authorizations.push(String(info.req.headers.authorization))
      if (mode.kind === 'http') done(false, mode.status, 'Refused')
      else done(true)
    }
  })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  const port = (wss.address() as AddressInfo).port

  const send = (event: Record<string, unknown>): void => {
    socket?.send(JSON.stringify({ event_id: `evt_${++eventCounter}`, ...event }))
  }

  wss.on('connection', (ws) => {
    socket = ws
    if (mode.kind === 'bad_key') {
      send({
        type: 'error',
        error: {
          type: 'invalid_request_error',
          code: 'invalid_api_key',
          message: 'Incorrect API key provided: sk-bad***key.'
        }
      })
      ws.close(3000, 'invalid_request_error.invalid_api_key')
      return
    }
    if (options.sessionCreated !== false)
      send({ type: 'session.created', session: { id: 'sess_1', type: 'realtime', tracing: null } })
    ws.on('message', (data) => {
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString()
        : Buffer.from(data as ArrayBuffer).toString()
      const event = JSON.parse(text) as ClientEvent
      received.push(event)
      if (event.type === 'session.update')
        send({ type: 'session.updated', session: event['session'] })
      for (const wake of waiters.splice(0)) wake()
    })
  })

  const ofType = (type: string): ClientEvent[] => received.filter((event) => event.type === type)

  return {
    url: `ws://127.0.0.1:${port}/v1/realtime`,
    received,
    authorizations,
    get mode() {
      return mode
    },
    set mode(next: ConnectionMode) {
      mode = next
    },
    send,
    sendRaw: (text) => socket?.send(text),
    ofType,
    waitFor: async (type, count = 1) => {
      const deadline = Date.now() + 5000
      while (ofType(type).length < count) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${count} × ${type}`)
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, 50)
        })
      }
      const event = ofType(type)[count - 1]
      if (!event) throw new Error(`No ${type}`)
      return event
    },
    drop: () => socket?.terminate(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close(() => resolve())
      })
  }
}

/** PCM16 bytes with a recognisable pattern, `ms` long. */
export function patternPcm(ms: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(ms * 48)
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + seed * 13) & 0xff
  return bytes
}

export interface ScriptedResponse {
  responseId: string
  itemId: string
  chunks: Uint8Array[]
  transcript?: string
}

/** The events of an audio response up to (not including) its end, as the API orders them (reference §9b). */
export function sendResponseStart(server: ScriptServer, response: ScriptedResponse): void {
  const { responseId, itemId } = response
  server.send({
    type: 'response.created',
    response: { id: responseId, object: 'realtime.response', status: 'in_progress', output: [] }
  })
  server.send({
    type: 'response.output_item.added',
    response_id: responseId,
    output_index: 0,
    item: { id: itemId, type: 'message', role: 'assistant', status: 'in_progress', content: [] }
  })
  if (response.transcript)
    server.send({
      type: 'response.output_audio_transcript.delta',
      response_id: responseId,
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      delta: response.transcript
    })
  sendAudioChunks(server, response)
}

export function sendAudioChunks(server: ScriptServer, response: ScriptedResponse): void {
  for (const chunk of response.chunks)
    server.send({
      type: 'response.output_audio.delta',
      response_id: response.responseId,
      item_id: response.itemId,
      output_index: 0,
      content_index: 0,
      delta: Buffer.from(chunk).toString('base64')
    })
}

export function sendResponseEnd(
  server: ScriptServer,
  response: ScriptedResponse,
  status: 'completed' | 'cancelled' = 'completed'
): void {
  const { responseId, itemId } = response
  const content = [{ type: 'output_audio', transcript: response.transcript ?? '' }]
  server.send({
    type: 'response.output_audio.done',
    response_id: responseId,
    item_id: itemId,
    output_index: 0,
    content_index: 0
  })
  server.send({
    type: 'response.output_audio_transcript.done',
    response_id: responseId,
    item_id: itemId,
    output_index: 0,
    content_index: 0,
    transcript: response.transcript ?? ''
  })
  const item = { id: itemId, type: 'message', role: 'assistant', status: 'completed', content }
  server.send({ type: 'response.output_item.done', response_id: responseId, output_index: 0, item })
  server.send({
    type: 'response.done',
    response: {
      id: responseId,
      object: 'realtime.response',
      status,
      output: [item],
      usage: { total_tokens: 15, input_tokens: 10, output_tokens: 5 }
    }
  })
}
