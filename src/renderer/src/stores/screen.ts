// Look at my screen, as the window sees it: the capture waiting above the message box (main keeps
// it and sends it with the next message), and main's requests to capture (the look_at_screen tool
// the user approved, the tray's item). The window never sends an image to the API itself.
import { create } from 'zustand'
import type { HarkApi } from '../../../shared/ipc'
import type { ScreenImageInfo } from '../../../shared/screen-ipc'
import { captureScreenJpeg } from '../screen/capture-screen'
import { describeScreenError } from '../screen/screen-errors'
import { messageOf } from './errors'

interface ScreenState {
  /** The kept capture as main describes it, with the window's own picture of it. */
  pending: (ScreenImageInfo & { thumbnailUrl: string | null }) | null
  capturing: boolean
  /** Why the last look did not work, in words; null when it did. */
  problem: string | null
}

export const useScreen = create<ScreenState>()(() => ({
  pending: null,
  capturing: false,
  problem: null
}))

/** The picture of the last capture main asked for: shown if main keeps it (the tray). */
let requested: { byteLength: number; url: string } | null = null

const pictureOf = (jpeg: Uint8Array<ArrayBuffer>): string =>
  URL.createObjectURL(new Blob([jpeg], { type: 'image/jpeg' }))

function show(pending: ScreenState['pending']): void {
  const before = useScreen.getState().pending?.thumbnailUrl
  if (before && before !== pending?.thumbnailUrl) URL.revokeObjectURL(before)
  useScreen.setState({ pending })
}

/** The window's button: capture now; the capture waits for the next message. */
export async function lookAtScreen(hark: HarkApi): Promise<void> {
  if (useScreen.getState().capturing) return
  useScreen.setState({ capturing: true, problem: null })
  try {
    const jpeg = await captureScreenJpeg()
    const info = await hark.screen.attach({ jpeg })
    show({ ...info, thumbnailUrl: pictureOf(jpeg) })
  } catch (error) {
    useScreen.setState({
      problem: error instanceof DOMException ? describeScreenError(error) : messageOf(error)
    })
  } finally {
    useScreen.setState({ capturing: false })
  }
}

export async function removeScreenLook(hark: HarkApi): Promise<void> {
  try {
    const attachment = await hark.screen.discard()
    if (!attachment.pending) show(null)
  } catch (error) {
    useScreen.setState({ problem: messageOf(error) })
  }
}

async function captureFor(hark: HarkApi, requestId: string): Promise<void> {
  let jpeg: Uint8Array<ArrayBuffer>
  try {
    jpeg = await captureScreenJpeg()
  } catch (error) {
    const reason = describeScreenError(error).slice(0, 300)
    await hark.screen.captureFailed({ requestId, reason }).catch(() => undefined)
    return
  }
  if (requested) URL.revokeObjectURL(requested.url)
  requested = { byteLength: jpeg.byteLength, url: pictureOf(jpeg) }
  await hark.screen.attach({ jpeg, requestId }).catch((error: unknown) => {
    useScreen.setState({ problem: messageOf(error) })
  })
}

export function connectScreen(hark: HarkApi): () => void {
  const unsubscribers = [
    hark.on('screen.captureRequested', ({ requestId }) => void captureFor(hark, requestId)),
    hark.on('screen.attachmentChanged', ({ pending, problem }) => {
      if (problem !== null) useScreen.setState({ problem })
      if (!pending) return show(null)
      const current = useScreen.getState().pending
      if (current?.byteLength === pending.byteLength) return
      const url = requested?.byteLength === pending.byteLength ? requested.url : null
      if (url !== null) requested = null
      show({ ...pending, thumbnailUrl: url })
    })
  ]
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe()
  }
}
