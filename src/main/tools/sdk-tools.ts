// Hark's tools as the SDK's function tools. The SDK asks through `needsApproval` and runs
// `execute` only after `session.approve` (realtime-2026-11.md §3); both defer to the ToolHost, so
// a policy changed or an "always allow" revoked applies to the very next call.
import { tool } from '@openai/agents-realtime'
import type { RealtimeTool } from '../realtime/session-config'
import type { AssistantToolPolicies, ToolHost } from './tool-host'

export function toSdkTools(host: ToolHost, assistant?: AssistantToolPolicies): RealtimeTool[] {
  return host
    .all()
    .filter((entry) => host.policyOf(entry, assistant) !== 'never')
    .map((entry) =>
      tool({
        name: entry.name,
        description: entry.description,
        // Non-strict: MCP schemas are not written for OpenAI's strict mode; Hark checks them.
        parameters: entry.parameters as never,
        strict: false,
        needsApproval: () => Promise.resolve(host.needsApproval(entry.name, assistant)),
        execute: (_input, _context, details) =>
          host.execute(
            details?.toolCall?.callId ?? '',
            entry.name,
            details?.toolCall?.arguments ?? JSON.stringify(_input ?? {}),
            assistant
          )
      })
    )
}
