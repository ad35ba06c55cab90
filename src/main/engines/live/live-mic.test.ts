import type { ClientEvent } from 'openai/resources/live/live'
import { describe, expect, it } from 'vitest'
import { LiveMicGate } from './live-mic'

describe('the microphone as GPT-Live hears it', () => {
  it('push-to-talk: key up mutes, the next press’s audio unmutes first', () => {
    const sent: string[] = []
    const send = (event: ClientEvent): void => void sent.push(event.type)
    const mic = new LiveMicGate()
    expect(mic.admitAudio(send)).toBe(true)
    mic.endTurn(send)
    expect(mic.admitAudio(send)).toBe(true)
    expect(sent).toEqual(['session.input_audio.mute', 'session.input_audio.unmute'])
  })

  it('the user’s own mute drops audio until they unmute', () => {
    const sent: string[] = []
    const send = (event: ClientEvent): void => void sent.push(event.type)
    const mic = new LiveMicGate(true)
    expect(mic.admitAudio(send)).toBe(false)
    mic.applyTo(send)
    mic.setUserMuted(false, send)
    expect(mic.admitAudio(send)).toBe(true)
    expect(sent).toEqual(['session.input_audio.mute', 'session.input_audio.unmute'])
  })

  it('the budget’s hold mutes at once and outlasts the user’s own unmute until it is released', () => {
    const sent: string[] = []
    const send = (event: ClientEvent): void => void sent.push(event.type)
    const mic = new LiveMicGate()
    expect(mic.admitAudio(send)).toBe(true)
    mic.setBudgetHeld(true, send)
    expect(mic.admitAudio(send)).toBe(false)
    mic.setUserMuted(true, send)
    mic.setUserMuted(false, send)
    expect(mic.admitAudio(send)).toBe(false)
    mic.setBudgetHeld(false, send)
    expect(mic.admitAudio(send)).toBe(true)
    expect(sent).toEqual(['session.input_audio.mute', 'session.input_audio.unmute'])
  })
})
