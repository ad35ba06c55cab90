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
