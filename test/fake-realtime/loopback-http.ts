// The HTTP side both fakes share (Realtime and GPT-Live): listen on 127.0.0.1 only, and close
// everything at once at the end of a test.
import type { Server } from 'node:http'
import type { WebSocketServer } from 'ws'

export const FAKE_HOST = '127.0.0.1'

export async function listenOnLoopback(http: Server, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(port, FAKE_HOST, () => {
      http.off('error', reject)
      resolve()
    })
  })
}

/** Closes the WebSocket server, then the HTTP server and every connection it still holds. */
export async function closeLoopback(wss: WebSocketServer, http: Server): Promise<void> {
  await new Promise<void>((resolve) => wss.close(() => resolve()))
  await new Promise<void>((resolve) => {
    http.close(() => resolve())
    http.closeAllConnections()
  })
}
