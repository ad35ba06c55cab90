// Which engine the settings choose, as the window needs it: what the talk button does differs
// (reference §2: GPT-Live has no commit and no cancel), and Stop speaking must say so.
import { create } from 'zustand'
import type { AssistantsFile } from '../../../shared/assistants'
import type { Settings } from '../../../shared/settings'
import { useAssistants } from './assistants'

/** The active assistant's own engine if it names one, else Settings → Engine. */
export const isLiveEngine = (
  settings: Settings | null,
  assistants: AssistantsFile | null = useAssistants.getState().file
): boolean => {
  const active = assistants?.assistants.find((assistant) => assistant.id === assistants.activeId)
  return (active?.engine ?? settings?.engine) === 'live'
}

export const LIVE_STOP_NOTE =
  'Stopped playing. GPT-Live cannot be cancelled: the model may finish its sentence, and its caption still arrives.'

/** Shown after Stop speaking on GPT-Live, until the next connect or disconnect. */
export const useStopNote = create<{ note: string | null }>()(() => ({ note: null }))
