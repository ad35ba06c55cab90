// Deterministic speech-like audio for the fake's replies: a glottal pulse train (~120 Hz, falling
// through the utterance) shaped by three vowel formant resonators, with syllable-rate amplitude
// envelopes and short gaps between words. It is not intelligible, but it has what the rest of Hark
// measures: speech-like level (~0.2 RMS), a pitch, a syllable rhythm, and a length roughly
// proportional to the reply text. Output is PCM16 24 kHz mono, the API's default output format
// (reference §4).
import { PCM_SAMPLE_RATE, floatToPcm16 } from '../../src/shared/pcm'

export interface SpeechSynthOptions {
  /** Speaking time per character of text; ~65 ms is a relaxed conversational rate. */
  msPerChar: number
  sampleRate: number
  /** RMS level of the whole utterance (pauses included), before the peak limiter. */
  targetRms: number
}

export const DEFAULT_SPEECH_SYNTH: SpeechSynthOptions = {
  msPerChar: 65,
  sampleRate: PCM_SAMPLE_RATE,
  targetRms: 0.22
}

/** A short reply still gets enough audio for one syllable. */
const MIN_DURATION_MS = 300

/** Vowel formants (F1, F2, F3) in Hz, averaged adult values. */
const VOWELS: readonly (readonly [number, number, number])[] = [
  [730, 1090, 2440], // a
  [530, 1840, 2480], // e
  [270, 2290, 3010], // i
  [570, 840, 2410], // o
  [300, 870, 2240], // u
  [660, 1720, 2410] // ae
]
const FORMANT_BANDWIDTHS_HZ = [90, 110, 170] as const
/** Rise and fall of each syllable's envelope. */
const SYLLABLE_EDGE_MS = 35

export function speechDurationMs(text: string, msPerChar = DEFAULT_SPEECH_SYNTH.msPerChar): number {
  return Math.max(MIN_DURATION_MS, Math.round(text.length * msPerChar))
}

/** FNV-1a, so the same text always sounds the same. */
function hashText(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** mulberry32: a tiny seeded PRNG returning [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Syllable {
  startSample: number
  lengthSamples: number
  formantsHz: readonly [number, number, number]
}

/** Words get time in proportion to their characters; the space after a word is a pause. */
function planSyllables(text: string, totalSamples: number, random: () => number): Syllable[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0)
  if (words.length === 0) words.push('ah')
  const totalChars = words.reduce((sum, w) => sum + w.length + 1, 0)
  const syllables: Syllable[] = []
  let cursor = 0
  for (const word of words) {
    const wordSamples = Math.floor((totalSamples * (word.length + 1)) / totalChars)
    const voicedSamples = Math.floor((wordSamples * word.length) / (word.length + 1))
    const count = Math.max(1, Math.round(word.length / 3))
    const each = Math.floor(voicedSamples / count)
    for (let s = 0; s < count; s++) {
      const vowel = VOWELS[Math.floor(random() * VOWELS.length)] ?? VOWELS[0]!
      syllables.push({ startSample: cursor + s * each, lengthSamples: each, formantsHz: vowel })
    }
    cursor += wordSamples
  }
  return syllables
}

/** Raised-cosine glottal pulse, differentiated (the lip radiation), as an excitation source. */
function glottalSource(
  totalSamples: number,
  sampleRate: number,
  random: () => number
): Float32Array {
  const source = new Float32Array(totalSamples)
  let phase = 0
  let previousPulse = 0
  for (let n = 0; n < totalSamples; n++) {
    const progress = n / totalSamples
    const vibrato = 1 + 0.02 * Math.sin((2 * Math.PI * 5 * n) / sampleRate)
    const f0 = (130 - 25 * progress) * vibrato
    phase += f0 / sampleRate
    if (phase >= 1) phase -= 1
    const openQuotient = 0.6
    const pulse =
      phase < openQuotient ? 0.5 - 0.5 * Math.cos((2 * Math.PI * phase) / openQuotient) : 0
    source[n] = pulse - previousPulse + 0.01 * (random() - 0.5)
    previousPulse = pulse
  }
  return source
}

/** Two-pole resonator (Klatt style) run in place over one span of samples. */
function resonate(
  signal: Float32Array,
  start: number,
  end: number,
  frequencyHz: number,
  bandwidthHz: number,
  sampleRate: number
): void {
  const r = Math.exp((-Math.PI * bandwidthHz) / sampleRate)
  const a1 = 2 * r * Math.cos((2 * Math.PI * frequencyHz) / sampleRate)
  const a2 = -r * r
  const gain = 1 - a1 - a2
  let y1 = 0
  let y2 = 0
  for (let n = start; n < end; n++) {
    const y = gain * (signal[n] ?? 0) + a1 * y1 + a2 * y2
    signal[n] = y
    y2 = y1
    y1 = y
  }
}

function envelopeAt(offset: number, length: number, edgeSamples: number): number {
  const edge = Math.min(edgeSamples, Math.floor(length / 2))
  if (edge <= 0) return 1
  if (offset < edge) return Math.sin((Math.PI / 2) * (offset / edge)) ** 2
  if (offset >= length - edge) return Math.sin((Math.PI / 2) * ((length - offset) / edge)) ** 2
  return 1
}

/** Speech-like PCM16 for `text`, always the same samples for the same text and options. */
export function synthesizeSpeech(
  text: string,
  options: Partial<SpeechSynthOptions> = {}
): Int16Array {
  const { msPerChar, sampleRate, targetRms } = { ...DEFAULT_SPEECH_SYNTH, ...options }
  const totalSamples = Math.round((speechDurationMs(text, msPerChar) * sampleRate) / 1000)
  const random = seededRandom(hashText(text))
  const source = glottalSource(totalSamples, sampleRate, random)
  const voice = new Float32Array(totalSamples)
  const edgeSamples = Math.round((SYLLABLE_EDGE_MS * sampleRate) / 1000)
  for (const syllable of planSyllables(text, totalSamples, random)) {
    const end = Math.min(totalSamples, syllable.startSample + syllable.lengthSamples)
    for (let n = syllable.startSample; n < end; n++) {
      const env = envelopeAt(n - syllable.startSample, syllable.lengthSamples, edgeSamples)
      voice[n] = (source[n] ?? 0) * env
    }
    syllable.formantsHz.forEach((frequencyHz, i) => {
      resonate(
        voice,
        syllable.startSample,
        end,
        frequencyHz,
        FORMANT_BANDWIDTHS_HZ[i] ?? 150,
        sampleRate
      )
    })
  }
  let sumSquares = 0
  for (const s of voice) sumSquares += s * s
  const rms = Math.sqrt(sumSquares / Math.max(1, totalSamples))
  const scale = rms > 0 ? targetRms / rms : 0
  for (let n = 0; n < totalSamples; n++) {
    // Soft limiter above 0.8 keeps the rare formant peak from clipping hard.
    const x = (voice[n] ?? 0) * scale
    const magnitude = Math.abs(x)
    voice[n] =
      magnitude <= 0.8 ? x : Math.sign(x) * (0.8 + 0.19 * Math.tanh((magnitude - 0.8) / 0.19))
  }
  return floatToPcm16(voice)
}

/** Little-endian bytes of PCM16 samples, as they go into `response.output_audio.delta`. */
export function pcm16ToBytes(samples: Int16Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2)
  const view = new DataView(bytes.buffer)
  samples.forEach((s, i) => view.setInt16(i * 2, s, true))
  return bytes
}
