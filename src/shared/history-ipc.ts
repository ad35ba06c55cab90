// The History view's part of the IPC contract (issue 11): schemas only, assembled into
// `ipcContract` in ipc.ts. Conversation ids are the store's own (`YYYYMMDD-HHMMSS-xxxxxx`);
// anything else is refused before main looks at the disk.
import { z } from 'zod'

export const conversationIdSchema = z
  .string()
  .max(40)
  .regex(/^\d{8}-\d{6}-[0-9a-f]{6}$/, 'is not a conversation id')

export const historyStatusSchema = z.object({
  /** encrypted | plain (the user agreed) | off (no key store, not agreed) | locked (key unreachable). */
  mode: z.enum(['encrypted', 'plain', 'off', 'locked']),
  /** Where the history lives on disk. */
  folder: z.string(),
  /** A sentence while the live conversation is not being saved (a full disk); null otherwise. */
  problem: z.string().nullable()
})
export type HistoryStatus = z.infer<typeof historyStatusSchema>

export const conversationSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  startedAtMs: z.number(),
  updatedAtMs: z.number(),
  itemCount: z.number(),
  recording: z.string().optional(),
  /** Whose conversation it is (issue 14); absent = the default assistant. */
  assistantId: z.string().optional()
})
export type ConversationSummaryInfo = z.infer<typeof conversationSummarySchema>

export const historyListSchema = z.object({
  conversations: z.array(conversationSummarySchema),
  notices: z.array(z.string())
})

export const storedItemSchema = z.object({
  itemId: z.string(),
  kind: z.enum(['message', 'function_call']),
  role: z.enum(['user', 'assistant']).optional(),
  text: z.string().nullable(),
  status: z.enum(['completed', 'incomplete']),
  atMs: z.number(),
  heardMs: z.number().optional(),
  name: z.string().optional(),
  arguments: z.string().optional(),
  output: z.string().nullable().optional(),
  costUsd: z.number().optional(),
  latencyMs: z.number().optional()
})
export type StoredItemInfo = z.infer<typeof storedItemSchema>

export const conversationSchema = conversationSummarySchema.extend({
  model: z.string(),
  voice: z.string(),
  continuedFrom: z.string().optional(),
  endedAtMs: z.number().optional(),
  items: z.array(storedItemSchema),
  usage: z.array(
    z.object({
      responseId: z.string(),
      inputTokens: z.number(),
      outputTokens: z.number(),
      atMs: z.number()
    })
  ),
  notices: z.array(z.string())
})
export type ConversationInfo = z.infer<typeof conversationSchema>

export const searchReplySchema = z.object({
  hits: z.array(
    z.object({
      summary: conversationSummarySchema,
      snippet: z.object({
        text: z.string(),
        /** [start, end) of each match in `text`, for highlighting. */
        ranges: z.array(z.tuple([z.number(), z.number()]))
      })
    })
  )
})
export type SearchReply = z.infer<typeof searchReplySchema>

export const exportFormatSchema = z.enum(['md', 'json'])
export const exportReplySchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  content: z.string()
})
export type ExportReply = z.infer<typeof exportReplySchema>

const byId = z.object({ id: conversationIdSchema })
export const historyRequests = {
  byId,
  /** Literal words; long queries are cut at 10,000 characters by the store. */
  search: z.object({ query: z.string().max(20_000) }),
  rename: z.object({ id: conversationIdSchema, title: z.string().trim().min(1).max(200) }),
  export: z.object({ id: conversationIdSchema, format: exportFormatSchema })
}
