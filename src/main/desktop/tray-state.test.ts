import { describe, expect, it } from 'vitest'
import type { CoreActivity } from '../app/hark-main'
import {
  initialTrayModel,
  reduceTray,
  speakingDeadline,
  trayLook,
  trayTooltip,
  waitingTool,
  type TrayModel
} from './tray-state'

/** 24 kHz PCM16 mono: 48 bytes per millisecond. */
const audio = (itemId: string, ms: number): CoreActivity => ({
  channel: 'audio.delta',
  payload: { responseId: 'r1', itemId, pcm: new Uint8Array(ms * 48) }
})
const played = (itemId: string, playedMs: number): CoreActivity => ({
  channel: 'playback.progress',
  payload: { itemId, playedMs }
})
const status = (payload: {
  status: 'disconnected' | 'connecting' | 'connected' | 'reconnecting'
  reason?: string
  code?: 'auth' | 'network'
}): CoreActivity => ({ channel: 'session.status', payload })
const none = (channel: 'ptt.down' | 'ptt.up' | 'ptt.cancel'): CoreActivity => ({
  channel,
  payload: undefined
})

function run(activities: [CoreActivity, number][], from: TrayModel = initialTrayModel): TrayModel {
  return activities.reduce((model, [activity, at]) => reduceTray(model, activity, at), from)
}

const connected = run([
  [status({ status: 'connecting' }), 0],
  [status({ status: 'connected' }), 10]
])

