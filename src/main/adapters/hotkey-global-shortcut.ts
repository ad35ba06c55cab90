// Electron's globalShortcut as a press-only KeyHookBackend (toggle mode): it reports presses, never
// releases (electron#7802). On Wayland it works only through the GlobalShortcuts portal.

import { globalShortcut } from 'electron'
import { toElectronAccelerator, type Accelerator } from '../hotkey/accelerator'
import type { Clock, RawKeyEvent } from '../hotkey/hold-to-talk'
import type { KeyHookBackend } from '../hotkey/hotkey-service'

export function createGlobalShortcutBackend(
  accelerator: Accelerator,
  clock: Clock
): KeyHookBackend {
  const name = toElectronAccelerator(accelerator)
  return {
    kind: 'globalShortcut',
    start(onKey: (event: RawKeyEvent) => void): void {
      const ok = globalShortcut.register(name, () => onKey({ type: 'press', atMs: clock.now() }))
      if (!ok) throw new Error(`${name} is already used by another application`)
    },
    stop(): void {
      globalShortcut.unregister(name)
    }
  }
}
