// Tools as the window sees them: approvals waiting for the user, each call's progress, and the
// overview behind Settings → Tools. Answers go to main by approval id; main decides what counts.
import { create } from 'zustand'
import type { HarkApi } from '../../../shared/ipc'
import type {
  ApprovalRequestInfo,
  ToolActivityInfo,
  ToolsOverview
} from '../../../shared/tools-ipc'
import { messageOf } from './errors'

/** How many finished calls the conversation keeps showing. */
const MAX_ACTIVITY = 50

interface ToolsState {
  approvals: ApprovalRequestInfo[]
  activityOrder: string[]
  activity: Record<string, ToolActivityInfo>
  overview: ToolsOverview | null
  /** The last failed Settings → Tools action, in words. */
  error: string | null
}

export const useTools = create<ToolsState>()(() => ({
  approvals: [],
  activityOrder: [],
  activity: {},
  overview: null,
  error: null
}))

function recordActivity(activity: ToolActivityInfo): void {
  useTools.setState((state) => {
    const known = state.activity[activity.callId] !== undefined
    const order = known ? state.activityOrder : [...state.activityOrder, activity.callId]
    const dropped = order.slice(0, Math.max(0, order.length - MAX_ACTIVITY))
    const next = { ...state.activity, [activity.callId]: activity }
    for (const id of dropped) delete next[id]
    return { activity: next, activityOrder: order.slice(dropped.length) }
  })
}

export function connectTools(hark: HarkApi): () => void {
  const unsubscribers = [
    hark.on('tools.approvalRequested', (request) =>
      useTools.setState((state) => ({ approvals: [...state.approvals, request] }))
    ),
    hark.on('tools.approvalEnded', ({ id }) =>
      useTools.setState((state) => ({ approvals: state.approvals.filter((a) => a.id !== id) }))
    ),
    hark.on('tools.activity', recordActivity),
    hark.on('tools.changed', (overview) => useTools.setState({ overview }))
  ]
  void loadToolsOverview(hark)
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe()
  }
}

export async function loadToolsOverview(hark: HarkApi): Promise<void> {
  try {
    useTools.setState({ overview: await hark.tools.overview(), error: null })
  } catch (error) {
    useTools.setState({ error: messageOf(error) })
  }
}

export type ApprovalDecision = 'once' | 'always' | 'deny'

export async function answerApproval(
  hark: HarkApi,
  id: string,
  decision: ApprovalDecision
): Promise<void> {
  // Gone from the card at once; main's approvalEnded confirms it.
  useTools.setState((state) => ({ approvals: state.approvals.filter((a) => a.id !== id) }))
  if (decision === 'deny') await hark.tools.deny({ id })
  else await hark.tools.approve({ id, always: decision === 'always' })
}

/** Run a Settings → Tools action that answers with the new overview; failures are shown. */
export async function updateTools(action: () => Promise<ToolsOverview>): Promise<boolean> {
  try {
    useTools.setState({ overview: await action(), error: null })
    return true
  } catch (error) {
    useTools.setState({ error: messageOf(error) })
    return false
  }
}
