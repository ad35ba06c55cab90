import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pcm16ToFloat, PCM_SAMPLE_RATE } from '../../shared/pcm'
import { decodeWavToMono, decodeWavToPcm24k, WavInputError } from './wav-input'

const hasTool = (name: string): boolean => spawnSync(name, ['--version']).status === 0
const hasSox = hasTool('sox')
const hasEspeak = hasTool('espeak-ng')

let dir = ''
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hark-wav-input-'))
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** `sox -n <format> <file> <effects>` into the temp dir; returns the file's bytes. */
function soxSynth(name: string, format: string[], effects: string[]): Uint8Array {
  const path = join(dir, name)
  execFileSync('sox', ['-n', ...format, path, ...effects])
  return readFileSync(path)
}
const soxSine = (name: string, format: string[], seconds = 1): Uint8Array =>
  soxSynth(name, format, ['synth', String(seconds), 'sine', '440'])

/** A hand-built WAV for what sox will not write (extensible float, out-of-range floats). */
function buildWav(opts: {
  sampleRate: number
  channels: number
  frames: number
  format: 'int16' | 'float32' | 'extensible-float32'
  sample: (frame: number, channel: number) => number
}): Uint8Array {
  const float = opts.format !== 'int16'
  const bytesPerSample = float ? 4 : 2
  const extensible = opts.format === 'extensible-float32'
  const fmtBytes = extensible ? 40 : 16
  const dataBytes = opts.frames * opts.channels * bytesPerSample
  const buffer = new ArrayBuffer(12 + 8 + fmtBytes + 8 + dataBytes)
  const view = new DataView(buffer)
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i))
  }
  ascii(0, 'RIFF')
  view.setUint32(4, buffer.byteLength - 8, true)
  ascii(8, 'WAVE')
  ascii(12, 'fmt ')
  view.setUint32(16, fmtBytes, true)
  view.setUint16(20, extensible ? 0xfffe : float ? 3 : 1, true)
  view.setUint16(22, opts.channels, true)
  view.setUint32(24, opts.sampleRate, true)
  view.setUint32(28, opts.sampleRate * opts.channels * bytesPerSample, true)
  view.setUint16(32, opts.channels * bytesPerSample, true)
  view.setUint16(34, bytesPerSample * 8, true)
  if (extensible) {
    view.setUint16(36, 22, true) // cbSize
    view.setUint16(38, 32, true) // valid bits
    view.setUint32(40, 0, true) // channel mask
    // KSDATAFORMAT_SUBTYPE_IEEE_FLOAT: 00000003-0000-0010-8000-00aa00389b71
    view.setUint32(44, 3, true)
    view.setUint16(48, 0, true)
    view.setUint16(50, 0x10, true)
    new Uint8Array(buffer, 52, 8).set([0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71])
  }
  const dataStart = 20 + fmtBytes
  ascii(dataStart, 'data')
  view.setUint32(dataStart + 4, dataBytes, true)
  let offset = dataStart + 8
  for (let frame = 0; frame < opts.frames; frame++)
    for (let channel = 0; channel < opts.channels; channel++) {
      const value = opts.sample(frame, channel)
      if (float) view.setFloat32(offset, value, true)
      else view.setInt16(offset, Math.round(value * 0x7fff), true)
      offset += bytesPerSample
    }
  return new Uint8Array(buffer)
}

const sine =
  (frequencyHz: number, sampleRate: number, amplitude = 0.5) =>
  (frame: number) =>
    amplitude * Math.sin((2 * Math.PI * frequencyHz * frame) / sampleRate)

/** Frequency from the zero-crossing rate, over the middle of the signal (away from the edges). */
function dominantFrequencyHz(pcm: Int16Array, sampleRate = PCM_SAMPLE_RATE): number {
  const from = Math.floor(pcm.length * 0.1)
  const to = Math.floor(pcm.length * 0.9)
  let crossings = 0
  for (let i = from + 1; i < to; i++) if (pcm[i - 1]! < 0 !== pcm[i]! < 0) crossings++
  return crossings / 2 / ((to - from) / sampleRate)
}

function rms(samples: Float32Array | Int16Array): number {
  const floats = samples instanceof Int16Array ? pcm16ToFloat(samples) : samples
  let sum = 0
  for (const s of floats) sum += s * s
  return Math.sqrt(sum / floats.length)
}

