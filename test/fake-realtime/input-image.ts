// `input_image` content as the API takes it (openai realtime.d.ts: "Base64-encoded image bytes
// … as a data URI … Supported formats are PNG and JPEG"): checked when the item arrives (a data
// URL of a whole PNG or JPEG), and decoded for the tests with a real decoder (sharp), so a JPEG
// Hark made is proven to be an image, not only to start and end like one.
import sharp from 'sharp'
import type { RecordedClientEvent } from './recorder'
import { invalidRequest } from './validation-errors'
import type { ApiError } from './wire-types'

const DATA_URL = /^data:image\/(jpeg|png);base64,([A-Za-z0-9+/]*={0,2})$/
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

export interface InputImage {
  mime: 'image/jpeg' | 'image/png'
  bytes: Uint8Array
}

function isWholeJpeg(bytes: Uint8Array): boolean {
  const n = bytes.byteLength
  return (
    n > 4 &&
    bytes[0] === 0xff &&
    bytes[1] === 0xd8 &&
    bytes[n - 2] === 0xff &&
    bytes[n - 1] === 0xd9
  )
}

/** The image of one `input_image`, or the error the server answers the item with. */
export function readInputImage(imageUrl: string, param: string): InputImage | ApiError {
  const match = DATA_URL.exec(imageUrl)
  const base64 = match?.[2] ?? ''
  if (!match || base64.length === 0 || base64.length % 4 !== 0)
    return invalidRequest(
      'invalid_value',
      `Invalid '${param}': expected a base64 data URL of a PNG or JPEG image.`,
      param
    )
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'))
  const mime = match[1] === 'png' ? 'image/png' : 'image/jpeg'
  const valid =
    mime === 'image/png' ? PNG_SIGNATURE.every((b, i) => bytes[i] === b) : isWholeJpeg(bytes)
  if (!valid)
    return invalidRequest(
      'invalid_value',
      `Invalid '${param}': the image data is not a valid ${mime}.`,
      param
    )
  return { mime, bytes }
}

export interface DecodedInputImage {
  connectionIndex: number
  /** The user item that carried it (the client's id, or '' when the client gave none). */
  itemId: string
  format: string
  width: number
  height: number
  byteLength: number
  /** When the frame arrived (`performance.now()`), to order it against the message it goes with. */
  receivedAtMs: number
}

/** Every image the server took, decoded: throws when one does not decode. */
export async function decodeInputImages(
  events: readonly RecordedClientEvent[]
): Promise<DecodedInputImage[]> {
  const decoded: DecodedInputImage[] = []
  for (const recorded of events) {
    if (recorded.type !== 'conversation.item.create' || recorded.error) continue
    const item = recorded.event['item'] as {
      id?: string
      content?: { type: string; image_url?: string }[]
    }
    for (const part of item.content ?? []) {
      if (part.type !== 'input_image' || part.image_url === undefined) continue
      const image = readInputImage(part.image_url, 'image_url')
      if (!('bytes' in image)) throw new Error(image.message)
      // A full decode, not only the header: a truncated scan fails here.
      const { info } = await sharp(image.bytes).raw().toBuffer({ resolveWithObject: true })
      const { format } = await sharp(image.bytes).metadata()
      decoded.push({
        connectionIndex: recorded.connectionIndex,
        itemId: item.id ?? '',
        format,
        width: info.width,
        height: info.height,
        byteLength: image.bytes.byteLength,
        receivedAtMs: recorded.receivedAtMs
      })
    }
  }
  return decoded
}
