// The SDK's RealtimeItem[] (reference §3a) flattened into what Hark shows and stores.
import type { RealtimeItem } from '@openai/agents-realtime'
import type { ConversationItem } from '../../shared/realtime-events'

type MessageItem = Extract<RealtimeItem, { type: 'message' }>

/** The words of a message: typed text and transcripts joined; null while none is known yet. */
function messageText(item: MessageItem): string | null {
  const parts: string[] = []
  for (const part of item.content) {
    if (part.type === 'input_text' || part.type === 'output_text') parts.push(part.text)
    // A user's input_audio transcript is null until input transcription completes; an assistant's
    // output_audio transcript can be missing after a truncate (reference §5).
    else if (typeof part.transcript === 'string') parts.push(part.transcript)
  }
  const text = parts.join(' ').trim()
  return text === '' ? null : text
}

export function flattenItem(item: RealtimeItem): ConversationItem | null {
  switch (item.type) {
    case 'message':
      // System messages are Hark's own instructions or seeds, not conversation.
      if (item.role === 'system') return null
      return {
        itemId: item.itemId,
        kind: 'message',
        role: item.role,
        text: messageText(item),
        status: item.status
      }
    case 'function_call':
    case 'mcp_call':
    case 'mcp_tool_call':
      return {
        itemId: item.itemId,
        kind: 'function_call',
        text: null,
        status: item.status,
        name: item.name,
        arguments: item.arguments,
        output: item.output
      }
    case 'mcp_approval_request':
      // Approvals are shown by the approval UI, not as conversation items.
      return null
  }
}

export function flattenHistory(items: readonly RealtimeItem[]): ConversationItem[] {
  const flat: ConversationItem[] = []
  for (const item of items) {
    const entry = flattenItem(item)
    if (entry) flat.push(entry)
  }
  return flat
}

/** How many items a reconnect replays: enough context, without flooding the new session. */
export const MAX_SEED_ITEMS = 50

export type SeedItem =
  | { id: string; type: 'message'; role: 'user'; content: [{ type: 'input_text'; text: string }] }
  | {
      id: string
      type: 'message'
      role: 'assistant'
      content: [{ type: 'output_text'; text: string }]
    }

/**
 * The `conversation.item.create` items that replay a conversation as text. The API cannot take
 * assistant audio back (reference §2 `updateHistory`, §8 PR #1329), so every message becomes
 * text; function calls and unfinished items are left out, since a call without its output (or a
 * half-heard answer) would confuse the model more than it helps. Ids are kept, so that the
 * renderer, which orders by id, sees the same items rather than copies.
 */
export function seedItems(
  items: readonly ConversationItem[],
  maxItems = MAX_SEED_ITEMS
): SeedItem[] {
  const seeds: SeedItem[] = []
  for (const item of items) {
    if (item.kind !== 'message' || item.status !== 'completed') continue
    const text = item.text?.trim()
    if (!text) continue
    if (item.role === 'user')
      seeds.push({
        id: item.itemId,
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text }]
      })
    else if (item.role === 'assistant')
      seeds.push({
        id: item.itemId,
        type: 'message',
        role: 'assistant',
        content: [{ type: 'output_text', text }]
      })
  }
  return seeds.slice(-maxItems)
}
