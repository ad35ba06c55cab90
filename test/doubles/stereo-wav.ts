// Reads a recording back for tests with an independent WAV parser (the `wavefile` package), and
// splits its stereo frames into the two channels.
import { readFileSync } from 'node:fs'
import * as wavefileModule from 'wavefile'
import { expect } from 'vitest'

const WaveFile =
  (wavefileModule as { default?: typeof wavefileModule }).default?.WaveFile ??
  wavefileModule.WaveFile

/** The data of a 24 kHz stereo PCM16 WAV file whose header sizes match its length. */
export function readStereoWav(path: string): Uint8Array {
  const file = readFileSync(path)
  const wav = new WaveFile(new Uint8Array(file.buffer, file.byteOffset, file.byteLength))
  expect(wav.fmt).toMatchObject({ numChannels: 2, sampleRate: 24_000, bitsPerSample: 16 })
  expect(file.readUInt32LE(4)).toBe(file.byteLength - 8)
  expect(file.readUInt32LE(40)).toBe(file.byteLength - 44)
  return new Uint8Array(file.subarray(44))
}

/** Left and right PCM16 mono bytes of interleaved stereo frames. */
export function splitChannels(data: Uint8Array): { left: Uint8Array; right: Uint8Array } {
  const frames = data.byteLength >> 2
  const left = new Uint8Array(frames * 2)
  const right = new Uint8Array(frames * 2)
  for (let f = 0; f < frames; f++) {
    left[2 * f] = data[4 * f]!
    left[2 * f + 1] = data[4 * f + 1]!
    right[2 * f] = data[4 * f + 2]!
    right[2 * f + 1] = data[4 * f + 3]!
  }
  return { left, right }
}
