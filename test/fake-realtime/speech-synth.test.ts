import { describe, expect, it } from 'vitest'
import { PCM_SAMPLE_RATE, pcm16Rms } from '../../src/shared/pcm'
import { pcm16ToBytes, speechDurationMs, synthesizeSpeech } from './speech-synth'
import { EnergyVad } from './vad'

const TEXT = 'You said: what is the weather like in Paris today?'

describe('synthesizeSpeech', () => {
  it('is deterministic: the same text gives the same samples', () => {
    const bytes = (text: string): Buffer => Buffer.from(pcm16ToBytes(synthesizeSpeech(text)))
    expect(bytes(TEXT).equals(bytes(TEXT))).toBe(true)
    expect(bytes(TEXT).equals(bytes(`${TEXT}!`))).toBe(false)
  })

  it('lasts about 65 ms per character at 24 kHz', () => {
    const samples = synthesizeSpeech(TEXT)
    expect(samples.length).toBe((speechDurationMs(TEXT) * PCM_SAMPLE_RATE) / 1000)
    expect(speechDurationMs(TEXT)).toBe(Math.round(TEXT.length * 65))
    expect(synthesizeSpeech(TEXT, { msPerChar: 130 }).length).toBe(samples.length * 2)
    expect(speechDurationMs('ok')).toBe(300)
  })

  it('has a speech-like level without clipping', () => {
    const samples = synthesizeSpeech(TEXT)
    const rms = pcm16Rms(samples)
    expect(rms).toBeGreaterThan(0.18)
    expect(rms).toBeLessThan(0.3)
    const peak = samples.reduce((max, s) => Math.max(max, Math.abs(s)), 0) / 0x8000
    expect(peak).toBeLessThan(1)
  })

  it('has pauses between words but no pause an energy VAD would end the turn on', () => {
    const vad = new EnergyVad({ rmsThreshold: 0.02, silenceDurationMs: 300, prefixPaddingMs: 0 })
    const events = vad.push(synthesizeSpeech(TEXT))
    expect(events.map((e) => e.type)).toEqual(['speech_started'])
    const frameRms = Array.from({ length: 20 }, (_, i) =>
      pcm16Rms(synthesizeSpeech(TEXT).subarray(i * 1200, (i + 1) * 1200))
    )
    expect(Math.min(...frameRms)).toBeLessThan(0.02)
    expect(Math.max(...frameRms)).toBeGreaterThan(0.2)
  })

  it('encodes PCM16 little-endian', () => {
    expect([...pcm16ToBytes(new Int16Array([1, -2, 0x1234]))]).toEqual([
      1, 0, 0xfe, 0xff, 0x34, 0x12
    ])
  })
})
