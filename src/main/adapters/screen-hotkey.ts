// The Look at my screen hotkey through Electron's globalShortcut: a press, never a hold (the
// talk hotkey's provider, hotkey-provider.ts, is separate and untouched). On Wayland it works only
// through the GlobalShortcuts portal (index.ts turns it on), like the talk hotkey's toggle.
import { globalShortcut } from 'electron'
import type { ScreenHotkeyPort } from '../screen/screen-hotkey'
import {
  acceleratorLabel,
  acceleratorProblem,
  parseAccelerator,
  toElectronAccelerator
} from '../hotkey/accelerator'
import type { RealtimeLog } from '../realtime/event-bus'

export function createScreenHotkeyPort(deps: {
  platform: string
  log: RealtimeLog
}): ScreenHotkeyPort {
  const { platform, log } = deps
  let registered: string | null = null

  const unregister = (): void => {
    if (registered === null) return
    globalShortcut.unregister(registered)
    registered = null
  }

  return {
    register(accelerator, onPress) {
      unregister()
      if (accelerator === null) return null
      const problem = acceleratorProblem(accelerator, platform)
      if (problem !== null) return problem
      const parsed = parseAccelerator(accelerator, platform)
      const name = toElectronAccelerator(parsed)
      const label = acceleratorLabel(parsed, platform)
      let ok: boolean
      try {
        ok = globalShortcut.register(name, onPress)
      } catch (error) {
        log('warn', 'screen hotkey: globalShortcut refused it', { error: String(error) })
        ok = false
      }
      if (!ok)
        return `Hark could not use ${label} for Look at my screen: another application or the system already uses it. Choose another hotkey.`
      registered = name
      log('info', 'screen hotkey: registered', { hotkey: name })
      return null
    },
    stop: unregister
  }
}
