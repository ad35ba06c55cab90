// The SDK 0.20 parses every echoed message item with a schema that knows `input_text` and
// `input_audio` only (items.js `realtimeMessageItemSchema`), so the server's
// `conversation.item.added`/`.done` for a user `input_image` (the SDK's own addImage, a screen
// look) throws inside its message handler. Before the SDK sees such an event, each image part is
// described in words instead: the conversation and History then show "[a picture of the screen]"
// where the picture went, and the server keeps the real image.
export const IMAGE_PLACEHOLDER = '[a picture of the screen]'

const ITEM_EVENTS = new Set([
  'conversation.item.added',
  'conversation.item.done',
  'conversation.item.retrieved'
])

interface WireEvent {
  type?: unknown
  item?: { type?: unknown; content?: unknown }
}

/** The message's data with image parts described; the same object when it has none. */
export function describeImageParts<E extends { data: unknown }>(event: E): E {
  if (typeof event.data !== 'string' || !event.data.includes('"input_image"')) return event
  let parsed: WireEvent
  try {
    parsed = JSON.parse(event.data) as WireEvent
  } catch {
    return event
  }
  const content = parsed.item?.content
  if (!ITEM_EVENTS.has(String(parsed.type)) || !Array.isArray(content)) return event
  const isImage = (part: unknown): boolean =>
    (part as { type?: unknown } | null)?.type === 'input_image'
  if (!content.some(isImage)) return event
  const described = content.map((part: unknown) =>
    isImage(part) ? { type: 'input_text', text: IMAGE_PLACEHOLDER } : part
  )
  const data = JSON.stringify({ ...parsed, item: { ...parsed.item, content: described } })
  return { ...event, data }
}
