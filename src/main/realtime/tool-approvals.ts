// The SDK's approval flow, answered by Hark's consent broker: `tool_approval_requested` →
// the user's answer → `session.approve` / `session.reject` with a message the model can relay
// (realtime-2026-11.md §3). With no decider every request is rejected: fail closed.
import type { RealtimeSession } from '@openai/agents-realtime'
import type { RealtimeLog } from './event-bus'

export type ToolApprovalVerdict = { approved: true } | { approved: false; message: string }

/** Decides one call: callId, the tool's name and the model's JSON arguments. */
export type ToolApprovalDecider = (
  callId: string,
  name: string,
  argumentsJson: string
) => Promise<ToolApprovalVerdict>

const NO_DECIDER_MESSAGE = 'This tool needs the user’s approval, and Hark cannot ask here.'

export function attachToolApprovals(
  session: RealtimeSession,
  decide: ToolApprovalDecider | undefined,
  log: RealtimeLog
): void {
  session.on('tool_approval_requested', (_context, _agent, request) => {
    const { approvalItem } = request
    const raw = approvalItem.rawItem as {
      type?: string
      name?: string
      callId?: string
      arguments?: string
    }
    // Hosted MCP approvals come from OpenAI's servers; Hark offers none, so never approve one.
    const verdict: Promise<ToolApprovalVerdict> =
      request.type !== 'function_approval' || decide === undefined
        ? Promise.resolve({ approved: false, message: NO_DECIDER_MESSAGE })
        : decide(raw.callId ?? '', raw.name ?? '', raw.arguments ?? '')
    void verdict
      .catch((error: unknown): ToolApprovalVerdict => {
        log('warn', 'tools: deciding an approval failed', { error: String(error) })
        return { approved: false, message: 'Hark could not ask the user, so the tool did not run.' }
      })
      .then((answer) =>
        answer.approved
          ? session.approve(approvalItem)
          : session.reject(approvalItem, { message: answer.message })
      )
      .catch((error: unknown) =>
        // The connection closed while the user was deciding: the approval died with it.
        log('info', 'tools: approval could not be delivered', { error: String(error) })
      )
  })
}
