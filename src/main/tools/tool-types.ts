// What Hark knows about a tool the model may call, whoever provides it (built in, or an MCP
// server). Plain data plus one `run` function: the SDK wrapping lives in sdk-tools.ts.

/** run: no question asked; ask: the user approves each call; never: not offered, refused. */
export const toolPolicies = ['run', 'ask', 'never'] as const
export type ToolPolicy = (typeof toolPolicies)[number]

/**
 * Fail closed: anything that is not exactly a known policy asks. A sibling SDK skipped approval
 * when the setting was neither a bool nor a function (realtime-2026-11.md §3).
 */
export function normalizePolicy(value: unknown): ToolPolicy {
  return value === 'run' || value === 'never' || value === 'ask' ? value : 'ask'
}

/** A JSON schema for an object of arguments, as the model sees it. */
export type JsonObjectSchema = Record<string, unknown> & { type: 'object' }

export interface ToolRunContext {
  /** Aborted when the call times out or the session closes. */
  signal: AbortSignal
}

export interface HarkTool {
  /** The name the model calls: `[a-zA-Z0-9_-]`, at most 64 characters, unique. */
  name: string
  description: string
  parameters: JsonObjectSchema
  /** The policy when the user has not chosen one. */
  defaultPolicy: ToolPolicy
  /** A tool that may destroy something can never be "always allowed". */
  destructive: boolean
  /** 'builtin', or the MCP server's name. */
  source: string
  /** The result as text for the model. Throwing is reported to the model as a failure. */
  run(args: Record<string, unknown>, context: ToolRunContext): Promise<string>
}

/** A tool as Settings → Tools lists it. */
export interface ToolSummary {
  name: string
  description: string
  source: string
  policy: ToolPolicy
  alwaysAllowed: boolean
  canAlwaysAllow: boolean
}
