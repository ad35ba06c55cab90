// The screen-look part of the IPC contract (issue 12 §3): schemas only; `ipc.ts` lists the channels.
// A capture crosses IPC once, as binary JPEG bytes (never base64 text), and main checks it
// (src/main/screen/jpeg-info.ts) before it keeps or sends anything.
import { z } from 'zod'
import type { ByteCapMeta } from './ipc-limits'

/** The longest side of a screen look, in pixels: what the renderer scales down to. */
export const SCREEN_LOOK_MAX_SIDE_PX = 1280

/**
 * The largest JPEG a screen look may be: 800 KiB. A 1280 × 720 screen at the renderer's quality 0.8
 * takes ~100–300 KB (text and windows well under 2 bits per pixel); 800 KiB is 7 bits per pixel
 * there, and 4 for the largest frame allowed (1280 × 1280), more than a screen full of
 * photographs takes. The renderer encodes again at 0.5, then 0.3, when it is over. The cap also
 * keeps this channel under the largest message any channel already took (ipc-channels.ts
 * MAX_RENDERER_MESSAGE_BYTES, 1.7 MB with the doubled headroom of ipc.ts), so the preload's and
 * the browser host's frame limits do not grow. As a base64 data URL it is ~1.1 MB on the socket.
 */
export const MAX_SCREEN_JPEG_BYTES = 800 * 1024

const jpegBytes = z
  .instanceof(Uint8Array)
  .refine((bytes) => bytes.byteLength > 0, 'needs the image bytes')
  .refine(
    (bytes) => bytes.byteLength <= MAX_SCREEN_JPEG_BYTES,
    `A screen look may take at most ${MAX_SCREEN_JPEG_BYTES / 1024} KB`
  )
  .meta({ maxBytes: MAX_SCREEN_JPEG_BYTES } satisfies ByteCapMeta)

const requestId = z.string().min(1).max(64)

export const screenRequests = {
  /** A capture: for `requestId`'s ask (the tool, the tray) or, without one, the window's button. */
  attach: z.object({ jpeg: jpegBytes, requestId: requestId.optional() }),
  /** The window could not capture for `requestId` (no permission, the user cancelled). */
  captureFailed: z.object({ requestId, reason: z.string().min(1).max(300) })
}

export const screenImageInfoSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  byteLength: z.number().int().positive()
})
export type ScreenImageInfo = z.infer<typeof screenImageInfoSchema>

/** What the window shows above the message box: the capture waiting for the next message. */
export const screenAttachmentSchema = z.object({
  pending: screenImageInfoSchema.nullable(),
  /** Why the last capture was dropped or not sent, in words; null when nothing went wrong. */
  problem: z.string().nullable()
})
export type ScreenAttachment = z.infer<typeof screenAttachmentSchema>

/** Main asks the window to capture the screen now (the `look_at_screen` tool, the tray). */
export const captureRequestSchema = z.object({ requestId: z.string() })
