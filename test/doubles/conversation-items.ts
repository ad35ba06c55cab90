// Conversation items as the core reports them, for tests of what is kept, shown and replayed.
import type { ConversationItem } from '../../src/shared/realtime-events'

export const userItem = (itemId: string, text: string | null): ConversationItem => ({
  itemId,
  kind: 'message',
  role: 'user',
  text,
  status: 'completed'
})

export const assistantItem = (
  itemId: string,
  text: string | null,
  status: ConversationItem['status'] = 'completed'
): ConversationItem => ({ itemId, kind: 'message', role: 'assistant', text, status })
