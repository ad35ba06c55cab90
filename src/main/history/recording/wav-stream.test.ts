// The recording's WAV file: streamed, finished, and repaired after its writer died, with odd
// inputs (nothing written, a header torn mid-write, a torn last frame, a file that is not Hark's).
import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { readStereoWav } from '../../../../test/doubles/stereo-wav'
import { wavHeader } from '../../../shared/wav'
import { repairRecordings } from './repair-recordings'
import { FRAME_BYTES, repairWav, WavStream } from './wav-stream'

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hark-wav-'))
})

const frames = (count: number, seed = 1): Uint8Array =>
  Uint8Array.from({ length: count * FRAME_BYTES }, (_, i) => (i * 7 + seed) & 0xff)

const stereoData = readStereoWav

describe('WavStream', () => {
  it('writes a valid stereo WAV whose data is every appended block, in order', () => {
    const path = join(dir, 'a.wav')
    const stream = WavStream.create(path)
    stream.append(frames(10, 1))
    stream.append(frames(5, 2))
    stream.finish()
    expect(stereoData(path)).toEqual(new Uint8Array([...frames(10, 1), ...frames(5, 2)]))
    expect(statSync(path).mode & 0o777).toBe(0o600)
  })

  it('finishes a recording with nothing in it as a valid empty WAV', () => {
    const path = join(dir, 'empty.wav')
    WavStream.create(path).finish()
    expect(stereoData(path)).toEqual(new Uint8Array(0))
  })

  it('refuses a block that is not whole frames, and never writes over a file', () => {
    const path = join(dir, 'b.wav')
    const stream = WavStream.create(path)
    expect(() => stream.append(new Uint8Array(6))).toThrow(/whole frames/)
    stream.finish()
    expect(() => WavStream.create(path)).toThrow(/EEXIST/)
  })
})

describe('repairWav', () => {
  it('fixes the sizes of a recording whose writer died, keeping every block written', () => {
    const path = join(dir, 'killed.wav')
    const stream = WavStream.create(path)
    stream.append(frames(100))
    // No finish: the header still says 0 bytes, as after a kill -9.
    expect(repairWav(path)).toEqual({ kind: 'repaired', dataBytes: 400, droppedBytes: 0 })
    expect(stereoData(path)).toEqual(frames(100))
    expect(repairWav(path)).toEqual({ kind: 'whole', dataBytes: 400 })
  })

  it('drops a torn last frame', () => {
    const path = join(dir, 'torn-frame.wav')
    writeFileSync(path, wavHeader(0, 24_000, 2))
    appendFileSync(path, frames(3))
    appendFileSync(path, new Uint8Array([1, 2, 3]))
    expect(repairWav(path)).toEqual({ kind: 'repaired', dataBytes: 12, droppedBytes: 3 })
    expect(stereoData(path)).toEqual(frames(3))
  })

  it('makes a header torn before it was whole (a zero-length file too) an empty recording', () => {
    for (const length of [0, 3, 20, 43]) {
      const path = join(dir, `torn-header-${length}.wav`)
      writeFileSync(path, wavHeader(0, 24_000, 2).subarray(0, length))
      expect(repairWav(path)).toMatchObject({ kind: 'repaired', dataBytes: 0 })
      expect(stereoData(path)).toEqual(new Uint8Array(0))
    }
  })

  it('leaves a file that is not one of its recordings untouched', () => {
    const mono = join(dir, 'mono.wav')
    const mp3 = join(dir, 'song.wav')
    writeFileSync(mono, wavHeader(0, 24_000, 1))
    writeFileSync(mp3, 'ID3 not a wav at all, and long enough to hold a header.')
    const before = [readFileSync(mono), readFileSync(mp3)]
    expect(repairWav(mono)).toEqual({ kind: 'foreign' })
    expect(repairWav(mp3)).toEqual({ kind: 'foreign' })
    expect([readFileSync(mono), readFileSync(mp3)]).toEqual(before)
  })

  it('repairs a whole folder at start, counting what it fixed and what it left', async () => {
    WavStream.create(join(dir, 'one.wav')).append(frames(2))
    writeFileSync(join(dir, 'other.wav'), 'not a wav file, not a wav file, not a wav file')
    writeFileSync(join(dir, 'notes.txt'), 'ignored')
    expect(await repairRecordings(dir)).toEqual({ repaired: 1, skipped: 1 })
    expect(await repairRecordings(join(dir, 'missing'))).toEqual({ repaired: 0, skipped: 0 })
  })
})