/** The resampled length must match the source duration within 1 ms per second. */
function expectDurationPreserved(outputSamples: number, frames: number, sampleRate: number): void {
  const sourceSeconds = frames / sampleRate
  const outputSeconds = outputSamples / PCM_SAMPLE_RATE
  expect(Math.abs(outputSeconds - sourceSeconds)).toBeLessThanOrEqual(0.001 * sourceSeconds)
}

describe.skipIf(!hasSox)('decodeWavToPcm24k with sox fixtures', () => {
  const formats: [string, string[], string][] = [
    ['8 kHz stereo 16-bit', ['-r', '8000', '-c', '2', '-b', '16'], '16-bit integer'],
    ['16 kHz mono 8-bit unsigned', ['-r', '16000', '-c', '1', '-b', '8'], '8-bit integer'],
    ['22.05 kHz mono 32-bit integer', ['-r', '22050', '-c', '1', '-b', '32'], '32-bit integer'],
    ['44.1 kHz stereo 24-bit', ['-r', '44100', '-c', '2', '-b', '24'], '24-bit integer'],
    [
      '48 kHz mono 32-bit float',
      ['-r', '48000', '-c', '1', '-e', 'floating-point', '-b', '32'],
      '32-bit float'
    ],
    [
      '32 kHz 4-channel 32-bit float',
      ['-r', '32000', '-c', '4', '-e', 'floating-point', '-b', '32'],
      '32-bit float'
    ],
    [
      '48 kHz mono 64-bit float',
      ['-r', '48000', '-c', '1', '-e', 'floating-point', '-b', '64'],
      '64-bit float'
    ],
    ['24 kHz mono 16-bit (no resampling)', ['-r', '24000', '-c', '1', '-b', '16'], '16-bit integer']
  ]
  it.each(formats)(
    '%s: 24 kHz out, duration kept, 440 Hz stays 440 Hz',
    async (name, format, encoding) => {
      const bytes = soxSine(`${name.replace(/\W+/g, '-')}.wav`, format)
      const { pcm, source } = await decodeWavToPcm24k(bytes)
      expect(source.encoding).toBe(encoding)
      expect(source.durationMs).toBeCloseTo(1000, 6)
      expectDurationPreserved(pcm.length, source.frames, source.sampleRate)
      expect(Math.abs(dominantFrequencyHz(pcm) - 440)).toBeLessThan(2)
      // The level survives downmix, resampling and conversion (440 Hz is far below any cutoff).
      const sourceLevel = rms(decodeWavToMono(bytes).mono)
      expect(sourceLevel).toBeGreaterThan(0.3)
      expect(Math.abs(rms(pcm) - sourceLevel) / sourceLevel).toBeLessThan(0.01)
    }
  )

  it('keeps a 7.3 s 44.1 kHz file’s duration within 1 ms per second', async () => {
    const bytes = soxSine('long.wav', ['-r', '44100', '-c', '1', '-b', '16'], 7.3)
    const { pcm, source } = await decodeWavToPcm24k(bytes)
    expect(source.frames).toBe(321_930)
    expectDurationPreserved(pcm.length, source.frames, source.sampleRate)
  })

  it('rejects A-law, µ-law and ADPCM with the encoding named', async () => {
    const alaw = soxSine('alaw.wav', ['-r', '8000', '-e', 'a-law'])
    const ulaw = soxSine('ulaw.wav', ['-r', '8000', '-e', 'u-law'])
    const ima = soxSine('ima.wav', ['-r', '8000', '-e', 'ima-adpcm'])
    await expect(decodeWavToPcm24k(alaw)).rejects.toThrow(/uses A-law encoding; only PCM/)
    await expect(decodeWavToPcm24k(ulaw)).rejects.toThrow(/uses µ-law encoding/)
    await expect(decodeWavToPcm24k(ima)).rejects.toThrow(/uses IMA ADPCM encoding/)
  })

  it('rejects sample rates below 8 kHz', async () => {
    const bytes = soxSine('4k.wav', ['-r', '4000', '-c', '1', '-b', '16'])
    await expect(decodeWavToPcm24k(bytes)).rejects.toThrow(/4000 Hz; supported are 8000–192000 Hz/)
  })
})

