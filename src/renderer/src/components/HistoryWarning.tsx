import { useEffect } from 'react'
import type { JSX } from 'react'
import { hark } from '../ipc/hark'
import { historyChanged, refreshHistory, useHistory } from '../stores/history'

/** Always mounted: follows `history.changed` and says at once when the conversation is not saved. */
export function HistoryWarning(): JSX.Element | null {
  const problem = useHistory((state) => state.status?.problem ?? null)
  useEffect(() => {
    void refreshHistory()
    return hark().on('history.changed', historyChanged)
  }, [])
  if (problem === null) return null
  return (
    <p className="notice" role="alert">
      {problem}
    </p>
  )
}
