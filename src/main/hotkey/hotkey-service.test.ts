import { beforeEach, describe, expect, it, vi } from 'vitest'
import { AcceleratorError } from './accelerator'
import { FakeClock } from './fake-clock'
import type { RawKeyEvent } from './hold-to-talk'
import { createHotkeyService, type HotkeyCallbacks, type KeyHookBackend } from './hotkey-service'
import { UIOHOOK_KEYCODES, UIOHOOK_MODIFIER_KEYCODES } from './uiohook-keycodes'

const SPACE = UIOHOOK_KEYCODES.Space
const ALT = UIOHOOK_MODIFIER_KEYCODES.alt[0]

class FakeBackend implements KeyHookBackend {
  onKey: ((event: RawKeyEvent) => void) | null = null
  stopped = 0
  constructor(
    readonly kind: KeyHookBackend['kind'],
    private readonly failWith?: Error
  ) {}
  start(onKey: (event: RawKeyEvent) => void): void {
    if (this.failWith) throw this.failWith
    this.onKey = onKey
  }
  stop(): void {
    this.stopped++
    this.onKey = null
  }
  send(event: RawKeyEvent): void {
    this.onKey?.(event)
  }
}

let clock: FakeClock
let log: string[]
let callbacks: HotkeyCallbacks

beforeEach(() => {
  clock = new FakeClock()
  log = []
  callbacks = {
    onTalkStart: () => log.push('start'),
    onTalkEnd: ({ heldMs, reason }) => log.push(`end ${heldMs} ${reason}`),
    onTalkCancel: ({ heldMs }) => log.push(`cancel ${heldMs}`),
    onTalkLatched: () => log.push('latched')
  }
})

type KeyEvent = Extract<RawKeyEvent, { type: 'keydown' | 'keyup' }>

function key(type: 'keydown' | 'keyup', keycode: number): KeyEvent {
  return { type, keycode, atMs: clock.now() }
}

describe('createHotkeyService', () => {
  it('X11 + hook loads: hold mode wires hook keys to the callbacks', async () => {
    const hook = new FakeBackend('uiohook')
    const shortcut = vi.fn(() => new FakeBackend('globalShortcut'))
    const service = await createHotkeyService({
      hotkey: 'Alt+Space',
      platform: 'linux',
      env: { DISPLAY: ':0' },
      loadHookBackend: () => Promise.resolve(hook),
      createShortcutBackend: shortcut,
      clock,
      callbacks
    })
    const status = await service.start()
    expect(status).toMatchObject({ mode: 'hold', backend: 'uiohook', active: true })
    expect(status.hotkey).toBe('Alt+Space')
    expect(shortcut).not.toHaveBeenCalled()
    hook.send(key('keydown', ALT))
    hook.send(key('keydown', SPACE))
    expect(service.talking).toBe(true)
    clock.advance(800)
    hook.send(key('keyup', SPACE))
    expect(log).toEqual(['start', 'end 800 release'])
    service.stop()
    expect(hook.stopped).toBe(1)
    expect(service.status().active).toBe(false)
  })

  it('never loads the hook where starting it would abort (macOS without Accessibility)', async () => {
    const load = vi.fn(() => Promise.resolve(new FakeBackend('uiohook')))
    const shortcut = new FakeBackend('globalShortcut')
    const service = await createHotkeyService({
      hotkey: 'CommandOrControl+Shift+H',
      platform: 'darwin',
      env: {},
      accessibilityTrusted: false,
      loadHookBackend: load,
      createShortcutBackend: () => shortcut,
      clock,
      callbacks
    })
    expect(load).not.toHaveBeenCalled()
    const status = await service.start()
    expect(status).toMatchObject({ mode: 'toggle', backend: 'globalShortcut', active: true })
    expect(status.reason).toMatch(/Accessibility/)
    shortcut.send({ type: 'press', atMs: clock.now() })
    clock.advance(1_500)
    shortcut.send({ type: 'press', atMs: clock.now() })
    expect(log).toEqual(['start', 'end 1500 toggle'])
  })

  it('hook fails to load (or throws while loading): toggle through globalShortcut', async () => {
    for (const load of [() => Promise.resolve(null), () => Promise.reject(new Error('dlopen'))]) {
      const service = await createHotkeyService({
        hotkey: 'Alt+Space',
        platform: 'win32',
        env: {},
        loadHookBackend: load,
        createShortcutBackend: () => new FakeBackend('globalShortcut'),
        clock,
        callbacks
      })
      expect(service.status()).toMatchObject({ mode: 'toggle', backend: 'globalShortcut' })
      expect(service.status().reason).toMatch(/could not be loaded/)
    }
  })

  it('a shortcut that cannot be registered turns the hotkey off and says why', async () => {
    const service = await createHotkeyService({
      hotkey: 'Alt+Space',
      platform: 'linux',
      env: { XDG_SESSION_TYPE: 'wayland' },
      loadHookBackend: () => Promise.resolve(null),
      createShortcutBackend: () =>
        new FakeBackend('globalShortcut', new Error('Alt+Space is already used')),
      clock,
      callbacks
    })
    const status = await service.start()
    expect(status).toMatchObject({ mode: 'off', backend: 'none', active: false })
    expect(status.reason).toMatch(/could not be started \(Alt\+Space is already used\)/)
  })

  it('headless Linux: off, nothing started', async () => {
    const service = await createHotkeyService({
      hotkey: 'F13',
      platform: 'linux',
      env: {},
      loadHookBackend: () => Promise.resolve(null),
      createShortcutBackend: () => new FakeBackend('globalShortcut'),
      clock,
      callbacks
    })
    expect(await service.start()).toMatchObject({ mode: 'off', backend: 'none', active: false })
  })

  it('an invalid hotkey throws AcceleratorError', async () => {
    await expect(
      createHotkeyService({
        hotkey: 'Alt+',
        platform: 'win32',
        env: {},
        loadHookBackend: () => Promise.resolve(null),
        createShortcutBackend: () => new FakeBackend('globalShortcut'),
        clock,
        callbacks
      })
    ).rejects.toBeInstanceOf(AcceleratorError)
  })

  it('a throwing callback is reported and does not break the machine; stop cancels a talk', async () => {
    const hook = new FakeBackend('uiohook')
    const onError = vi.fn()
    const service = await createHotkeyService({
      hotkey: 'Alt+Space',
      platform: 'win32',
      env: {},
      loadHookBackend: () => Promise.resolve(hook),
      createShortcutBackend: () => new FakeBackend('globalShortcut'),
      clock,
      callbacks: {
        ...callbacks,
        onTalkStart: () => {
          throw new Error('session gone')
        },
        onError
      }
    })
    await service.start()
    hook.send({ ...key('keydown', SPACE), modifiers: ['alt'] })
    expect(onError).toHaveBeenCalledOnce()
    expect(service.talking).toBe(true)
    clock.advance(200)
    service.stop()
    expect(log).toEqual(['cancel 200'])
    expect(clock.pendingTimers).toBe(0)
  })
})
