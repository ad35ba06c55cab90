import type { IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { WebSocketServer } from 'ws'
import type { SocketGuardHandlers } from './socket-factory'
import { openGuardedSocket, serverEventType } from './socket-factory'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

interface Recorded extends SocketGuardHandlers {
  malformed: string[]
  thrown: Array<{ error: unknown; eventType: string | undefined }>
}

function recorder(): Recorded {
  const malformed: string[] = []
  const thrown: Recorded['thrown'] = []
  return {
    malformed,
    thrown,
    onMalformedMessage: (preview) => malformed.push(preview),
    onListenerError: (error, eventType) => thrown.push({ error, eventType })
  }
}

/** A ws server that runs `script` on each connection and records the upgrade headers. */
async function wsServer(
  script: (socket: WebSocket) => void
): Promise<{ url: string; headers: IncomingHttpHeaders[] }> {
  const headers: IncomingHttpHeaders[] = []
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  wss.on('connection', (socket, request) => {
    headers.push(request.headers)
    script(socket)
  })
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close(() => resolve())
      })
  )
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/v1/realtime`, headers }
}

function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (condition()) resolve()
      else if (Date.now() > deadline) reject(new Error('timed out'))
      else setTimeout(check, 5)
    }
    check()
  })
}

describe('serverEventType', () => {
  it('reads the type of a JSON event object and rejects anything else', () => {
    expect(serverEventType('{"type":"session.created","event_id":"e"}')).toBe('session.created')
    expect(serverEventType(Buffer.from('{"type":"x"}'))).toBe('x')
    expect(serverEventType('{"type": oops')).toBeUndefined()
    expect(serverEventType('[1,2]')).toBeUndefined()
    expect(serverEventType('42')).toBeUndefined()
    expect(serverEventType('{"no_type":true}')).toBeUndefined()
  })
})

describe('openGuardedSocket', () => {
  it('sends the key and the SDK headers, and records the close code and reason', async () => {
    const server = await wsServer((socket) =>
      socket.close(3000, 'invalid_request_error.invalid_api_key')
    )
    const { socket, diagnostics } = openGuardedSocket({
      url: server.url,
      apiKey: 'sk-test',
      headers: { 'User-Agent': 'Agents/JavaScript 0.20.0', 'X-OpenAI-Agents-SDK': 'x' },
      handlers: recorder()
    })
    await new Promise<void>((resolve) => socket.on('close', () => resolve()))
    expect(server.headers[0]).toMatchObject({
      authorization: 'Bearer sk-test',
      'user-agent': 'Agents/JavaScript 0.20.0',
      'x-openai-agents-sdk': 'x'
    })
    // No permessage-deflate offer: audio frames go out as they are (see openGuardedSocket).
    expect(server.headers[0]?.['sec-websocket-extensions']).toBeUndefined()
    expect(diagnostics).toMatchObject({
      opened: true,
      closeCode: 3000,
      closeReason: 'invalid_request_error.invalid_api_key'
    })
  })

  it('keeps throwing listeners from crashing and reports malformed messages', async () => {
    const server = await wsServer((socket) => {
      socket.send('not json')
      socket.send('{"type":"boom","event_id":"e1"}')
      socket.send('{"type":"fine","event_id":"e2"}')
    })
    const handlers = recorder()
    const { socket } = openGuardedSocket({ url: server.url, apiKey: 'k', headers: {}, handlers })
    const seen: string[] = []
    socket.addEventListener('message', (event) => {
      const type = serverEventType(event.data)
      if (type === 'boom') throw new Error('listener bug')
      seen.push(String(type))
    })
    await waitFor(() => seen.length === 1)
    expect(seen).toEqual(['fine'])
    expect(handlers.malformed).toEqual(['not json'])
    expect(handlers.thrown).toHaveLength(1)
    expect(handlers.thrown[0]?.eventType).toBe('boom')
    socket.close()
  })

  it('records the status and body of a refused upgrade, then fails the socket', async () => {
    const http = createServer((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' })
      response.end('{"error":{"message":"Incorrect API key","code":"invalid_api_key"}}')
    })
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()))
    cleanups.push(() => new Promise<void>((resolve) => http.close(() => resolve())))
    const port = (http.address() as AddressInfo).port
    const { socket, diagnostics } = openGuardedSocket({
      url: `ws://127.0.0.1:${port}/v1/realtime`,
      apiKey: 'bad',
      headers: {},
      handlers: recorder()
    })
    const errors: string[] = []
    socket.addEventListener('error', (event) => errors.push(event.message))
    await new Promise<void>((resolve) => socket.on('close', () => resolve()))
    expect(diagnostics.httpStatus).toBe(401)
    expect(diagnostics.httpBody).toContain('Incorrect API key')
    expect(diagnostics.opened).toBe(false)
    expect(errors).toHaveLength(1)
  })
})
