// The tray's Assistant submenu as data (issue 14: switch assistants from the tray): one radio item
// per assistant, the active one checked. Shown once there is a choice, i.e. two or more.
import type { AssistantsFile } from '../../shared/assistants'

export interface TrayAssistantChoice {
  /** The assistant's id: what picking the item switches to. */
  id: string
  label: string
  checked: boolean
}

/** The submenu's radio items, in the assistants' order; empty while there is only one. */
export function trayAssistantChoices(
  file: Pick<AssistantsFile, 'activeId' | 'assistants'>
): TrayAssistantChoice[] {
  if (file.assistants.length < 2) return []
  return file.assistants.map((assistant) => ({
    id: assistant.id,
    label: assistant.name,
    checked: assistant.id === file.activeId
  }))
}
