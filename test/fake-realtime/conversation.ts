// The conversation of one session (its ordered items, with the audio each one carries) and the
// `conversation.item.*` client events. Items are echoed with `conversation.item.added` then
// `.done`; without those echoes user messages never reach the SDK's history (reference §9a).
import { pcmBytesToMs, msToPcmBytes } from '../../src/shared/pcm'
import type { ClientEventOf, ClientItem } from './client-events'
import type { EventSink } from './event-sink'
import { concatBytes, decodeAudio } from './input-audio-buffer'
import { readInputImage } from './input-image'
import { invalidRequest } from './validation-errors'
import type { ServerEvent, WireItem, WireUserContent } from './wire-types'

interface Entry {
  item: WireItem
  audioChunks: Uint8Array[]
}

/** `previous_item_id` value that places an item first (the SDK's CONVERSATION_ROOT). */
const ROOT = 'root'

function itemNotFound(itemId: string, param = 'item_id'): ReturnType<typeof invalidRequest> {
  return invalidRequest(
    'item_not_found',
    `Error processing item: the item with id '${itemId}' does not exist.`,
    param
  )
}

export class Conversation {
  private readonly entries: Entry[] = []

  constructor(private readonly sink: EventSink) {}

  get items(): readonly WireItem[] {
    return this.entries.map((e) => e.item)
  }

  get lastItemId(): string | null {
    return this.entries.at(-1)?.item.id ?? null
  }

  get(itemId: string): WireItem | undefined {
    return this.find(itemId)?.item
  }

  audioOf(itemId: string): Uint8Array {
    return concatBytes(this.find(itemId)?.audioChunks ?? [])
  }

  hasAssistantAudio(): boolean {
    return this.entries.some(
      (e) => e.item.type === 'message' && e.item.role === 'assistant' && e.audioChunks.length > 0
    )
  }

  /** Places `item` after `previousItemId` ('root' = first, undefined = last); returns its predecessor. */
  insert(item: WireItem, previousItemId?: string, audio?: Uint8Array): string | null {
    const entry: Entry = { item, audioChunks: audio ? [audio] : [] }
    if (previousItemId === undefined) {
      const previous = this.lastItemId
      this.entries.push(entry)
      return previous
    }
    const index = previousItemId === ROOT ? 0 : this.indexOf(previousItemId) + 1
    this.entries.splice(index, 0, entry)
    return previousItemId === ROOT ? null : previousItemId
  }

  replace(item: WireItem): void {
    const entry = item.id === undefined ? undefined : this.find(item.id)
    if (entry) entry.item = item
  }

  appendAudio(itemId: string, bytes: Uint8Array): void {
    this.find(itemId)?.audioChunks.push(bytes)
  }

  /** Sends `conversation.item.added` and `.done` for an item the server finished adding. */
  echo(item: WireItem, previousItemId: string | null): void {
    this.sink.send({
      type: 'conversation.item.added',
      event_id: this.sink.ids.next('event'),
      previous_item_id: previousItemId,
      item
    } satisfies ServerEvent<'conversation.item.added'>)
    this.sink.send({
      type: 'conversation.item.done',
      event_id: this.sink.ids.next('event'),
      previous_item_id: previousItemId,
      item
    } satisfies ServerEvent<'conversation.item.done'>)
  }

  create(event: ClientEventOf<'conversation.item.create'>): void {
    const { item, previous_item_id: previousItemId } = event
    if (item.id !== undefined && this.find(item.id))
      return this.sink.sendError(
        invalidRequest('invalid_value', `Item with id '${item.id}' already exists.`, 'item.id')
      )
    if (previousItemId !== undefined && previousItemId !== ROOT && !this.find(previousItemId))
      return this.sink.sendError(itemNotFound(previousItemId, 'previous_item_id'))
    if (item.type === 'function_call_output' && !this.hasCall(item.call_id))
      return this.sink.sendError(
        invalidRequest(
          'invalid_value',
          `No function call with call_id '${item.call_id}' found in the conversation.`,
          'item.call_id'
        )
      )
    let audio: Uint8Array | undefined
    if (item.type === 'message' && item.role === 'user') {
      for (const [index, part] of item.content.entries()) {
        if (part.type !== 'input_image') continue
        const image = readInputImage(part.image_url, `item.content[${index}].image_url`)
        if (!('bytes' in image)) return this.sink.sendError(image)
      }
      const index = item.content.findIndex((c) => c.type === 'input_audio' && c.audio)
      const part = item.content[index]
      if (part?.type === 'input_audio' && part.audio) {
        const decoded = decodeAudio(part.audio, `item.content[${index}].audio`)
        if (!(decoded instanceof Uint8Array)) return this.sink.sendError(decoded)
        audio = decoded
      }
    }
    const wire = this.toWireItem(item)
    this.echo(wire, this.insert(wire, previousItemId, audio))
  }

