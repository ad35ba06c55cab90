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
  | { id: string; type: 'function_call'; call_id: string; name: string; arguments: string }
  | { type: 'function_call_output'; call_id: string; output: string }
  | {
      id: string
      type: 'message'
      role: 'user'
      content: [{ type: 'input_image'; image_url: string }]
    }

/** The seeds of one conversation item: a call and its output must stay together. */
function seedsOf(item: ConversationItem, images: ReadonlyMap<string, string>): SeedItem[] {
  if (item.kind === 'function_call') {
    // A call without its output (still running when the socket dropped) would leave the model
    // waiting for a result that never comes: left out.
    if (item.status !== 'completed' || typeof item.output !== 'string' || !item.name) return []
    // The flattened item has no call_id; the item id is unique and serves as one.
    const callId = item.itemId
    return [
      {
        id: item.itemId,
        type: 'function_call',
        call_id: callId,
        name: item.name,
        arguments: item.arguments ?? '{}'
      },
      { type: 'function_call_output', call_id: callId, output: item.output }
    ]
  }
  if (item.status !== 'completed') return []
  const text = item.text?.trim()
  if (!text) return []
  const image = item.role === 'user' ? images.get(item.itemId) : undefined
  // A screen look goes back as the picture it was (a data URL), not as its placeholder words.
  if (image !== undefined)
    return [
      {
        id: item.itemId,
        type: 'message',
        role: 'user',
        content: [{ type: 'input_image', image_url: image }]
      }
    ]
  if (item.role === 'user')
    return [
      { id: item.itemId, type: 'message', role: 'user', content: [{ type: 'input_text', text }] }
    ]
  if (item.role === 'assistant')
    return [
      {
        id: item.itemId,
        type: 'message',
        role: 'assistant',
        content: [{ type: 'output_text', text }]
      }
    ]
  return []
}

/**
 * The `conversation.item.create` items that replay a conversation as text. The API cannot take
 * assistant audio back (reference §2 `updateHistory`, §8 PR #1329), so every message becomes
 * text; a function call is replayed with its output. Unfinished items are left out: the session
 * manager hands over a cut answer already cut to what was heard, marked completed
 * (replay-view.ts). Ids are kept, so that the renderer, which orders by id, sees the same items
 * rather than copies.
 */
export function seedItems(
  items: readonly ConversationItem[],
  maxItems = MAX_SEED_ITEMS,
  images: ReadonlyMap<string, string> = new Map()
): SeedItem[] {
  const groups = items.map((item) => seedsOf(item, images)).filter((group) => group.length > 0)
  // The newest conversation items, whole: never an output without its call.
  return groups.slice(-maxItems).flat()
}
