import { useState } from 'react'
import type { JSX } from 'react'
import type { ClaudeServersReply } from '../../../shared/tools-ipc'
import { messageOf } from '../stores/errors'
import { updateTools } from '../stores/tools'
import { hark } from '../ipc/hark'

/** Import from Claude Desktop: list the servers in its config and add the ticked ones. */
export function ClaudeImport(): JSX.Element {
  const [reply, setReply] = useState<ClaudeServersReply | null>(null)
  const [chosen, setChosen] = useState<Set<string>>(new Set())
  const [error, setError] = useState<string | null>(null)

  const look = (): void => {
    hark()
      .mcp.claudeServers()
      .then(
        (answer) => {
          setReply(answer)
          setChosen(new Set(answer.servers.map((server) => server.name)))
        },
        (failure: unknown) => setError(messageOf(failure))
      )
  }
  const toggle = (name: string): void =>
    setChosen((current) => {
      const next = new Set(current)
      if (next.has(name)) next.delete(name)
      else next.add(name)
      return next
    })
  const importChosen = (): void => {
    void updateTools(() => hark().mcp.importClaude({ names: [...chosen] })).then((ok) => {
      if (ok) setReply(null)
    })
  }

  if (!reply)
    return (
      <div className="actions">
        {error && <span className="error">{error}</span>}
        <button type="button" className="button" onClick={look}>
          Import from Claude Desktop
        </button>
      </div>
    )
  return (
    <fieldset className="field">
      <legend className="field__label">Claude Desktop’s servers</legend>
      {reply.error && <p className="muted">{reply.error}</p>}
      {reply.servers.map((server) => (
        <label key={server.name} className="check">
          <input
            type="checkbox"
            checked={chosen.has(server.name)}
            onChange={() => toggle(server.name)}
          />
          <span>
            {server.name}{' '}
            <span className="muted">
              {'url' in server.config ? server.config.url : server.config.command}
            </span>
          </span>
        </label>
      ))}
      <div className="actions">
        <button type="button" className="button" onClick={() => setReply(null)}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={chosen.size === 0}
          onClick={importChosen}
        >
          Import {chosen.size} server{chosen.size === 1 ? '' : 's'}
        </button>
      </div>
    </fieldset>
  )
}
