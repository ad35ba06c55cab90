// The hold-to-talk state machine (docs/architecture.md, "Audio path"): raw key events in, talk events out. No clock, timer
// or native module of its own: time comes from the events and from the injected Clock, so tests
// drive it deterministically.
//
// - Combo down (all required modifiers, no others, then the key) → talkStart at once, so barge-in
//   and capture begin on the press.
// - Released after ≥ minHoldMs → talkEnd {reason: 'release'}; the session commits at once.
// - Released sooner: a tap. With tapToggles (default) talking stays on (talkLatched) until the next
//   press ends it; without it, talkCancel (no empty commit).
// - A toggle ended less than minHoldMs after it started → talkCancel (too short to hold speech).
// - Keydown repeats while the key is held are ignored (uiohook repeats keydown, docs/architecture.md, "Toolchain notes").
// - Releasing a required modifier first ends a hold just like releasing the key.
// - Watchdog: talking longer than maxHoldMs, or (once key repeats proved the hook is alive) no
//   hook event for heartbeatMs while held, ends the talk with reason 'watchdog'.
// - Press-only input (globalShortcut) sends {type: 'press'}: every press toggles. On Windows
//   globalShortcut fires again and again while the keys are held (electron#39718), so a press
//   within pressRepeatGapMs of the previous one is a repeat and ignored.

import type { Accelerator, ModifierKind } from './accelerator'
import { keycodeOf } from './accelerator'
import { modifierOfKeycode } from './uiohook-keycodes'

/** Whatever the clock returns from setTimeout (a Node Timeout object, a number in tests). */
export type TimerHandle = number | object

export interface Clock {
  now(): number
  setTimeout(fn: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}

export type RawKeyEvent =
  | {
      type: 'keydown' | 'keyup'
      keycode: number
      atMs: number
      /** The hook's modifier flags at this event, when it reports them (uiohook does). */
      modifiers?: readonly ModifierKind[]
    }
  | { type: 'press'; atMs: number }

export type TalkEndReason = 'release' | 'toggle' | 'watchdog'

export type HoldToTalkEvent =
  | { type: 'talkStart'; atMs: number }
  | { type: 'talkLatched'; atMs: number }
  | { type: 'talkEnd'; heldMs: number; reason: TalkEndReason }
  | { type: 'talkCancel'; heldMs: number }

export interface HoldToTalkOptions {
  accelerator: Accelerator
  clock: Clock
  emit: (event: HoldToTalkEvent) => void
  /** A press shorter than this is a tap; a talk shorter than this is cancelled. Default 150. */
  minHoldMs?: number
  /** Longest talk before the watchdog ends it. Default 120 000. */
  maxHoldMs?: number
  /** Silence from the hook while held (after repeats were seen) that counts as a lost key-up.
   *  Default 5 000; 0 disables. */
  heartbeatMs?: number
  /** A keydown of the held key after this much quiet is a new press (its key-up was lost).
   *  Default 2 000. */
  repeatGapMs?: number
  /** Press-only input: a press this soon after the previous press is an auto-repeat. Default
   *  1 100 (longer than the longest OS key-repeat delay, 1 s on Windows). */
  pressRepeatGapMs?: number
  /** A tap toggles talking (default true); false: a tap is cancelled. */
  tapToggles?: boolean
}

type State =
  | { kind: 'idle' }
  | { kind: 'holding'; startAt: number; sawRepeat: boolean }
  | { kind: 'latched'; startAt: number }

export const DEFAULT_MIN_HOLD_MS = 150
export const DEFAULT_MAX_HOLD_MS = 120_000
export const DEFAULT_HEARTBEAT_MS = 5_000
export const DEFAULT_REPEAT_GAP_MS = 2_000
export const DEFAULT_PRESS_REPEAT_GAP_MS = 1_100

export class HoldToTalkMachine {
  private state: State = { kind: 'idle' }
  private readonly keycode: number
  private readonly required: ReadonlySet<ModifierKind>
  private readonly heldModifierCodes = new Set<number>()
  private mainDown = false
  private lastMainAt = 0
  private lastPressAt = Number.NEGATIVE_INFINITY
  private maxTimer: TimerHandle | undefined
  private heartbeatTimer: TimerHandle | undefined
  private readonly minHoldMs: number
  private readonly maxHoldMs: number
  private readonly heartbeatMs: number
  private readonly repeatGapMs: number
  private readonly pressRepeatGapMs: number
  private readonly tapToggles: boolean

  constructor(private readonly opts: HoldToTalkOptions) {
    this.keycode = keycodeOf(opts.accelerator)
    this.required = new Set(opts.accelerator.modifiers)
    this.minHoldMs = opts.minHoldMs ?? DEFAULT_MIN_HOLD_MS
    this.maxHoldMs = opts.maxHoldMs ?? DEFAULT_MAX_HOLD_MS
    this.heartbeatMs = opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS
    this.repeatGapMs = opts.repeatGapMs ?? DEFAULT_REPEAT_GAP_MS
    this.pressRepeatGapMs = opts.pressRepeatGapMs ?? DEFAULT_PRESS_REPEAT_GAP_MS
    this.tapToggles = opts.tapToggles ?? true
  }

  get talking(): boolean {
    return this.state.kind !== 'idle'
  }

