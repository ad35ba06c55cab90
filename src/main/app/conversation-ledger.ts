// What the conversation is, as the session manager must carry it from one server session to the
// next (a reconnect, a rollover, a Connect after a failure). The server forgets everything when a
// socket ends (reference §7: no resume), so main keeps:
//  - every item the live session's history had, merged across sessions by item id (a replay keeps
//    the ids, so the new session's history lines up with the old one);
//  - for assistant answers, how much audio arrived and how much the renderer reports played, and
//    the transcript as it streamed: an answer cut by a drop or a truncate is replayed only as far
//    as it was heard;
//  - whether a question is still unanswered (a response was running, or a user item arrived
//    after the last response ended), so that the replay asks for the answer;
//  - the last few screen looks sent (their JPEG data URLs, by item id): the server saw the picture,
//    the history holds only its placeholder words (realtime/image-items.ts), and a new session
//    must see the picture again or the model silently forgets what it was shown.
import { pcmBytesToMs } from '../../shared/pcm'
import { IMAGE_PLACEHOLDER } from '../realtime/image-items'
import type { ConversationItem } from '../../shared/realtime-events'
import type { SessionEvent } from './event-mapping'

/** What replaces a spoken turn whose words are unknown (transcription off or not done yet). */
export const NOT_TRANSCRIBED_NOTE = '(The user spoke here; the audio was not transcribed.)'

/** Older items are never replayed (history.ts MAX_SEED_ITEMS); a long conversation stays small. */
export const MAX_LEDGER_ITEMS = 200
const MAX_TRACKED_ANSWERS = 16
/**
 * Screen looks replayed as pictures: each is at most 800 KB (screen/jpeg-info.ts), so this bounds
 * the memory and the replay's size; an older look goes back as its placeholder words.
 */
export const MAX_REPLAYED_LOOKS = 4

export interface PendingMessage {
  itemId: string
  text: string
}

interface AnswerAudio {
  receivedMs: number
  heardMs: number
  transcript: string
  /** From `item.truncated`: the server keeps the answer up to here. */
  truncatedMs: number | undefined
  /** The socket dropped while this answer was still being generated. */
  cutByDrop: boolean
}

export interface CutAnswer {
  itemId: string
  heardMs: number
}

export interface Replay {
  items: ConversationItem[]
  /** Ask for a response after the replay: the last question has no (whole) answer. */
  respond: boolean
  /** The screen looks among `items`, to replay as pictures: the data URL by item id. */
  images: ReadonlyMap<string, string>
}

export class ConversationLedger {
  #items: ConversationItem[] = []
  readonly #answers = new Map<string, AnswerAudio>()
  #currentAnswer: string | undefined
  #responseActive = false
  #awaitingAnswer = false
  /** Screen looks sent, oldest first, by item id; `echoed` once the server's echo came back. */
  readonly #images = new Map<string, { dataUrl: string; echoed: boolean }>()

  get items(): readonly ConversationItem[] {
    return this.#items
  }

  get isEmpty(): boolean {
    return this.#items.length === 0
  }

  get responseActive(): boolean {
    return this.#responseActive
  }

  has(itemId: string): boolean {
    return this.#items.some((item) => item.itemId === itemId)
  }

  apply(event: Exclude<SessionEvent, { type: 'status' }>): void {
    switch (event.type) {
      case 'history':
        return this.#merge(event.items)
      case 'response_started':
        this.#responseActive = true
        return
      case 'response_done':
        return this.#responseDone()
      case 'audio': {
        const answer = this.#answer(event.itemId)
        answer.receivedMs += pcmBytesToMs(event.pcm.byteLength)
        this.#currentAnswer = event.itemId
        return
      }
      case 'transcript_delta':
        if (event.role !== 'assistant') return
        this.#answer(event.itemId).transcript += event.delta
        this.#currentAnswer = event.itemId
        return
      case 'transcript_done':
        if (event.role === 'assistant') this.#answer(event.itemId).transcript = event.text
        return
      case 'truncated':
        this.#answer(event.itemId).truncatedMs = event.audioEndMs
        return
      default:
        return
    }
  }

  /** A screen look went out as the user item `itemId`: a new session gets the picture again. */
  noteImage(itemId: string, dataUrl: string): void {
    this.#images.set(itemId, { dataUrl, echoed: this.has(itemId) })
    while (this.#images.size > MAX_REPLAYED_LOOKS) {
      const oldest = this.#images.keys().next()
      if (oldest.done) break
      this.#images.delete(oldest.value)
    }
  }

  /** The renderer's played position of an assistant item. */
  reportPlayback(itemId: string, playedMs: number): void {
    const answer = this.#answers.get(itemId)
    if (answer) answer.heardMs = Math.max(answer.heardMs, playedMs)
  }

