// Every tool the model may call, the user's policy for each, and the consent flow: the SDK asks
// (`needsApproval` → `tool_approval_requested`), the broker waits for the user, and the
// controller approves or rejects (realtime-2026-11.md §3). Electron-free; hosts answer approvals
// from IPC (the window) or the terminal (the CLI).
import { ApprovalBroker, outcomeMessage } from './approval-broker'
import type { ApprovalAnswer, ApprovalOutcome, ApprovalRequest, SetTimer } from './approval-broker'
import { checkArguments } from './argument-check'
import { runToolCall } from './tool-call'
import type { ToolPermissions } from './tool-permissions'
import { normalizePolicy } from './tool-types'
import type { HarkTool, ToolPolicy, ToolSummary } from './tool-types'

/** One assistant's tool policies by tool name (issue 14; src/shared/assistants.ts). */
export type AssistantToolPolicies = Readonly<Record<string, ToolPolicy>>

export type ToolActivityState = 'waiting' | 'running' | 'done' | 'failed' | 'denied' | 'timed_out'

/** One call as the conversation shows it. */
export interface ToolActivity {
  callId: string
  toolName: string
  argumentsText: string
  state: ToolActivityState
  /** A short result or the reason it did not run; null while waiting or running. */
  resultText: string | null
}

export type ToolHostEvent =
  | { type: 'approval_requested'; request: ApprovalRequest }
  | { type: 'approval_ended'; id: string; outcome: ApprovalOutcome }
  | { type: 'activity'; activity: ToolActivity }
  | { type: 'changed' }

export type ApprovalVerdict = { approved: true } | { approved: false; message: string }

export interface ToolHostOptions {
  permissions: ToolPermissions
  onEvent: (event: ToolHostEvent) => void
  setTimer?: SetTimer
  approvalTimeoutMs?: number
  toolTimeoutMs?: number
}

/** How much of a result the conversation shows (the model gets all of it). */
const RESULT_PREVIEW_CHARS = 200

export function readableArguments(argumentsJson: string): string {
  try {
    const value: unknown = JSON.parse(argumentsJson === '' ? '{}' : argumentsJson)
    return JSON.stringify(value, null, 2)
  } catch {
    return argumentsJson
  }
}

const preview = (text: string): string =>
  text.length > RESULT_PREVIEW_CHARS ? `${text.slice(0, RESULT_PREVIEW_CHARS)}…` : text

export class ToolHost {
  readonly #options: ToolHostOptions
  readonly #bySource = new Map<string, HarkTool[]>()
  readonly #broker: ApprovalBroker
  readonly #closing = new AbortController()

