// The hotkey service: a key source (native hook or globalShortcut) → the hold-to-talk machine →
// the session's callbacks. Electron-free; the adapters in src/main/adapters/hotkey-*.ts provide
// the backends. Session side (docs/architecture.md, "Audio path"): onTalkStart interrupts if the assistant is speaking and
// starts streaming; onTalkEnd commits + response.create; onTalkCancel clears, no commit.

import type { Accelerator } from './accelerator'
import { acceleratorLabel, parseAccelerator } from './accelerator'
import type { HotkeyBackendChoice, HotkeyBackendKind, HotkeyMode } from './backend-choice'
import { canStartHook, chooseHotkeyBackend } from './backend-choice'
import type {
  Clock,
  HoldToTalkEvent,
  HoldToTalkOptions,
  RawKeyEvent,
  TalkEndReason
} from './hold-to-talk'
import { HoldToTalkMachine } from './hold-to-talk'

export interface KeyHookBackend {
  readonly kind: Exclude<HotkeyBackendKind, 'none'>
  /** Starts delivering key events (press-only backends send {type: 'press'}); throws on failure. */
  start(onKey: (event: RawKeyEvent) => void): void | Promise<void>
  stop(): void
}

export interface HotkeyCallbacks {
  onTalkStart(): void
  onTalkEnd(info: { heldMs: number; reason: TalkEndReason }): void
  onTalkCancel(info: { heldMs: number }): void
  /** A tap turned the hold into a toggle: talking continues until the next press. */
  onTalkLatched?(): void
  /** A callback threw; the service keeps running. */
  onError?(error: unknown): void
}

export interface HotkeyStatus extends HotkeyBackendChoice {
  /** The hotkey as the user reads it, e.g. "Alt+Space". */
  hotkey: string
  /** The backend is started and delivering keys. */
  active: boolean
}

export interface HotkeyService {
  start(): Promise<HotkeyStatus>
  stop(): void
  status(): HotkeyStatus
  readonly talking: boolean
}

export interface HotkeyServiceDeps {
  accelerator: Accelerator
  platform: string
  choice: HotkeyBackendChoice
  /** Null when the choice is 'off'. */
  backend: KeyHookBackend | null
  clock: Clock
  callbacks: HotkeyCallbacks
  machine?: Pick<
    HoldToTalkOptions,
    'minHoldMs' | 'maxHoldMs' | 'heartbeatMs' | 'repeatGapMs' | 'pressRepeatGapMs' | 'tapToggles'
  >
}

export class DefaultHotkeyService implements HotkeyService {
  private machine: HoldToTalkMachine | null = null
  private current: HotkeyStatus
  private started = false

  constructor(private readonly deps: HotkeyServiceDeps) {
    const hotkey = acceleratorLabel(deps.accelerator, deps.platform)
    this.current = { ...deps.choice, hotkey, active: false }
  }

  get talking(): boolean {
    return this.machine?.talking ?? false
  }

  status(): HotkeyStatus {
    return { ...this.current }
  }

  async start(): Promise<HotkeyStatus> {
    const { backend, choice } = this.deps
    if (this.started || backend === null || choice.mode === 'off') return this.status()
    const machine = new HoldToTalkMachine({
      ...this.deps.machine,
      accelerator: this.deps.accelerator,
      clock: this.deps.clock,
      emit: (event) => this.dispatch(event)
    })
    try {
      await backend.start((event) => machine.handle(event))
    } catch (err) {
      machine.dispose()
      const why = err instanceof Error ? err.message : String(err)
      this.current = {
        ...this.current,
        mode: 'off',
        backend: 'none',
        active: false,
        reason: `The global hotkey ${this.current.hotkey} could not be started (${why}); use the Talk button in the window.`
      }
      return this.status()
    }
    this.machine = machine
    this.started = true
    this.current = { ...this.current, active: true }
    return this.status()
  }

  stop(): void {
    if (!this.started) return
    this.started = false
    this.deps.backend?.stop()
    this.machine?.dispose()
    this.machine = null
    this.current = { ...this.current, active: false }
  }

  private dispatch(event: HoldToTalkEvent): void {
    const cb = this.deps.callbacks
    try {
      if (event.type === 'talkStart') cb.onTalkStart()
      else if (event.type === 'talkLatched') cb.onTalkLatched?.()
      else if (event.type === 'talkEnd')
        cb.onTalkEnd({ heldMs: event.heldMs, reason: event.reason })
      else cb.onTalkCancel({ heldMs: event.heldMs })
    } catch (err) {
      cb.onError?.(err)
    }
  }
}

export interface CreateHotkeyServiceInput {
  /** The user's hotkey in Electron accelerator syntax; throws AcceleratorError when invalid. */
  hotkey: string
  platform: string
  env: Readonly<Record<string, string | undefined>>
  accessibilityTrusted?: boolean
  globalShortcutUsable?: boolean
  /** Loads the native hook; only called where starting it is safe. Null when it cannot load. */
  loadHookBackend: () => Promise<KeyHookBackend | null>
  createShortcutBackend: (accelerator: Accelerator) => KeyHookBackend
  clock: Clock
  callbacks: HotkeyCallbacks
  machine?: HotkeyServiceDeps['machine']
}

/** Picks the backend (the guards in docs/architecture.md, "Toolchain notes") and builds the service; call start() on the result. */
export async function createHotkeyService(input: CreateHotkeyServiceInput): Promise<HotkeyService> {
  const { platform, env, accessibilityTrusted } = input
  const accelerator = parseAccelerator(input.hotkey, platform)
  const hookBackend = canStartHook({ platform, env, accessibilityTrusted })
    ? await input.loadHookBackend().catch(() => null)
    : null
  const choice = chooseHotkeyBackend({
    platform,
    env,
    accessibilityTrusted,
    hookLoadable: hookBackend !== null,
    globalShortcutUsable: input.globalShortcutUsable,
    hotkeyLabel: acceleratorLabel(accelerator, platform)
  })
  const backend =
    choice.backend === 'uiohook'
      ? hookBackend
      : choice.backend === 'globalShortcut'
        ? input.createShortcutBackend(accelerator)
        : null
  return new DefaultHotkeyService({
    accelerator,
    platform,
    choice,
    backend,
    clock: input.clock,
    callbacks: input.callbacks,
    machine: input.machine
  })
}

/** The real clock: monotonic milliseconds and Node timers. */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

export type { HotkeyMode }
