import { afterEach, describe, expect, it } from 'vitest'
import { testRealtimeConfig } from '../../../test/doubles/realtime-config'
import { recordCoreEvents, type CoreEventRecorder } from '../../../test/doubles/core-event-recorder'
import type { RealtimeConfig } from './config'
import { MissingApiKeyError } from './config'
import type { RealtimeControllerOptions } from './controller'
import { RealtimeController } from './controller'
import { exactArrayBuffer } from './pcm-buffer'
import { concatBytes } from '../../shared/pcm'
import { createGetCurrentTimeTool } from '../tools/clock'
import { RealtimeCoreError } from './controller-api'
import type { ScriptServer, ScriptServerOptions } from '../../../test/doubles/script-server'
import {
  patternPcm,
  sendAudioChunks,
  sendResponseEnd,
  sendResponseStart,
  startScriptServer
} from '../../../test/doubles/script-server'

interface Harness extends CoreEventRecorder {
  server: ScriptServer
  controller: RealtimeController
}

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function harness(
  serverOptions: ScriptServerOptions = {},
  config: Partial<RealtimeConfig> = {},
  options: RealtimeControllerOptions = {}
): Promise<Harness> {
  const server = await startScriptServer(serverOptions)
  const controller = new RealtimeController(
    testRealtimeConfig(server.url, 'sk-test', { instructions: 'Be terse.', ...config }),
    options
  )
  cleanups.push(async () => {
    await controller.stop()
    await server.close()
  })
  const { events, ofType, until } = recordCoreEvents(controller)
  return { server, controller, events, ofType, until }
}

async function rejection(promise: Promise<unknown>): Promise<RealtimeCoreError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof RealtimeCoreError) return error
    throw error
  }
  throw new Error('Expected a rejection')
}

describe('RealtimeController start/stop', () => {
  it('connects, configures the session and reports connected only after the server spoke', async () => {
    const { server, controller, ofType } = await harness()
    await controller.start()
    expect(controller.status).toBe('connected')
    expect(ofType('status').map((event) => event.status)).toEqual(['connecting', 'connected'])
    expect(server.authorizations).toEqual(['Bearer sk-test'])
    const update = await server.waitFor('session.update', 2)
    expect(update).toMatchObject({
      session: {
        instructions: 'Be terse.',
        model: 'gpt-realtime-2.1',
        audio: { input: { turn_detection: null }, output: { voice: 'marin' } }
      }
    })
  })

  it('rejects with auth when the server sends invalid_api_key and closes with 3000', async () => {
    const { controller, ofType } = await harness({ mode: { kind: 'bad_key' } })
    const error = await rejection(controller.start())
    expect(error.code).toBe('auth')
    expect(controller.status).toBe('disconnected')
    expect(ofType('status').at(-1)).toMatchObject({ status: 'disconnected', code: 'auth' })
  })

  it('rejects with auth on an HTTP 401 upgrade, and rate_limit on 429', async () => {
    const { server, controller } = await harness({ mode: { kind: 'http', status: 401 } })
    expect((await rejection(controller.start())).code).toBe('auth')
    server.mode = { kind: 'http', status: 429 }
    expect((await rejection(controller.start())).code).toBe('rate_limit')
  })

  it('rejects with network when nothing listens', async () => {
    const { server, controller } = await harness()
    await server.close()
    const error = await rejection(controller.start())
    expect(error.code).toBe('network')
    expect(error.message).toMatch(/^Could not reach the Realtime server at 127\.0\.0\.1:\d+/)
  })

  it('rejects a start that stop() interrupts, and stop() never throws', async () => {
    const { controller } = await harness({ sessionCreated: false })
    const starting = controller.start()
    await controller.stop()
    expect((await rejection(starting)).code).toBe('not_connected')
    expect(controller.status).toBe('disconnected')
    await controller.stop()
  })

  it('rejects with auth when no key is set, and a stop during the key lookup does not hang', async () => {
    const { controller } = await harness(
      {},
      {
        apiKey: () => {
          throw new MissingApiKeyError()
        }
      }
    )
    expect(await rejection(controller.start())).toMatchObject({
      code: 'auth',
      message: new MissingApiKeyError().message
    })
    const pending = await harness({}, { apiKey: () => new Promise<string>(() => undefined) })
    const starting = pending.controller.start()
    await pending.controller.stop()
    expect((await rejection(starting)).code).toBe('not_connected')
  })

  it('reports a dropped socket as network and can start again', async () => {
    const { server, controller, until } = await harness()
    await controller.start()
    server.drop()
    const status = await until('status', 3)
    expect(status).toEqual({
      type: 'status',
      status: 'disconnected',
      reason: 'The connection to the Realtime server dropped.',
      code: 'network'
    })
    await controller.start()
    expect(controller.status).toBe('connected')
  })
})

