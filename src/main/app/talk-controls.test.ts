import { describe, expect, it } from 'vitest'
import type { IpcEventMessage } from './event-mapping'
import { createTalkControls } from './talk-controls'

function setup(): {
  emitted: string[]
  cancelled: number[]
  talk: ReturnType<typeof createTalkControls>
} {
  const emitted: string[] = []
  const cancelled: number[] = []
  const talk = createTalkControls({
    emit: (message: IpcEventMessage) =>
      emitted.push(
        message.channel === 'mic.muteChanged'
          ? `mic.muteChanged:${String(message.payload.muted)}`
          : message.channel
      ),
    cancelTurn: () => cancelled.push(cancelled.length + 1),
    log: () => undefined
  })
  return { emitted, cancelled, talk }
}

describe('talk controls', () => {
  it('admits everything while unmuted', () => {
    const { talk } = setup()
    for (const channel of [
      'audio.append',
      'ptt.down',
      'ptt.up',
      'ptt.cancel',
      'playback.progress'
    ] as const)
      expect(talk.admit(channel), channel).toBe(true)
  })

  it('while muted drops microphone audio and presses, but not cancels or playback reports', () => {
    const { talk } = setup()
    talk.setMuted(true)
    expect(talk.admit('audio.append')).toBe(false)
    expect(talk.admit('ptt.down')).toBe(false)
    expect(talk.admit('ptt.up')).toBe(false)
    expect(talk.admit('ptt.cancel')).toBe(true)
    expect(talk.admit('playback.progress')).toBe(true)
  })

  it('muting cancels the renderer press and, mid-turn, the turn in main', () => {
    const idle = setup()
    idle.talk.setMuted(true)
    expect(idle.emitted).toEqual(['hotkey.talkCancel', 'mic.muteChanged:true'])
    expect(idle.cancelled).toEqual([])

    const busy = setup()
    busy.talk.admit('ptt.down')
    busy.talk.setMuted(true)
    expect(busy.cancelled).toEqual([1])
    busy.talk.setMuted(false)
    expect(busy.emitted.at(-1)).toBe('mic.muteChanged:false')
    // The turn was abandoned: Talk now starts a new one.
    busy.talk.toggleTalk()
    expect(busy.emitted.slice(-2)).toEqual(['hotkey.talkCancel', 'hotkey.talkStart'])
  })

  it('Talk ends the open turn, or starts one', () => {
    const { talk, emitted } = setup()
    talk.toggleTalk()
    talk.admit('ptt.down')
    talk.toggleTalk()
    talk.admit('ptt.up')
    expect(emitted).toEqual(['hotkey.talkCancel', 'hotkey.talkStart', 'hotkey.talkEnd'])
  })
})
