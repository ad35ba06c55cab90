import { describe, expect, it } from 'vitest'
import {
  initialOverlayState,
  overlayPhase,
  reduceOverlayState,
  type OverlayEvent,
  type OverlayState
} from './overlay-model'

const run = (events: OverlayEvent[], nowMs = 0): OverlayState =>
  events.reduce((state, event) => reduceOverlayState(state, event, nowMs), initialOverlayState)
/** `ms` of PCM16 24 kHz audio. */
const delta = (ms: number): OverlayEvent => ({
  channel: 'audio.delta',
  payload: { responseId: 'r1', itemId: 'a1', pcm: new Uint8Array(ms * 48) }
})

describe('the overlay model', () => {
  it('follows a hotkey turn: listening with the level and words, thinking, speaking, idle', () => {
    let state = run([
      { channel: 'hotkey.talkStart', payload: undefined },
      { channel: 'capture.level', payload: { rms: 0.3 } },
      { channel: 'transcript.delta', payload: { role: 'user', itemId: 'u1', delta: 'What time' } }
    ])
    expect(overlayPhase(state, 0)).toBe('listening')
    expect(state).toMatchObject({ level: 0.3, caption: 'What time' })
    state = reduceOverlayState(state, { channel: 'hotkey.talkEnd', payload: undefined }, 100)
    expect(overlayPhase(state, 100)).toBe('thinking')
    state = reduceOverlayState(state, delta(1000), 1000)
    state = reduceOverlayState(
      state,
      {
        channel: 'transcript.delta',
        payload: { role: 'assistant', itemId: 'a1', delta: 'It is ' }
      },
      1000
    )
    state = reduceOverlayState(
      state,
      { channel: 'transcript.delta', payload: { role: 'assistant', itemId: 'a1', delta: 'noon.' } },
      1010
    )
    expect(overlayPhase(state, 1500)).toBe('speaking')
    expect(state.caption).toBe('It is noon.')
    expect(overlayPhase(state, 2000)).toBe('idle')
  })

  it('stops speaking at once when the playback is flushed (barge-in, Stop speaking)', () => {
    const state = run([delta(5000), { channel: 'audio.flush', payload: { itemId: 'a1' } }])
    expect(overlayPhase(state, 10)).toBe('idle')
  })

  it('keeps waiting approvals until main says each one ended', () => {
    const request = {
      id: 'x',
      toolName: 'notes__add_note',
      source: 'notes',
      argumentsText: '{}',
      canAlwaysAllow: true,
      timeoutMs: 60_000
    }
    const waiting = run([{ channel: 'tools.approvalRequested', payload: request }])
    expect(waiting.approvals).toEqual([request])
    const ended = reduceOverlayState(
      waiting,
      { channel: 'tools.approvalEnded', payload: { id: 'x', outcome: 'once' } },
      0
    )
    expect(ended.approvals).toEqual([])
  })
})
