// "Look at my screen" in main (issue 12 §3). The window captures (getDisplayMedia; in Electron the
// display under the pointer, adapters/display-media.ts) and hands over a JPEG; it is checked here
// and then either kept until the user's next message (the window's button, the tray) or, for the
// model's `look_at_screen` tool, sent at once. Nothing reaches the API before one of those.
import { randomUUID } from 'node:crypto'
import { HarkError } from '../../shared/ipc-errors'
import type { EventPayload } from '../../shared/ipc'
import type { ScreenAttachment, ScreenImageInfo } from '../../shared/screen-ipc'
import type { RealtimeLog } from '../realtime/event-bus'
import { realSetTimer, type SetTimer } from '../tools/approval-broker'
import { checkScreenJpeg, jpegDataUrl } from './jpeg-info'

export type ScreenLookMessage =
  | { channel: 'screen.captureRequested'; payload: EventPayload<'screen.captureRequested'> }
  | { channel: 'screen.attachmentChanged'; payload: ScreenAttachment }

export interface ScreenLookDeps {
  /** Adds the image to the live conversation now (a user item, no response); false without one. */
  sendImage(dataUrl: string): boolean
  broadcast(message: ScreenLookMessage): void
  /** Whether a window is there to capture (one is subscribed to events). */
  hasWindow(): boolean
  log: RealtimeLog
  setTimer?: SetTimer
  /** How long the window may take to capture; 20 s, within the tools' 30 s. */
  captureTimeoutMs?: number
  newRequestId?: () => string
}

interface Capture {
  bytes: Uint8Array
  info: ScreenImageInfo
}

type CaptureResult = { ok: true; capture: Capture } | { ok: false; reason: string }

interface OpenRequest {
  purpose: 'tool' | 'attach'
  settle(result: CaptureResult): void
}

const DEFAULT_CAPTURE_TIMEOUT_MS = 20_000
const couldNot = (reason: string): string => `Hark could not look at the screen: ${reason}`

export class ScreenLook {
  readonly #deps: ScreenLookDeps
  readonly #setTimer: SetTimer
  readonly #requests = new Map<string, OpenRequest>()
  #pending: Capture | null = null

  constructor(deps: ScreenLookDeps) {
    this.#deps = deps
    this.#setTimer = deps.setTimer ?? realSetTimer
  }

  get pending(): ScreenImageInfo | null {
    return this.#pending?.info ?? null
  }

  /** A capture from the window: checked, then kept for the next message or given to the tool. */
  attach(jpeg: Uint8Array, requestId?: string): ScreenImageInfo {
    const check = checkScreenJpeg(jpeg)
    if (!check.ok) {
      if (requestId !== undefined) this.#settle(requestId, { ok: false, reason: check.problem })
      throw new HarkError('invalid_input', check.problem)
    }
    const capture: Capture = {
      bytes: jpeg,
      info: { width: check.width, height: check.height, byteLength: jpeg.byteLength }
    }
    if (requestId !== undefined) {
      const request = this.#requests.get(requestId)
      if (!request) throw new HarkError('invalid_input', 'That screen capture is no longer wanted.')
      this.#settle(requestId, { ok: true, capture })
      if (request.purpose === 'tool') return capture.info
    }
    this.#pending = capture
    this.#changed(null)
    return capture.info
  }

  /** The remove button: the kept capture is dropped, nothing was sent. */
  discard(): ScreenAttachment {
    this.#pending = null
    return this.#changed(null)
  }

  captureFailed(requestId: string, reason: string): void {
    this.#settle(requestId, { ok: false, reason })
  }

  /** The tray's item: the window captures, and the capture waits for the next message. */
  requestAttach(): void {
    if (!this.#deps.hasWindow()) return
    void this.#request('attach').then((result) => {
      if (!result.ok) this.#changed(couldNot(result.reason))
    })
  }

  /** The user's next message is going out: the kept capture goes just before it. */
  sendPendingWithMessage(): void {
    const capture = this.#pending
    if (!capture) return
    if (!this.#deps.sendImage(jpegDataUrl(capture.bytes))) return
    this.#pending = null
    this.#deps.log('info', 'screen: a look went out with the message', {
      width: capture.info.width,
      height: capture.info.height,
      bytes: capture.info.byteLength
    })
    this.#changed(null)
  }

  /** The `look_at_screen` tool (already approved): capture and send now; the result says how it went. */
  async captureForTool(signal?: AbortSignal): Promise<string> {
    if (!this.#deps.hasWindow()) return couldNot('no Hark window is open to capture it.')
    const result = await this.#request('tool', signal)
    if (!result.ok) return couldNot(result.reason)
    const { info, bytes } = result.capture
    if (!this.#deps.sendImage(jpegDataUrl(bytes))) return couldNot('no session is open.')
    return `The user's screen (${info.width} × ${info.height} pixels) is now in the conversation, just before this result.`
  }

  /** Hark is closing: nothing waits any longer. */
  dispose(): void {
    for (const id of [...this.#requests.keys()])
      this.#settle(id, { ok: false, reason: 'Hark is closing.' })
    this.#pending = null
  }

  #request(purpose: OpenRequest['purpose'], signal?: AbortSignal): Promise<CaptureResult> {
    const requestId = (this.#deps.newRequestId ?? randomUUID)()
    return new Promise<CaptureResult>((resolve) => {
      const timeoutMs = this.#deps.captureTimeoutMs ?? DEFAULT_CAPTURE_TIMEOUT_MS
      const cancelTimer = this.#setTimer(
        () =>
          this.#settle(requestId, {
            ok: false,
            reason: `the window did not capture it within ${Math.round(timeoutMs / 1000)} seconds.`
          }),
        timeoutMs
      )
      const onAbort = (): void => this.#settle(requestId, { ok: false, reason: 'it was stopped.' })
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#requests.set(requestId, {
        purpose,
        settle: (result) => {
          cancelTimer()
          signal?.removeEventListener('abort', onAbort)
          resolve(result)
        }
      })
      this.#deps.broadcast({ channel: 'screen.captureRequested', payload: { requestId } })
    })
  }

  #settle(requestId: string, result: CaptureResult): void {
    const request = this.#requests.get(requestId)
    if (!request) return
    this.#requests.delete(requestId)
    request.settle(result)
  }

  #changed(problem: string | null): ScreenAttachment {
    const attachment: ScreenAttachment = { pending: this.pending, problem }
    this.#deps.broadcast({ channel: 'screen.attachmentChanged', payload: attachment })
    return attachment
  }
}
