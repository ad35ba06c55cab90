import { useEffect, useState } from 'react'
import type { JSX } from 'react'
import type { ConversationInfo, ConversationSummaryInfo } from '../../../shared/history-ipc'
import { getEngine } from '../ipc/bridge'
import {
  continueConversation,
  deleteConversation,
  exportConversation,
  openConversation,
  refreshHistory,
  renameConversation,
  search,
  undoDelete,
  useHistory
} from '../stores/history'
import { RecordingPlayer } from './RecordingPlayer'
import { useAssistants } from '../stores/assistants'
import { assistantLabel } from '../../../shared/assistant-names'
import '../styles/history.css'

/** The words of a search snippet with each match in <mark>. */
function Highlighted({ text, ranges }: { text: string; ranges: [number, number][] }): JSX.Element {
  const parts: JSX.Element[] = []
  let at = 0
  for (const [start, end] of ranges) {
    if (start > at) parts.push(<span key={`t${at}`}>{text.slice(at, start)}</span>)
    parts.push(<mark key={`m${start}`}>{text.slice(start, end)}</mark>)
    at = end
  }
  if (at < text.length) parts.push(<span key={`t${at}`}>{text.slice(at)}</span>)
  return <>{parts}</>
}

const day = (ms: number): string =>
  new Date(ms).toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' })
const time = (ms: number): string =>
  new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })

/** Whose conversation it is, once there are two or more assistants (issue 14). */
function AssistantName({ assistantId }: { assistantId: string | undefined }): JSX.Element | null {
  const label = useAssistants((state) => assistantLabel(state.file, assistantId))
  return label === null ? null : <span className="muted history__assistant">{label}</span>
}

function ByDate({ conversations }: { conversations: ConversationSummaryInfo[] }): JSX.Element {
  const groups = new Map<string, ConversationSummaryInfo[]>()
  for (const conversation of conversations) {
    const key = day(conversation.startedAtMs)
    groups.set(key, [...(groups.get(key) ?? []), conversation])
  }
  return (
    <>
      {[...groups].map(([date, entries]) => (
        <section key={date} className="history__day">
          <h3 className="history__date">{date}</h3>
          <ul className="history__list">
            {entries.map((entry) => (
              <li key={entry.id}>
                <button
                  type="button"
                  className="history__entry"
                  onClick={() => void openConversation(entry.id)}
                >
                  <span className="history__title">{entry.title}</span>
                  <AssistantName assistantId={entry.assistantId} />
                  {entry.recording && <span className="muted">Recorded</span>}
                  <span className="muted">{time(entry.startedAtMs)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  )
}

function Opened(props: { conversation: ConversationInfo; onContinued: () => void }): JSX.Element {
  const { conversation } = props
  const [renaming, setRenaming] = useState<string | null>(null)
  return (
    <article className="history__opened" aria-label={`Conversation: ${conversation.title}`}>
      <div className="row-between">
        <button
          type="button"
          className="button button--ghost"
          onClick={() => void openConversation(null)}
        >
          ← All conversations
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            void getEngine()?.start()
            void continueConversation(conversation.id).then((ok) => ok && props.onContinued())
          }}
        >
          Continue
        </button>
      </div>
      {renaming === null ? (
        <h3 className="history__heading">{conversation.title}</h3>
      ) : (
        <form
          className="row-between"
          onSubmit={(event) => {
            event.preventDefault()
            if (renaming.trim() === '') return
            void renameConversation(conversation.id, renaming).then(() => setRenaming(null))
          }}
        >
          <input
            aria-label="New title"
            value={renaming}
            onChange={(e) => setRenaming(e.target.value)}
          />
          <button type="submit" className="button">
            Save title
          </button>
        </form>
      )}
      <p className="muted">
        {day(conversation.startedAtMs)}, {time(conversation.startedAtMs)} · {conversation.model} ·{' '}
        {conversation.voice}
      </p>
      {conversation.recording && <RecordingPlayer id={conversation.id} />}
      {conversation.notices.map((notice) => (
        <p key={notice} className="notice">
          {notice}
        </p>
      ))}
      <ol className="history__items">
        {conversation.items.map((item) => (
          <li key={item.itemId} className={`history__item history__item--${item.role ?? 'tool'}`}>
            {item.kind === 'function_call' ? (
              <span className="muted">
                Tool {item.name}({item.arguments}) → {item.output ?? '(no result)'}
              </span>
            ) : (
              <>
                <strong>{item.role === 'user' ? 'You' : 'Hark'}: </strong>
                {item.text ?? '(no words)'}
                {item.status === 'incomplete' && (
                  <span className="muted">
                    {item.heardMs === undefined
                      ? ' (interrupted)'
                      : ` (interrupted, heard up to ${(item.heardMs / 1000).toFixed(1)} s)`}
                  </span>
                )}
              </>
            )}
          </li>
        ))}
      </ol>
      <div className="history__actions">
        <button type="button" className="button" onClick={() => setRenaming(conversation.title)}>
          Rename
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void exportConversation(conversation.id, 'md')}
        >
          Export Markdown
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void exportConversation(conversation.id, 'json')}
        >
          Export JSON
        </button>
        <button
          type="button"
          className="button button--danger"
          onClick={() => void deleteConversation(conversation)}
        >
          Delete
        </button>
      </div>
    </article>
  )
}

/** History: saved conversations by date, search with highlighted matches, one opened read-only. */
export function HistoryView(props: { headingId: string; onContinued: () => void }): JSX.Element {
  const { conversations, notices, query, hits, opened, deleted, error } = useHistory()
  useEffect(() => {
    void refreshHistory()
  }, [])
  return (
    <section className="settings history" aria-labelledby={props.headingId}>
      <h2 id={props.headingId} className="settings__title">
        History
      </h2>
      {deleted && (
        <div className="banner" role="status">
          <p>Deleted “{deleted.title}”.</p>
          <button type="button" className="button" onClick={() => void undoDelete()}>
            Undo
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {opened ? (
        <Opened conversation={opened} onContinued={props.onContinued} />
      ) : (
        <>
          <input
            type="search"
            className="history__search"
            aria-label="Search history"
            placeholder="Search history"
            value={query}
            onChange={(e) => void search(e.target.value)}
          />
          {notices.map((notice) => (
            <p key={notice} className="notice">
              {notice}
            </p>
          ))}
          {hits !== null ? (
            <ul className="history__list" aria-label="Search results">
              {hits.length === 0 && <li className="muted">Nothing matches.</li>}
              {hits.map((hit) => (
                <li key={hit.summary.id}>
                  <button
                    type="button"
                    className="history__entry"
                    onClick={() => void openConversation(hit.summary.id)}
                  >
                    <span className="history__title">{hit.summary.title}</span>
                    <span className="history__snippet">
                      <Highlighted text={hit.snippet.text} ranges={hit.snippet.ranges} />
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          ) : conversations.length === 0 ? (
            <p className="muted">No saved conversations yet.</p>
          ) : (
            <ByDate conversations={conversations} />
          )}
        </>
      )}
    </section>
  )
}
