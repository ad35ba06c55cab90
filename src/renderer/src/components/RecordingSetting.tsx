import type { JSX } from 'react'
import type { HistoryStatus } from '../../../shared/history-ipc'
import type { Settings } from '../../../shared/settings'

/** Where recordings go and how they are kept, in one line beside the checkbox. */
function recordingSentence(status: HistoryStatus | null): string {
  if (status?.mode !== 'encrypted' && status?.mode !== 'plain')
    return 'Recordings are kept only with a saved history, which this computer is not keeping now.'
  const sep = status.folder.includes('\\') ? '\\' : '/'
  return `Each conversation's audio (you on the left, Hark on the right) is saved as a WAV file in ${status.folder}${sep}recordings, not encrypted, readable only by your user account; deleting the conversation deletes it.`
}

/** Settings → History → "Record conversations" (off unless the user turns it on). */
export function RecordingSetting(props: {
  settings: Settings
  status: HistoryStatus | null
  apply: (patch: { recordConversations: boolean }) => Promise<void>
}): JSX.Element {
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={props.settings.recordConversations}
          onChange={(e) => void props.apply({ recordConversations: e.target.checked })}
        />
        <span>Record conversations</span>
      </label>
      <p className="hint">{recordingSentence(props.status)}</p>
    </>
  )
}