  constructor(options: ToolHostOptions) {
    this.#options = options
    this.#broker = new ApprovalBroker({
      onRequested: (request) => options.onEvent({ type: 'approval_requested', request }),
      onEnded: (id, outcome) => options.onEvent({ type: 'approval_ended', id, outcome }),
      ...(options.setTimer ? { setTimer: options.setTimer } : {}),
      ...(options.approvalTimeoutMs !== undefined ? { timeoutMs: options.approvalTimeoutMs } : {})
    })
  }

  /** Replace the tools of one source ('builtin' or an MCP server). */
  setTools(source: string, tools: readonly HarkTool[]): void {
    if (tools.length === 0) this.#bySource.delete(source)
    else this.#bySource.set(source, [...tools])
    this.#options.onEvent({ type: 'changed' })
  }

  all(): HarkTool[] {
    return [...this.#bySource.values()].flat()
  }

  find(name: string): HarkTool | undefined {
    return this.all().find((tool) => tool.name === name)
  }

  /**
   * `assistant`: one assistant's own policies (issue 14), which win over the global ones for its
   * session only. An unknown value falls back to `ask` (fail closed, as for the global ones).
   */
  policyOf(tool: HarkTool, assistant?: AssistantToolPolicies): ToolPolicy {
    return normalizePolicy(
      assistant?.[tool.name] ??
        this.#options.permissions.policyOverride(tool.name) ??
        tool.defaultPolicy
    )
  }

  isAlwaysAllowed(tool: HarkTool): boolean {
    return !tool.destructive && this.#options.permissions.isAlwaysAllowed(tool.name)
  }

  /** Whether a call needs the user's yes. Unknown tools and `never` ask (and are then refused). */
  needsApproval(name: string, assistant?: AssistantToolPolicies): boolean {
    const tool = this.find(name)
    if (!tool) return true
    const policy = this.policyOf(tool, assistant)
    if (policy === 'run') return false
    return policy !== 'ask' || !this.isAlwaysAllowed(tool)
  }

  summaries(): ToolSummary[] {
    return this.all().map((tool) => ({
      name: tool.name,
      description: tool.description,
      source: tool.source,
      policy: this.policyOf(tool),
      alwaysAllowed: this.isAlwaysAllowed(tool),
      canAlwaysAllow: !tool.destructive
    }))
  }

  /** The SDK asked: decide whether this call may run. Only the user's answer approves. */
  async decideApproval(
    callId: string,
    name: string,
    argumentsJson: string,
    assistant?: AssistantToolPolicies,
    ownerId?: string
  ): Promise<ApprovalVerdict> {
    const tool = this.find(name)
    const argumentsText = readableArguments(argumentsJson)
    const refuse = (message: string): ApprovalVerdict => ({
      approved: false,
      message: this.#denied(callId, name, argumentsText, message)
    })
    const unavailable = this.#unavailable(name, tool, assistant)
    if (unavailable !== null || !tool) return refuse(unavailable ?? '')
    // A call that cannot run is refused before the user is bothered with it.
    const check = checkArguments(tool.parameters, argumentsJson)
    if (!check.ok) return refuse(`Hark refused the call. ${check.problem}`)
    this.#activity({ callId, toolName: name, argumentsText, state: 'waiting', resultText: null })
    const outcome = await this.#broker.request(
      { toolName: name, source: tool.source, argumentsText, canAlwaysAllow: !tool.destructive },
      ownerId
    )
    if (outcome === 'always') await this.#options.permissions.allowAlways(name)
    if (outcome === 'once' || outcome === 'always') return { approved: true }
    return refuse(outcomeMessage(outcome, this.#options.approvalTimeoutMs))
  }

  /** Run a call the SDK lets through (policy `run`, always allowed, or just approved). */
  async execute(
    callId: string,
    name: string,
    argumentsJson: string,
    assistant?: AssistantToolPolicies
  ): Promise<string> {
    const tool = this.find(name)
    const argumentsText = readableArguments(argumentsJson)
    const unavailable = this.#unavailable(name, tool, assistant)
    if (unavailable !== null || !tool)
      return this.#denied(callId, name, argumentsText, unavailable ?? '')
    this.#activity({ callId, toolName: name, argumentsText, state: 'running', resultText: null })
    const outcome = await runToolCall(tool, argumentsJson, {
      signal: this.#closing.signal,
      ...(this.#options.toolTimeoutMs !== undefined
        ? { timeoutMs: this.#options.toolTimeoutMs }
        : {}),
      ...(this.#options.setTimer ? { setTimer: this.#options.setTimer } : {})
    })
    const state: ToolActivityState =
      outcome.state === 'refused' ? 'denied' : outcome.state === 'done' ? 'done' : outcome.state
    this.#activity({
      callId,
      toolName: name,
      argumentsText,
      state,
      resultText: preview(outcome.output)
    })
    return outcome.output
  }

  answer(id: string, answer: ApprovalAnswer): boolean {
    return this.#broker.answer(id, answer)
  }

  pendingApprovals(): ApprovalRequest[] {
    return this.#broker.pending()
  }

  /**
   * The session closed: its pending approvals can no longer be answered. `ownerId`: which
   * assistant's session; without it, every pending approval ends.
   */
  cancelPending(ownerId?: string): void {
    if (ownerId === undefined) this.#broker.cancelAll()
    else this.#broker.cancelOwnedBy(ownerId)
  }

  async setPolicy(name: string, policy: ToolPolicy): Promise<void> {
    await this.#options.permissions.setPolicy(name, policy)
    this.#options.onEvent({ type: 'changed' })
  }

  async revoke(name: string): Promise<void> {
    await this.#options.permissions.revoke(name)
    this.#options.onEvent({ type: 'changed' })
  }

  dispose(): void {
    this.#broker.cancelAll()
    this.#closing.abort()
  }

  /** Why a call cannot run at all, whatever the user would say; null when it can. */
  #unavailable(
    name: string,
    tool: HarkTool | undefined,
    assistant?: AssistantToolPolicies
  ): string | null {
    if (!tool) return `Hark has no tool named ${name}.`
    return this.policyOf(tool, assistant) === 'never' ? 'The user has turned this tool off.' : null
  }

  /** Shows the call as not run and returns the reason, for the model. */
  #denied(callId: string, toolName: string, argumentsText: string, message: string): string {
    this.#activity({ callId, toolName, argumentsText, state: 'denied', resultText: message })
    return message
  }

  #activity(activity: ToolActivity): void {
    this.#options.onEvent({ type: 'activity', activity })
  }
}
