// The native keyboard hook (uiohook-napi) as a KeyHookBackend: key-down and key-up anywhere, which
// hold-to-talk needs. Loaded lazily so that a missing or broken binary only turns hold-to-talk off.
// Call loadUiohookBackend only where canStartHook() said yes: start() aborts the whole process on
// macOS without the Accessibility permission and on Linux without an X display (docs/architecture.md, "Toolchain notes").

import type { ModifierKind } from '../hotkey/accelerator'
import { canStartHook, type BackendChoiceInput } from '../hotkey/backend-choice'
import type { Clock, RawKeyEvent } from '../hotkey/hold-to-talk'
import type { KeyHookBackend } from '../hotkey/hotkey-service'

/** The part of uiohook-napi's UiohookKeyboardEvent we read. */
interface UiohookKeyEvent {
  keycode: number
  altKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
}

/** The part of uiohook-napi's `uIOhook` (an EventEmitter) we use. */
interface Uiohook {
  on(event: 'keydown' | 'keyup', listener: (e: UiohookKeyEvent) => void): unknown
  removeAllListeners(event: 'keydown' | 'keyup'): unknown
  start(): void
  stop(): void
}

function isUiohook(value: unknown): value is Uiohook {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.on === 'function' &&
    typeof v.removeAllListeners === 'function' &&
    typeof v.start === 'function' &&
    typeof v.stop === 'function'
  )
}

/** `uIOhook` from the module namespace, whether Node exposed it as a named or default export. */
function findHook(mod: unknown): Uiohook | null {
  if (typeof mod !== 'object' || mod === null) return null
  const ns = mod as { uIOhook?: unknown; default?: { uIOhook?: unknown } }
  const hook = ns.uIOhook ?? ns.default?.uIOhook
  return isUiohook(hook) ? hook : null
}

function flags(e: UiohookKeyEvent): ModifierKind[] {
  const out: ModifierKind[] = []
  if (e.ctrlKey) out.push('ctrl')
  if (e.altKey) out.push('alt')
  if (e.shiftKey) out.push('shift')
  if (e.metaKey) out.push('meta')
  return out
}

// A variable specifier keeps TypeScript and the bundler from resolving the optional native module.
const MODULE_NAME = 'uiohook-napi'

export type HookEnvironment = Pick<BackendChoiceInput, 'platform' | 'env' | 'accessibilityTrusted'>

/**
 * Null when uiohook-napi is missing, its binary does not load here, or starting it here would
 * abort the process (checked again here, not only by the caller).
 */
export async function loadUiohookBackend(
  clock: Clock,
  where: HookEnvironment
): Promise<KeyHookBackend | null> {
  if (!canStartHook(where)) return null
  let mod: unknown
  try {
    mod = await import(/* @vite-ignore */ MODULE_NAME)
  } catch {
    return null
  }
  const hook = findHook(mod)
  if (hook === null) return null
  return {
    kind: 'uiohook',
    start(onKey: (event: RawKeyEvent) => void): void {
      hook.on('keydown', (e) =>
        onKey({ type: 'keydown', keycode: e.keycode, atMs: clock.now(), modifiers: flags(e) })
      )
      hook.on('keyup', (e) =>
        onKey({ type: 'keyup', keycode: e.keycode, atMs: clock.now(), modifiers: flags(e) })
      )
      hook.start()
    },
    stop(): void {
      hook.removeAllListeners('keydown')
      hook.removeAllListeners('keyup')
      hook.stop()
    }
  }
}
