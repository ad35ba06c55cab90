import { describe, expect, it } from 'vitest'
import {
  applyAudioFlush,
  applyHistory,
  applyItemTruncated,
  applyTranscriptDelta,
  applyTranscriptDone,
  emptyConversation,
  selectCaptions
} from './conversation-model'
import type { ConversationState } from './conversation-model'
import type { EventPayload } from '../../../shared/ipc'

type HistoryItem = EventPayload<'history.updated'>['items'][number]

const deltas = (
  state: ConversationState,
  role: 'user' | 'assistant',
  itemId: string,
  parts: string[]
): ConversationState =>
  parts.reduce((s, delta) => applyTranscriptDelta(s, { role, itemId, delta }), state)

describe('conversation reducers', () => {
  it('appends streaming deltas in order, keyed by item, in order of first appearance', () => {
    let state = deltas(emptyConversation(), 'assistant', 'a1', ['Hel', 'lo', ' there'])
    state = deltas(state, 'user', 'u2', ['Hi'])
    state = deltas(state, 'assistant', 'a1', ['!'])
    expect(selectCaptions(state).map((c) => [c.itemId, c.role, c.text, c.streaming])).toEqual([
      ['a1', 'assistant', 'Hello there!', true],
      ['u2', 'user', 'Hi', true]
    ])
  })

  it('transcript.done replaces the text and ends streaming', () => {
    let state = deltas(emptyConversation(), 'assistant', 'a1', ['Hel'])
    state = applyTranscriptDone(state, { role: 'assistant', itemId: 'a1', text: 'Hello.' })
    expect(state.items.a1).toMatchObject({ text: 'Hello.', streaming: false })
  })

  it('marks the flushed item interrupted, and a null flush marks the streaming reply', () => {
    let state = deltas(emptyConversation(), 'assistant', 'a1', ['One'])
    state = applyAudioFlush(state, { itemId: 'a1' })
    expect(state.items.a1?.interrupted).toBe(true)
    state = deltas(state, 'user', 'u1', ['Stop'])
    state = deltas(state, 'assistant', 'a2', ['Two'])
    state = applyAudioFlush(state, { itemId: null })
    expect(state.items.a2?.interrupted).toBe(true)
    expect(state.items.u1?.interrupted).toBe(false)
    // A flush for an unknown item changes nothing.
    expect(applyAudioFlush(state, { itemId: 'zz' })).toBe(state)
  })

  it('item.truncated records how much was heard', () => {
    let state = deltas(emptyConversation(), 'assistant', 'a1', ['Long answer'])
    state = applyItemTruncated(state, { itemId: 'a1', audioEndMs: 1234 })
    expect(state.items.a1).toMatchObject({ interrupted: true, heardMs: 1234 })
  })

  it('history sets order and final text, keeps flags and captions it does not know yet', () => {
    let state = deltas(emptyConversation(), 'assistant', 'a1', ['Sure, the time is'])
    state = applyItemTruncated(state, { itemId: 'a1', audioEndMs: 800 })
    state = deltas(state, 'assistant', 'a2', ['Streaming…'])
    state = applyHistory(state, {
      items: [
        {
          itemId: 'u1',
          kind: 'message',
          role: 'user',
          text: 'What time is it?',
          status: 'completed'
        },
        { itemId: 'a1', kind: 'message', role: 'assistant', text: 'Sure', status: 'completed' },
        { itemId: 'a1', kind: 'message', role: 'assistant', text: 'dup', status: 'completed' }
      ]
    })
    const captions = selectCaptions(state)
    expect(captions.map((c) => c.itemId)).toEqual(['u1', 'a1', 'a2'])
    expect(captions[0]).toMatchObject({ role: 'user', text: 'What time is it?', streaming: false })
    // The streamed caption is longer than the history's (truncated) copy: keep what was shown.
    expect(captions[1]).toMatchObject({
      text: 'Sure, the time is',
      interrupted: true,
      heardMs: 800,
      streaming: false
    })
    expect(captions[2]).toMatchObject({ text: 'Streaming…', streaming: true })
  })

  it('after a reconnect, a cut-off answer the new history lacks keeps its place', () => {
    const user = (itemId: string, text: string): HistoryItem => ({
      itemId,
      kind: 'message',
      role: 'user',
      text,
      status: 'completed'
    })
    let state = applyHistory(emptyConversation(), { items: [user('u1', 'Tell me a story')] })
    state = deltas(state, 'assistant', 'a1', ['Once upon a'])
    // The new session was seeded with u1 only (a1 never completed), then the user asked again.
    state = applyHistory(state, {
      items: [
        user('u1', 'Tell me a story'),
        user('u2', 'Go on'),
        { itemId: 'a2', kind: 'message', role: 'assistant', text: 'Sure.', status: 'completed' }
      ]
    })
    expect(selectCaptions(state).map((c) => c.itemId)).toEqual(['u1', 'a1', 'u2', 'a2'])
  })

  it('history marks incomplete items interrupted and shows function calls', () => {
    const state = applyHistory(emptyConversation(), {
      items: [
        { itemId: 'a1', kind: 'message', role: 'assistant', text: null, status: 'incomplete' },
        {
          itemId: 'f1',
          kind: 'function_call',
          text: null,
          status: 'completed',
          name: 'get_time',
          output: '12:00'
        }
      ]
    })
    expect(state.items.a1).toMatchObject({ text: '', interrupted: true })
    expect(state.items.f1).toMatchObject({ kind: 'function_call', name: 'get_time', text: '12:00' })
  })
})
