// The assistants as the window knows them (issue 14), and which one it shows. The page's usual
// stores (connection, conversation, turn figures) hold the ACTIVE assistant's state, as they did
// before there were several; the others' state is kept here, from their tagged events, and the
// two are swapped when the active assistant changes (from the window, the tray, or a file).
import { create } from 'zustand'
import type { AssistantsFile } from '../../../shared/assistants'
import type { EventChannel, EventPayload, HarkApi } from '../../../shared/ipc'
import {
  SHARED_CHANNELS,
  applyToView,
  assistantOf,
  emptyAssistantView,
  type AssistantView
} from './assistant-views'
import { useConnection } from './connection'
import { useConversation } from './conversation'
import { messageOf } from './errors'
import { useTurnMetrics } from './turn-metrics'
import { routeAssistantEvents } from '../ipc/main-events'
import { assistantsChangedInMain } from './assistants-editor'

interface AssistantsState {
  file: AssistantsFile | null
  /** The assistants not shown, by id (made on their first event). */
  views: Record<string, AssistantView>
  /** The last failed switch, in words. */
  error: string | null
}

export const useAssistants = create<AssistantsState>()(() => ({
  file: null,
  views: {},
  error: null
}))

/** The shown assistant's state, taken out of the page's stores. */
function shownView(): AssistantView {
  const { status, reason, code, errorMessage } = useConnection.getState()
  const { order, items } = useConversation.getState()
  const { byResponse, byItem } = useTurnMetrics.getState()
  return {
    connection: { status, reason, code, errorMessage },
    conversation: { order, items },
    metrics: { byResponse, byItem },
    speaking: false
  }
}

function show(view: AssistantView): void {
  useConnection.setState(view.connection)
  useConversation.setState(view.conversation)
  useTurnMetrics.setState(view.metrics)
}

/** A new set from main: when the active assistant changed, the window shows the new one's state. */
export function assistantsReceived(file: AssistantsFile): void {
  const before = useAssistants.getState()
  const previousId = before.file?.activeId
  const views = { ...before.views }
  if (previousId !== undefined && previousId !== file.activeId) {
    views[previousId] = shownView()
    show(views[file.activeId] ?? emptyAssistantView())
    delete views[file.activeId]
  }
  const kept = new Set(file.assistants.map((assistant) => assistant.id))
  for (const id of Object.keys(views)) if (!kept.has(id)) delete views[id]
  useAssistants.setState({ file, views, error: null })
}

/**
 * Whether an event stays with an assistant not shown (kept in its view, not given to the page's
 * usual listeners). Events of the shown assistant, untagged ones, and everything before the
 * assistants are known pass as before.
 */
export function keepsForBackground(channel: EventChannel, payload: unknown): boolean {
  const assistantId = assistantOf(payload)
  const { file, views } = useAssistants.getState()
  if (assistantId === undefined || !file || assistantId === file.activeId) return false
  if (!file.assistants.some((assistant) => assistant.id === assistantId)) return true
  const view = views[assistantId] ?? emptyAssistantView()
  const next = applyToView(view, channel, payload)
  if (next !== view) useAssistants.setState({ views: { ...views, [assistantId]: next } })
  return !SHARED_CHANNELS.has(channel)
}

export function connectAssistants(hark: HarkApi): () => void {
  routeAssistantEvents(keepsForBackground)
  const unsubscribe = hark.on('assistants.updated', (reply: EventPayload<'assistants.updated'>) => {
    assistantsReceived(reply.file)
    // Settings → Assistants follows too, keeping what the user is editing.
    assistantsChangedInMain(reply.file)
  })
  hark.assistants.get().then(
    (reply) => assistantsReceived(reply.file),
    (error: unknown) => useAssistants.setState({ error: messageOf(error) })
  )
  return () => {
    unsubscribe()
    routeAssistantEvents(null)
  }
}

export async function switchAssistant(hark: HarkApi, id: string): Promise<void> {
  try {
    assistantsReceived((await hark.assistants.switch({ id })).file)
  } catch (error) {
    useAssistants.setState({ error: messageOf(error) })
  }
}
