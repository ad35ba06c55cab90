// The page's side of the IPC seam: turns `window.hark` (invokes answer IpcReply objects, see
// src/shared/ipc-errors.ts) into HarkApi, whose invokes resolve with the value or reject with a
// HarkError. The HarkError is made here, in the page's own world, so its code is never lost to
// Electron's contextBridge.
import { apiPath, channelsOfKind, type HarkApi, type HarkBridgeApi } from './ipc'
import { readReply, unwrapReply } from './ipc-errors'

export function unwrapHarkApi(bridge: HarkBridgeApi): HarkApi {
  const api: Record<string, unknown> = {}
  const source = bridge as unknown as Record<string, Record<string, unknown>>
  const namespace = (name: string): Record<string, unknown> =>
    (api[name] ??= { ...source[name] }) as Record<string, unknown>
  for (const channel of channelsOfKind('send')) {
    const [ns] = apiPath(channel)
    namespace(ns)
  }
  for (const channel of channelsOfKind('invoke')) {
    const [ns, method] = apiPath(channel)
    const call = source[ns]?.[method] as ((request?: unknown) => Promise<unknown>) | undefined
    namespace(ns)[method] = async (request?: unknown): Promise<unknown> => {
      if (!call) return unwrapReply(readReply(undefined))
      return unwrapReply(readReply(await call(request)))
    }
  }
  api['on'] = bridge.on
  // The contract drives the shape; the test checks every channel has its function.
  return api as HarkApi
}
