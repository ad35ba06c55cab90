import type { RealtimeItem } from '@openai/agents-realtime'
import { describe, expect, it } from 'vitest'
import { flattenHistory } from './history'

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
