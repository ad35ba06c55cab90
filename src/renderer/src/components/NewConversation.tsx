import { useState } from 'react'
import type { JSX } from 'react'
import { useConnection } from '../stores/connection'
import { useConversation } from '../stores/conversation'
import { useTurnMetrics } from '../stores/turn-metrics'
import { codeOf, messageOf } from '../stores/errors'

/**
 * Connect carries the conversation into the next session (after a failure too); this is how the
 * user starts over: main forgets it (and replaces a live session), the log is cleared.
 */
export function NewConversation(): JSX.Element | null {
  const hasCaptions = useConversation((state) => state.order.length > 0)
  const [busy, setBusy] = useState(false)
  if (!hasCaptions) return null

  const onClick = (): void => {
    setBusy(true)
    window.hark.session
      .newConversation()
      .then(() => {
        useConversation.getState().cleared()
        useTurnMetrics.getState().cleared()
      })
      .catch((error: unknown) =>
        useConnection.getState().errorReported(codeOf(error), messageOf(error))
      )
      .finally(() => setBusy(false))
  }

  return (
    <div className="log-bar">
      <button type="button" className="button button--ghost" onClick={onClick} disabled={busy}>
        New conversation
      </button>
    </div>
  )
}
