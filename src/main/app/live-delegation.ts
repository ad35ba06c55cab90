// GPT-Live's client delegations through Hark's tool framework and approval flow. A delegation
// carries an id and no task text ("metadata, not the task text", DelegationCreatedEvent), so the
// task is read from the user's newest words, and only where those name one of Hark's built-in
// tools unambiguously: the time or date, what is on the clipboard, opening an https link that was
// said. The call then goes through the ToolHost exactly as a Realtime tool call does (its policy,
// the approval card, activity in the window, its result or refusal), and the engine hands the
// outcome back as `session.commentary.append` (delegation.ts). Anything else is refused in words
// the model can repeat; mapping free requests onto any tool (MCP included) needs a backend model,
// the Responses-delegation option, which Hark does not have yet.
import type { LiveDelegationHandler, LiveDelegationOutcome } from '../engines/live/delegation'
import { NO_TOOL_REASON } from '../engines/live/delegation'
import type { ToolHost } from '../tools/tool-host'

export interface DelegatedCall {
  name: string
  argumentsJson: string
}

const HTTPS_URL = /https:\/\/[^\s"'<>]+/i

/** The one built-in tool the user's words ask for, or null when they name none (or several). */
export function delegatedCall(request: string): DelegatedCall | null {
  const calls: DelegatedCall[] = []
  if (/\b(time|date|what day|today)\b/i.test(request))
    calls.push({ name: 'get_current_time', argumentsJson: '{}' })
  if (/\bclipboard\b/i.test(request) && !/\b(copy|put|write)\b/i.test(request))
    calls.push({ name: 'read_clipboard', argumentsJson: '{}' })
  const url = HTTPS_URL.exec(request)?.[0]?.replace(/[.,;:!?)]+$/, '')
  if (url && /\bopen\b/i.test(request))
    calls.push({ name: 'open_url', argumentsJson: JSON.stringify({ url }) })
  return calls.length === 1 ? (calls[0] ?? null) : null
}

export function createLiveDelegationHandler(host: ToolHost): LiveDelegationHandler {
  return async ({ delegationId, request }): Promise<LiveDelegationOutcome> => {
    const call = delegatedCall(request)
    if (!call) return { kind: 'refused', reason: NO_TOOL_REASON }
    // The same two steps the Realtime SDK takes: ask where the policy says so, then run.
    if (host.needsApproval(call.name)) {
      const verdict = await host.decideApproval(delegationId, call.name, call.argumentsJson)
      if (!verdict.approved) return { kind: 'refused', reason: verdict.message }
    }
    const output = await host.execute(delegationId, call.name, call.argumentsJson)
    return { kind: 'result', text: output }
  }
}
