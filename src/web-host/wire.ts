// The browser host's wire protocol between the page's `window.hark` bridge and the host, over one
// local WebSocket. Runs in Node and in the browser: no node:* and no DOM APIs beyond
// TextEncoder/TextDecoder.
//
import type { IpcReply } from '../shared/ipc-errors'

// Text frames carry JSON (invoke → reply, send, event). Audio never travels as text: binary
// frames are [1 byte kind][4 bytes big-endian header length][UTF-8 JSON header][PCM16 bytes].

/** Page → host: `audio.append`. Header `{}`. */
export const FRAME_AUDIO_APPEND = 1
/** Host → page: `audio.delta`. Header `{responseId, itemId}`. */
export const FRAME_AUDIO_DELTA = 2
/** Host → page: an invoke's reply whose value is bytes (`history.recording`). Header `{id}`. */
export const FRAME_BINARY_REPLY = 3

/**
 * Page → host: the `screen.attach` invoke, whose JPEG crosses as bytes too. Header
 * `{id, requestId?}`; the host answers with a text `reply` frame of that id.
 */
export const FRAME_SCREEN_ATTACH = 4

/** The WebSocket path; the page passes the host's token as `?token=`. */
export const BRIDGE_SOCKET_PATH = '/hark-socket'
/** Where the bridge script is served. */
export const BRIDGE_SCRIPT_PATH = '/hark-bridge.js'

export type PageMessage =
  | { t: 'invoke'; id: number; channel: string; payload?: unknown }
  | { t: 'send'; channel: string; payload?: unknown }

/** A reply carries the router's IpcReply as is: the page unwraps it like Electron's preload. */
export type HostMessage =
  { t: 'reply'; id: number; reply: IpcReply } | { t: 'event'; channel: string; payload: unknown }

export interface AudioFrame {
  kind: number
  header: Record<string, unknown>
  pcm: Uint8Array
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export function encodeAudioFrame(
  kind: number,
  header: Record<string, unknown>,
  pcm: Uint8Array
): Uint8Array {
  const json = encoder.encode(JSON.stringify(header))
  const frame = new Uint8Array(5 + json.byteLength + pcm.byteLength)
  const view = new DataView(frame.buffer)
  view.setUint8(0, kind)
  view.setUint32(1, json.byteLength)
  frame.set(json, 5)
  frame.set(pcm, 5 + json.byteLength)
  return frame
}

/** Decode a binary frame; the PCM is copied into its own buffer. Null when malformed. */
export function decodeAudioFrame(frame: Uint8Array): AudioFrame | null {
  if (frame.byteLength < 5) return null
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength)
  const kind = view.getUint8(0)
  const headerLength = view.getUint32(1)
  if (5 + headerLength > frame.byteLength) return null
  let header: unknown
  try {
    header = JSON.parse(decoder.decode(frame.subarray(5, 5 + headerLength)))
  } catch {
    return null
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return null
  const pcm = frame.slice(5 + headerLength)
  return { kind, header: header as Record<string, unknown>, pcm }
}

/** Parse a JSON text frame from the page. Null when it is not a well-formed message. */
export function parsePageMessage(text: string): PageMessage | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const message = value as Record<string, unknown>
  if (typeof message.channel !== 'string') return null
  if (message.t === 'send') return { t: 'send', channel: message.channel, payload: message.payload }
  if (
    message.t === 'invoke' &&
    typeof message.id === 'number' &&
    Number.isSafeInteger(message.id)
  ) {
    return { t: 'invoke', id: message.id, channel: message.channel, payload: message.payload }
  }
  return null
}
