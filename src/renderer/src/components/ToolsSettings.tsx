import { useEffect, useState } from 'react'
import type { JSX } from 'react'
import type { McpServerStateInfo, ToolSummaryInfo } from '../../../shared/tools-ipc'
import { loadToolsOverview, updateTools, useTools } from '../stores/tools'
import { ClaudeImport } from './ClaudeImport'
import { McpServerForm } from './McpServerForm'
import { hark } from '../ipc/hark'

const POLICY_LABELS: Record<ToolSummaryInfo['policy'], string> = {
  run: 'Run without asking',
  ask: 'Ask every time',
  never: 'Never'
}

function ToolRow({ tool }: { tool: ToolSummaryInfo }): JSX.Element {
  return (
    <li className="tools__tool">
      <label className="field">
        <span className="field__label">
          {tool.name} <span className="muted">— {tool.description}</span>
        </span>
        <select
          aria-label={`Policy for ${tool.name}`}
          value={tool.policy}
          onChange={(e) =>
            void updateTools(() =>
              hark().tools.setPolicy({
                name: tool.name,
                policy: e.target.value as ToolSummaryInfo['policy']
              })
            )
          }
        >
          {(Object.keys(POLICY_LABELS) as ToolSummaryInfo['policy'][]).map((policy) => (
            <option key={policy} value={policy}>
              {POLICY_LABELS[policy]}
            </option>
          ))}
        </select>
      </label>
      {tool.alwaysAllowed && tool.policy === 'ask' && (
        <div className="actions actions--split">
          <span className="muted">Always allowed.</span>
          <button
            type="button"
            className="button"
            onClick={() => void updateTools(() => hark().tools.revoke({ name: tool.name }))}
          >
            Revoke “always allow” for {tool.name}
          </button>
        </div>
      )}
    </li>
  )
}

function stateText(server: McpServerStateInfo): string {
  switch (server.state) {
    case 'starting':
      return 'starting…'
    case 'ready':
      return `ready with ${server.toolCount} tool${server.toolCount === 1 ? '' : 's'}`
    case 'failed':
      return `failed: ${server.error ?? 'unknown reason'}`
    case 'stopped':
      return 'stopped'
  }
}

function ServerRow(props: { server: McpServerStateInfo; onEdit: () => void }): JSX.Element {
  const { server } = props
  return (
    <li className="tools__server" data-server={server.name}>
      <p>
        <strong>{server.name}</strong> <span className="muted">{stateText(server)}</span>
      </p>
      {server.state === 'failed' && server.stderrTail.length > 0 && (
        <pre className="tools__stderr">{server.stderrTail.slice(-5).join('\n')}</pre>
      )}
      <div className="actions">
        {server.config && (
          <button type="button" className="button" onClick={props.onEdit}>
            Edit {server.name}
          </button>
        )}
        <button
          type="button"
          className="button button--danger"
          onClick={() => void updateTools(() => hark().mcp.removeServer({ name: server.name }))}
        >
          Remove {server.name}
        </button>
      </div>
    </li>
  )
}

/** Settings → Tools: each tool's policy, "always allow" revoked, and the user's MCP servers. */
export function ToolsSettings(): JSX.Element {
  const overview = useTools((state) => state.overview)
  const error = useTools((state) => state.error)
  const [editing, setEditing] = useState<{ name: string | null } | null>(null)

  useEffect(() => {
    void loadToolsOverview(hark())
  }, [])

  if (!overview) return <p className="muted">{error ?? 'Loading tools…'}</p>
  const editedServer =
    editing?.name != null ? overview.servers.find((s) => s.name === editing.name) : undefined
  return (
    <section className="tools" aria-label="Tools">
      <h3 className="settings__subtitle">Tools</h3>
      <ul className="tools__list">
        {overview.tools.map((tool) => (
          <ToolRow key={tool.name} tool={tool} />
        ))}
      </ul>
      <h3 className="settings__subtitle">MCP servers</h3>
      {overview.configPath && (
        <p className="hint">
          Kept in <code>{overview.configPath}</code> (Claude Desktop’s format).
        </p>
      )}
      {overview.configError && (
        <p className="error" role="alert">
          {overview.configError}
        </p>
      )}
      <ul className="tools__list">
        {overview.servers.map((server) => (
          <ServerRow
            key={server.name}
            server={server}
            onEdit={() => setEditing({ name: server.name })}
          />
        ))}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {editing ? (
        <McpServerForm
          name={editing.name}
          config={editedServer?.config ?? null}
          onDone={() => setEditing(null)}
        />
      ) : (
        <div className="actions">
          <button type="button" className="button" onClick={() => setEditing({ name: null })}>
            Add MCP server
          </button>
        </div>
      )}
      <ClaudeImport />
    </section>
  )
}
