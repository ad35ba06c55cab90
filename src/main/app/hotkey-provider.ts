// The global hotkey as main's core sees it: a status for the UI and talk events for the renderer,
// which owns the microphone. The Electron entry supplies the real one (uiohook or globalShortcut);
// the core stays Electron-free, and hosts without a global hotkey (the browser host, tests) get
// the "off" provider below.
import type { HotkeyStatusInfo } from '../../shared/ipc'

export type HotkeyEvent =
  { type: 'talkStart' | 'talkEnd' | 'talkCancel' } | { type: 'status'; status: HotkeyStatusInfo }

export interface HotkeyProvider {
  status(): HotkeyStatusInfo
  /** Talk events and status changes; returns the unsubscribe function. */
  subscribe(listener: (event: HotkeyEvent) => void): () => void
  /** Apply the user's hotkey setting (at start and whenever it changes). Never rejects. */
  configure(hotkey: string): Promise<void>
}

export const BROWSER_HOTKEY_STATUS: HotkeyStatusInfo = {
  mode: 'off',
  backend: 'none',
  hotkey: '',
  reason:
    'The global hotkey works in the desktop app; in the browser, hold “Hold to talk” or press Space.'
}

export function offHotkeyProvider(
  status: HotkeyStatusInfo = BROWSER_HOTKEY_STATUS
): HotkeyProvider {
  return {
    status: () => ({ ...status }),
    subscribe: () => () => undefined,
    configure: () => Promise.resolve()
  }
}
