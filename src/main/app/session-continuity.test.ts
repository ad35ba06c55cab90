// The conversation survives the end of a server session: a typed message is never lost, a cut
// answer is replayed as far as it was heard and answered again, 1011 reconnects, Connect after a
// failure keeps the conversation, and a planned rollover replaces the session unseen. Fake
// controllers and a manual clock (test/doubles/session-manager-harness.ts).
import { describe, expect, it } from 'vitest'
import type { FakeController } from '../../../test/doubles/fake-controller'
import {
  HISTORY,
  createManagerHarness,
  settle
} from '../../../test/doubles/session-manager-harness'
import { RealtimeCoreError } from '../realtime/controller-api'
import type { ConversationItem } from '../../shared/realtime-events'
import { NOT_TRANSCRIBED_NOTE } from './conversation-ledger'

const MINUTE_MS = 60_000
const question: ConversationItem = {
  itemId: 'item_u2',
  kind: 'message',
  role: 'user',
  text: 'Count to ten',
  status: 'completed'
}

/** The items and `respond` of the newest controller's replay. */
function replayOf(controller: FakeController): { items: ConversationItem[]; respond?: true } {
  const call = controller.calls.find((c) => c.method === 'seedHistory')
  if (call?.method !== 'seedHistory') throw new Error('no replay')
  return { items: call.items, ...(call.respond ? { respond: call.respond } : {}) }
}

describe('typed messages', () => {
  it('sends a message typed just before a drop again after the reconnect, once', async () => {
    const h = createManagerHarness()
    const first = await h.live()
    h.manager.sendText('Are you there?')
    expect(first.sentItemIds).toEqual(['item_typed_1'])
    first.drop() // before the server confirmed the item
    await h.fire()
    const second = h.controllers[1] as FakeController
    expect(replayOf(second)).toEqual({
      items: [
        ...HISTORY,
        {
          itemId: 'item_typed_1',
          kind: 'message',
          role: 'user',
          text: 'Are you there?',
          status: 'completed'
        }
      ],
      respond: true
    })
    // The new session confirms it; a later drop replays it as conversation, not as a new message.
    second.emit({ type: 'history', items: replayOf(second).items })
    second.drop()
    await h.fire()
    const ids = replayOf(h.controllers[2] as FakeController).items.map((item) => item.itemId)
    expect(ids.filter((id) => id === 'item_typed_1')).toHaveLength(1)
  })

  it('keeps a message typed during the reconnect and sends it with the replay', async () => {
    const h = createManagerHarness()
    ;(await h.live()).drop()
    expect(() => h.manager.sendText('Hello again')).not.toThrow()
    await h.fire()
    const replay = replayOf(h.controllers[1] as FakeController)
    expect(replay.items.at(-1)).toMatchObject({ itemId: 'item_typed_1', text: 'Hello again' })
    expect(replay.respond).toBe(true)
  })

  it('a confirmed message is not sent twice', async () => {
    const h = createManagerHarness()
    const first = await h.live()
    h.manager.sendText('Hi there')
    const typed: ConversationItem = {
      itemId: 'item_typed_1',
      kind: 'message',
      role: 'user',
      text: 'Hi there',
      status: 'completed'
    }
    const answer: ConversationItem = {
      itemId: 'item_a9',
      kind: 'message',
      role: 'assistant',
      text: 'Hello.',
      status: 'completed'
    }
    first.emit({ type: 'history', items: [...HISTORY, typed, answer] })
    first.emit({ type: 'response_done', responseId: 'r1', status: 'completed', usage: noUsage })
    first.drop()
    await h.fire()
    expect(replayOf(h.controllers[1] as FakeController)).toEqual({
      items: [...HISTORY, typed, answer]
    })
  })
})

const noUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 }

