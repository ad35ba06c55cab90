// ipcMain wiring generated from the contract: one handler per invoke and send channel, each
// checking the sender before the router checks the size and validates the payload. Invokes answer
// the router's IpcReply and never throw: Electron would keep only a thrown error's message.
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron'
import { channelsOfKind } from '../../shared/ipc'
import { replyError, type IpcReply } from '../../shared/ipc-errors'
import type { IpcRouter } from '../app/hark-main'
import type { RealtimeLog } from '../realtime/event-bus'
import { overlayMayUse } from '../security/overlay-channels'
import { senderVerdict, type FrameFacts, type OurPage, type Verdict } from '../security/policy'

export interface IpcRegistration {
  ipcMain: IpcMain
  router: IpcRouter
  /** Our window's web contents, or null while there is none. */
  ourContents: () => WebContents | null
  page: OurPage
  log: RealtimeLog
  /** The overlay window (issue 13): gets every event, may use only overlay-channels.ts's few. */
  overlay?: { contents: () => WebContents | null; page: OurPage }
}

export function registerIpc(options: IpcRegistration): () => void {
  const { ipcMain, router, log } = options
  const verdictFor = (
    event: IpcMainEvent | IpcMainInvokeEvent,
    contents: WebContents | null,
    page: OurPage
  ): Verdict =>
    senderVerdict(
      frameFacts(() => event.senderFrame),
      contents && !contents.isDestroyed() ? frameFacts(() => contents.mainFrame) : null,
      page
    )
  const check = (event: IpcMainEvent | IpcMainInvokeEvent, channel: string): Verdict => {
    const verdict = verdictFor(event, options.ourContents(), options.page)
    const { overlay } = options
    if (verdict.ok || !overlay || !overlayMayUse(channel)) return verdict
    return verdictFor(event, overlay.contents(), overlay.page).ok ? { ok: true } : verdict
  }

  const invokeChannels = channelsOfKind('invoke')
  const sendChannels = channelsOfKind('send')
  const listeners = new Map<string, (event: IpcMainEvent, payload: unknown) => void>()

  for (const channel of invokeChannels) {
    ipcMain.handle(channel, (event, payload: unknown): Promise<IpcReply> => {
      const verdict = check(event, channel)
      if (!verdict.ok) {
        log('warn', 'ipc: request refused', { channel, reason: verdict.reason })
        return Promise.resolve(
          replyError('invalid_request', 'Hark refused a request from an unknown sender.')
        )
      }
      return router.answerInvoke(channel, payload)
    })
  }
  for (const channel of sendChannels) {
    const listener = (event: IpcMainEvent, payload: unknown): void => {
      const verdict = check(event, channel)
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
    for (const contents of [options.ourContents(), options.overlay?.contents() ?? null])
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
