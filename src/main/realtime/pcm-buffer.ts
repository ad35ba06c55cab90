/**
 * The SDK's `sendAudio` base64-encodes `new Uint8Array(buffer)`, so it needs an ArrayBuffer
 * holding exactly the chunk: a typed array would be truncated to one byte per sample, and a Node
 * Buffer's `.buffer` is a shared 8 KB pool (reference §2, `sendAudio`).
 */
export function exactArrayBuffer(pcm: Uint8Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = pcm
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength)
    return buffer
  const copy = new ArrayBuffer(byteLength)
  new Uint8Array(copy).set(pcm)
  return copy
}
