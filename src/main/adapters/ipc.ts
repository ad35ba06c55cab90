// ipcMain wiring generated from the contract: one handler per invoke and send channel, each
// checking the sender and the message size before the router validates the payload.
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron'
import { channelsOfKind, MAX_IPC_MESSAGE_BYTES } from '../../shared/ipc'
import { encodeIpcError, toErrorCode } from '../../shared/ipc-errors'
import type { IpcRouter } from '../app/hark-main'
import type { RealtimeLog } from '../realtime/event-bus'
import {
  payloadSizeBytes,
  senderVerdict,
  type FrameFacts,
  type OurPage,
  type Verdict
} from '../security/policy'

export interface IpcRegistration {
  ipcMain: IpcMain
  router: IpcRouter
  /** Our window's web contents, or null while there is none. */
  ourContents: () => WebContents | null
  page: OurPage
  log: RealtimeLog
}

export function registerIpc(options: IpcRegistration): () => void {
  const { ipcMain, router, log } = options
  const check = (event: IpcMainEvent | IpcMainInvokeEvent, payload: unknown): Verdict => {
    const contents = options.ourContents()
    const verdict = senderVerdict(
      frameFacts(() => event.senderFrame),
      contents && !contents.isDestroyed() ? frameFacts(() => contents.mainFrame) : null,
      options.page
    )
    if (!verdict.ok) return verdict
    const size = payloadSizeBytes(payload)
    if (size > MAX_IPC_MESSAGE_BYTES)
      return { ok: false, reason: `the message is too large (${size} bytes)` }
    return verdict
  }

  const invokeChannels = channelsOfKind('invoke')
  const sendChannels = channelsOfKind('send')
  const listeners = new Map<string, (event: IpcMainEvent, payload: unknown) => void>()

  for (const channel of invokeChannels) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      const verdict = check(event, payload)
      if (!verdict.ok) {
        log('warn', 'ipc: request refused', { channel, reason: verdict.reason })
        throw new Error(
          encodeIpcError({
            code: 'invalid_request',
            message: 'Hark refused a request from an unknown sender.'
          })
        )
      }
      try {
        return await router.handleInvoke(channel, payload)
      } catch (error) {
        const code = toErrorCode((error as { code?: unknown } | null)?.code)
        const message = error instanceof Error ? error.message : 'Hark could not do that.'
        throw new Error(encodeIpcError({ code, message }), { cause: error })
      }
    })
  }
  for (const channel of sendChannels) {
    const listener = (event: IpcMainEvent, payload: unknown): void => {
      const verdict = check(event, payload)
      if (!verdict.ok) {
        log('warn', 'ipc: message dropped', { channel, reason: verdict.reason })
        return
      }
      router.handleSend(channel, payload)
    }
    listeners.set(channel, listener)
    ipcMain.on(channel, listener)
  }

  const unsubscribe = router.subscribe((channel, payload) => {
    const contents = options.ourContents()
    if (contents && !contents.isDestroyed()) contents.send(channel, payload)
  })

  return () => {
    unsubscribe()
    for (const channel of invokeChannels) ipcMain.removeHandler(channel)
    for (const [channel, listener] of listeners) ipcMain.removeListener(channel, listener)
  }
}

function frameFacts(getFrame: () => WebFrameMain | null | undefined): FrameFacts | null {
  try {
    // Reading a frame that navigated or was destroyed can throw: treat it as gone.
    const frame = getFrame()
    if (!frame) return null
    return {
      processId: frame.processId,
      routingId: frame.routingId,
      isTop: frame.parent === null,
      url: frame.url
    }
  } catch {
    return null
  }
}
