// What main checks of a screen look before it keeps or sends it (issue 12 §3): a whole JPEG
// (start and end of image markers) whose frame header says at most 1280 pixels on the long side.
// The renderer is not trusted to have scaled or encoded it: the API takes JPEG or PNG only
// (openai `realtime.d.ts`, `input_image.image_url`), and a larger image costs more tokens.
import { SCREEN_LOOK_MAX_SIDE_PX } from '../../shared/screen-ipc'

export type JpegCheck = { ok: true; width: number; height: number } | { ok: false; problem: string }

const MARKER = 0xff
const SOI = 0xd8
const EOI = 0xd9
const SOS = 0xda

/** Start-of-frame markers carry the size: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc

/** Markers without a length field: TEM and the restart markers RST0–RST7. */
const isStandalone = (marker: number): boolean =>
  marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)

function frameSize(bytes: Uint8Array): { width: number; height: number } | null {
  let offset = 2
  // Segments up to the first scan; the frame header always comes before it.
  while (offset + 4 <= bytes.byteLength) {
    if (bytes[offset] !== MARKER) return null
    const marker = bytes[offset + 1] ?? 0
    if (marker === MARKER) {
      offset += 1 // fill byte
      continue
    }
    if (isStandalone(marker)) {
      offset += 2
      continue
    }
    if (marker === SOS || marker === EOI) return null
    const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0)
    if (length < 2) return null
    if (isStartOfFrame(marker)) {
      if (offset + 9 > bytes.byteLength) return null
      const height = ((bytes[offset + 5] ?? 0) << 8) | (bytes[offset + 6] ?? 0)
      const width = ((bytes[offset + 7] ?? 0) << 8) | (bytes[offset + 8] ?? 0)
      return { width, height }
    }
    offset += 2 + length
  }
  return null
}

export function checkScreenJpeg(bytes: Uint8Array): JpegCheck {
  const length = bytes.byteLength
  if (length < 4 || bytes[0] !== MARKER || bytes[1] !== SOI)
    return { ok: false, problem: 'The screen look is not a JPEG image.' }
  if (bytes[length - 2] !== MARKER || bytes[length - 1] !== EOI)
    return { ok: false, problem: 'The screen look is cut short (the JPEG has no end).' }
  const size = frameSize(bytes)
  if (!size || size.width === 0 || size.height === 0)
    return { ok: false, problem: 'The screen look has no readable image size.' }
  if (Math.max(size.width, size.height) > SCREEN_LOOK_MAX_SIDE_PX)
    return {
      ok: false,
      problem: `The screen look is ${size.width} × ${size.height} pixels; at most ${SCREEN_LOOK_MAX_SIDE_PX} on the long side is sent.`
    }
  return { ok: true, ...size }
}

/** The form the API takes an image in: a base64 data URL (`input_image.image_url`). */
export function jpegDataUrl(bytes: Uint8Array): string {
  return `data:image/jpeg;base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`
}
