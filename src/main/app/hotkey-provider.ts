// The global hotkey as main's core sees it: a status for the UI and talk events for the renderer,
// which owns the microphone. The Electron entry supplies the real one (uiohook or globalShortcut);
// the core stays Electron-free, and hosts without a global hotkey (the browser host, tests) get
// the "off" provider below.
import type { HotkeyStatusInfo } from '../../shared/ipc'

export type HotkeyEvent =
  | {
      type: 'talkStart' | 'talkEnd' | 'talkCancel'
      /** An assistant's own hotkey (issue 14); absent for Settings → Talk hotkey (the active one). */
      assistantId?: string
    }
  | { type: 'status'; status: HotkeyStatusInfo }

/** An assistant's own talk hotkey (issue 14). */
export interface AssistantHotkey {
  assistantId: string
  hotkey: string
}

export interface HotkeyProvider {
  status(): HotkeyStatusInfo
  /** Talk events and status changes; returns the unsubscribe function. */
  subscribe(listener: (event: HotkeyEvent) => void): () => void
  /** Apply the user's hotkey setting (at start and whenever it changes). Never rejects. */
  configure(hotkey: string): Promise<void>
  /**
   * The assistants' own hotkeys, each talking to its assistant (issue 14); replaces the previous
   * set. Optional: a provider without it only has the Settings hotkey. Never rejects.
   */
  configureAssistants?(bindings: readonly AssistantHotkey[]): Promise<void>
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