describe('RealtimeController turns', () => {
  it('delivers the audio of a text turn byte for byte, tagged with response and item', async () => {
    const { server, controller, ofType, until } = await harness()
    await controller.start()
    controller.sendText('hi')
    await server.waitFor('response.create')
    expect(server.ofType('conversation.item.create')[0]).toMatchObject({
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }
    })
    const response = {
      responseId: 'resp_1',
      itemId: 'item_a',
      chunks: [patternPcm(100, 1), patternPcm(100, 2), patternPcm(40, 3)],
      transcript: 'Hello.'
    }
    sendResponseStart(server, response)
    sendResponseEnd(server, response)
    const done = await until('response_done')
    expect(done).toEqual({
      type: 'response_done',
      responseId: 'resp_1',
      status: 'completed',
      usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 }
    })
    const audio = ofType('audio')
    expect(audio.every((event) => event.responseId === 'resp_1' && event.itemId === 'item_a')).toBe(
      true
    )
    expect(concatBytes(audio.map((event) => event.pcm))).toEqual(concatBytes(response.chunks))
    expect(ofType('transcript_delta')).toEqual([
      { type: 'transcript_delta', role: 'assistant', itemId: 'item_a', delta: 'Hello.' }
    ])
    expect(ofType('transcript_done')).toEqual([
      { type: 'transcript_done', role: 'assistant', itemId: 'item_a', text: 'Hello.' }
    ])
    expect(ofType('audio_done')).toEqual([
      { type: 'audio_done', responseId: 'resp_1', itemId: 'item_a' }
    ])
    expect(ofType('response_started')).toEqual([{ type: 'response_started', responseId: 'resp_1' }])
  })

  it('runs a local tool when the model calls it and sends its output back', async () => {
    const clock = createGetCurrentTimeTool(() => new Date('2026-03-01T12:00:00Z'))
    const { server, controller, until } = await harness({}, {}, { tools: [clock] })
    await controller.start()
    const update = await server.waitFor('session.update', 2)
    expect(update).toMatchObject({
      session: { tools: [{ type: 'function', name: 'get_current_time' }] }
    })
    controller.sendText('what time is it in Tokyo?')
    await server.waitFor('response.create')
    server.send({ type: 'response.created', response: { id: 'resp_fc', status: 'in_progress' } })
    const call = {
      id: 'item_fc',
      type: 'function_call',
      status: 'completed',
      call_id: 'call_1',
      name: 'get_current_time',
      arguments: '{"timeZone":"Asia/Tokyo"}'
    }
    server.send({
      type: 'response.output_item.done',
      response_id: 'resp_fc',
      output_index: 0,
      item: call
    })
    server.send({
      type: 'response.done',
      response: { id: 'resp_fc', status: 'completed', output: [call] }
    })
    expect(await until('tool_call')).toEqual({
      type: 'tool_call',
      callId: 'call_1',
      name: 'get_current_time',
      arguments: '{"timeZone":"Asia/Tokyo"}'
    })
    const output = await server.waitFor('conversation.item.create', 2)
    expect(output).toMatchObject({ item: { type: 'function_call_output', call_id: 'call_1' } })
    const item = output['item'] as { output: string }
    expect(JSON.parse(item.output)).toMatchObject({ timeZone: 'Asia/Tokyo' })
    // The follow-up response is requested after the tool's response is done (reference §4).
    await server.waitFor('response.create', 2)
  })

  it('sends appended audio exactly, and commits only with at least 100 ms', async () => {
    const { server, controller } = await harness()
    await controller.start()
    expect(() => controller.appendAudio(new Uint8Array(3))).toThrow(RealtimeCoreError)
    // A small Node Buffer lives inside a shared pool: only its own bytes may be sent.
    const pooled = Buffer.from(patternPcm(20, 5))
    expect(pooled.byteOffset > 0 || pooled.buffer.byteLength > pooled.byteLength).toBe(true)
    controller.appendAudio(pooled)
    expect(controller.commitUserTurn()).toBe(false)
    for (let i = 0; i < 4; i++) controller.appendAudio(patternPcm(20, i))
    expect(controller.commitUserTurn()).toBe(true)
    await server.waitFor('response.create')
    const appended = server
      .ofType('input_audio_buffer.append')
      .map((event) => new Uint8Array(Buffer.from(String(event['audio']), 'base64')))
    expect(appended[0]).toEqual(patternPcm(20, 5))
    expect(concatBytes(appended).byteLength).toBe(5 * 960)
    const types = server.received.map((event) => event.type)
    expect(types.indexOf('input_audio_buffer.commit')).toBeLessThan(
      types.indexOf('response.create')
    )
    expect(server.ofType('input_audio_buffer.commit')).toHaveLength(1)
  })

  it('refuses commands that need a session while disconnected', async () => {
    const { controller } = await harness()
    expect(() => controller.sendText('hi')).toThrow(
      expect.objectContaining({ code: 'not_connected' })
    )
    expect(() => controller.commitUserTurn()).toThrow(
      expect.objectContaining({ code: 'not_connected' })
    )
    controller.appendAudio(patternPcm(20))
  })
})