describe.skipIf(!hasEspeak)('decodeWavToPcm24k with espeak-ng speech', () => {
  it('resamples 22.05 kHz speech to 24 kHz with its duration and level intact', async () => {
    const path = join(dir, 'speech.wav')
    execFileSync('espeak-ng', ['-w', path, 'What time is it in Paris?'])
    const { mono, source } = decodeWavToMono(readFileSync(path))
    expect(source).toMatchObject({ sampleRate: 22_050, channels: 1, encoding: '16-bit integer' })
    const { pcm } = await decodeWavToPcm24k(readFileSync(path))
    expectDurationPreserved(pcm.length, source.frames, source.sampleRate)
    expect(Math.abs(rms(pcm) - rms(mono)) / rms(mono)).toBeLessThan(0.02)
  })
})

describe('decodeWavToPcm24k with hand-built files', () => {
  it('averages stereo channels: opposite phases cancel, one silent channel halves', async () => {
    const rate = 16_000
    const tone = sine(440, rate)
    const cancelling = buildWav({
      sampleRate: rate,
      channels: 2,
      frames: rate,
      format: 'int16',
      sample: (frame, channel) => (channel === 0 ? tone(frame) : -tone(frame))
    })
    expect(rms((await decodeWavToPcm24k(cancelling)).pcm)).toBeLessThan(0.001)

    const oneSided = buildWav({
      sampleRate: rate,
      channels: 2,
      frames: rate,
      format: 'int16',
      sample: (frame, channel) => (channel === 0 ? tone(frame) : 0)
    })
    const { pcm } = await decodeWavToPcm24k(oneSided)
    const fullLevel = 0.5 / Math.SQRT2
    expect(rms(pcm)).toBeCloseTo(fullLevel / 2, 2)
    expect(Math.abs(dominantFrequencyHz(pcm) - 440)).toBeLessThan(2)
  })

  it('clamps float samples beyond ±1 instead of wrapping them', async () => {
    for (const sampleRate of [24_000, 48_000]) {
      const loud = buildWav({
        sampleRate,
        channels: 1,
        frames: sampleRate,
        format: 'float32',
        sample: (frame) => (frame < sampleRate / 2 ? 1.5 : -1.5)
      })
      const { pcm } = await decodeWavToPcm24k(loud)
      expect(pcm[PCM_SAMPLE_RATE / 4]).toBe(32767)
      expect(pcm[(PCM_SAMPLE_RATE * 3) / 4]).toBe(-32768)
      expect(Math.min(...pcm)).toBe(-32768)
      expect(Math.max(...pcm)).toBe(32767)
    }
  })

  it('reads WAVE_FORMAT_EXTENSIBLE floats as floats', async () => {
    const rate = 48_000
    const bytes = buildWav({
      sampleRate: rate,
      channels: 1,
      frames: rate / 2,
      format: 'extensible-float32',
      sample: sine(440, rate, 0.25)
    })
    const { pcm, source } = await decodeWavToPcm24k(bytes)
    expect(source.encoding).toBe('32-bit float')
    expect(pcm.length).toBe(12_000)
    expect(rms(pcm)).toBeCloseTo(0.25 / Math.SQRT2, 2)
  })

  it('turns NaN and infinite float samples into silence', () => {
    const bytes = buildWav({
      sampleRate: 24_000,
      channels: 1,
      frames: 3,
      format: 'float32',
      sample: (frame) => [NaN, Infinity, 0.5][frame]!
    })
    expect([...decodeWavToMono(bytes).mono]).toEqual([0, 0, 0.5])
  })
})

describe('decodeWavToPcm24k refuses what it cannot use, in one sentence', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['an empty file', new Uint8Array(0), /^The file is empty\.$/],
    [
      'garbage bytes',
      new Uint8Array(1000).map((_, i) => (i * 37) % 251),
      /^The file is not a WAV file/
    ],
    ['text', new TextEncoder().encode('hello, this is not audio'), /^The file is not a WAV file/],
    [
      'a bare RIFF/WAVE header',
      new TextEncoder().encode('RIFF\x04\x00\x00\x00WAVE'),
      /^The WAV file is damaged: .*fmt/
    ],
    [
      'a WAV with no samples',
      buildWav({ sampleRate: 16_000, channels: 1, frames: 0, format: 'int16', sample: () => 0 }),
      /^The WAV file contains no audio\.$/
    ]
  ]
  it.each(cases)('%s', async (_name, bytes, message) => {
    const error: unknown = await decodeWavToPcm24k(bytes).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WavInputError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).not.toContain('\n')
  })
})