  retrieve(event: ClientEventOf<'conversation.item.retrieve'>): void {
    const entry = this.find(event.item_id)
    if (!entry) return this.sink.sendError(itemNotFound(event.item_id))
    this.sink.send({
      type: 'conversation.item.retrieved',
      event_id: this.sink.ids.next('event'),
      item: this.withAudio(entry)
    } satisfies ServerEvent<'conversation.item.retrieved'>)
  }

  /**
   * Cuts an assistant audio item to what the user heard. The API refuses a cut past the audio it
   * sent ("Audio content of Xms is already shorter than Yms") and drops the item's transcript so
   * that no unheard text stays in the context.
   */
  truncate(event: ClientEventOf<'conversation.item.truncate'>): void {
    const entry = this.find(event.item_id)
    if (!entry) return this.sink.sendError(itemNotFound(event.item_id))
    const { item } = entry
    if (item.type !== 'message' || item.role !== 'assistant')
      return this.sink.sendError(
        invalidRequest('invalid_value', 'Only assistant messages can be truncated.', 'item_id')
      )
    const part = item.content[event.content_index]
    if (part?.type !== 'output_audio')
      return this.sink.sendError(
        invalidRequest(
          'invalid_value',
          `Content index ${event.content_index} of item '${event.item_id}' is not audio.`,
          'content_index'
        )
      )
    const audio = concatBytes(entry.audioChunks)
    const audioMs = pcmBytesToMs(audio.byteLength)
    if (event.audio_end_ms > audioMs)
      return this.sink.sendError(
        invalidRequest(
          'invalid_value',
          `Audio content of ${Math.floor(audioMs)}ms is already shorter than ${event.audio_end_ms}ms`,
          'audio_end_ms'
        )
      )
    entry.audioChunks = [audio.slice(0, msToPcmBytes(event.audio_end_ms))]
    entry.item = {
      ...item,
      content: item.content.map((c, i) =>
        i === event.content_index ? { ...c, transcript: '' } : c
      )
    }
    this.sink.send({
      type: 'conversation.item.truncated',
      event_id: this.sink.ids.next('event'),
      item_id: event.item_id,
      content_index: event.content_index,
      audio_end_ms: event.audio_end_ms
    } satisfies ServerEvent<'conversation.item.truncated'>)
  }

  delete(event: ClientEventOf<'conversation.item.delete'>): void {
    const index = this.indexOf(event.item_id)
    if (index < 0) return this.sink.sendError(itemNotFound(event.item_id))
    this.entries.splice(index, 1)
    this.sink.send({
      type: 'conversation.item.deleted',
      event_id: this.sink.ids.next('event'),
      item_id: event.item_id
    } satisfies ServerEvent<'conversation.item.deleted'>)
  }

  private find(itemId: string): Entry | undefined {
    return this.entries.find((e) => e.item.id === itemId)
  }

  private indexOf(itemId: string): number {
    return this.entries.findIndex((e) => e.item.id === itemId)
  }

  private hasCall(callId: string): boolean {
    return this.entries.some((e) => e.item.type === 'function_call' && e.item.call_id === callId)
  }

  /** The server's view of a created item: with an id, `object`, status completed, no audio. */
  private toWireItem(item: ClientItem): WireItem {
    const common = {
      id: item.id ?? this.sink.ids.next('item'),
      object: 'realtime.item' as const,
      status: 'completed' as const
    }
    switch (item.type) {
      case 'function_call':
        return { ...item, ...common, call_id: item.call_id ?? this.sink.ids.next('call') }
      case 'function_call_output':
        return { ...item, ...common }
      case 'message':
        if (item.role !== 'user') return { ...item, ...common }
        return {
          ...item,
          ...common,
          content: item.content.map((c): WireUserContent => {
            if (c.type !== 'input_audio') return c
            return { type: 'input_audio', transcript: c.transcript ?? null }
          })
        }
    }
  }

  /** `conversation.item.retrieved` carries the item's audio (base64), like the API. */
  private withAudio(entry: Entry): WireItem {
    const { item } = entry
    if (item.type !== 'message' || entry.audioChunks.length === 0) return item
    const audio = Buffer.from(concatBytes(entry.audioChunks)).toString('base64')
    if (item.role === 'user')
      return {
        ...item,
        content: item.content.map((c) => (c.type === 'input_audio' ? { ...c, audio } : c))
      }
    if (item.role === 'assistant')
      return {
        ...item,
        content: item.content.map((c) => (c.type === 'output_audio' ? { ...c, audio } : c))
      }
    return item
  }
}
