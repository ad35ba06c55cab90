import type { JSX } from 'react'
import type { ToolActivityInfo } from '../../../shared/tools-ipc'
import { useTools } from '../stores/tools'

const STATE_TEXT: Record<ToolActivityInfo['state'], string> = {
  waiting: 'waiting for your answer…',
  running: 'running…',
  done: 'done',
  failed: 'failed',
  denied: 'not run',
  timed_out: 'timed out'
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat
}

/** The tools the model called in this conversation: name, arguments, progress, short result. */
export function ToolActivityLog(): JSX.Element | null {
  const order = useTools((state) => state.activityOrder)
  const activity = useTools((state) => state.activity)
  if (order.length === 0) return null
  return (
    <ol className="tool-activity" aria-label="Tool calls">
      {order.map((callId) => {
        const entry = activity[callId]
        if (!entry) return null
        return (
          <li key={callId} className={`tool-activity__item tool-activity__item--${entry.state}`}>
            <span className="tool-activity__name">{entry.toolName}</span>{' '}
            <code className="tool-activity__args">{oneLine(entry.argumentsText)}</code>{' '}
            <span className="tool-activity__state">{STATE_TEXT[entry.state]}</span>
            {entry.resultText !== null && (
              <p className="tool-activity__result">{oneLine(entry.resultText)}</p>
            )}
          </li>
        )
      })}
    </ol>
  )
}
