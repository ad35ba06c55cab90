import type { JSX } from 'react'
import { hark } from '../ipc/hark'
import { switchAssistant, useAssistants } from '../stores/assistants'
import type { AssistantView } from '../stores/assistant-views'

/** What the mark beside an assistant not shown says: it is speaking, or connected. */
function markOf(view: AssistantView | undefined): string | null {
  if (!view) return null
  if (view.speaking) return 'speaking'
  const status = view.connection.status
  return status === 'disconnected' ? null : status
}

/**
 * Which assistant the window shows and talks to (issue 14); only with two or more. The others
 * keep their sessions: a mark says which of them is connected or speaking.
 */
export function AssistantSwitcher(): JSX.Element | null {
  const file = useAssistants((state) => state.file)
  const views = useAssistants((state) => state.views)
  const error = useAssistants((state) => state.error)
  if (!file || file.assistants.length < 2) return null
  return (
    <nav className="assistant-switcher" aria-label="Assistants">
      {file.assistants.map((assistant) => {
        const active = assistant.id === file.activeId
        const mark = active ? null : markOf(views[assistant.id])
        return (
          <button
            key={assistant.id}
            type="button"
            className={`assistant-switcher__item${active ? ' assistant-switcher__item--active' : ''}`}
            aria-pressed={active}
            data-assistant-id={assistant.id}
            onClick={() => {
              if (!active) void switchAssistant(hark(), assistant.id)
            }}
          >
            {assistant.name}
            {mark && (
              <span className="assistant-switcher__mark" title={`${assistant.name} is ${mark}`}>
                {` · ${mark}`}
              </span>
            )}
          </button>
        )
      })}
      {error && (
        <p className="assistant-switcher__error" role="alert">
          {error}
        </p>
      )}
    </nav>
  )
}
