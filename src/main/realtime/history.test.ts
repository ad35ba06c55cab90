import type { RealtimeItem } from '@openai/agents-realtime'
import { describe, expect, it } from 'vitest'
import type { ConversationItem } from '../../shared/realtime-events'
import { flattenHistory, seedItems } from './history'

describe('flattenHistory', () => {
  it('keeps typed user text, transcribed user audio and assistant transcripts in order', () => {
    const items: RealtimeItem[] = [
      {
        itemId: 'item_1',
        type: 'message',
        role: 'user',
        status: 'completed',
        content: [{ type: 'input_text', text: 'hi' }]
      },
      {
        itemId: 'item_2',
        type: 'message',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_audio', transcript: 'Hello there.' }]
      },
      {
        itemId: 'item_3',
        type: 'message',
        role: 'user',
        status: 'completed',
        content: [{ type: 'input_audio', transcript: 'what time is it' }]
      },
      {
        itemId: 'item_4',
        type: 'message',
        role: 'assistant',
        status: 'in_progress',
        content: [{ type: 'output_text', text: 'It is' }]
      }
    ]
    expect(flattenHistory(items)).toEqual([
      { itemId: 'item_1', kind: 'message', role: 'user', text: 'hi', status: 'completed' },
      {
        itemId: 'item_2',
        kind: 'message',
        role: 'assistant',
        text: 'Hello there.',
        status: 'completed'
      },
      {
        itemId: 'item_3',
        kind: 'message',
        role: 'user',
        text: 'what time is it',
        status: 'completed'
      },
      { itemId: 'item_4', kind: 'message', role: 'assistant', text: 'It is', status: 'in_progress' }
    ])
  })

  it('gives null text while a transcript is not known yet', () => {
    const items: RealtimeItem[] = [
      {
        itemId: 'item_u',
        type: 'message',
        role: 'user',
        status: 'completed',
        content: [{ type: 'input_audio', transcript: null }]
      },
      {
        itemId: 'item_a',
        type: 'message',
        role: 'assistant',
        status: 'incomplete',
        content: [{ type: 'output_audio' }]
      }
    ]
    expect(flattenHistory(items).map((item) => item.text)).toEqual([null, null])
  })

  it('joins several content parts', () => {
    const items: RealtimeItem[] = [
      {
        itemId: 'item_1',
        type: 'message',
        role: 'user',
        status: 'completed',
        content: [
          { type: 'input_text', text: 'first' },
          { type: 'input_audio', transcript: 'second' }
        ]
      }
    ]
    expect(flattenHistory(items)[0]?.text).toBe('first second')
  })

  it('keeps function calls with their arguments and output', () => {
    const items: RealtimeItem[] = [
      {
        itemId: 'item_fc',
        type: 'function_call',
        status: 'completed',
        name: 'get_current_time',
        arguments: '{"timeZone":"UTC"}',
        output: '{"time":"12:00"}'
      },
      {
        itemId: 'item_mcp',
        type: 'mcp_call',
        status: 'in_progress',
        name: 'search',
        arguments: '{}',
        output: null
      }
    ]
    expect(flattenHistory(items)).toEqual([
      {
        itemId: 'item_fc',
        kind: 'function_call',
        text: null,
        status: 'completed',
        name: 'get_current_time',
        arguments: '{"timeZone":"UTC"}',
        output: '{"time":"12:00"}'
      },
      {
        itemId: 'item_mcp',
        kind: 'function_call',
        text: null,
        status: 'in_progress',
        name: 'search',
        arguments: '{}',
        output: null
      }
    ])
  })

  it('drops system messages and approval requests', () => {
    const items: RealtimeItem[] = [
      {
        itemId: 'item_s',
        type: 'message',
        role: 'system',
        content: [{ type: 'input_text', text: 'seed' }]
      },
      {
        itemId: 'item_ap',
        type: 'mcp_approval_request',
        serverLabel: 'x',
        name: 'y',
        arguments: {},
        approved: null
      }
    ]
    expect(flattenHistory(items)).toEqual([])
  })
})

/** A completed get_current_time call with its output. */
const timeCall = (itemId: string): ConversationItem => ({
  itemId,
  kind: 'function_call',
  text: null,
  status: 'completed',
  name: 'get_current_time',
  arguments: '{}',
  output: '12:00'
})

describe('seedItems', () => {
  const message = (
    itemId: string,
    role: 'user' | 'assistant',
    text: string | null,
    status: ConversationItem['status'] = 'completed'
  ): ConversationItem => ({ itemId, kind: 'message', role, text, status })

  it('replays user messages as input_text and assistant ones as output_text, ids kept', () => {
    expect(
      seedItems([message('item_1', 'user', 'hi'), message('item_2', 'assistant', ' Hello. ')])
    ).toEqual([
      {
        id: 'item_1',
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'hi' }]
      },
      {
        id: 'item_2',
        type: 'message',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'Hello.' }]
      }
    ])
  })

  it('replays a function call with its output, and leaves out unfinished items and items without words', () => {
    const call = timeCall('item_3')
    const running: ConversationItem = { ...call, itemId: 'item_8', output: null }
    const seeds = seedItems([
      message('item_1', 'user', 'time?'),
      call,
      running,
      message('item_4', 'assistant', 'It is noon, and', 'incomplete'),
      message('item_5', 'assistant', 'Half', 'in_progress'),
      message('item_6', 'user', null),
      message('item_7', 'user', '   ')
    ])
    expect(seeds).toEqual([
      seedItems([message('item_1', 'user', 'time?')])[0],
      {
        id: 'item_3',
        type: 'function_call',
        call_id: 'item_3',
        name: 'get_current_time',
        arguments: '{}'
      },
      { type: 'function_call_output', call_id: 'item_3', output: '12:00' }
    ])
  })

  it('never separates a call from its output when it keeps only the newest items', () => {
    const call = timeCall('item_c')
    const seeds = seedItems([call, message('item_9', 'assistant', 'Noon.')], 1)
    expect(seeds.map((seed) => seed.type)).toEqual(['message'])
    expect(seedItems([call, message('item_9', 'assistant', 'Noon.')], 2)).toHaveLength(3)
  })

  it('keeps only the most recent items', () => {
    const items = Array.from({ length: 60 }, (_, i) => message(`item_${i}`, 'user', `m${i}`))
    const seeds = seedItems(items)
    expect(seeds).toHaveLength(50)
    expect(seeds[0]).toMatchObject({ id: 'item_10' })
    expect(seedItems(items, 2).map((seed) => ('id' in seed ? seed.id : null))).toEqual([
      'item_58',
      'item_59'
    ])
  })
})
