// The tools part of the IPC contract (issue 12): schemas only; `ipc.ts` lists the channels.
import { z } from 'zod'

export const toolPolicySchema = z.enum(['run', 'ask', 'never'])

export const toolSummarySchema = z.object({
  name: z.string(),
  description: z.string(),
  /** 'builtin' or the MCP server's name. */
  source: z.string(),
  policy: toolPolicySchema,
  alwaysAllowed: z.boolean(),
  /** False for tools whose annotations say they may destroy something. */
  canAlwaysAllow: z.boolean()
})
export type ToolSummaryInfo = z.infer<typeof toolSummarySchema>

const MAX_PAIRS = 50
const stringRecord = z
  .record(z.string().max(200), z.string().max(2000))
  .refine((pairs) => Object.keys(pairs).length <= MAX_PAIRS, `at most ${MAX_PAIRS} entries`)
const MAX_ARGS = 64
/**
 * The IPC size cap of one server entry (src/shared/ipc-limits.ts cannot size unions, arrays and
 * records by itself): the worst case of its bounds, 3 bytes per character, with room to spare.
 */
const SERVER_CONFIG_MAX_BYTES = 3 * (1000 + MAX_ARGS * 1004 + 2 * MAX_PAIRS * 2204) + 4096

/** One entry of `mcpServers`, in Claude Desktop's format: a local command or a Streamable HTTP URL. */
export const mcpServerConfigSchema = z
  .union([
    z.object({
      command: z.string().trim().min(1).max(1000),
      args: z.array(z.string().max(1000)).max(MAX_ARGS).optional(),
      env: stringRecord.optional()
    }),
    z.object({
      url: z
        .string()
        .max(2000)
        .refine((text) => /^https?:\/\//i.test(text), 'must be an http(s) URL'),
      headers: stringRecord.optional()
    })
  ])
  .meta({ maxBytes: SERVER_CONFIG_MAX_BYTES })
export type McpServerConfig = z.infer<typeof mcpServerConfigSchema>

export const mcpServerNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'may hold only letters, digits, _ . and -')

export const mcpServerStateSchema = z.object({
  name: z.string(),
  state: z.enum(['starting', 'ready', 'failed', 'stopped']),
  toolCount: z.number().int().min(0),
  /** Why it failed, in a sentence; null otherwise. */
  error: z.string().nullable(),
  /** The last lines the server wrote to stderr. */
  stderrTail: z.array(z.string()),
  /** null when the entry in mcp.json is itself invalid. */
  config: mcpServerConfigSchema.nullable()
})
export type McpServerStateInfo = z.infer<typeof mcpServerStateSchema>

export const toolsOverviewSchema = z.object({
  tools: z.array(toolSummarySchema),
  servers: z.array(mcpServerStateSchema),
  /** Where mcp.json is; null where the host has none. */
  configPath: z.string().nullable(),
  /** The whole file could not be read (e.g. "mcp.json line 4: …"); other tools still work. */
  configError: z.string().nullable()
})
export type ToolsOverview = z.infer<typeof toolsOverviewSchema>

export const approvalRequestSchema = z.object({
  id: z.string(),
  toolName: z.string(),
  source: z.string(),
  argumentsText: z.string(),
  canAlwaysAllow: z.boolean(),
  timeoutMs: z.number()
})
export type ApprovalRequestInfo = z.infer<typeof approvalRequestSchema>

export const approvalEndedSchema = z.object({
  id: z.string(),
  outcome: z.enum(['once', 'always', 'deny', 'timeout', 'cancelled'])
})

export const toolActivitySchema = z.object({
  callId: z.string(),
  toolName: z.string(),
  argumentsText: z.string(),
  state: z.enum(['waiting', 'running', 'done', 'failed', 'denied', 'timed_out']),
  resultText: z.string().nullable()
})
export type ToolActivityInfo = z.infer<typeof toolActivitySchema>

export const approvalAnswerReplySchema = z.object({
  /** False when the approval was no longer pending (answered elsewhere, timed out). */
  answered: z.boolean()
})

const approvalId = z.string().min(1).max(100)

export const claudeServersReplySchema = z.object({
  /** Where Claude Desktop keeps its config on this system. */
  path: z.string().nullable(),
  servers: z.array(z.object({ name: z.string(), config: mcpServerConfigSchema })),
  /** Why nothing could be read (no file, invalid JSON); null otherwise. */
  error: z.string().nullable()
})
export type ClaudeServersReply = z.infer<typeof claudeServersReplySchema>

export const toolRequests = {
  approve: z.object({ id: approvalId, always: z.boolean() }),
  deny: z.object({ id: approvalId }),
  setPolicy: z.object({ name: z.string().min(1).max(64), policy: toolPolicySchema }),
  revoke: z.object({ name: z.string().min(1).max(64) }),
  saveServer: z.object({
    name: mcpServerNameSchema,
    config: mcpServerConfigSchema,
    /** Set when an existing server is renamed. */
    previousName: mcpServerNameSchema.optional()
  }),
  removeServer: z.object({ name: mcpServerNameSchema }),
  importClaude: z.object({
    names: z
      .array(mcpServerNameSchema)
      .min(1)
      .max(100)
      .meta({ maxBytes: 100 * (64 * 3 + 4) + 16 })
  })
}
