// The History view's state: the saved conversations (from main through `hark.history.*`), the
// search, the conversation opened read-only, and the last deletion (for Undo).
import { create } from 'zustand'
import type {
  ConversationInfo,
  ConversationSummaryInfo,
  HistoryStatus,
  SearchReply
} from '../../../shared/history-ipc'
import { messageOf } from './errors'
import { hark } from '../ipc/hark'

interface HistoryState {
  status: HistoryStatus | null
  conversations: ConversationSummaryInfo[]
  notices: string[]
  query: string
  hits: SearchReply['hits'] | null
  opened: ConversationInfo | null
  /** The last deleted conversation, until Undo or the next deletion. */
  deleted: ConversationSummaryInfo | null
  error: string | null
}

export const useHistory = create<HistoryState>()(() => ({
  status: null,
  conversations: [],
  notices: [],
  query: '',
  hits: null,
  opened: null,
  deleted: null,
  error: null
}))

/** Runs a request; a failure becomes the view's error sentence. */
async function attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    const result = await action()
    useHistory.setState({ error: null })
    return result
  } catch (error) {
    useHistory.setState({ error: messageOf(error) })
    return undefined
  }
}

export async function refreshHistory(): Promise<void> {
  await attempt(async () => {
    const [status, list] = await Promise.all([hark().history.status(), hark().history.list()])
    useHistory.setState({ status, conversations: list.conversations, notices: list.notices })
    const { query } = useHistory.getState()
    if (query.trim() !== '') await search(query)
  })
}

export async function search(query: string): Promise<void> {
  useHistory.setState({ query })
  if (query.trim() === '') {
    useHistory.setState({ hits: null })
    return
  }
  const reply = await attempt(() => hark().history.search({ query }))
  // A slower, older search must not overwrite the newer one's results.
  if (reply && useHistory.getState().query === query) useHistory.setState({ hits: reply.hits })
}

export async function openConversation(id: string | null): Promise<void> {
  if (id === null) {
    useHistory.setState({ opened: null })
    return
  }
  const opened = await attempt(() => hark().history.get({ id }))
  if (opened) useHistory.setState({ opened })
}

export async function renameConversation(id: string, title: string): Promise<void> {
  await attempt(() => hark().history.rename({ id, title }))
  await refreshHistory()
  if (useHistory.getState().opened?.id === id) await openConversation(id)
}

export async function deleteConversation(summary: ConversationSummaryInfo): Promise<void> {
  await attempt(() => hark().history.delete({ id: summary.id }))
  useHistory.setState({ deleted: summary, opened: null })
  await refreshHistory()
}

export async function undoDelete(): Promise<void> {
  const { deleted } = useHistory.getState()
  if (!deleted) return
  await attempt(() => hark().history.restore({ id: deleted.id }))
  useHistory.setState({ deleted: null })
  await refreshHistory()
}

export async function deleteAllHistory(): Promise<void> {
  await attempt(() => hark().history.deleteAll())
  useHistory.setState({ opened: null, deleted: null, hits: null })
  await refreshHistory()
}

export async function continueConversation(id: string): Promise<boolean> {
  const ok = await attempt(async () => {
    await hark().history.continue({ id })
    return true
  })
  // Back to the list for the next visit: the continued conversation is a new entry there.
  if (ok) useHistory.setState({ opened: null })
  return ok === true
}

/** Saves the export through the browser's download (Electron asks where to save it). */
export async function exportConversation(id: string, format: 'md' | 'json'): Promise<void> {
  const file = await attempt(() => hark().history.export({ id, format }))
  if (!file) return
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function historyChanged(status: HistoryStatus): void {
  useHistory.setState({ status })
  void refreshHistory()
}
