import { describe, expect, it } from 'vitest'
import type { EventChannel, HarkApi, HotkeyStatusInfo } from '../../../shared/ipc'
import { connectHotkey, hotkeyHint, useHotkey } from './hotkey'

const hold: HotkeyStatusInfo = {
  mode: 'hold',
  backend: 'uiohook',
  hotkey: 'Ctrl+Shift+Space',
  reason: 'Hold Ctrl+Shift+Space while you speak.'
}

function fakeHark(initial: HotkeyStatusInfo): {
  hark: HarkApi
  fire: (channel: EventChannel, payload?: unknown) => void
} {
  const listeners = new Map<string, (payload: unknown) => void>()
  const hark = {
    hotkey: { status: () => Promise.resolve(initial) },
    on: (channel: string, listener: (payload: unknown) => void) => {
      listeners.set(channel, listener)
      return () => listeners.delete(channel)
    }
  } as unknown as HarkApi
  return { hark, fire: (channel, payload) => listeners.get(channel)?.(payload) }
}

describe('global hotkey in the renderer', () => {
  it('drives push-to-talk like the window button', async () => {
    const calls: string[] = []
    const { hark, fire } = fakeHark(hold)
    const stop = connectHotkey(hark, {
      press: () => calls.push('press'),
      release: (options) => calls.push(options?.flush ? 'release+flush' : 'release'),
      cancel: () => calls.push('cancel'),
      held: false
    })
    fire('hotkey.talkStart')
    fire('hotkey.talkEnd')
    fire('hotkey.talkStart')
    fire('hotkey.talkCancel')
    expect(calls).toEqual(['press', 'release+flush', 'press', 'cancel'])
    await expect.poll(() => useHotkey.getState().status).toEqual(hold)
    const off: HotkeyStatusInfo = { mode: 'off', backend: 'none', hotkey: '', reason: 'Off.' }
    fire('hotkey.statusChanged', off)
    expect(useHotkey.getState().status).toEqual(off)
    stop()
    fire('hotkey.talkStart')
    expect(calls).toHaveLength(4)
  })

  it('says how to talk, or why the hotkey is limited', () => {
    expect(hotkeyHint(null)).toBeNull()
    expect(hotkeyHint(hold)).toBe('Hold Ctrl+Shift+Space anywhere to talk.')
    const toggle = { ...hold, mode: 'toggle' as const, reason: 'Press it to start and again.' }
    expect(hotkeyHint(toggle)).toBe('Press it to start and again.')
  })
})
