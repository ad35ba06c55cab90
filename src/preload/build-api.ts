// Builds `window.hark` from the IPC contract over any transport (Electron's ipcRenderer in the
// preload; tests pass a recorder). Electron-free so it is unit-tested directly.
import type { EventChannel, HarkApi, InvokeChannel, SendChannel } from '../shared/ipc'
import { apiPath, channelsOfKind } from '../shared/ipc'
import { decodeIpcError } from '../shared/ipc-errors'
import type { ErrorCode } from '../shared/realtime-events'

export interface HarkTransport {
  invoke(channel: InvokeChannel, request: unknown): Promise<unknown>
  send(channel: SendChannel, payload: unknown): void
  /** Listen to a main → renderer channel; returns the unsubscribe function. */
  listen(channel: EventChannel, listener: (payload: unknown) => void): () => void
}

/** What a rejected `window.hark` call rejects with: a sentence for the UI and a stable code. */
export class HarkError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'HarkError'
  }
}

export function buildHarkApi(transport: HarkTransport): HarkApi {
  const eventChannels = new Set<string>(channelsOfKind('event'))
  const api: Record<string, unknown> = {}
  const namespace = (name: string): Record<string, unknown> =>
    (api[name] ??= {}) as Record<string, unknown>

  for (const channel of channelsOfKind('invoke')) {
    const [ns, method] = apiPath(channel)
    namespace(ns)[method] = (request?: unknown) =>
      transport.invoke(channel, request).catch((error: unknown) => {
        throw toHarkError(error)
      })
  }
  for (const channel of channelsOfKind('send')) {
    const [ns, method] = apiPath(channel)
    namespace(ns)[method] = (payload?: unknown): void => transport.send(channel, payload)
  }
  api['on'] = (channel: EventChannel, listener: (payload: unknown) => void): (() => void) => {
    // The page may only listen to event channels: never to an invoke reply or another name.
    if (!eventChannels.has(channel)) throw new Error(`"${String(channel)}" is not a Hark event.`)
    if (typeof listener !== 'function') throw new Error('hark.on needs a listener function.')
    return transport.listen(channel, listener)
  }
  // The contract drives the shape; the test checks that every channel has its function.
  return api as HarkApi
}

function toHarkError(error: unknown): HarkError {
  const message = error instanceof Error ? error.message : String(error)
  const decoded = decodeIpcError(message)
  return decoded
    ? new HarkError(decoded.code, decoded.message)
    : new HarkError('unknown', 'Hark could not do that because of an unexpected error.')
}