  handle(event: RawKeyEvent): void {
    if (event.type === 'press') return this.onPress(event.atMs)
    if (this.state.kind === 'holding' && this.state.sawRepeat) this.armHeartbeat()
    const modifier = modifierOfKeycode(event.keycode)
    if (modifier !== undefined) {
      if (event.type === 'keydown') this.heldModifierCodes.add(event.keycode)
      else this.onModifierUp(event.keycode, modifier, event.atMs)
      return
    }
    if (event.keycode !== this.keycode) return
    if (event.type === 'keydown') this.onMainDown(event.atMs, event.modifiers)
    else this.onMainUp(event.atMs)
  }

  /** Stops timers; a talk in progress is cancelled (no commit). */
  dispose(): void {
    if (this.state.kind !== 'idle') this.finish(this.opts.clock.now(), 'cancel')
    this.clearTimers()
  }

  private onPress(atMs: number): void {
    const repeat = atMs - this.lastPressAt < this.pressRepeatGapMs
    this.lastPressAt = atMs
    if (repeat) return
    if (this.state.kind === 'idle') {
      this.start(atMs, 'latched')
      return
    }
    this.endToggle(atMs)
  }

  private onMainDown(atMs: number, flags: readonly ModifierKind[] | undefined): void {
    const wasDown = this.mainDown
    const gap = atMs - this.lastMainAt
    this.mainDown = true
    this.lastMainAt = atMs
    if (this.state.kind === 'holding') {
      // Holding: every keydown of the key is a repeat; the first one arms the heartbeat.
      this.state.sawRepeat = true
      this.armHeartbeat()
      return
    }
    if (wasDown && gap < this.repeatGapMs) return // a repeat of a press already handled
    if (!this.comboHeld(flags)) return
    if (this.state.kind === 'latched') this.endToggle(atMs)
    else this.start(atMs, 'holding')
  }

  private onMainUp(atMs: number): void {
    this.mainDown = false
    this.lastMainAt = atMs
    if (this.state.kind === 'holding') this.release(atMs, this.state.startAt)
  }

  private onModifierUp(code: number, kind: ModifierKind, atMs: number): void {
    this.heldModifierCodes.delete(code)
    if (this.state.kind !== 'holding' || !this.required.has(kind)) return
    if (this.heldKinds().has(kind)) return // the other side (e.g. right Alt) is still down
    this.release(atMs, this.state.startAt)
  }

  private release(atMs: number, startAt: number): void {
    const heldMs = atMs - startAt
    if (heldMs >= this.minHoldMs) return this.finish(atMs, 'release')
    if (!this.tapToggles) return this.finish(atMs, 'cancel')
    if (this.heartbeatTimer !== undefined) this.opts.clock.clearTimeout(this.heartbeatTimer)
    this.heartbeatTimer = undefined
    this.state = { kind: 'latched', startAt }
    this.opts.emit({ type: 'talkLatched', atMs })
  }

  private endToggle(atMs: number): void {
    if (this.state.kind === 'idle') return
    const heldMs = atMs - this.state.startAt
    this.finish(atMs, heldMs < this.minHoldMs ? 'cancel' : 'toggle')
  }

  private start(atMs: number, kind: 'holding' | 'latched'): void {
    this.state =
      kind === 'holding' ? { kind, startAt: atMs, sawRepeat: false } : { kind, startAt: atMs }
    this.maxTimer = this.opts.clock.setTimeout(() => this.watchdog(), this.maxHoldMs)
    this.opts.emit({ type: 'talkStart', atMs })
  }

  private finish(atMs: number, how: TalkEndReason | 'cancel'): void {
    if (this.state.kind === 'idle') return
    const heldMs = Math.max(0, atMs - this.state.startAt)
    this.state = { kind: 'idle' }
    this.clearTimers()
    if (how === 'cancel') this.opts.emit({ type: 'talkCancel', heldMs })
    else this.opts.emit({ type: 'talkEnd', heldMs, reason: how })
  }

  private watchdog(): void {
    this.maxTimer = undefined
    this.heartbeatTimer = undefined
    this.finish(this.opts.clock.now(), 'watchdog')
  }

  private armHeartbeat(): void {
    if (this.heartbeatMs <= 0) return
    if (this.heartbeatTimer !== undefined) this.opts.clock.clearTimeout(this.heartbeatTimer)
    this.heartbeatTimer = this.opts.clock.setTimeout(() => this.watchdog(), this.heartbeatMs)
  }

  private clearTimers(): void {
    if (this.maxTimer !== undefined) this.opts.clock.clearTimeout(this.maxTimer)
    if (this.heartbeatTimer !== undefined) this.opts.clock.clearTimeout(this.heartbeatTimer)
    this.maxTimer = undefined
    this.heartbeatTimer = undefined
  }

  private heldKinds(): Set<ModifierKind> {
    const kinds = new Set<ModifierKind>()
    for (const code of this.heldModifierCodes) {
      const kind = modifierOfKeycode(code)
      if (kind !== undefined) kinds.add(kind)
    }
    return kinds
  }

  /** Exactly the required modifiers are down (the hook's flags win over our own tracking). */
  private comboHeld(flags: readonly ModifierKind[] | undefined): boolean {
    const held = flags !== undefined ? new Set(flags) : this.heldKinds()
    if (held.size !== this.required.size) return false
    for (const kind of this.required) if (!held.has(kind)) return false
    return true
  }
}
