// Turns a WAV file's bytes into what the Realtime API takes: PCM16 mono at 24 kHz. Pure over
// bytes (no file system), so every format is unit-tested from generated fixtures.

import * as wavefileModule from 'wavefile'
import * as samplerateModule from '@alexanderolsen/libsamplerate-js'
import { floatToPcm16, PCM_SAMPLE_RATE } from '../../shared/pcm'

// Both packages ship UMD bundles. Node's ESM loader exposes a CommonJS module only as `default`,
// while a bundler reading their ESM entry gives named exports: accept either shape.
const WaveFile =
  (wavefileModule as { default?: typeof wavefileModule }).default?.WaveFile ??
  wavefileModule.WaveFile
const samplerate =
  (samplerateModule as { default?: typeof samplerateModule }).default ?? samplerateModule

export const MIN_INPUT_SAMPLE_RATE = 8_000
export const MAX_INPUT_SAMPLE_RATE = 192_000

/** A WAV the CLI cannot use; the message is one sentence for the user. */
export class WavInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WavInputError'
  }
}

export interface WavInfo {
  sampleRate: number
  channels: number
  /** e.g. '16-bit integer', '32-bit float'. */
  encoding: string
  frames: number
  durationMs: number
}

export interface DecodedInput {
  /** PCM16 mono at 24 kHz, clamped. */
  pcm: Int16Array
  source: WavInfo
}

const WAVE_FORMAT_PCM = 1
const WAVE_FORMAT_IEEE_FLOAT = 3
const WAVE_FORMAT_EXTENSIBLE = 0xfffe
const unsupportedFormats: Record<number, string> = {
  2: 'Microsoft ADPCM',
  6: 'A-law',
  7: 'µ-law',
  0x11: 'IMA ADPCM',
  0x55: 'MP3'
}

interface Fmt {
  audioFormat: number
  numChannels: number
  sampleRate: number
  bitsPerSample: number
  subformat?: number[]
}

type SampleKind = 'int' | 'float'

/**
 * Decode a WAV (RIFF, RIFX or RF64; PCM integer 8/16/24/32-bit or float 32/64-bit; any channel
 * count), average the channels to mono, resample to 24 kHz with libsamplerate's medium-quality
 * sinc converter, and convert to PCM16 with clamping.
 */
export async function decodeWavToPcm24k(bytes: Uint8Array): Promise<DecodedInput> {
  const { mono, source } = decodeWavToMono(bytes)
  const resampled = await resampleTo24k(mono, source.sampleRate)
  return { pcm: floatToPcm16(resampled), source }
}

/** Decode and downmix without resampling: float samples, nominally in [-1, 1]. */
export function decodeWavToMono(bytes: Uint8Array): { mono: Float32Array; source: WavInfo } {
  if (bytes.byteLength === 0) throw new WavInputError('The file is empty.')
  const magic = ascii(bytes, 0, 4)
  if (!['RIFF', 'RIFX', 'RF64'].includes(magic) || ascii(bytes, 8, 4) !== 'WAVE')
    throw new WavInputError('The file is not a WAV file (it has no RIFF/WAVE header).')

  let wav: InstanceType<typeof WaveFile>
  try {
    wav = new WaveFile(bytes)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new WavInputError(`The WAV file is damaged: ${reason.replace(/\.$/, '')}.`)
  }
  const fmt = wav.fmt as Fmt
  const { kind, bytesPerSample, encoding } = classify(fmt)
  const channels = fmt.numChannels
  const sampleRate = fmt.sampleRate
  if (channels < 1) throw new WavInputError('The WAV file declares no audio channels.')
  if (sampleRate < MIN_INPUT_SAMPLE_RATE || sampleRate > MAX_INPUT_SAMPLE_RATE)
    throw new WavInputError(
      `The WAV sample rate is ${sampleRate} Hz; supported are ${MIN_INPUT_SAMPLE_RATE}–${MAX_INPUT_SAMPLE_RATE} Hz.`
    )

  const data = (wav.data as { samples?: Uint8Array }).samples ?? new Uint8Array(0)
  const frameBytes = channels * bytesPerSample
  // A file cut off mid-recording may end in a partial frame: drop it rather than refuse the file.
  const frames = Math.floor(data.byteLength / frameBytes)
  if (frames === 0) throw new WavInputError('The WAV file contains no audio.')

  const mono = downmix(data, frames, channels, bytesPerSample, kind, wav.container === 'RIFX')
  return {
    mono,
    source: { sampleRate, channels, encoding, frames, durationMs: (frames / sampleRate) * 1000 }
  }
}

