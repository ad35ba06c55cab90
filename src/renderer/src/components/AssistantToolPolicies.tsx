// An assistant's own tool policies: per known tool, "Follow Settings" (no override: Settings →
// Tools decides) or its own run / ask / never. The tools are the ones Settings → Tools lists;
// an override for a tool no longer offered (an MCP server removed) is still shown, to be cleared.
import { useEffect } from 'react'
import type { JSX } from 'react'
import type { Assistant } from '../../../shared/assistants'
import type { ToolSummaryInfo } from '../../../shared/tools-ipc'
import { hark } from '../ipc/hark'
import { loadToolsOverview, useTools } from '../stores/tools'

type Policy = ToolSummaryInfo['policy']
const FOLLOW = 'follow'
const CHOICES: { value: Policy | typeof FOLLOW; label: string }[] = [
  { value: FOLLOW, label: 'Follow Settings' },
  { value: 'run', label: 'Run without asking' },
  { value: 'ask', label: 'Ask every time' },
  { value: 'never', label: 'Never' }
]

export function AssistantToolPolicies(props: {
  name: string
  policies: Assistant['toolPolicies']
  onChange: (policies: Assistant['toolPolicies']) => void
}): JSX.Element {
  const overview = useTools((state) => state.overview)
  useEffect(() => {
    if (!useTools.getState().overview) void loadToolsOverview(hark())
  }, [])
  const known = overview?.tools.map((tool) => tool.name) ?? []
  const names = [...new Set([...known, ...Object.keys(props.policies)])]
  const choose = (tool: string, value: string): void => {
    const next = { ...props.policies }
    if (value === FOLLOW) delete next[tool]
    else next[tool] = value as Policy
    props.onChange(next)
  }
  return (
    <fieldset className="field">
      <legend className="field__label">{props.name}’s tool policies</legend>
      {names.length === 0 && <p className="muted">No tools yet.</p>}
      {names.map((tool) => (
        <label key={tool} className="row-between">
          <span>{tool}</span>
          <select
            aria-label={`${tool} for ${props.name}`}
            value={props.policies[tool] ?? FOLLOW}
            onChange={(e) => choose(tool, e.target.value)}
          >
            {CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
      ))}
    </fieldset>
  )
}