describe('RealtimeController interruption', () => {
  const response = {
    responseId: 'resp_1',
    itemId: 'item_a',
    chunks: [patternPcm(200, 1), patternPcm(200, 2), patternPcm(200, 3)]
  }

  it('truncates at the floored played position, cancels, and drops late deltas', async () => {
    const { server, controller, ofType, until } = await harness()
    await controller.start()
    controller.sendText('talk')
    await server.waitFor('response.create')
    sendResponseStart(server, response)
    await until('audio', 3)
    controller.reportPlayback('other_item', 999)
    controller.reportPlayback('item_a', 321.7)
    controller.interrupt()
    expect(ofType('audio_interrupted')).toEqual([{ type: 'audio_interrupted', itemId: 'item_a' }])
    expect(ofType('truncated')).toEqual([{ type: 'truncated', itemId: 'item_a', audioEndMs: 321 }])
    const truncate = await server.waitFor('conversation.item.truncate')
    expect(truncate).toMatchObject({ item_id: 'item_a', content_index: 0, audio_end_ms: 321 })
    await server.waitFor('response.cancel')
    sendAudioChunks(server, { ...response, chunks: [patternPcm(100, 9)] })
    sendResponseEnd(server, response, 'cancelled')
    await until('response_done')
    expect(ofType('audio')).toHaveLength(3)
    expect(ofType('audio_done')).toHaveLength(0)
  })

  it('cancels but sends no truncate before any playback report', async () => {
    const { server, controller, ofType, until } = await harness()
    await controller.start()
    controller.sendText('talk')
    await server.waitFor('response.create')
    sendResponseStart(server, response)
    await until('audio', 3)
    controller.interrupt()
    await server.waitFor('response.cancel')
    expect(ofType('audio_interrupted')).toHaveLength(1)
    expect(server.ofType('conversation.item.truncate')).toHaveLength(0)
    expect(ofType('truncated')).toHaveLength(0)
  })

  it('sends no truncate when the item was fully heard', async () => {
    const { server, controller, ofType, until } = await harness()
    await controller.start()
    controller.sendText('talk')
    await server.waitFor('response.create')
    sendResponseStart(server, response)
    sendResponseEnd(server, response)
    await until('response_done')
    controller.reportPlayback('item_a', 600)
    controller.interrupt()
    controller.sendText('again')
    await server.waitFor('response.create', 2)
    expect(server.ofType('conversation.item.truncate')).toHaveLength(0)
    expect(server.ofType('response.cancel')).toHaveLength(0)
    expect(ofType('audio_interrupted')).toHaveLength(1)
  })

  it('asks for the answer to a message typed during an answer once that answer ends', async () => {
    // The API refuses a response.create while a response is active
    // (conversation_already_has_active_response); the SDK's response-create sequencer holds it
    // until that response's response.done, and this guards the pin against losing that.
    const { server, controller, until } = await harness()
    await controller.start()
    controller.sendText('first')
    await server.waitFor('response.create')
    sendResponseStart(server, response)
    await until('response_started')
    controller.sendText('second')
    // Anything sent after the message arrives after it too: by then a response.create would have.
    controller.appendAudio(patternPcm(480, 1))
    await server.waitFor('input_audio_buffer.append')
    expect(server.ofType('conversation.item.create')).toHaveLength(2)
    expect(server.ofType('response.create')).toHaveLength(1)
    sendResponseEnd(server, response)
    await server.waitFor('response.create', 2)
    const types = server.received.map((event) => event.type)
    expect(types.lastIndexOf('response.create')).toBeGreaterThan(
      types.lastIndexOf('conversation.item.create')
    )
  })

  it('on VAD barge-in truncates at the played position and leaves the cancel to the server', async () => {
    const { server, controller, ofType, until } = await harness(
      {},
      { turnDetection: 'semantic_vad' }
    )
    await controller.start()
    await server.waitFor('session.update', 2)
    controller.sendText('talk')
    await server.waitFor('response.create')
    sendResponseStart(server, response)
    await until('audio', 3)
    controller.reportPlayback('item_a', 250)
    server.send({
      type: 'input_audio_buffer.speech_started',
      item_id: 'item_u',
      audio_start_ms: 10
    })
    const truncate = await server.waitFor('conversation.item.truncate')
    expect(truncate).toMatchObject({ item_id: 'item_a', audio_end_ms: 250 })
    expect(ofType('audio_interrupted')).toEqual([{ type: 'audio_interrupted', itemId: 'item_a' }])
    expect(ofType('speech_started')).toEqual([{ type: 'speech_started', itemId: 'item_u' }])
    // interrupt_response: the server cancels by itself; its late deltas are still dropped.
    sendAudioChunks(server, { ...response, chunks: [patternPcm(100, 9)] })
    sendResponseEnd(server, response, 'cancelled')
    await until('response_done')
    expect(server.ofType('response.cancel')).toHaveLength(0)
    expect(ofType('audio')).toHaveLength(3)
  })

  it('cancels an active response before its first audio delta', async () => {
    const { server, controller, ofType } = await harness()
    await controller.start()
    controller.sendText('use a tool')
    await server.waitFor('response.create')
    server.send({ type: 'response.created', response: { id: 'resp_t', status: 'in_progress' } })
    await new Promise((resolve) => setTimeout(resolve, 30))
    controller.interrupt()
    await server.waitFor('response.cancel')
    expect(ofType('audio_interrupted')).toEqual([{ type: 'audio_interrupted', itemId: null }])
  })

  it('cancels a response requested just before the interrupt once it is created', async () => {
    const { server, controller } = await harness()
    await controller.start()
    controller.sendText('hi')
    await server.waitFor('response.create')
    controller.interrupt()
    expect(server.ofType('response.cancel')).toHaveLength(0)
    server.send({ type: 'response.created', response: { id: 'resp_late', status: 'in_progress' } })
    await server.waitFor('response.cancel')
  })
})