describe('an answer cut by a drop', () => {
  it('stops its playback, marks the caption heard up to where it stopped, replays the heard part and asks again', async () => {
    const h = createManagerHarness()
    const first = await h.live([...HISTORY, question])
    first.emit({ type: 'response_started', responseId: 'resp_1' })
    const answer: ConversationItem = {
      itemId: 'item_a2',
      kind: 'message',
      role: 'assistant',
      text: null,
      status: 'in_progress'
    }
    first.emit({ type: 'history', items: [...HISTORY, question, answer] })
    first.emit({ type: 'transcript_delta', role: 'assistant', itemId: 'item_a2', delta: 'One, ' })
    first.emit({
      type: 'transcript_delta',
      role: 'assistant',
      itemId: 'item_a2',
      delta: 'two, three, four.'
    })
    // One second of audio arrived; the renderer played half of it.
    first.emit({
      type: 'audio',
      responseId: 'resp_1',
      itemId: 'item_a2',
      pcm: new Uint8Array(48_000)
    })
    h.manager.reportPlayback('item_a2', 500)
    h.events.length = 0
    first.drop()
    expect(h.events.slice(0, 2)).toEqual([
      { type: 'audio_interrupted', itemId: 'item_a2' },
      { type: 'truncated', itemId: 'item_a2', audioEndMs: 500 }
    ])
    await h.fire()
    expect(replayOf(h.controllers[1] as FakeController)).toEqual({
      items: [...HISTORY, question, { ...answer, text: 'One, two,…', status: 'completed' }],
      respond: true
    })
  })

  it('asks for the answer when the drop came before any of it', async () => {
    const h = createManagerHarness()
    const first = await h.live([...HISTORY, question])
    first.emit({ type: 'response_started', responseId: 'resp_1' })
    first.drop()
    await h.fire()
    expect(replayOf(h.controllers[1] as FakeController)).toEqual({
      items: [...HISTORY, question],
      respond: true
    })
  })
})

describe('what else a replay carries', () => {
  it('a spoken turn without a transcript becomes a note, and a tool call keeps its output', async () => {
    const h = createManagerHarness()
    const spoken: ConversationItem = {
      itemId: 'item_s1',
      kind: 'message',
      role: 'user',
      text: null,
      status: 'completed'
    }
    const call: ConversationItem = {
      itemId: 'item_f1',
      kind: 'function_call',
      text: null,
      status: 'completed',
      name: 'get_current_time',
      arguments: '{}',
      output: '12:00'
    }
    const answer: ConversationItem = { ...HISTORY[1], itemId: 'item_a3' } as ConversationItem
    ;(await h.live([...HISTORY, spoken, call, answer])).drop()
    await h.fire()
    expect(replayOf(h.controllers[1] as FakeController).items).toEqual([
      ...HISTORY,
      { ...spoken, text: NOT_TRANSCRIBED_NOTE },
      call,
      answer
    ])
  })
})

describe('which ends reconnect', () => {
  it('reconnects after the server closes with 1011 (an internal error)', async () => {
    const h = createManagerHarness()
    const first = await h.live()
    first.end('The Realtime server closed the connection after an internal error.', 'server')
    expect(h.statuses()).toEqual([
      { type: 'status', status: 'reconnecting', reason: 'Reconnecting… (attempt 1 of 5)' }
    ])
    await h.fire()
    expect(replayOf(h.controllers[1] as FakeController).items).toEqual(HISTORY)
  })

  it('reconnects after the session time limit (an error, then close 1001)', async () => {
    const h = createManagerHarness()
    const first = await h.live()
    first.end('The Realtime session reached its time limit.', 'network')
    await h.fire()
    expect(h.statuses().at(-1)).toEqual({ type: 'status', status: 'connected' })
  })
})

describe('Connect after a failure', () => {
  it('keeps the conversation; New conversation starts an empty one', async () => {
    const failures = Array.from(
      { length: 5 },
      () => new RealtimeCoreError('network', 'unreachable')
    )
    const h = createManagerHarness({ startFailures: failures })
    ;(await h.live()).drop()
    for (let attempt = 0; attempt < 5; attempt++) await h.fire()
    expect(h.statuses().at(-1)).toMatchObject({ status: 'disconnected', code: 'network' })

    await h.manager.start()
    const reconnected = h.controllers.at(-1) as FakeController
    expect(replayOf(reconnected).items).toEqual(HISTORY)

    await h.manager.newConversation()
    const fresh = h.controllers.at(-1) as FakeController
    expect(fresh).not.toBe(reconnected)
    expect(fresh.calls).toEqual([{ method: 'start' }])
  })
})