  /**
   * The socket dropped. A response still running will never finish: its question needs an answer
   * again, and the answer so far is cut where the user stopped hearing it (returned, so that the
   * renderer can stop playing it and mark its caption).
   */
  noteDrop(): CutAnswer | undefined {
    if (!this.#responseActive) return undefined
    this.#responseActive = false
    this.#awaitingAnswer = true
    const itemId = this.#currentAnswer
    const answer = itemId === undefined ? undefined : this.#answers.get(itemId)
    if (itemId === undefined || !answer) return undefined
    answer.cutByDrop = true
    return { itemId, heardMs: Math.round(Math.min(answer.heardMs, answer.receivedMs)) }
  }

  /** The conversation as a new server session should get it, plus messages not yet delivered. */
  replay(pending: readonly PendingMessage[]): Replay {
    const items = this.#items.flatMap((item) => {
      const replayed = this.#replayItem(item)
      return replayed ? [replayed] : []
    })
    // A look whose echo had not come back when the socket dropped goes just before the messages
    // still waiting, as it was sent just before its message.
    for (const [itemId, image] of this.#images)
      if (!image.echoed)
        items.push({
          itemId,
          kind: 'message',
          role: 'user',
          text: IMAGE_PLACEHOLDER,
          status: 'completed'
        })
    for (const message of pending)
      items.push({
        itemId: message.itemId,
        kind: 'message',
        role: 'user',
        text: message.text,
        status: 'completed'
      })
    const images = new Map(
      items.flatMap((item): [string, string][] => {
        const image = this.#images.get(item.itemId)
        return image === undefined ? [] : [[item.itemId, image.dataUrl]]
      })
    )
    return { items, respond: this.#awaitingAnswer || pending.length > 0, images }
  }

  /** A replay went out: cut answers are now the text the new session holds. */
  replayed(replay: Replay): void {
    for (const [itemId, answer] of this.#answers)
      if (answer.cutByDrop || answer.truncatedMs !== undefined) this.#answers.delete(itemId)
    this.#responseActive = false
    this.#currentAnswer = undefined
    this.#awaitingAnswer = replay.respond
  }

  clear(): void {
    this.#items = []
    this.#images.clear()
    this.#answers.clear()
    this.#currentAnswer = undefined
    this.#responseActive = false
    this.#awaitingAnswer = false
  }

  #replayItem(item: ConversationItem): ConversationItem | undefined {
    if (item.kind !== 'message') return item
    if (item.role === 'user' && item.text === null)
      return { ...item, text: NOT_TRANSCRIBED_NOTE, status: 'completed' }
    const answer = this.#answers.get(item.itemId)
    if (item.role !== 'assistant' || !answer) return item
    if (!answer.cutByDrop && answer.truncatedMs === undefined) return item
    const heardMs = answer.truncatedMs ?? answer.heardMs
    const fraction = answer.receivedMs > 0 ? Math.min(1, heardMs / answer.receivedMs) : 1
    const text = cutAtWord(answer.transcript || (item.text ?? ''), fraction)
    if (text === '') return undefined
    return { ...item, text: fraction < 1 ? `${text}…` : text, status: 'completed' }
  }

  #merge(items: readonly ConversationItem[]): void {
    let previous = -1
    for (const item of items) {
      const index = this.#items.findIndex((known) => known.itemId === item.itemId)
      if (index >= 0) {
        const known = this.#items[index] as ConversationItem
        if (item.kind === 'function_call' && known.output == null && item.output != null)
          this.#awaitingAnswer = true // a tool's output goes back to the model for an answer
        this.#items[index] = { ...item, text: item.text ?? known.text }
        previous = index
        continue
      }
      previous = Math.min(previous + 1, this.#items.length)
      this.#items.splice(previous, 0, item)
      const image = this.#images.get(item.itemId)
      if (image) image.echoed = true
      // A new question waits for its answer; a new answer item is that answer (if a drop cuts
      // it, noteDrop asks again).
      if (item.kind === 'message' && item.role === 'user') this.#awaitingAnswer = true
      if (item.kind === 'message' && item.role === 'assistant') this.#awaitingAnswer = false
    }
    if (this.#items.length > MAX_LEDGER_ITEMS) this.#items = this.#items.slice(-MAX_LEDGER_ITEMS)
  }

  #responseDone(): void {
    this.#responseActive = false
    // The answers' audio figures stay (bounded): a Stop while the rest of a finished answer is
    // still playing truncates it later, and its replay needs what had arrived.
    this.#awaitingAnswer = false
  }

  #answer(itemId: string): AnswerAudio {
    let answer = this.#answers.get(itemId)
    if (!answer) {
      answer = {
        receivedMs: 0,
        heardMs: 0,
        transcript: '',
        truncatedMs: undefined,
        cutByDrop: false
      }
      this.#answers.set(itemId, answer)
      if (this.#answers.size > MAX_TRACKED_ANSWERS) {
        const oldest = this.#answers.keys().next()
        if (!oldest.done) this.#answers.delete(oldest.value)
      }
    }
    return answer
  }
}

/** The first `fraction` of `text`, ending at a word boundary. */
export function cutAtWord(text: string, fraction: number): string {
  const trimmed = text.trim()
  if (fraction >= 1) return trimmed
  const end = Math.round(trimmed.length * Math.max(0, fraction))
  if (end <= 0) return ''
  const space = trimmed.lastIndexOf(' ', end)
  return (
    space > 0 && end < trimmed.length ? trimmed.slice(0, space) : trimmed.slice(0, end)
  ).trim()
}
