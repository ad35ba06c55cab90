// What makes a set of assistants acceptable, beyond each one's schema: unique ids and names, an
// active one that exists, valid hotkeys, and no hotkey shared by two assistants (one key press
// cannot start two of them), compared in canonical form so "Ctrl+Shift+Space" and
// "Control+Shift+Space" are the same key.
import type { AssistantsFile } from '../../shared/assistants'
import { providerEndpointProblem } from '../../shared/providers'
import { parseAccelerator, toElectronAccelerator } from '../hotkey/accelerator'
import { acceleratorProblem } from '../hotkey/accelerator'

/** Null when the file may be saved and used, else the sentence saying why not. */
export function assistantsProblem(file: AssistantsFile, platform: string): string | null {
  const ids = new Set<string>()
  const names = new Map<string, string>()
  const hotkeys = new Map<string, string>()
  for (const assistant of file.assistants) {
    if (ids.has(assistant.id)) return `Two assistants have the id "${assistant.id}".`
    ids.add(assistant.id)
    const nameKey = assistant.name.trim().toLocaleLowerCase()
    if (names.has(nameKey)) return `There is already an assistant named ${assistant.name}.`
    names.set(nameKey, assistant.name)
    const endpoint = providerEndpointProblem(assistant.provider, assistant.url)
    if (endpoint !== null) return `${assistant.name}: ${endpoint}`
    if (assistant.hotkey === null) continue
    const problem = acceleratorProblem(assistant.hotkey, platform)
    if (problem !== null) return `${assistant.name}: ${problem}`
    const canonical = toElectronAccelerator(parseAccelerator(assistant.hotkey, platform))
    const owner = hotkeys.get(canonical)
    if (owner !== undefined)
      return `${assistant.name} cannot use the hotkey ${assistant.hotkey}: it is already ${owner}’s.`
    hotkeys.set(canonical, assistant.name)
  }
  if (!ids.has(file.activeId)) return 'The active assistant does not exist.'
  return null
}
