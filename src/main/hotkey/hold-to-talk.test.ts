import { beforeEach, describe, expect, it } from 'vitest'
import { parseAccelerator } from './accelerator'
import { FakeClock } from './fake-clock'
import { HoldToTalkMachine, type HoldToTalkEvent, type HoldToTalkOptions } from './hold-to-talk'
import { UIOHOOK_KEYCODES, UIOHOOK_MODIFIER_KEYCODES } from './uiohook-keycodes'

const SPACE = UIOHOOK_KEYCODES.Space
const ALT = UIOHOOK_MODIFIER_KEYCODES.alt[0]
const ALT_RIGHT = UIOHOOK_MODIFIER_KEYCODES.alt[1]
const SHIFT = UIOHOOK_MODIFIER_KEYCODES.shift[0]
const A = UIOHOOK_KEYCODES.A

let clock: FakeClock
let events: HoldToTalkEvent[]

function machine(opts: Partial<HoldToTalkOptions> = {}): HoldToTalkMachine {
  return new HoldToTalkMachine({
    accelerator: parseAccelerator('Alt+Space', 'linux'),
    clock,
    emit: (e) => events.push(e),
    minHoldMs: 150,
    maxHoldMs: 120_000,
    heartbeatMs: 2_000,
    ...opts
  })
}

/** Moves the clock by `afterMs`, then feeds a key event stamped with the new time. */
function feed(m: HoldToTalkMachine, type: 'keydown' | 'keyup', keycode: number, afterMs = 0): void {
  clock.advance(afterMs)
  m.handle({ type, keycode, atMs: clock.now() })
}

function types(): string[] {
  return events.map((e) => e.type)
}

beforeEach(() => {
  clock = new FakeClock()
  events = []
})

