// The assistants' own talk hotkeys (issue 14): each talks to its assistant, Settings → Talk hotkey
// to the active one. Applied at start, after every save of the assistants and after every change
// of the Settings hotkey (an assistant's hotkey equal to it is left to it: one press, one turn).
// The first assistant has no binding of its own: its hotkey is the Settings one.
import { DEFAULT_ASSISTANT_ID, type AssistantsFile } from '../../shared/assistants'
import { acceleratorProblem, parseAccelerator, toElectronAccelerator } from '../hotkey/accelerator'
import type { RealtimeLog } from '../realtime/event-bus'
import type { AssistantsStore } from '../assistants/assistants-store'
import type { AssistantHotkey, HotkeyProvider } from './hotkey-provider'

function canonical(hotkey: string, platform: string): string | null {
  if (acceleratorProblem(hotkey, platform) !== null) return null
  return toElectronAccelerator(parseAccelerator(hotkey, platform))
}

/** The hotkeys that talk to one assistant each: set, valid, and not the Settings hotkey. */
export function assistantHotkeyBindings(
  file: AssistantsFile,
  settingsHotkey: string,
  platform: string
): AssistantHotkey[] {
  const shared = canonical(settingsHotkey, platform)
  const bindings: AssistantHotkey[] = []
  for (const assistant of file.assistants) {
    // The first assistant's hotkey is Settings → Talk hotkey itself (README, "Assistants").
    if (assistant.hotkey === null || assistant.id === DEFAULT_ASSISTANT_ID) continue
    const own = canonical(assistant.hotkey, platform)
    if (own === null || own === shared) continue
    bindings.push({ assistantId: assistant.id, hotkey: assistant.hotkey })
  }
  return bindings
}

/**
 * The hotkey provider as the router sees it: configuring the Settings hotkey also re-applies the
 * assistants' ones. Returns it with the function that stops following the assistants.
 */
export function followAssistantHotkeys(deps: {
  hotkey: HotkeyProvider
  assistants: Pick<AssistantsStore, 'get' | 'onChange'>
  readSettingsHotkey: () => Promise<string>
  platform: string
  log: RealtimeLog
}): { hotkey: HotkeyProvider; dispose: () => void } {
  const { hotkey } = deps
  const apply = async (settingsHotkey?: string): Promise<void> => {
    if (!hotkey.configureAssistants) return
    try {
      const [{ file }, shared] = await Promise.all([
        deps.assistants.get(),
        settingsHotkey ?? deps.readSettingsHotkey()
      ])
      await hotkey.configureAssistants(assistantHotkeyBindings(file, shared, deps.platform))
    } catch (error) {
      deps.log('warn', 'hotkey: the assistants’ hotkeys could not be applied', {
        error: error instanceof Error ? error.name : 'unknown'
      })
    }
  }
  const dispose = deps.assistants.onChange(() => void apply())
  return {
    hotkey: {
      status: () => hotkey.status(),
      subscribe: (listener) => hotkey.subscribe(listener),
      configure: async (settingsHotkey) => {
        await hotkey.configure(settingsHotkey)
        await apply(settingsHotkey)
      },
      ...(hotkey.configureAssistants
        ? {
            configureAssistants: (bindings) =>
              hotkey.configureAssistants?.(bindings) ?? Promise.resolve()
          }
        : {})
    },
    dispose
  }
}
