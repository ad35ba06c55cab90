// The microphone's level as main sees it: the RMS of the audio the window appends, one value per
// LEVEL_WINDOW_MS of audio (counted in samples, not wall time). The overlay shows it as its meter:
// the overlay is another page, and the microphone lives in the main window (docs/architecture.md,
// "Audio path"), so main is where both meet.
import { bytesAsPcm16, PCM_SAMPLE_RATE } from '../../shared/pcm'

export const LEVEL_WINDOW_MS = 100
const WINDOW_SAMPLES = (PCM_SAMPLE_RATE * LEVEL_WINDOW_MS) / 1000

export interface InputLevelMeter {
  /** A chunk that passed validation (PCM16 mono 24 kHz). */
  onChunk(pcm: Uint8Array): void
}

export function createInputLevelMeter(emit: (rms: number) => void): InputLevelMeter {
  let sumSquares = 0
  let count = 0
  return {
    onChunk(pcm) {
      for (const sample of bytesAsPcm16(pcm)) {
        const value = sample / 32768
        sumSquares += value * value
        if (++count < WINDOW_SAMPLES) continue
        emit(Math.min(1, Math.sqrt(sumSquares / count)))
        sumSquares = 0
        count = 0
      }
    }
  }
}
