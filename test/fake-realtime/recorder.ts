// What the fake saw and sent, for tests to assert on: every client frame, every response with the
// exact audio bytes that went out, and the input audio per connection.
import { concatBytes } from './input-audio-buffer'
import type { ApiError } from './wire-types'

export interface RecordedClientEvent {
  connectionIndex: number
  /** `performance.now()` when the frame arrived. */
  receivedAtMs: number
  /** The event's `type`, or '' when the frame was not a JSON object with a string type. */
  type: string
  /** The parsed JSON object ({} when the frame was not a JSON object). */
  event: Record<string, unknown>
  raw: string
  /** The `error` the server answered this event with, or null. */
  error: ApiError | null
}

export type ResponseStatus = 'in_progress' | 'completed' | 'cancelled' | 'disconnected'

export interface RecordedToolCall {
  name: string
  arguments: string
  callId: string
}

/** One assistant message item of a response, with the audio bytes sent for it. */
export interface RecordedItem {
  itemId: string
  /** What the item says when completed. */
  text: string
  audio: Uint8Array[]
}

export class RecordedResponse {
  status: ResponseStatus = 'in_progress'
  /** The newest assistant message or function call item, once the response has one. */
  itemId: string | null = null
  /** The message items in output order (a preamble, then the answer; or just the answer). */
  readonly items: RecordedItem[] = []
  /** The spoken preamble before the answer item, if the response has one. */
  preamble: string | null = null
  private readonly chunks: Uint8Array[] = []

  constructor(
    readonly connectionIndex: number,
    readonly responseId: string,
    readonly kind: 'audio' | 'text' | 'function_call',
    /** The whole reply text (what a completed response says). */
    readonly text: string,
    readonly toolCall: RecordedToolCall | null
  ) {}

  /** Every audio byte sent in this response's deltas, in order, across its items. */
  get audio(): Uint8Array {
    return concatBytes(this.chunks)
  }

  get audioChunks(): number {
    return this.chunks.length
  }

  get isFinished(): boolean {
    return this.status !== 'in_progress'
  }

  addItem(itemId: string, text: string): void {
    this.itemId = itemId
    this.items.push({ itemId, text, audio: [] })
  }

  addAudio(bytes: Uint8Array): void {
    this.chunks.push(bytes)
    this.items.at(-1)?.audio.push(bytes)
  }
}

interface Waiter {
  check: () => boolean
}

export class Recorder {
  readonly clientEvents: RecordedClientEvent[] = []
  readonly responses: RecordedResponse[] = []
  private readonly inputAudioChunks = new Map<number, Uint8Array[]>()
  private waiters = new Set<Waiter>()

  recordClientEvent(event: RecordedClientEvent): void {
    this.clientEvents.push(event)
    this.changed()
  }

  recordInputAudio(connectionIndex: number, bytes: Uint8Array): void {
    const chunks = this.inputAudioChunks.get(connectionIndex) ?? []
    chunks.push(bytes)
    this.inputAudioChunks.set(connectionIndex, chunks)
  }

  inputAudio(connectionIndex: number): Uint8Array {
    return concatBytes(this.inputAudioChunks.get(connectionIndex) ?? [])
  }

  inputAudioBytes(connectionIndex?: number): number {
    const lists =
      connectionIndex === undefined
        ? [...this.inputAudioChunks.values()]
        : [this.inputAudioChunks.get(connectionIndex) ?? []]
    return lists.flat().reduce((sum, c) => sum + c.byteLength, 0)
  }

  /** Call after anything a waiter could be waiting for has changed. */
  changed(): void {
    for (const waiter of [...this.waiters]) waiter.check()
  }

  /** Resolves with `select()`'s first non-undefined result, checked now and after each change. */
  waitFor<T>(select: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const value = select()
          if (value === undefined) return false
          this.waiters.delete(waiter)
          clearTimeout(timer)
          resolve(value)
          return true
        }
      }
      const timer = setTimeout(() => {
        this.waiters.delete(waiter)
        reject(
          new Error(`Fake Realtime server: timed out after ${timeoutMs} ms waiting for ${what}`)
        )
      }, timeoutMs)
      this.waiters.add(waiter)
      waiter.check()
    })
  }
}
