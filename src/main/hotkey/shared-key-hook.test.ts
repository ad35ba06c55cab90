// Several hotkeys on one keyboard hook (issue 14): each hold-to-talk machine answers only its own
// accelerator, and stopping one service leaves the hook running for the others.
import { describe, expect, it } from 'vitest'
import { FakeClock } from './fake-clock'
import type { RawKeyEvent } from './hold-to-talk'
import { createHotkeyService, type KeyHookBackend } from './hotkey-service'
import { shareKeyHook } from './shared-key-hook'
import { UIOHOOK_KEYCODES, UIOHOOK_MODIFIER_KEYCODES } from './uiohook-keycodes'

const SPACE = UIOHOOK_KEYCODES.Space
const T = UIOHOOK_KEYCODES.T
const ALT = UIOHOOK_MODIFIER_KEYCODES.alt[0]
const CTRL = UIOHOOK_MODIFIER_KEYCODES.ctrl[0]

class FakeHook implements KeyHookBackend {
  readonly kind = 'uiohook' as const
  onKey: ((event: RawKeyEvent) => void) | null = null
  starts = 0
  stops = 0
  start(onKey: (event: RawKeyEvent) => void): void {
    this.starts++
    this.onKey = onKey
  }
  stop(): void {
    this.stops++
    this.onKey = null
  }
}

describe('one keyboard hook, several hotkeys', () => {
  it('gives each hold-to-talk machine its own key, and keeps the hook for the others', async () => {
    const clock = new FakeClock()
    const hook = new FakeHook()
    const shared = shareKeyHook(() => Promise.resolve(hook))
    const log: string[] = []
    const service = (hotkey: string, who: string): ReturnType<typeof createHotkeyService> =>
      createHotkeyService({
        hotkey,
        platform: 'linux',
        env: { DISPLAY: ':0' },
        loadHookBackend: () => shared.view(),
        createShortcutBackend: () => {
          throw new Error('no globalShortcut here')
        },
        clock,
        callbacks: {
          onTalkStart: () => log.push(`${who} start`),
          onTalkEnd: ({ heldMs }) => log.push(`${who} end ${heldMs}`),
          onTalkCancel: () => log.push(`${who} cancel`)
        }
      })
    const settings = await service('Alt+Space', 'active')
    const translator = await service('Ctrl+Shift+T', 'translator')
    expect((await settings.start()).mode).toBe('hold')
    expect((await translator.start()).mode).toBe('hold')
    expect(hook.starts).toBe(1)

    const send = (type: 'keydown' | 'keyup', keycode: number): void =>
      hook.onKey?.({ type, keycode, atMs: clock.now() })
    send('keydown', CTRL)
    send('keydown', UIOHOOK_MODIFIER_KEYCODES.shift[0])
    send('keydown', T)
    clock.advance(700)
    send('keyup', T)
    send('keyup', CTRL)
    send('keyup', UIOHOOK_MODIFIER_KEYCODES.shift[0])
    expect(log).toEqual(['translator start', 'translator end 700'])

    // A changed Settings hotkey restarts its service: the translator's still hears its key.
    settings.stop()
    expect(hook.stops).toBe(0)
    log.length = 0
    send('keydown', ALT)
    send('keydown', SPACE)
    clock.advance(300)
    send('keyup', SPACE)
    send('keyup', ALT)
    send('keydown', CTRL)
    send('keydown', UIOHOOK_MODIFIER_KEYCODES.shift[0])
    send('keydown', T)
    clock.advance(500)
    send('keyup', T)
    expect(log).toEqual(['translator start', 'translator end 500'])
    translator.stop()
    expect(hook.stops).toBe(1)
  })
})
