// GPT-Live's captions come as fragments with times on the session timeline, and no "done" and no
// turn events (reference §2). This groups them into turns the way the rest of Hark expects
// (one ConversationItem per turn, transcript_delta … transcript_done): a turn ends when the other
// side speaks, when the same side resumes after a gap on the timeline, or when the engine says the
// line went quiet (its idle timer). The conversation outlives sessions: a renewed session starts
// from it as `session.input` text history.
import type { InitialItem } from 'openai/resources/live/live'
import type { ConversationItem, RealtimeCoreEvent, Role } from '../../../shared/realtime-events'

/** A pause longer than this on the session timeline starts a new turn of the same speaker. */
export const TURN_GAP_MS = 1500
/** `session.input` takes at most 128 text messages (SessionConfig.input). */
export const MAX_INITIAL_MESSAGES = 128
/**
 * …and "a configured rendered-token limit (8,192 by default)": at roughly four characters per
 * token, newest messages first up to this many characters stay under it.
 */
export const MAX_INITIAL_CHARS = 24_000

interface OpenTurn {
  item: ConversationItem
  /** End of its newest caption fragment on the session timeline; null before the first. */
  lastEndMs: number | null
  hadAudio: boolean
  /** Stop speaking was pressed: its remaining audio is dropped here (the model keeps talking). */
  silenced: boolean
}

export class LiveConversation {
  readonly #items: ConversationItem[] = []
  readonly #open = new Map<Role, OpenTurn>()
  readonly #emit: (event: RealtimeCoreEvent) => void
  readonly #newId: () => string
  readonly #gapMs: number

  constructor(emit: (event: RealtimeCoreEvent) => void, newId: () => string, gapMs = TURN_GAP_MS) {
    this.#emit = emit
    this.#newId = newId
    this.#gapMs = gapMs
  }

  get items(): readonly ConversationItem[] {
    return this.#items
  }

  /** The assistant turn being spoken now, if any. */
  get speakingItemId(): string | null {
    return this.#open.get('assistant')?.item.itemId ?? null
  }

  /**
   * The conversation so far, from before this engine (a reconnect by the session manager, or
   * History's Continue): kept with its ids, and given to the first session as history.
   */
  seed(items: readonly ConversationItem[]): void {
    for (const item of items)
      if (item.kind === 'message' && item.text?.trim()) this.#items.push({ ...item })
  }

  fragment(role: Role, delta: string, startMs: number, endMs: number): void {
    const turn = this.#turnFor(role, startMs, false)
    turn.lastEndMs = Math.max(turn.lastEndMs ?? 0, endMs)
    turn.item.text = (turn.item.text ?? '') + delta
    this.#emit({ type: 'transcript_delta', role, itemId: turn.item.itemId, delta })
  }

  /** Assistant audio (no timestamps on the primary socket). Returns false when it was dropped. */
  assistantAudio(pcm: Uint8Array): boolean {
    const turn = this.#turnFor('assistant', null, true)
    if (turn.silenced) return false
    const { itemId } = turn.item
    this.#emit({ type: 'audio', responseId: itemId, itemId, pcm })
    return true
  }

  /** Stop speaking: drop the rest of this turn's audio locally. Returns the silenced item. */
  silenceAssistant(): string | null {
    const turn = this.#open.get('assistant')
    if (!turn) return null
    turn.silenced = true
    turn.item.status = 'incomplete'
    return turn.item.itemId
  }