describe('HoldToTalkMachine (hook: keydown/keyup)', () => {
  it('hold → talkStart on the press, talkEnd with heldMs on the release', () => {
    const m = machine()
    feed(m, 'keydown', ALT)
    feed(m, 'keydown', SPACE, 10)
    expect(events).toEqual([{ type: 'talkStart', atMs: 1_010 }])
    expect(m.talking).toBe(true)
    feed(m, 'keyup', SPACE, 1_200)
    expect(events[1]).toEqual({ type: 'talkEnd', heldMs: 1_200, reason: 'release' })
    expect(m.talking).toBe(false)
    expect(clock.pendingTimers).toBe(0)
  })

  it('short press with tapToggles off → talkCancel, no talkEnd', () => {
    const m = machine({ tapToggles: false })
    feed(m, 'keydown', ALT)
    feed(m, 'keydown', SPACE)
    feed(m, 'keyup', SPACE, 80)
    expect(events).toEqual([
      { type: 'talkStart', atMs: 1_000 },
      { type: 'talkCancel', heldMs: 80 }
    ])
  })

  it('a tap toggles: first tap starts (latched), the next tap ends', () => {
    const m = machine()
    feed(m, 'keydown', ALT)
    feed(m, 'keydown', SPACE)
    feed(m, 'keyup', SPACE, 90)
    expect(types()).toEqual(['talkStart', 'talkLatched'])
    expect(m.talking).toBe(true)
    feed(m, 'keydown', SPACE, 3_000)
    expect(events[2]).toEqual({ type: 'talkEnd', heldMs: 3_090, reason: 'toggle' })
    feed(m, 'keyup', SPACE, 50)
    expect(types()).toEqual(['talkStart', 'talkLatched', 'talkEnd'])
  })

  it('a quick double tap is too short to hold speech → talkCancel, no commit', () => {
    const m = machine()
    feed(m, 'keydown', ALT)
    feed(m, 'keydown', SPACE)
    feed(m, 'keyup', SPACE, 40)
    feed(m, 'keydown', SPACE, 60)
    expect(types()).toEqual(['talkStart', 'talkLatched', 'talkCancel'])
  })

  it('repeated keydowns while held are ignored', () => {
    const m = machine()
    feed(m, 'keydown', ALT)
    feed(m, 'keydown', SPACE)
    for (let i = 0; i < 20; i++) feed(m, 'keydown', SPACE, 33)
    feed(m, 'keyup', SPACE, 10)
    expect(types()).toEqual(['talkStart', 'talkEnd'])
  })

  it('repeats after a toggle-stop do not start a new talk', () => {
    const m = machine()
    feed(m, 'keydown', ALT)
    feed(m, 'keydown', SPACE)
    feed(m, 'keyup', SPACE, 50)
    feed(m, 'keydown', SPACE, 1_000) // stops the toggle
    for (let i = 0; i < 10; i++) feed(m, 'keydown', SPACE, 33)
    feed(m, 'keyup', SPACE, 10)
    expect(types()).toEqual(['talkStart', 'talkLatched', 'talkEnd'])
  })

  it('needs exactly the modifiers: without Alt, or with Shift too, nothing starts', () => {
    const m = machine()
    feed(m, 'keydown', SPACE)
    feed(m, 'keyup', SPACE, 300)
    feed(m, 'keydown', ALT)
    feed(m, 'keydown', SHIFT)
    feed(m, 'keydown', SPACE)
    feed(m, 'keyup', SPACE, 300)
    expect(events).toEqual([])
  })

  it("prefers the hook's modifier flags when it sends them", () => {
    const m = machine()
    // Alt was pressed before the hook started: only the flags know about it.
    m.handle({ type: 'keydown', keycode: SPACE, atMs: clock.now(), modifiers: ['alt'] })
    expect(types()).toEqual(['talkStart'])
  })

  it('releasing the modifier first ends the hold; the later key-up and repeats do nothing', () => {
    const m = machine()
    feed(m, 'keydown', ALT)
    feed(m, 'keydown', SPACE)
    feed(m, 'keyup', ALT, 700)
    expect(events[1]).toEqual({ type: 'talkEnd', heldMs: 700, reason: 'release' })
    feed(m, 'keydown', SPACE, 30)
    feed(m, 'keydown', ALT, 30)
    feed(m, 'keydown', SPACE, 30)
    feed(m, 'keyup', SPACE, 30)
    expect(types()).toEqual(['talkStart', 'talkEnd'])
  })

  it('releasing one Alt while the other is still held keeps talking', () => {
    const m = machine()
    feed(m, 'keydown', ALT)
    feed(m, 'keydown', ALT_RIGHT)
    feed(m, 'keydown', SPACE)
    feed(m, 'keyup', ALT, 400)
    expect(types()).toEqual(['talkStart'])
    feed(m, 'keyup', ALT_RIGHT, 400)
    expect(types()).toEqual(['talkStart', 'talkEnd'])
  })

  it('watchdog: no key-up within maxHoldMs → talkEnd(watchdog)', () => {
    const m = machine({ maxHoldMs: 10_000 })
    feed(m, 'keydown', ALT)
    feed(m, 'keydown', SPACE)
    // The key really is held: it auto-repeats every 40 ms (which also keeps the heartbeat alive).
    for (let i = 0; i < 249; i++) feed(m, 'keydown', SPACE, 40)
    clock.advance(39)
    expect(types()).toEqual(['talkStart'])
    clock.advance(1)
    expect(events[1]).toEqual({ type: 'talkEnd', heldMs: 10_000, reason: 'watchdog' })
    // The held key keeps repeating: still ignored; its key-up too.
    for (let i = 0; i < 10; i++) feed(m, 'keydown', SPACE, 40)
    feed(m, 'keyup', SPACE, 33)
    expect(types()).toEqual(['talkStart', 'talkEnd'])
  })

  it('watchdog: repeats stop and no key-up comes (lost) → released after the heartbeat', () => {
    const m = machine()
    feed(m, 'keydown', ALT)
    feed(m, 'keydown', SPACE)
    feed(m, 'keydown', SPACE, 500) // first repeat arms the heartbeat
    feed(m, 'keydown', SPACE, 33)
    clock.advance(1_999)
    expect(types()).toEqual(['talkStart'])
    clock.advance(1)
    expect(events[1]).toEqual({ type: 'talkEnd', heldMs: 2_533, reason: 'watchdog' })
    // The next real press after a quiet gap starts a new talk even though no key-up came.
    feed(m, 'keydown', SPACE, 5_000)
    expect(types()).toEqual(['talkStart', 'talkEnd', 'talkStart'])
  })

  it('no heartbeat release while held without auto-repeat (no repeats seen)', () => {
    const m = machine()
    feed(m, 'keydown', ALT)
    feed(m, 'keydown', SPACE)
    clock.advance(30_000)
    feed(m, 'keyup', SPACE)
    expect(events[1]).toEqual({ type: 'talkEnd', heldMs: 30_000, reason: 'release' })
  })

  it('watchdog also ends a latched (toggle) talk after maxHoldMs', () => {
    const m = machine({ maxHoldMs: 5_000 })
    feed(m, 'keydown', ALT)
    feed(m, 'keydown', SPACE)
    feed(m, 'keyup', SPACE, 50)
    clock.advance(4_950)
    expect(events.at(-1)).toEqual({ type: 'talkEnd', heldMs: 5_000, reason: 'watchdog' })
  })

  it('other keys are ignored', () => {
    const m = machine()
    feed(m, 'keydown', A)
    feed(m, 'keyup', A, 200)
    expect(events).toEqual([])
  })

  it('dispose cancels a talk in progress and clears timers', () => {
    const m = machine()
    feed(m, 'keydown', ALT)
    feed(m, 'keydown', SPACE)
    feed(m, 'keyup', SPACE, 50)
    m.dispose()
    expect(types()).toEqual(['talkStart', 'talkLatched', 'talkCancel'])
    expect(clock.pendingTimers).toBe(0)
  })
})

describe('HoldToTalkMachine (globalShortcut: presses only)', () => {
  function press(m: HoldToTalkMachine, afterMs = 0): void {
    clock.advance(afterMs)
    m.handle({ type: 'press', atMs: clock.now() })
  }

  it('each press toggles', () => {
    const m = machine()
    press(m)
    press(m, 2_000)
    expect(events).toEqual([
      { type: 'talkStart', atMs: 1_000 },
      { type: 'talkEnd', heldMs: 2_000, reason: 'toggle' }
    ])
  })

  it('auto-repeated presses while held (Windows) are ignored', () => {
    const m = machine()
    press(m)
    press(m, 500) // the OS repeat delay
    for (let i = 0; i < 30; i++) press(m, 33)
    expect(types()).toEqual(['talkStart'])
    press(m, 3_000)
    expect(types()).toEqual(['talkStart', 'talkEnd'])
  })

  it('without repeat filtering, a second press too soon cancels (no empty commit)', () => {
    const m = machine({ pressRepeatGapMs: 0 })
    press(m)
    press(m, 100)
    expect(events).toEqual([
      { type: 'talkStart', atMs: 1_000 },
      { type: 'talkCancel', heldMs: 100 }
    ])
  })
})
