// A global hotkey provider the test fires by hand (main's core without Electron's hook).
import type { HotkeyStatusInfo } from '../../src/shared/ipc'
import type {
  AssistantHotkey,
  HotkeyEvent,
  HotkeyProvider
} from '../../src/main/app/hotkey-provider'

export class FakeHotkey implements HotkeyProvider {
  readonly configured: string[] = []
  private listener: ((event: HotkeyEvent) => void) | null = null
  current: HotkeyStatusInfo = {
    mode: 'hold',
    backend: 'uiohook',
    hotkey: 'Ctrl+Shift+Space',
    reason: 'Hold it.'
  }
  status(): HotkeyStatusInfo {
    return this.current
  }
  subscribe(listener: (event: HotkeyEvent) => void): () => void {
    this.listener = listener
    return () => {
      this.listener = null
    }
  }
  configure(hotkey: string): Promise<void> {
    this.configured.push(hotkey)
    return Promise.resolve()
  }
  fire(event: HotkeyEvent): void {
    this.listener?.(event)
  }
}

/** A provider with the assistants' own hotkeys too (issue 14): records what it was given. */
export class FakeAssistantHotkeys extends FakeHotkey {
  readonly assistantBindings: AssistantHotkey[][] = []
  configureAssistants(bindings: readonly AssistantHotkey[]): Promise<void> {
    this.assistantBindings.push([...bindings])
    return Promise.resolve()
  }
}
