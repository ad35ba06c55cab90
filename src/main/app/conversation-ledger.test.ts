// What a replay carries: answers cut where they were heard, never the unheard rest.
import { assistantItem, userItem } from '../../../test/doubles/conversation-items'
import { describe, expect, it } from 'vitest'
import { IMAGE_PLACEHOLDER } from '../realtime/image-items'
import {
  ConversationLedger,
  MAX_LEDGER_ITEMS,
  MAX_REPLAYED_LOOKS,
  cutAtWord
} from './conversation-ledger'

const user = userItem
const assistant = assistantItem

/** One second of 24 kHz PCM16. */
const SECOND = new Uint8Array(48_000)

describe('cutAtWord', () => {
  it('ends at a word boundary, never inside a word', () => {
    expect(cutAtWord('one two three four', 0.5)).toBe('one two')
    expect(cutAtWord('one two three four', 1)).toBe('one two three four')
    expect(cutAtWord('one two three four', 0)).toBe('')
    expect(cutAtWord('unbreakable', 0.5)).toBe('unbrea')
  })
})

describe('ConversationLedger', () => {
  it('replays an answer the user stopped as far as it was heard, after its response ended', () => {
    const ledger = new ConversationLedger()
    ledger.apply({
      type: 'history',
      items: [user('u1', 'Count'), assistant('a1', null, 'in_progress')]
    })
    ledger.apply({ type: 'response_started', responseId: 'r1' })
    ledger.apply({
      type: 'transcript_done',
      role: 'assistant',
      itemId: 'a1',
      text: 'one two three four'
    })
    ledger.apply({ type: 'audio', responseId: 'r1', itemId: 'a1', pcm: SECOND })
    ledger.apply({
      type: 'response_done',
      responseId: 'r1',
      status: 'completed',
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 }
    })
    // Stop while the rest was still playing: the server truncates and drops the transcript.
    ledger.apply({ type: 'truncated', itemId: 'a1', audioEndMs: 500 })
    ledger.apply({
      type: 'history',
      items: [user('u1', 'Count'), assistant('a1', null, 'incomplete')]
    })
    const replay = ledger.replay([])
    expect(replay).toEqual({
      items: [user('u1', 'Count'), assistant('a1', 'one two…')],
      respond: false,
      images: new Map()
    })
    ledger.replayed(replay)
    // Replayed once as text, the answer is that text from then on.
    ledger.apply({ type: 'history', items: replay.items })
    expect(ledger.replay([]).items).toEqual(replay.items)
  })

  it('keeps what a new session has not echoed yet, and adds its new items after', () => {
    const ledger = new ConversationLedger()
    ledger.apply({ type: 'history', items: [user('u1', 'a'), assistant('a1', 'b')] })
    // A new session: its history starts empty and fills as the replay is echoed.
    ledger.apply({ type: 'history', items: [] })
    ledger.apply({ type: 'history', items: [user('u1', 'a')] })
    expect(ledger.items.map((item) => item.itemId)).toEqual(['u1', 'a1'])
    ledger.apply({
      type: 'history',
      items: [user('u1', 'a'), assistant('a1', 'b'), user('u2', 'c')]
    })
    expect(ledger.items.map((item) => item.itemId)).toEqual(['u1', 'a1', 'u2'])
  })

  it('stays bounded over a long conversation', () => {
    const ledger = new ConversationLedger()
    const items = Array.from({ length: MAX_LEDGER_ITEMS + 30 }, (_, i) => user(`u${i}`, `m${i}`))
    ledger.apply({ type: 'history', items })
    expect(ledger.items).toHaveLength(MAX_LEDGER_ITEMS)
    expect(ledger.items[0]?.itemId).toBe('u30')
  })
})

describe('ConversationLedger: screen looks', () => {
  const look = (n: number): string => `data:image/jpeg;base64,look${n}`

  it('replays a look the server echoed as its picture, where it was in the conversation', () => {
    const ledger = new ConversationLedger()
    ledger.noteImage('img1', look(1))
    ledger.apply({
      type: 'history',
      items: [
        user('img1', IMAGE_PLACEHOLDER),
        user('u1', 'What is this?'),
        assistant('a1', 'A bug.')
      ]
    })
    const replay = ledger.replay([])
    expect(replay.items.map((item) => item.itemId)).toEqual(['img1', 'u1', 'a1'])
    expect([...replay.images]).toEqual([['img1', look(1)]])
  })

  it('replays a look whose echo never came just before the messages still waiting', () => {
    const ledger = new ConversationLedger()
    ledger.apply({ type: 'history', items: [user('u0', 'Hi'), assistant('a0', 'Hello.')] })
    ledger.noteImage('img1', look(1))
    const replay = ledger.replay([{ itemId: 'm1', text: 'What is on my screen?' }])
    expect(replay.items.map((item) => item.itemId)).toEqual(['u0', 'a0', 'img1', 'm1'])
    expect(replay.images.get('img1')).toBe(look(1))
    expect(replay.respond).toBe(true)
  })

  it(`keeps the newest ${MAX_REPLAYED_LOOKS} pictures; an older look goes back as words`, () => {
    const ledger = new ConversationLedger()
    const ids = Array.from({ length: MAX_REPLAYED_LOOKS + 1 }, (_, i) => `img${i}`)
    ids.forEach((id, i) => ledger.noteImage(id, look(i)))
    ledger.apply({ type: 'history', items: ids.map((id) => user(id, IMAGE_PLACEHOLDER)) })
    const replay = ledger.replay([])
    expect(replay.items.map((item) => item.itemId)).toEqual(ids)
    expect([...replay.images.keys()]).toEqual(ids.slice(1))
  })

  it('forgets the pictures with the conversation', () => {
    const ledger = new ConversationLedger()
    ledger.noteImage('img1', look(1))
    ledger.clear()
    expect(ledger.replay([]).items).toEqual([])
    expect(ledger.replay([]).images.size).toBe(0)
  })
})
