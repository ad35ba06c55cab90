import { describe, expect, it } from 'vitest'
import { ipcContract } from '../../shared/ipc'
import type { RealtimeCoreEvent } from '../../shared/realtime-events'
import { createHarness } from '../../../test/doubles/hark-main-harness'
import { toIpcEvent } from './event-mapping'

const cases: [RealtimeCoreEvent, string][] = [
  [
    { type: 'status', status: 'disconnected', reason: 'Dropped.', code: 'network' },
    'session.status'
  ],
  [
    { type: 'audio', responseId: 'resp_1', itemId: 'item_1', pcm: new Uint8Array(4) },
    'audio.delta'
  ],
  [{ type: 'audio_interrupted', itemId: 'item_1' }, 'audio.flush'],
  [{ type: 'audio_done', responseId: 'resp_1', itemId: 'item_1' }, 'audio.done'],
  [
    { type: 'transcript_delta', role: 'assistant', itemId: 'item_1', delta: 'Hi' },
    'transcript.delta'
  ],
  [{ type: 'transcript_done', role: 'user', itemId: 'item_2', text: 'Hello' }, 'transcript.done'],
  [{ type: 'speech_started', itemId: null }, 'speech.started'],
  [{ type: 'speech_stopped', itemId: 'item_2' }, 'speech.stopped'],
  [
    {
      type: 'history',
      items: [{ itemId: 'item_1', kind: 'message', role: 'user', text: 'Hi', status: 'completed' }]
    },
    'history.updated'
  ],
  [{ type: 'response_started', responseId: 'resp_1' }, 'response.started'],
  [
    {
      type: 'response_done',
      responseId: 'resp_1',
      status: 'completed',
      usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 }
    },
    'response.done'
  ],
  [{ type: 'tool_call', callId: 'call_1', name: 'get_current_time', arguments: '{}' }, 'tool.call'],
  [{ type: 'truncated', itemId: 'item_1', audioEndMs: 640 }, 'item.truncated'],
  [
    {
      type: 'turn_metrics',
      responseId: 'resp_1',
      itemIds: ['item_1', 'item_2'],
      model: 'gpt-realtime-2.1',
      usage: {
        inputTokens: 30,
        outputTokens: 20,
        input: { text: 10, audio: 20, image: 0 },
        cachedInput: { text: 5, audio: 0, image: 0 },
        output: { text: 5, audio: 15 }
      },
      responseCostUsd: 0.002,
      transcriptionCostUsd: null,
      costUsd: null,
      latency: {
        startedBy: 'key_up',
        commitMs: 0,
        createdMs: 120.5,
        firstAudioMs: 180,
        heardMs: 70,
        totalMs: 370.5
      }
    },
    'turn.metrics'
  ],
  [{ type: 'error', code: 'server', message: 'The server failed.' }, 'error']
]

describe('core event → IPC event', () => {
  it('covers every core event type once', () => {
    expect(new Set(cases.map(([event]) => event.type)).size).toBe(cases.length)
  })

  it.each(cases)('maps %o to %s with a payload the contract accepts', (event, channel) => {
    const message = toIpcEvent(event)
    expect(message.channel).toBe(channel)
    const entry = ipcContract[message.channel]
    expect(entry.payload.safeParse(message.payload).success).toBe(true)
    const { type: _type, ...fields } = event
    expect(message.payload).toEqual(fields)
  })

  it('maps the session manager’s reconnecting status to a valid contract payload', () => {
    const message = toIpcEvent({
      type: 'status',
      status: 'reconnecting',
      reason: 'Reconnecting… (attempt 1 of 5)'
    })
    expect(message.channel).toBe('session.status')
    expect(ipcContract['session.status'].payload.safeParse(message.payload).success).toBe(true)
  })

  it('leaves out absent optional fields of a status', () => {
    expect(toIpcEvent({ type: 'status', status: 'connected' }).payload).toEqual({
      status: 'connected'
    })
  })

  it('delivers mapped events to every subscriber of the router', async () => {
    const h = await createHarness({ OPENAI_API_KEY: 'sk-test-0123456789' })
    const second: string[] = []
    const unsubscribe = h.router.subscribe((channel) => second.push(channel))
    await h.router.handleInvoke('session.start', undefined)
    h.controller().emit({ type: 'audio_interrupted', itemId: null })
    unsubscribe()
    h.controller().emit({ type: 'speech_started', itemId: null })
    expect(second).toEqual(['session.status', 'session.status', 'audio.flush'])
    expect(h.emitted.map((e) => e.channel).slice(-2)).toEqual(['audio.flush', 'speech.started'])
  })
})
