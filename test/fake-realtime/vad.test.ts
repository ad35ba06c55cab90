import { describe, expect, it } from 'vitest'
import { bytesAsPcm16, pcmBytesToMs } from '../../src/shared/pcm'
import { joinBytes, silenceBytes, speechBytes } from './audio-fixtures'
import { InputAudioBuffer, decodeAudio } from './input-audio-buffer'
import { EnergyVad } from './vad'

const config = { rmsThreshold: 0.02, silenceDurationMs: 500, prefixPaddingMs: 300 }

describe('EnergyVad', () => {
  it('reports speech start (minus the prefix padding) and stop after the silence window', () => {
    const vad = new EnergyVad(config)
    const audio = joinBytes(silenceBytes(1000), speechBytes('hello there'), silenceBytes(800))
    const events = vad.push(bytesAsPcm16(audio))
    expect(events.map((e) => e.type)).toEqual(['speech_started', 'speech_stopped'])
    const [started, stopped] = events
    if (started?.type !== 'speech_started' || stopped?.type !== 'speech_stopped') throw new Error()
    expect(started.speechOnsetMs).toBeGreaterThanOrEqual(1000)
    expect(started.speechOnsetMs).toBeLessThan(1060)
    expect(started.audioStartMs).toBe(started.speechOnsetMs - 300)
    // Speech ends at 1000 + 715 ms (minus the synthesized word's trailing pause).
    expect(stopped.audioEndMs).toBeGreaterThan(1600 + 500)
    expect(stopped.audioEndMs).toBeLessThanOrEqual(1715 + 500 + 20)
  })

  it('gives the same answer whatever the chunking', () => {
    const audio = bytesAsPcm16(
      joinBytes(silenceBytes(200), speechBytes('one two'), silenceBytes(700))
    )
    const whole = new EnergyVad(config).push(audio)
    const vad = new EnergyVad(config)
    const pieces = []
    for (let i = 0; i < audio.length; i += 333) pieces.push(...vad.push(audio.subarray(i, i + 333)))
    expect(pieces).toEqual(whole)
  })

  it('keeps its timeline running across reset', () => {
    const vad = new EnergyVad(config)
    vad.push(bytesAsPcm16(silenceBytes(110)))
    vad.reset()
    expect(vad.timelineMs).toBeCloseTo(110)
    const [started] = vad.push(bytesAsPcm16(speechBytes('hi')))
    expect(started?.type).toBe('speech_started')
    if (started?.type === 'speech_started')
      expect(started.speechOnsetMs).toBeGreaterThanOrEqual(110)
  })
})

describe('InputAudioBuffer', () => {
  it('cuts by timeline position and keeps the rest', () => {
    const buffer = new InputAudioBuffer()
    buffer.append(silenceBytes(300))
    buffer.append(silenceBytes(200))
    const taken = buffer.takeRange(100, 350)
    expect(pcmBytesToMs(taken.byteLength)).toBe(250)
    expect(buffer.durationMs).toBe(150)
    expect(buffer.timelineStartMs).toBe(350)
    expect(pcmBytesToMs(buffer.clear().byteLength)).toBe(150)
    expect(buffer.timelineStartMs).toBe(500)
  })

  it('decodes only base64 of whole PCM16 samples', () => {
    // 'AAAA' is three bytes: not a whole number of samples.
    expect(decodeAudio('AAAA', 'audio')).toMatchObject({ code: 'invalid_value', param: 'audio' })
    expect(decodeAudio('AAA=', 'audio')).toEqual(new Uint8Array([0, 0]))
    expect(decodeAudio('', 'audio')).toMatchObject({ code: 'invalid_value', param: 'audio' })
    expect(decodeAudio('not base64!', 'audio')).toMatchObject({ code: 'invalid_value' })
  })
})
