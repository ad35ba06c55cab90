// Settings → Talk hotkey is the first assistant's hotkey (the first assistant is Settings itself),
// so it follows the same rule as the others: one key press cannot start two assistants. Compared
// in canonical form, as assistant-rules.ts does.
import { DEFAULT_ASSISTANT_ID } from '../../shared/assistants'
import { parseAccelerator, toElectronAccelerator } from '../hotkey/accelerator'
import type { AssistantsStore } from './assistants-store'

/** Null when `hotkey` (already a valid accelerator) is no other assistant's, else why not. */
export async function settingsHotkeyProblem(
  assistants: Pick<AssistantsStore, 'get'>,
  hotkey: string,
  platform: string
): Promise<string | null> {
  const { file } = await assistants.get()
  const canonical = (key: string): string => toElectronAccelerator(parseAccelerator(key, platform))
  const wanted = canonical(hotkey)
  const first = file.assistants.find((assistant) => assistant.id === DEFAULT_ASSISTANT_ID)
  const owner = file.assistants.find(
    (assistant) =>
      assistant.id !== DEFAULT_ASSISTANT_ID &&
      assistant.hotkey !== null &&
      canonical(assistant.hotkey) === wanted
  )
  if (owner === undefined) return null
  return `${first?.name ?? 'Hark'} cannot use the hotkey ${hotkey}: it is already ${owner.name}’s.`
}
