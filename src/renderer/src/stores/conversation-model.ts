// Pure reducers for the conversation: captions keyed by itemId, in order. The store applies them.
import type { EventPayload } from '../../../shared/ipc'

export type CaptionRole = 'user' | 'assistant'

export interface Caption {
  itemId: string
  kind: 'message' | 'function_call'
  role: CaptionRole | null
  text: string
  /** True while deltas are still arriving (no transcript.done / completed history yet). */
  streaming: boolean
  /** The assistant was cut off (audio.flush or item.truncated for this item). */
  interrupted: boolean
  /** From item.truncated: how much of the reply the user heard. */
  heardMs: number | null
  /** For function calls. */
  name?: string
}

export interface ConversationState {
  order: string[]
  items: Record<string, Caption>
}

export const emptyConversation = (): ConversationState => ({ order: [], items: {} })

function upsert(
  state: ConversationState,
  itemId: string,
  update: (existing: Caption | undefined) => Caption
): ConversationState {
  const existing = state.items[itemId]
  const next = update(existing)
  return {
    order: existing ? state.order : [...state.order, itemId],
    items: { ...state.items, [itemId]: next }
  }
}

const newCaption = (itemId: string, role: CaptionRole | null): Caption => ({
  itemId,
  kind: 'message',
  role,
  text: '',
  streaming: true,
  interrupted: false,
  heardMs: null
})

export function applyTranscriptDelta(
  state: ConversationState,
  { role, itemId, delta }: EventPayload<'transcript.delta'>
): ConversationState {
  return upsert(state, itemId, (existing) => {
    const base = existing ?? newCaption(itemId, role)
    return { ...base, role: base.role ?? role, text: base.text + delta, streaming: true }
  })
}

export function applyTranscriptDone(
  state: ConversationState,
  { role, itemId, text }: EventPayload<'transcript.done'>
): ConversationState {
  return upsert(state, itemId, (existing) => {
    const base = existing ?? newCaption(itemId, role)
    return { ...base, role: base.role ?? role, text: text || base.text, streaming: false }
  })
}

/** audio.flush: playback of this item stopped early. A null item marks the streaming reply. */
export function applyAudioFlush(
  state: ConversationState,
  { itemId }: EventPayload<'audio.flush'>
): ConversationState {
  const target = itemId ?? lastStreamingAssistant(state)
  if (target === null || !state.items[target]) return state
  return upsert(state, target, (existing) => ({
    ...(existing ?? newCaption(target, 'assistant')),
    interrupted: true
  }))
}

export function applyItemTruncated(
  state: ConversationState,
  { itemId, audioEndMs }: EventPayload<'item.truncated'>
): ConversationState {
  return upsert(state, itemId, (existing) => ({
    ...(existing ?? newCaption(itemId, 'assistant')),
    interrupted: true,
    heardMs: audioEndMs
  }))
}

/**
 * history.updated is the authority on order and final text. Captions it does not know yet
 * (still streaming) keep their place after it; flags the history does not carry are kept.
 */
export function applyHistory(
  state: ConversationState,
  { items }: EventPayload<'history.updated'>
): ConversationState {
  const order: string[] = []
  const next: Record<string, Caption> = {}
  for (const item of items) {
    if (next[item.itemId]) continue
    const existing = state.items[item.itemId]
    const historyText = item.kind === 'function_call' ? (item.output ?? '') : (item.text ?? '')
    const streamingText = existing?.text ?? ''
    // A streaming caption may run ahead of the history's copy: keep the longer of the two.
    const text = historyText.length >= streamingText.length ? historyText : streamingText
    next[item.itemId] = {
      itemId: item.itemId,
      kind: item.kind,
      role: item.role ?? existing?.role ?? null,
      text,
      streaming: item.status === 'in_progress' && (existing?.streaming ?? true),
      interrupted: (existing?.interrupted ?? false) || item.status === 'incomplete',
      heardMs: existing?.heardMs ?? null,
      ...(item.name !== undefined ? { name: item.name } : {})
    }
    order.push(item.itemId)
  }
  // Captions the history no longer has (a partial answer cut off by a reconnect, whose new
  // session never saw it) or does not have yet (still streaming) stay right after the caption
  // that preceded them, so a reconnect never moves an old answer below a newer question.
  const orphansAfter = new Map<string | null, string[]>()
  let anchor: string | null = null
  for (const itemId of state.order) {
    const existing = state.items[itemId]
    if (!existing) continue
    if (next[itemId]) {
      anchor = itemId
      continue
    }
    next[itemId] = existing
    orphansAfter.set(anchor, [...(orphansAfter.get(anchor) ?? []), itemId])
    anchor = itemId
  }
  const placed = (itemId: string | null): string[] =>
    (orphansAfter.get(itemId) ?? []).flatMap((orphan) => [orphan, ...placed(orphan)])
  return {
    order: [...placed(null), ...order.flatMap((itemId) => [itemId, ...placed(itemId)])],
    items: next
  }
}

function lastStreamingAssistant(state: ConversationState): string | null {
  for (let i = state.order.length - 1; i >= 0; i--) {
    const id = state.order[i]
    const caption = id === undefined ? undefined : state.items[id]
    if (caption?.role === 'assistant') return caption.streaming ? caption.itemId : null
  }
  return null
}

export function selectCaptions(state: ConversationState): Caption[] {
  return state.order.flatMap((id) => {
    const caption = state.items[id]
    return caption ? [caption] : []
  })
}