function classify(fmt: Fmt): { kind: SampleKind; bytesPerSample: number; encoding: string } {
  // WAVE_FORMAT_EXTENSIBLE keeps the real format code in the first field of its subformat GUID.
  const format =
    fmt.audioFormat === WAVE_FORMAT_EXTENSIBLE ? (fmt.subformat?.[0] ?? 0) : fmt.audioFormat
  const bits = fmt.bitsPerSample
  if (format === WAVE_FORMAT_PCM) {
    // Samples are stored left-justified in whole bytes (e.g. 20-bit audio in 24-bit slots).
    const bytesPerSample = Math.ceil(bits / 8)
    if (bits < 8 || bytesPerSample > 4)
      throw new WavInputError(`The WAV file has ${bits}-bit samples; supported are 8 to 32 bits.`)
    return { kind: 'int', bytesPerSample, encoding: `${bits}-bit integer` }
  }
  if (format === WAVE_FORMAT_IEEE_FLOAT) {
    if (bits !== 32 && bits !== 64)
      throw new WavInputError(`The WAV file has ${bits}-bit floats; supported are 32 and 64 bits.`)
    return { kind: 'float', bytesPerSample: bits / 8, encoding: `${bits}-bit float` }
  }
  const known = unsupportedFormats[format]
  const what = known ? `${known} encoding` : `audio format 0x${format.toString(16)}`
  throw new WavInputError(
    `The WAV file uses ${what}; only PCM integer and float WAV files are supported.`
  )
}

// wavefile 11 reads an extensible-format float file as integers (it checks only the format
// code, not the subformat) and returns integer samples unscaled, so the samples are read here in
// one pass that also scales and downmixes.
function downmix(
  data: Uint8Array,
  frames: number,
  channels: number,
  bytesPerSample: number,
  kind: SampleKind,
  bigEndian: boolean
): Float32Array {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const littleEndian = !bigEndian
  const read = sampleReader(view, bytesPerSample, kind, littleEndian)
  const mono = new Float32Array(frames)
  let offset = 0
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0
    for (let channel = 0; channel < channels; channel++) {
      sum += read(offset)
      offset += bytesPerSample
    }
    const value = sum / channels
    // NaN or infinity in a float file would smear across the resampler's whole filter.
    mono[frame] = Number.isFinite(value) ? value : 0
  }
  return mono
}

function sampleReader(
  view: DataView,
  bytesPerSample: number,
  kind: SampleKind,
  littleEndian: boolean
): (offset: number) => number {
  if (kind === 'float')
    return bytesPerSample === 4
      ? (offset) => view.getFloat32(offset, littleEndian)
      : (offset) => view.getFloat64(offset, littleEndian)
  switch (bytesPerSample) {
    case 1: // 8-bit WAV is unsigned, centred on 128
      return (offset) => (view.getUint8(offset) - 128) / 128
    case 2:
      return (offset) => view.getInt16(offset, littleEndian) / 0x8000
    case 3:
      return (offset) => {
        const b0 = view.getUint8(offset)
        const b1 = view.getUint8(offset + 1)
        const b2 = view.getUint8(offset + 2)
        const unsigned = littleEndian ? b0 | (b1 << 8) | (b2 << 16) : (b0 << 16) | (b1 << 8) | b2
        return ((unsigned << 8) >> 8) / 0x800000 // sign-extend from 24 bits
      }
    default:
      return (offset) => view.getInt32(offset, littleEndian) / 0x80000000
  }
}

/** Resample mono float audio to 24 kHz (libsamplerate, SRC_SINC_MEDIUM_QUALITY). */
export async function resampleTo24k(mono: Float32Array, sampleRate: number): Promise<Float32Array> {
  if (sampleRate === PCM_SAMPLE_RATE) return mono
  const converter = await samplerate.create(1, sampleRate, PCM_SAMPLE_RATE, {
    converterType: samplerate.ConverterType.SRC_SINC_MEDIUM_QUALITY
  })
  try {
    // `simple` converts the whole signal as one block with end-of-input set, so the output is
    // aligned with the input and has round(frames × ratio) samples.
    return converter.simple(mono)
  } finally {
    converter.destroy()
  }
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length))
}
