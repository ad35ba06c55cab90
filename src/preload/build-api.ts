// Builds `window.hark` from the IPC contract over any transport (Electron's ipcRenderer in the
// preload, the browser host's socket; tests pass a recorder). Electron-free so it is unit-tested
// directly. Invokes answer IpcReply objects and never reject (src/shared/ipc-errors.ts): the page
// unwraps them on its own side of the contextBridge (src/shared/hark-api.ts).
import type { EventChannel, HarkBridgeApi, InvokeChannel, SendChannel } from '../shared/ipc'
// Names and kinds only (no zod in the preload): main validates every payload.
import { apiPath, channelsOfKind, MAX_RENDERER_MESSAGE_BYTES } from '../shared/ipc-channels'
import { measuredBytesUpTo } from '../shared/ipc-limits'
import {
  readReply,
  replyError,
  UNEXPECTED_ERROR_SENTENCE,
  type IpcReply
} from '../shared/ipc-errors'

export interface HarkTransport {
  /** Resolves with main's IpcReply; a rejection means the seam itself failed. */
  invoke(channel: InvokeChannel, request: unknown): Promise<unknown>
  send(channel: SendChannel, payload: unknown): void
  /** Listen to a main → renderer channel; returns the unsubscribe function. */
  listen(channel: EventChannel, listener: (payload: unknown) => void): () => void
}

/**
 * Null when the payload may be cloned across the seam; else why not. Only the largest message
 * any channel takes is known here: main refuses what is over a channel's own cap, in words.
 */
function sizeProblem(payload: unknown): string | null {
  const cap = MAX_RENDERER_MESSAGE_BYTES
  if (measuredBytesUpTo(payload, cap) <= cap) return null
  return `That was too large for Hark to accept: no request may be over ${Math.ceil(cap / 1024)} KB.`
}

export function buildHarkApi(transport: HarkTransport): HarkBridgeApi {
  const eventChannels = new Set<string>(channelsOfKind('event'))
  const api: Record<string, unknown> = {}
  const namespace = (name: string): Record<string, unknown> =>
    (api[name] ??= {}) as Record<string, unknown>

  for (const channel of channelsOfKind('invoke')) {
    const [ns, method] = apiPath(channel)
    namespace(ns)[method] = async (request?: unknown): Promise<IpcReply> => {
      // Checked before anything serialises it: a payload over its channel's cap never leaves.
      const tooLarge = sizeProblem(request)
      if (tooLarge !== null) return replyError('invalid_input', tooLarge)
      try {
        return readReply(await transport.invoke(channel, request))
      } catch {
        return replyError('unknown', UNEXPECTED_ERROR_SENTENCE)
      }
    }
  }
  for (const channel of channelsOfKind('send')) {
    const [ns, method] = apiPath(channel)
    namespace(ns)[method] = (payload?: unknown): void => {
      // Main would drop it anyway; a hot-path send has nobody to tell.
      if (sizeProblem(payload) !== null) return
      transport.send(channel, payload)
    }
  }
  api['on'] = (channel: EventChannel, listener: (payload: unknown) => void): (() => void) => {
    // The page may only listen to event channels: never to an invoke reply or another name.
    if (!eventChannels.has(channel)) throw new Error(`"${String(channel)}" is not a Hark event.`)
    if (typeof listener !== 'function') throw new Error('hark.on needs a listener function.')
    return transport.listen(channel, listener)
  }
  // The contract drives the shape; the test checks that every channel has its function.
  return api as HarkBridgeApi
}
