// A canonical 44-byte RIFF/WAVE header for PCM16, used to write what Hark received (CLI --out,
// recordings). Reading arbitrary WAV files is the CLI's job (src/main/cli/wav-input.ts).

export const WAV_HEADER_BYTES = 44

export function wavHeader(dataBytes: number, sampleRate: number, channels = 1): Uint8Array {
  const header = new Uint8Array(WAV_HEADER_BYTES)
  const view = new DataView(header.buffer)
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) header[offset + i] = text.charCodeAt(i)
  }
  const blockAlign = channels * 2
  ascii(0, 'RIFF')
  view.setUint32(4, 36 + dataBytes, true)
  ascii(8, 'WAVE')
  ascii(12, 'fmt ')
  view.setUint32(16, 16, true) // fmt chunk size
  view.setUint16(20, 1, true) // PCM
  view.setUint16(22, channels, true)
  view.setUint32(24, sampleRate, true)
  view.setUint32(28, sampleRate * blockAlign, true)
  view.setUint16(32, blockAlign, true)
  view.setUint16(34, 16, true)
  ascii(36, 'data')
  view.setUint32(40, dataBytes, true)
  return header
}

/** A whole PCM16 WAV file from raw little-endian sample bytes. */
export function encodeWav(pcm: Uint8Array, sampleRate: number, channels = 1): Uint8Array {
  const file = new Uint8Array(WAV_HEADER_BYTES + pcm.byteLength)
  file.set(wavHeader(pcm.byteLength, sampleRate, channels), 0)
  file.set(pcm, WAV_HEADER_BYTES)
  return file
}
