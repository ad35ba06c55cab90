// Settings → Assistants' state: the saved set, the draft being edited (kept here, so closing
// Settings or a refusal loses nothing typed), and the last refusal, placed at its field.
import { create } from 'zustand'
import type { AssistantsFile } from '../../../shared/assistants'
import type { Settings } from '../../../shared/settings'
import { hark } from '../ipc/hark'
import { messageOf } from './errors'
import {
  draftOf,
  fileOf,
  followSaved,
  localRefusal,
  placeRefusal,
  type AssistantsDraft,
  type Refusal
} from './assistants-draft'

interface AssistantsEditorState {
  /** What main holds; null until loaded. */
  saved: AssistantsFile | null
  /** Why main did not use assistants.json (an invalid file), in its words. */
  notice: string | null
  draft: AssistantsDraft | null
  refusal: Refusal | null
  saving: boolean
  /** "Saved." after a save, until the next edit. */
  savedNote: boolean
  loadError: string | null
}

export const useAssistantsEditor = create<AssistantsEditorState>()(() => ({
  saved: null,
  notice: null,
  draft: null,
  refusal: null,
  saving: false,
  savedNote: false,
  loadError: null
}))

/** Loads the set once; a draft already being edited is kept. */
export async function loadAssistants(): Promise<void> {
  try {
    const { file, notice } = await hark().assistants.get()
    useAssistantsEditor.setState((state) => ({
      saved: file,
      notice,
      draft: state.draft ?? draftOf(file),
      loadError: null
    }))
  } catch (error) {
    useAssistantsEditor.setState({ loadError: messageOf(error) })
  }
}

/** Any change to the draft: the last refusal and "Saved." go, the text stays. */
export function editDraft(change: (draft: AssistantsDraft) => AssistantsDraft): void {
  useAssistantsEditor.setState((state) =>
    state.draft ? { draft: change(state.draft), refusal: null, savedNote: false } : {}
  )
}

export async function saveAssistants(settings: Settings): Promise<boolean> {
  const { draft } = useAssistantsEditor.getState()
  if (!draft) return false
  const local = localRefusal(draft, settings)
  if (local !== null) {
    useAssistantsEditor.setState({
      refusal: local,
      savedNote: false,
      draft: { ...draft, selectedId: local.assistantId ?? draft.selectedId }
    })
    return false
  }
  useAssistantsEditor.setState({ saving: true, refusal: null })
  try {
    const { file, notice } = await hark().assistants.save(fileOf(draft, settings))
    useAssistantsEditor.setState((state) => ({
      saved: file,
      notice,
      saving: false,
      savedNote: true,
      // Kept as typed (the selection too); only what main normalised (trimmed names) comes back.
      draft: state.draft && { ...draftOf(file), selectedId: state.draft.selectedId }
    }))
    return true
  } catch (error) {
    const refusal = placeRefusal(messageOf(error), draft, settings)
    useAssistantsEditor.setState((state) => ({
      saving: false,
      refusal,
      // The assistant the refusal is about is shown, with the message at its field.
      draft: state.draft && {
        ...state.draft,
        selectedId: refusal.assistantId ?? state.draft.selectedId
      }
    }))
    return false
  }
}

/**
 * Make active: a saved assistant becomes the active one at once (the same switch as the window's
 * and the tray's); other edits in the draft stay unsaved as they were.
 */
export async function makeActive(id: string): Promise<void> {
  try {
    const { file } = await hark().assistants.switch({ id })
    useAssistantsEditor.setState((state) => ({
      saved: file,
      draft: state.draft && { ...state.draft, activeId: file.activeId },
      refusal: null
    }))
  } catch (error) {
    useAssistantsEditor.setState({
      refusal: { message: messageOf(error), assistantId: id, field: null }
    })
  }
}

/**
 * Main's assistants changed (h14s's `assistants.updated` event, or any reply): the editor follows,
 * keeping what the user is editing. Register it with main-events.ts where that event is handled.
 */
export function assistantsChangedInMain(file: AssistantsFile): void {
  useAssistantsEditor.setState((state) => ({
    saved: file,
    draft: state.draft && state.saved ? followSaved(state.draft, state.saved, file) : state.draft
  }))
}