describe('RealtimeController resilience', () => {
  it('reports malformed JSON as protocol and keeps working', async () => {
    const { server, controller, until } = await harness()
    await controller.start()
    server.sendRaw('{"type": "response.created", oops')
    const error = await until('error')
    expect(error.code).toBe('protocol')
    controller.sendText('still there?')
    await server.waitFor('response.create')
    const response = { responseId: 'resp_2', itemId: 'item_b', chunks: [patternPcm(50)] }
    sendResponseStart(server, response)
    sendResponseEnd(server, response)
    await until('response_done')
  })

  it('turns an item the SDK cannot parse into a protocol error, not a crash', async () => {
    const { server, controller, until } = await harness()
    await controller.start()
    // A user input_audio item without `transcript`: the SDK's zod parse throws in its listener.
    server.send({
      type: 'conversation.item.added',
      previous_item_id: null,
      item: {
        id: 'item_u',
        type: 'message',
        role: 'user',
        status: 'completed',
        content: [{ type: 'input_audio' }]
      }
    })
    const error = await until('error')
    expect(error).toMatchObject({ code: 'protocol' })
    expect(error.message).toContain('conversation.item.added')
    expect(controller.status).toBe('connected')
  })

  it('maps server error events to coded error events', async () => {
    const { server, controller, until } = await harness()
    await controller.start()
    server.send({
      type: 'error',
      error: { type: 'invalid_request_error', code: 'invalid_value', message: 'Bad value.' }
    })
    expect(await until('error')).toEqual({
      type: 'error',
      code: 'invalid_request',
      message: 'The Realtime API rejected a request: Bad value.'
    })
  })

  it('reports VAD speech and user transcripts', async () => {
    const { server, controller, ofType, until } = await harness({}, { turnDetection: 'server_vad' })
    await controller.start()
    server.send({ type: 'input_audio_buffer.speech_started', item_id: 'item_u', audio_start_ms: 0 })
    server.send({ type: 'input_audio_buffer.speech_stopped', item_id: 'item_u', audio_end_ms: 900 })
    server.send({
      type: 'conversation.item.input_audio_transcription.delta',
      item_id: 'item_u',
      content_index: 0,
      delta: 'what time'
    })
    server.send({
      type: 'conversation.item.input_audio_transcription.completed',
      item_id: 'item_u',
      content_index: 0,
      transcript: 'what time is it'
    })
    await until('transcript_done')
    expect(ofType('speech_started')).toEqual([{ type: 'speech_started', itemId: 'item_u' }])
    expect(ofType('speech_stopped')).toEqual([{ type: 'speech_stopped', itemId: 'item_u' }])
    expect(ofType('transcript_delta')).toEqual([
      { type: 'transcript_delta', role: 'user', itemId: 'item_u', delta: 'what time' }
    ])
    expect(ofType('transcript_done')).toEqual([
      { type: 'transcript_done', role: 'user', itemId: 'item_u', text: 'what time is it' }
    ])
  })
})

describe('exactArrayBuffer', () => {
  it('returns a buffer holding exactly the chunk', () => {
    const pool = new Uint8Array([9, 9, 1, 2, 3, 4, 9])
    const view = pool.subarray(2, 6)
    expect(new Uint8Array(exactArrayBuffer(view))).toEqual(new Uint8Array([1, 2, 3, 4]))
    const whole = new Uint8Array([5, 6])
    expect(exactArrayBuffer(whole)).toBe(whole.buffer)
  })
})