  /** The line went quiet, or the session ended: every open turn is finished. */
  endOpenTurns(): void {
    for (const role of [...this.#open.keys()]) this.#end(role)
  }

  addDelegation(callId: string, request: string): void {
    this.#items.push({
      itemId: callId,
      kind: 'function_call',
      text: null,
      status: 'in_progress',
      name: 'delegation',
      arguments: JSON.stringify({ request }),
      output: null
    })
    this.#emit({
      type: 'tool_call',
      callId,
      name: 'delegation',
      arguments: JSON.stringify({ request })
    })
    this.#emitHistory()
  }

  completeDelegation(callId: string, output: string): void {
    const item = this.#items.find((i) => i.itemId === callId)
    if (!item) return
    item.output = output
    item.status = 'completed'
    this.#emitHistory()
  }

  /** The newest user words, finished or not: what a delegation most likely asks for. */
  lastUserText(): string {
    const item = this.#items.findLast((i) => i.kind === 'message' && i.role === 'user')
    return item?.text?.trim() ?? ''
  }

  /** The conversation as `session.input` for a new session: newest text messages that fit. */
  initialItems(): InitialItem[] {
    const history: InitialItem[] = []
    let chars = 0
    for (const item of [...this.#items].reverse()) {
      const text = item.text?.trim()
      if (item.kind !== 'message' || !text) continue
      if (history.length >= MAX_INITIAL_MESSAGES || chars + text.length > MAX_INITIAL_CHARS) break
      chars += text.length
      history.unshift(
        item.role === 'assistant'
          ? { role: 'assistant', content: [{ type: 'output_text', text }] }
          : { role: 'user', content: [{ type: 'input_text', text }] }
      )
    }
    return history
  }

  #turnFor(role: Role, startMs: number | null, isAudio: boolean): OpenTurn {
    const other: Role = role === 'user' ? 'assistant' : 'user'
    if (this.#open.has(other)) {
      const otherTurn = this.#open.get(other)
      // The user talking over an answer that is still arriving: GPT-Live has stopped talking
      // (full duplex), so what is queued locally must stop too.
      if (role === 'user' && otherTurn?.hadAudio)
        this.#emit({ type: 'audio_interrupted', itemId: otherTurn.item.itemId })
      this.#end(other)
    }
    const current = this.#open.get(role)
    const lastEndMs = current?.lastEndMs ?? null
    // A new session restarts the timeline at 0: a much earlier start also means a new turn.
    const isGap =
      startMs !== null && lastEndMs !== null && Math.abs(startMs - lastEndMs) > this.#gapMs
    if (current && !isGap) {
      if (isAudio) this.#markAudio(current)
      return current
    }
    if (current) this.#end(role)
    const turn: OpenTurn = {
      item: { itemId: this.#newId(), kind: 'message', role, text: null, status: 'in_progress' },
      lastEndMs: null,
      hadAudio: false,
      silenced: false
    }
    this.#open.set(role, turn)
    this.#items.push(turn.item)
    if (role === 'user') this.#emit({ type: 'speech_started', itemId: turn.item.itemId })
    this.#emitHistory()
    if (isAudio) this.#markAudio(turn)
    return turn
  }

  #markAudio(turn: OpenTurn): void {
    if (turn.hadAudio) return
    turn.hadAudio = true
    this.#emit({ type: 'response_started', responseId: turn.item.itemId })
  }

  #end(role: Role): void {
    const turn = this.#open.get(role)
    if (!turn) return
    this.#open.delete(role)
    const { item } = turn
    if (item.status === 'in_progress') item.status = 'completed'
    const text = item.text?.trim() ?? ''
    if (role === 'user') this.#emit({ type: 'speech_stopped', itemId: item.itemId })
    this.#emit({ type: 'transcript_done', role, itemId: item.itemId, text })
    if (turn.hadAudio) {
      this.#emit({ type: 'audio_done', responseId: item.itemId, itemId: item.itemId })
      this.#emit({
        type: 'response_done',
        responseId: item.itemId,
        status: item.status === 'completed' ? 'completed' : 'cancelled',
        // GPT-Live bills seconds, not tokens (reference §2): cost comes from usage seconds.
        usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 }
      })
    }
    this.#emitHistory()
  }

  #emitHistory(): void {
    this.#emit({ type: 'history', items: this.#items.map((item) => ({ ...item })) })
  }
}
