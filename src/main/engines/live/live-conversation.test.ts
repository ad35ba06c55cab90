import { describe, expect, it } from 'vitest'
import type { RealtimeCoreEvent } from '../../../shared/realtime-events'
import { LiveConversation, MAX_INITIAL_MESSAGES, TURN_GAP_MS } from './live-conversation'

function make(): { conversation: LiveConversation; events: RealtimeCoreEvent[] } {
  const events: RealtimeCoreEvent[] = []
  let n = 0
  const conversation = new LiveConversation(
    (e) => events.push(e),
    () => `item_${++n}`
  )
  return { conversation, events }
}

const done = (events: RealtimeCoreEvent[]): [string, string][] =>
  events.flatMap((e) =>
    e.type === 'transcript_done' ? [[e.role, e.text] as [string, string]] : []
  )

describe('LiveConversation', () => {
  it('groups fragments into one turn per speaker, ended by the other speaker', () => {
    const { conversation, events } = make()
    conversation.fragment('user', 'What ', 0, 200)
    conversation.fragment('user', 'time is it?', 200, 900)
    conversation.fragment('assistant', 'It is ', 1400, 1600)
    expect(done(events)).toEqual([['user', 'What time is it?']])
    conversation.fragment('assistant', 'noon.', 1600, 2000)
    conversation.endOpenTurns()
    expect(done(events)).toEqual([
      ['user', 'What time is it?'],
      ['assistant', 'It is noon.']
    ])
    expect(conversation.items.map((i) => i.status)).toEqual(['completed', 'completed'])
  })

  it('starts a new turn of the same speaker after a gap on the timeline, or when it restarts', () => {
    const { conversation, events } = make()
    conversation.fragment('assistant', 'One moment.', 0, 800)
    conversation.fragment('assistant', 'It is noon.', 800 + TURN_GAP_MS + 1, 4000)
    // A renewed session's timeline starts again at 0.
    conversation.fragment('assistant', 'Hello again.', 0, 500)
    conversation.endOpenTurns()
    expect(done(events).map(([, text]) => text)).toEqual([
      'One moment.',
      'It is noon.',
      'Hello again.'
    ])
  })

  it('reports the answer audio as one response per turn and stops local playback on barge-in', () => {
    const { conversation, events } = make()
    expect(conversation.assistantAudio(new Uint8Array(4))).toBe(true)
    conversation.fragment('assistant', 'Sure', 0, 300)
    conversation.fragment('user', 'Wait', 200, 400)
    const types = events.map((e) => e.type)
    expect(types.filter((t) => t === 'response_started')).toHaveLength(1)
    expect(events.find((e) => e.type === 'audio_interrupted')).toMatchObject({ itemId: 'item_1' })
    expect(types.indexOf('audio_interrupted')).toBeLessThan(types.indexOf('speech_started'))
    expect(events.find((e) => e.type === 'response_done')).toMatchObject({
      responseId: 'item_1',
      status: 'completed'
    })
  })

  it('drops the rest of a silenced answer locally and marks it incomplete', () => {
    const { conversation, events } = make()
    conversation.assistantAudio(new Uint8Array(4))
    expect(conversation.silenceAssistant()).toBe('item_1')
    expect(conversation.assistantAudio(new Uint8Array(4))).toBe(false)
    conversation.fragment('assistant', 'and so on', 0, 500)
    conversation.endOpenTurns()
    expect(events.filter((e) => e.type === 'audio')).toHaveLength(1)
    expect(events.find((e) => e.type === 'response_done')).toMatchObject({ status: 'cancelled' })
    expect(conversation.items[0]?.status).toBe('incomplete')
  })

  it('gives a new session at most 128 newest text messages as session.input', () => {
    const { conversation } = make()
    for (let i = 0; i < 150; i++) {
      conversation.fragment(i % 2 === 0 ? 'user' : 'assistant', `message ${i}`, 0, 10)
    }
    conversation.addDelegation('call_1', 'message 149')
    conversation.endOpenTurns()
    const input = conversation.initialItems()
    expect(input).toHaveLength(MAX_INITIAL_MESSAGES)
    expect(input.at(-1)).toEqual({
      role: 'assistant',
      content: [{ type: 'output_text', text: 'message 149' }]
    })
    expect(input[0]).toEqual({
      role: 'user',
      content: [{ type: 'input_text', text: 'message 22' }]
    })
  })

  it('keeps session.input under the token limit by dropping the oldest long messages', () => {
    const { conversation } = make()
    conversation.fragment('user', 'x'.repeat(20_000), 0, 10)
    conversation.fragment('assistant', 'y'.repeat(10_000), 20, 30)
    conversation.endOpenTurns()
    expect(conversation.initialItems()).toHaveLength(1)
  })
})