describe('planned rollover before the session time limit', () => {
  const lifetimeMs = 60 * MINUTE_MS

  it('moves a quiet conversation to a fresh session at 54 minutes with no status change', async () => {
    const h = createManagerHarness({ sessionLifetimeMs: lifetimeMs })
    const first = await h.live()
    await h.advance(54 * MINUTE_MS - 1)
    expect(h.controllers).toHaveLength(1)
    await h.advance(1)
    expect(h.controllers).toHaveLength(2)
    const second = h.controllers[1] as FakeController
    expect(replayOf(second)).toEqual({ items: HISTORY })
    expect(first.calls.at(-1)).toEqual({ method: 'stop' })
    // Nothing the renderer would show: no reconnecting, no disconnected, no connecting.
    expect(h.statuses()).toEqual([])
    expect(h.logs.find((log) => log.message.includes('rolled over'))?.data).toMatchObject({
      gapMs: 0
    })
    h.manager.sendText('Still there?')
    expect(second.calls.at(-1)).toEqual({ method: 'sendText', text: 'Still there?' })
    const typed = { itemId: 'item_typed_1', kind: 'message', role: 'user', text: 'Still there?' }
    second.emit({
      type: 'history',
      items: [...HISTORY, { ...typed, status: 'completed' } as ConversationItem]
    })
    second.emit({ type: 'response_done', responseId: 'r2', status: 'completed', usage: noUsage })
    // …and the next rollover is planned for the new session.
    await h.advance(54 * MINUTE_MS)
    expect(h.controllers).toHaveLength(3)
  })

  it('waits while an answer is running or the user holds push-to-talk', async () => {
    const h = createManagerHarness({ sessionLifetimeMs: lifetimeMs })
    const first = await h.live()
    await h.advance(53 * MINUTE_MS)
    first.emit({ type: 'response_started', responseId: 'resp_1' })
    await h.advance(2 * MINUTE_MS)
    expect(h.controllers).toHaveLength(1)
    first.emit({ type: 'response_done', responseId: 'resp_1', status: 'completed', usage: noUsage })
    h.manager.pttDown()
    await h.advance(MINUTE_MS)
    expect(h.controllers).toHaveLength(1)
    h.manager.pttUp()
    await h.advance(1000)
    expect(h.controllers).toHaveLength(1) // not quiet long enough yet
    await h.advance(2000)
    expect(h.controllers).toHaveLength(2)
    expect(h.statuses()).toEqual([])
  })

  it('keeps the old session when the new one cannot connect, and tries again later', async () => {
    const h = createManagerHarness({
      sessionLifetimeMs: lifetimeMs,
      startFailures: [new RealtimeCoreError('network', 'unreachable')]
    })
    const first = await h.live()
    await h.advance(54 * MINUTE_MS)
    expect(h.controllers).toHaveLength(2)
    expect(first.status).toBe('connected')
    expect(h.statuses()).toEqual([])
    await h.advance(10_000)
    expect(h.controllers).toHaveLength(3)
    expect(first.calls.at(-1)).toEqual({ method: 'stop' })
  })
})

describe('resume from sleep and network changes', () => {
  it('probes the live socket at once', async () => {
    const h = createManagerHarness()
    const controller = await h.live()
    h.manager.checkConnection('resume')
    expect(controller.calls.at(-1)).toEqual({ method: 'checkConnection' })
  })

  it('ends a reconnect backoff wait at once', async () => {
    const h = createManagerHarness()
    ;(await h.live()).drop()
    expect(h.controllers).toHaveLength(1)
    h.manager.checkConnection('network-change')
    await settle()
    expect(h.controllers).toHaveLength(2)
    expect(h.statuses().at(-1)).toEqual({ type: 'status', status: 'connected' })
  })
})
