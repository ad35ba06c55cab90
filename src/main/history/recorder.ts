// Keeps the live conversation in the history as it happens: each item is written when it is
// finished (completed, or incomplete after an interruption), so a kill loses at most the item in
// flight. A failed write (a full disk) never stops the conversation: the recorder says it is not
// saving, and retries with the next event, since what was not written is still "unsaved".
import type { ConversationItem, RealtimeCoreEvent } from '../../shared/realtime-events'
import type { ConversationStart, ConversationWriter, HistoryStore } from './history-store'
import type { StoredItem } from './types'

type RecordedEvent =
  Exclude<RealtimeCoreEvent, { type: 'status' }> | { type: 'status'; status: string; code?: string }

export interface RecorderStatus {
  /** A sentence for the window while the conversation is not being saved; null when it is. */
  problem: string | null
}

export interface HistoryRecorderDeps {
  /** The store to write to, or null when history is off or locked. */
  store: () => HistoryStore | null
  now: () => number
  onStatus: (status: RecorderStatus) => void
  /** A new conversation got its first record (the list changed). */
  onSaved: () => void
}

export class HistoryRecorder {
  readonly #deps: HistoryRecorderDeps
  #start: ConversationStart | null = null
  #writer: ConversationWriter | null = null
  /** Signature of what was written per item, so only changes are appended. */
  readonly #written = new Map<string, string>()
  readonly #heardMs = new Map<string, number>()
  /** Items replayed into a Continue session: they belong to the older conversation. */
  #seeded: ReadonlySet<string> = new Set()
  #problem: string | null = null
  #latest: readonly ConversationItem[] = []

  constructor(deps: HistoryRecorderDeps) {
    this.#deps = deps
  }

  get writer(): ConversationWriter | null {
    return this.#writer
  }

  /** A new conversation (a user's start or a Continue); nothing is written until an item is. */
  begin(start: ConversationStart, seededItemIds: readonly string[] = []): void {
    this.end()
    this.#start = start
    this.#seeded = new Set(seededItemIds)
  }

  end(): void {
    const writer = this.#writer
    this.#writer = null
    this.#start = null
    this.#written.clear()
    this.#heardMs.clear()
    this.#latest = []
    if (writer) this.#attempt(() => writer.end())
  }

  onEvent(event: RecordedEvent): void {
    switch (event.type) {
      case 'history':
        this.#latest = event.items
        this.#save()
        return
      case 'truncated':
        this.#heardMs.set(event.itemId, event.audioEndMs)
        this.#save()
        return
      case 'response_done': {
        const writer = this.#writer
        if (writer && event.usage.totalTokens > 0)
          this.#attempt(() =>
            writer.putUsage({
              responseId: event.responseId,
              inputTokens: event.usage.inputTokens,
              outputTokens: event.usage.outputTokens,
              atMs: this.#deps.now()
            })
          )
        return
      }
      default:
        return
    }
  }

  #save(): void {
    if (this.#start === null) return
    for (const item of this.#latest) {
      if (item.status === 'in_progress' || this.#seeded.has(item.itemId)) continue
      const stored = this.#toStored(item)
      const signature = JSON.stringify({ ...stored, atMs: 0 })
      if (this.#written.get(item.itemId) === signature) continue
      const ok = this.#attempt(() => this.#ensureWriter()?.putItem(stored))
      if (!ok) return
      if (this.#writer) this.#written.set(item.itemId, signature)
    }
  }

  #ensureWriter(): ConversationWriter | null {
    if (this.#writer || this.#start === null) return this.#writer
    const store = this.#deps.store()
    if (!store || store.mode === 'off' || store.mode === 'locked') return null
    this.#writer = store.begin(this.#start)
    this.#deps.onSaved()
    return this.#writer
  }

  #toStored(item: ConversationItem): StoredItem {
    const stored: StoredItem = {
      itemId: item.itemId,
      kind: item.kind,
      text: item.text,
      status: item.status === 'incomplete' ? 'incomplete' : 'completed',
      atMs: this.#deps.now()
    }
    if (item.role !== undefined) stored.role = item.role
    if (item.name !== undefined) stored.name = item.name
    if (item.arguments !== undefined) stored.arguments = item.arguments
    if (item.output !== undefined) stored.output = item.output
    const heard = this.#heardMs.get(item.itemId)
    if (heard !== undefined) {
      stored.heardMs = heard
      stored.status = 'incomplete'
    }
    return stored
  }

  /** Runs one write; on failure reports it (once) and returns false. */
  #attempt(write: () => void): boolean {
    try {
      write()
    } catch (error) {
      this.#setProblem(problemSentence(error))
      return false
    }
    this.#setProblem(null)
    return true
  }

  #setProblem(problem: string | null): void {
    if (problem === this.#problem) return
    this.#problem = problem
    this.#deps.onStatus({ problem })
  }
}

function problemSentence(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return 'This conversation is not being saved: the disk is full. It goes on; free some space and Hark saves again.'
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return 'This conversation is not being saved: Hark may not write to its history folder.'
  const name = error instanceof Error ? error.name : 'an unknown error'
  return `This conversation is not being saved (${name}). It goes on.`
}
