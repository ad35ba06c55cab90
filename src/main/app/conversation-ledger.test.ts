// What a replay carries: answers cut where they were heard, never the unheard rest.
import { assistantItem, userItem } from '../../../test/doubles/conversation-items'
import { describe, expect, it } from 'vitest'
import { ConversationLedger, MAX_LEDGER_ITEMS, cutAtWord } from './conversation-ledger'

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
      respond: false
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