describe('tray state', () => {
  it('is idle when disconnected, connecting and connected, saying which', () => {
    expect(trayLook(initialTrayModel, 0)).toBe('idle')
    expect(trayTooltip(initialTrayModel, 0)).toBe('Hark: not connected')
    expect(trayTooltip(run([[status({ status: 'connecting' }), 0]]), 0)).toBe('Hark: connecting…')
    expect(trayLook(connected, 20)).toBe('idle')
    expect(trayTooltip(connected, 20)).toBe('Hark: connected')
    const reconnecting = run([[status({ status: 'reconnecting', reason: 'x' }), 30]], connected)
    expect(trayLook(reconnecting, 30)).toBe('idle')
    expect(trayTooltip(reconnecting, 30)).toBe('Hark: reconnecting…')
  })

  it('listens while push-to-talk is held, from the window, the hotkey or the tray', () => {
    const held = run([[none('ptt.down'), 20]], connected)
    expect(trayLook(held, 21)).toBe('listening')
    expect(trayLook(run([[none('ptt.up'), 30]], held), 31)).toBe('idle')
    expect(trayLook(run([[none('ptt.cancel'), 30]], held), 31)).toBe('idle')
    expect(trayTooltip(held, 21)).toBe('Hark: listening')
    // The hotkey's events are requests: only the renderer's ptt.down opens a turn (a press while
    // disconnected or muted opens none), but an end or a cancel closes one.
    const asked = run([[{ channel: 'hotkey.talkStart', payload: undefined }, 20]], connected)
    expect(trayLook(asked, 21)).toBe('idle')
    const ended = run([[{ channel: 'hotkey.talkEnd', payload: undefined }, 30]], held)
    expect(trayLook(ended, 31)).toBe('idle')
    const cancelled = run([[{ channel: 'hotkey.talkCancel', payload: undefined }, 30]], held)
    expect(trayLook(cancelled, 31)).toBe('idle')
  })

  it('listens while the server hears speech (hands-free)', () => {
    const speech = run([[{ channel: 'speech.started', payload: { itemId: null } }, 20]], connected)
    expect(trayLook(speech, 21)).toBe('listening')
    const after = run([[{ channel: 'speech.stopped', payload: { itemId: 'u1' } }, 40]], speech)
    expect(trayLook(after, 41)).toBe('idle')
  })

  it('speaks until the renderer has played everything received', () => {
    const answer = run(
      [
        [{ channel: 'response.started', payload: { responseId: 'r1' } }, 100],
        [audio('a1', 500), 120],
        [audio('a1', 500), 130],
        [{ channel: 'audio.done', payload: { responseId: 'r1', itemId: 'a1' } }, 140],
        [
          {
            channel: 'response.done',
            payload: {
              responseId: 'r1',
              status: 'completed',
              usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }
            }
          },
          150
        ]
      ],
      connected
    )
    // The response is done at the server, but the user is still hearing it.
    expect(trayLook(answer, 160)).toBe('speaking')
    expect(trayTooltip(answer, 160)).toBe('Hark: speaking')
    const most = run([[played('a1', 700), 820]], answer)
    expect(trayLook(most, 820)).toBe('speaking')
    const all = run([[played('a1', 990), 1110]], most)
    expect(trayLook(all, 1110)).toBe('idle')
    expect(speakingDeadline(all)).toBeNull()
  })

  it('stops speaking at once on a flush (interrupt) and when talk barges in', () => {
    const speaking = run([[audio('a1', 2000), 100]], connected)
    expect(trayLook(speaking, 101)).toBe('speaking')
    const flushed = run([[{ channel: 'audio.flush', payload: { itemId: 'a1' } }, 200]], speaking)
    expect(trayLook(flushed, 201)).toBe('idle')
    const barged = run([[none('ptt.down'), 200]], speaking)
    expect(trayLook(barged, 201)).toBe('listening')
    expect(trayLook(run([[none('ptt.up'), 300]], barged), 301)).toBe('idle')
  })

  it('stops speaking by its deadline when no playback report ever comes', () => {
    const speaking = run([[audio('a1', 1000), 100]], connected)
    const deadline = speakingDeadline(speaking)
    expect(deadline).toBe(100 + 1000 + 1500)
    expect(trayLook(speaking, (deadline ?? 0) - 1)).toBe('speaking')
    expect(trayLook(speaking, deadline ?? 0)).toBe('idle')
    // A later answer starts its own deadline instead of inheriting the stale one.
    const next = run([[audio('a2', 500), 5000]], speaking)
    expect(trayLook(next, 5001)).toBe('speaking')
    expect(speakingDeadline(next)).toBe(5000 + 500 + 1500)
  })

  it('ignores progress for audio it never saw', () => {
    expect(run([[played('ghost', 100), 10]], connected)).toBe(connected)
  })

  it('shows an error for a failed connection or response until the next attempt', () => {
    const failed = run(
      [[status({ status: 'disconnected', code: 'auth', reason: 'The key was rejected.' }), 20]],
      connected
    )
    expect(trayLook(failed, 21)).toBe('error')
    expect(trayTooltip(failed, 21)).toBe('Hark: The key was rejected.')
    expect(trayLook(run([[status({ status: 'connecting' }), 30]], failed), 31)).toBe('idle')

    const responseError = run(
      [[{ channel: 'error', payload: { code: 'server', message: 'The server failed.' } }, 20]],
      connected
    )
    expect(trayLook(responseError, 21)).toBe('error')
    const retried = run(
      [[{ channel: 'response.started', payload: { responseId: 'r2' } }, 30]],
      responseError
    )
    expect(trayLook(retried, 31)).toBe('idle')
    expect(trayLook(run([[none('ptt.down'), 30]], responseError), 31)).toBe('listening')
  })

  it('is idle-looking after the user disconnects, and forgets any turn or audio', () => {
    const busy = run(
      [
        [none('ptt.down'), 20],
        [audio('a1', 1000), 30]
      ],
      connected
    )
    const closed = run(
      [[status({ status: 'disconnected', reason: 'The session was closed.' }), 40]],
      busy
    )
    expect(trayLook(closed, 41)).toBe('idle')
    expect(closed.inTurn).toBe(false)
    expect(closed.audio).toEqual({})
  })

  it('notes the mute in the tooltip and never listens while muted', () => {
    const muted = run([[{ channel: 'mic.muteChanged', payload: { muted: true } }, 20]], connected)
    expect(trayTooltip(muted, 21)).toBe('Hark: connected (microphone muted)')
    // A hotkey event in flight when the user muted: main drops its audio, the tray does not lie.
    expect(
      trayLook(run([[{ channel: 'hotkey.talkStart', payload: undefined }, 30]], muted), 31)
    ).toBe('idle')
    const unmuted = run([[{ channel: 'mic.muteChanged', payload: { muted: false } }, 40]], muted)
    expect(trayTooltip(unmuted, 41)).toBe('Hark: connected')
  })

  it('leaves the model untouched for events that do not change the look', () => {
    const same = run(
      [
        [{ channel: 'transcript.delta', payload: { role: 'user', itemId: 'u1', delta: 'hi' } }, 20],
        [{ channel: 'history.updated', payload: { items: [] } }, 20]
      ],
      connected
    )
    expect(same).toEqual(connected)
  })

  it('says Hark is waiting while a tool call needs an answer, until each one ends', () => {
    const asked = (id: string, toolName: string): CoreActivity => ({
      channel: 'tools.approvalRequested',
      payload: {
        id,
        toolName,
        source: 'builtin',
        argumentsText: '{}',
        canAlwaysAllow: false,
        timeoutMs: 60_000
      }
    })
    const ended = (id: string): CoreActivity => ({
      channel: 'tools.approvalEnded',
      payload: { id, outcome: 'timeout' }
    })
    const one = run([[asked('a1', 'look_at_screen'), 20]], connected)
    expect(waitingTool(one)).toBe('look_at_screen')
    expect(trayTooltip(one, 21)).toBe('Hark is waiting for you: allow look_at_screen?')
    const two = run([[asked('a2', 'notes__add_note'), 30]], one)
    expect(trayTooltip(two, 31)).toBe('Hark is waiting for you: allow look_at_screen? (and 1 more)')
    const first = run([[ended('a1'), 40]], two)
    expect(waitingTool(first)).toBe('notes__add_note')
    const none = run([[ended('a2'), 50]], first)
    expect(waitingTool(none)).toBeNull()
    expect(trayTooltip(none, 51)).toBe('Hark: connected')
  })
})
