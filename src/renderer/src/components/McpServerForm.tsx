import { useId, useState } from 'react'
import type { FormEvent, JSX } from 'react'
import type { McpServerConfig } from '../../../shared/tools-ipc'
import { toolRequests } from '../../../shared/tools-ipc'
import { updateTools } from '../stores/tools'
import { hark } from '../ipc/hark'

/** KEY=VALUE lines ↔ an object (env variables, HTTP headers). */
function parsePairs(text: string, separator: '=' | ':'): Record<string, string> {
  const pairs: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const at = line.indexOf(separator)
    if (line.trim() === '' || at <= 0) continue
    pairs[line.slice(0, at).trim()] = line.slice(at + 1).trim()
  }
  return pairs
}
const pairsText = (pairs: Record<string, string> | undefined, separator: string): string =>
  Object.entries(pairs ?? {})
    .map(([key, value]) => `${key}${separator}${separator === ':' ? ' ' : ''}${value}`)
    .join('\n')

interface Draft {
  name: string
  kind: 'command' | 'url'
  command: string
  args: string
  env: string
  url: string
  headers: string
}

function draftOf(name: string, config: McpServerConfig | null): Draft {
  const empty: Draft = {
    name,
    kind: 'command',
    command: '',
    args: '',
    env: '',
    url: '',
    headers: ''
  }
  if (!config) return empty
  if ('url' in config)
    return { ...empty, kind: 'url', url: config.url, headers: pairsText(config.headers, ':') }
  return {
    ...empty,
    command: config.command,
    args: (config.args ?? []).join('\n'),
    env: pairsText(config.env, '=')
  }
}

function configOf(draft: Draft): McpServerConfig {
  if (draft.kind === 'url') {
    const headers = parsePairs(draft.headers, ':')
    return { url: draft.url.trim(), ...(Object.keys(headers).length > 0 ? { headers } : {}) }
  }
  const args = draft.args
    .split('\n')
    .map((arg) => arg.trim())
    .filter((arg) => arg !== '')
  const env = parsePairs(draft.env, '=')
  return {
    command: draft.command.trim(),
    ...(args.length > 0 ? { args } : {}),
    ...(Object.keys(env).length > 0 ? { env } : {})
  }
}

/** Add or edit one server of mcp.json: a command (stdio) or a URL (Streamable HTTP). */
export function McpServerForm(props: {
  name: string | null
  config: McpServerConfig | null
  onDone: () => void
}): JSX.Element {
  const id = useId()
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.name ?? '', props.config))
  const [problem, setProblem] = useState<string | null>(null)
  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => {
    setDraft((current) => ({ ...current, [key]: value }))
    setProblem(null)
  }
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault()
    const request = {
      name: draft.name.trim(),
      config: configOf(draft),
      ...(props.name !== null && props.name !== draft.name.trim()
        ? { previousName: props.name }
        : {})
    }
    // The schema main checks with: say what is wrong before the round trip.
    const parsed = toolRequests.saveServer.safeParse(request)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      setProblem(`${issue?.path.join(' ') ?? 'server'}: ${issue?.message ?? 'invalid'}`)
      return
    }
    void updateTools(() => hark().mcp.saveServer(parsed.data)).then((ok) => {
      if (ok) props.onDone()
    })
  }
  return (
    <form className="mcp-form" onSubmit={onSubmit} aria-label="MCP server">
      <label className="field">
        <span className="field__label">Server name</span>
        <input
          value={draft.name}
          spellCheck={false}
          onChange={(e) => set('name', e.target.value)}
        />
      </label>
      <fieldset className="field">
        <legend className="field__label">Runs as</legend>
        <label className="check">
          <input
            type="radio"
            name={`${id}-kind`}
            checked={draft.kind === 'command'}
            onChange={() => set('kind', 'command')}
          />
          <span>a command on this computer (stdio)</span>
        </label>
        <label className="check">
          <input
            type="radio"
            name={`${id}-kind`}
            checked={draft.kind === 'url'}
            onChange={() => set('kind', 'url')}
          />
          <span>a URL (Streamable HTTP)</span>
        </label>
      </fieldset>
      {draft.kind === 'command' ? (
        <>
          <label className="field">
            <span className="field__label">Command</span>
            <input
              value={draft.command}
              spellCheck={false}
              placeholder="npx"
              onChange={(e) => set('command', e.target.value)}
            />
          </label>
          <label className="field">
            <span className="field__label">Arguments, one per line</span>
            <textarea
              rows={3}
              value={draft.args}
              spellCheck={false}
              onChange={(e) => set('args', e.target.value)}
            />
          </label>
          <label className="field">
            <span className="field__label">Environment, NAME=value per line</span>
            <textarea
              rows={2}
              value={draft.env}
              spellCheck={false}
              onChange={(e) => set('env', e.target.value)}
            />
          </label>
        </>
      ) : (
        <>
          <label className="field">
            <span className="field__label">URL</span>
            <input
              type="url"
              value={draft.url}
              spellCheck={false}
              onChange={(e) => set('url', e.target.value)}
            />
          </label>
          <label className="field">
            <span className="field__label">Headers, Name: value per line</span>
            <textarea
              rows={2}
              value={draft.headers}
              spellCheck={false}
              onChange={(e) => set('headers', e.target.value)}
            />
          </label>
        </>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button" onClick={props.onDone}>
          Cancel
        </button>
        <button type="submit" className="button button--primary">
          Save server
        </button>
      </div>
    </form>
  )
}
