// A recording's WAV file, written as the conversation happens (docs/architecture.md, "Recordings").
// The 44-byte header goes out first with zero sizes; each block of stereo frames is one write(2)
// appended after it, so a kill -9 leaves every block whose write returned in the file and at most
// one torn frame at its end. `finish` writes the real sizes; `repairWav` does the same at the next
// start for a file whose writer died, from the file's length.
import {
  closeSync,
  fsyncSync,
  openSync,
  readSync,
  writeSync,
  ftruncateSync,
  fstatSync
} from 'node:fs'
import { WAV_HEADER_BYTES, wavHeader } from '../../../shared/wav'
import { PCM_SAMPLE_RATE } from '../../../shared/pcm'

export const RECORDING_CHANNELS = 2
/** One stereo PCM16 frame: left sample, right sample. */
export const FRAME_BYTES = RECORDING_CHANNELS * 2

/** Offsets of the two sizes in the canonical header (src/shared/wav.ts). */
const RIFF_SIZE_OFFSET = 4
const DATA_SIZE_OFFSET = 40

export class WavStream {
  readonly #fd: number
  #dataBytes = 0
  #closed = false

  private constructor(
    readonly path: string,
    fd: number
  ) {
    this.#fd = fd
  }

  /** Creates the file (never over an existing one), readable by this user only. */
  static create(path: string): WavStream {
    const fd = openSync(path, 'wx', 0o600)
    try {
      writeAll(fd, wavHeader(0, PCM_SAMPLE_RATE, RECORDING_CHANNELS), 0)
    } catch (error) {
      closeSync(fd)
      throw error
    }
    return new WavStream(path, fd)
  }

  get dataBytes(): number {
    return this.#dataBytes
  }

  /**
   * Appends whole interleaved stereo frames. A failed write (a full disk) throws after cutting
   * the file back to the last whole block, so the file stays a valid recording of what came
   * before.
   */
  append(frames: Uint8Array): void {
    if (this.#closed) throw new Error('The recording is closed.')
    if (frames.byteLength % FRAME_BYTES !== 0)
      throw new Error(`A recording block must be whole frames (${frames.byteLength} bytes).`)
    try {
      writeAll(this.#fd, frames, WAV_HEADER_BYTES + this.#dataBytes)
    } catch (error) {
      try {
        ftruncateSync(this.#fd, WAV_HEADER_BYTES + this.#dataBytes)
      } catch {
        // Cutting back failed too: the next start's repair drops the torn tail.
      }
      throw error
    }
    this.#dataBytes += frames.byteLength
  }

  /** Writes the final sizes into the header and closes the file. */
  finish(): void {
    if (this.#closed) return
    this.#closed = true
    try {
      writeSizes(this.#fd, this.#dataBytes)
      fsyncSync(this.#fd)
    } finally {
      closeSync(this.#fd)
    }
  }
}

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  let done = 0
  while (done < bytes.byteLength) {
    done += writeSync(fd, bytes, done, bytes.byteLength - done, position + done)
  }
}

function writeSizes(fd: number, dataBytes: number): void {
  const sizes = Buffer.alloc(4)
  sizes.writeUInt32LE(36 + dataBytes, 0)
  writeAll(fd, sizes, RIFF_SIZE_OFFSET)
  sizes.writeUInt32LE(dataBytes, 0)
  writeAll(fd, sizes, DATA_SIZE_OFFSET)
}

export type RepairOutcome =
  /** The header already matched the file. */
  | { kind: 'whole'; dataBytes: number }
  /** Sizes were rewritten from the file's length (and a torn last frame dropped). */
  | { kind: 'repaired'; dataBytes: number; droppedBytes: number }
  /** Not a recording Hark writes (another format, not a WAV): left untouched. */
  | { kind: 'foreign' }

/**
 * Makes a recording whose writer died (kill -9, power loss) a valid WAV: the data size is what
 * the file holds, cut to whole stereo frames. A header torn before it was whole (a file shorter
 * than 44 bytes, which then holds no audio) is written again in full, as an empty recording.
 */
export function repairWav(path: string): RepairOutcome {
  const fd = openSync(path, 'r+')
  try {
    const size = fstatSync(fd).size
    const expected = wavHeader(0, PCM_SAMPLE_RATE, RECORDING_CHANNELS)
    const header = Buffer.alloc(WAV_HEADER_BYTES)
    const read = readSync(fd, header, 0, WAV_HEADER_BYTES, 0)
    if (read < WAV_HEADER_BYTES) {
      // Torn inside the header: whatever is there must be a prefix of Hark's own header.
      if (!matchesOwnHeader(header, expected, read)) return { kind: 'foreign' }
      writeAll(fd, expected, 0)
      ftruncateSync(fd, WAV_HEADER_BYTES)
      return { kind: 'repaired', dataBytes: 0, droppedBytes: 0 }
    }
    if (!matchesOwnHeader(header, expected, WAV_HEADER_BYTES)) return { kind: 'foreign' }
    const held = size - WAV_HEADER_BYTES
    const dataBytes = held - (held % FRAME_BYTES)
    const droppedBytes = held - dataBytes
    const whole =
      droppedBytes === 0 &&
      header.readUInt32LE(DATA_SIZE_OFFSET) === dataBytes &&
      header.readUInt32LE(RIFF_SIZE_OFFSET) === 36 + dataBytes
    if (whole) return { kind: 'whole', dataBytes }
    if (droppedBytes > 0) ftruncateSync(fd, WAV_HEADER_BYTES + dataBytes)
    writeSizes(fd, dataBytes)
    fsyncSync(fd)
    return { kind: 'repaired', dataBytes, droppedBytes }
  } finally {
    closeSync(fd)
  }
}

/** The first `length` bytes match the header Hark writes, apart from the two sizes. */
function matchesOwnHeader(header: Uint8Array, expected: Uint8Array, length: number): boolean {
  for (let i = 0; i < length; i++) {
    const inSize =
      (i >= RIFF_SIZE_OFFSET && i < RIFF_SIZE_OFFSET + 4) ||
      (i >= DATA_SIZE_OFFSET && i < DATA_SIZE_OFFSET + 4)
    if (!inSize && header[i] !== expected[i]) return false
  }
  return true
}
