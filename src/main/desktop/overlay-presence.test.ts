import { describe, expect, it } from 'vitest'
import { ManualTimers } from '../../../test/doubles/manual-timers'
import type { CoreActivity } from '../app/hark-main'
import {
  OVERLAY_LINGER_MS,
  OverlayPresence,
  overlayWanted,
  type OverlayFacts
} from './overlay-presence'

const quiet: OverlayFacts = {
  enabled: true,
  mainWindowFocused: false,
  hotkeyTalking: false,
  awaitingAnswer: false,
  speaking: false,
  approvalWaiting: false
}
const talkStart: CoreActivity = { channel: 'hotkey.talkStart', payload: undefined }
const talkEnd: CoreActivity = { channel: 'hotkey.talkEnd', payload: undefined }
/** 500 ms of answer audio (PCM16 24 kHz = 48 bytes per ms). */
const delta: CoreActivity = {
  channel: 'audio.delta',
  payload: { responseId: 'r1', itemId: 'i1', pcm: new Uint8Array(500 * 48) }
}
const played: CoreActivity = {
  channel: 'playback.progress',
  payload: { itemId: 'i1', playedMs: 500 }
}
const approval = (id: string): CoreActivity => ({
  channel: 'tools.approvalRequested',
  payload: {
    id,
    toolName: 't',
    source: 'builtin',
    argumentsText: '{}',
    canAlwaysAllow: true,
    timeoutMs: 60_000
  }
})

function presence(): { overlay: OverlayPresence; timers: ManualTimers; shown: boolean[] } {
  const timers = new ManualTimers()
  const shown: boolean[] = []
  const overlay = new OverlayPresence({
    now: () => timers.now,
    timers,
    show: () => shown.push(true),
    hide: () => shown.push(false)
  })
  return { overlay, timers, shown }
}

describe('overlayWanted', () => {
  it('wants the overlay for a hotkey turn, speech or an approval, only away from the window', () => {
    expect(overlayWanted(quiet)).toBe(false)
    for (const reason of [
      'hotkeyTalking',
      'awaitingAnswer',
      'speaking',
      'approvalWaiting'
    ] as const) {
      expect(overlayWanted({ ...quiet, [reason]: true })).toBe(true)
      expect(overlayWanted({ ...quiet, [reason]: true, mainWindowFocused: true })).toBe(false)
      expect(overlayWanted({ ...quiet, [reason]: true, enabled: false })).toBe(false)
    }
  })
})

describe('OverlayPresence', () => {
  it('shows through a hotkey turn and its answer, then hides a few seconds after playback ends', () => {
    const { overlay, timers, shown } = presence()
    overlay.onActivity(talkStart)
    expect(shown).toEqual([true])
    overlay.onActivity(talkEnd)
    timers.advance(5000) // thinking: still shown
    overlay.onActivity(delta)
    timers.advance(400)
    expect(overlay.shown).toBe(true)
    overlay.onActivity(played)
    timers.advance(OVERLAY_LINGER_MS - 1)
    expect(shown).toEqual([true])
    timers.advance(1)
    expect(shown).toEqual([true, false])
  })

  it('stays hidden for talking through the window (no hotkey) and while the window has focus', () => {
    const { overlay, shown } = presence()
    overlay.onActivity({ channel: 'ptt.down', payload: undefined })
    overlay.setMainWindowFocused(true)
    overlay.onActivity(talkStart)
    expect(shown).toEqual([])
  })

  it('hides at once when the user focuses the window or turns the overlay off', () => {
    const { overlay, shown } = presence()
    overlay.onActivity(talkStart)
    overlay.setMainWindowFocused(true)
    expect(shown).toEqual([true, false])
    overlay.setMainWindowFocused(false)
    overlay.setEnabled(false)
    expect(shown).toEqual([true, false, true, false])
  })

  it('shows while an approval waits and lingers after it is answered', () => {
    const { overlay, timers, shown } = presence()
    overlay.onActivity(approval('a1'))
    expect(shown).toEqual([true])
    overlay.onActivity({ channel: 'tools.approvalEnded', payload: { id: 'a1', outcome: 'once' } })
    timers.advance(OVERLAY_LINGER_MS)
    expect(shown).toEqual([true, false])
  })

  it('ends speaking by its deadline when the window never reports playback', () => {
    const { overlay, timers, shown } = presence()
    overlay.onActivity(delta)
    expect(shown).toEqual([true])
    timers.advance(500 + 1500 + OVERLAY_LINGER_MS)
    expect(shown).toEqual([true, false])
  })
})
