// The Realtime core (real SDK, real `ws`) against the project's fake Realtime server on 127.0.0.1:
// every path a user can hit, each proven without a crash and with the right status and code.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { recordCoreEvents, type CoreEventRecorder } from '../doubles/core-event-recorder'
import { testRealtimeConfig } from '../doubles/realtime-config'
import type { RealtimeConfig } from '../../src/main/realtime/config'
import type { RealtimeControllerOptions } from '../../src/main/realtime/controller'
import { RealtimeController } from '../../src/main/realtime/controller'
import { RealtimeCoreError } from '../../src/main/realtime/controller-api'
import { createGetCurrentTimeTool } from '../../src/main/tools/clock'
import { CAPTURE_CHUNK_SAMPLES, PCM_BYTES_PER_SAMPLE, concatBytes } from '../../src/shared/pcm'
import type { FakeRealtimeOptions, FakeRealtimeServer } from '../fake-realtime'
import { FAKE_API_KEY, startFakeRealtimeServer } from '../fake-realtime'

/** Anything that escaped to the process: the core must never let that happen. */
const escaped: unknown[] = []
const recordEscape = (error: unknown): void => {
  escaped.push(error)
}

let fixtureDir = ''
/** "What time is it?" spoken by espeak-ng, as PCM16 24 kHz mono (the API's input format). */
let questionPcm: Buffer = Buffer.alloc(0)

/** The `data` chunk of a PCM WAV file, as sox writes it. */
function wavData(file: Buffer): Buffer {
  let offset = 12
  while (offset + 8 <= file.length) {
    const id = file.toString('ascii', offset, offset + 4)
    const size = file.readUInt32LE(offset + 4)
    if (id === 'data') return file.subarray(offset + 8, offset + 8 + size)
    offset += 8 + size + (size % 2)
  }
  throw new Error('No data chunk in the WAV file')
}

beforeAll(() => {
  process.on('uncaughtException', recordEscape)
  process.on('unhandledRejection', recordEscape)
  fixtureDir = mkdtempSync(join(tmpdir(), 'hark-rt-'))
  const spoken = join(fixtureDir, 'question.wav')
  const converted = join(fixtureDir, 'question-24k.wav')
  execFileSync('espeak-ng', ['-w', spoken, 'What time is it?'])
  execFileSync('sox', [spoken, '-r', '24000', '-c', '1', '-b', '16', converted])
  questionPcm = wavData(readFileSync(converted))
})

afterAll(() => {
  process.off('uncaughtException', recordEscape)
  process.off('unhandledRejection', recordEscape)
  rmSync(fixtureDir, { recursive: true, force: true })
})

let server: FakeRealtimeServer
const controllers: RealtimeController[] = []

beforeEach(async () => {
  escaped.length = 0
  // As fast as possible unless a test needs real-time pacing.
  // Byte-exact checks of one answer item; multi-item answers: test/integration/multi-item.test.ts.
  server = await startFakeRealtimeServer({ speed: 0, preamble: () => null })
})

afterEach(async () => {
  for (const controller of controllers.splice(0)) await controller.stop()
  await server.close()
  // Give late socket callbacks a chance to misbehave before checking.
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(escaped).toEqual([])
})

interface Session extends CoreEventRecorder {
  controller: RealtimeController
}

function session(
  config: Partial<RealtimeConfig> = {},
  options: RealtimeControllerOptions = {}
): Session {
  const controller = new RealtimeController(
    testRealtimeConfig(server.url, FAKE_API_KEY, config),
    options
  )
  controllers.push(controller)
  const { events, ofType, until } = recordCoreEvents(controller, 8000)
  return { controller, events, ofType, until }
}

async function startError(controller: RealtimeController): Promise<RealtimeCoreError> {
  try {
    await controller.start()
  } catch (error) {
    if (error instanceof RealtimeCoreError) return error
    throw error
  }
  throw new Error('start() resolved')
}

/** A long reply at real-time pacing, so that a test can interrupt it mid-way. */
function slowLongReplies(): Partial<FakeRealtimeOptions> {
  return {
    speed: 1,
    chunkMs: 50,
    reply: () => 'This answer is long enough to be interrupted. '.repeat(3)
  }
}

/** 20 ms chunks, as the capture worklet sends them (docs/architecture.md, "Audio path"). */
function appendInChunks(controller: RealtimeController, pcm: Buffer): void {
  const chunkBytes = CAPTURE_CHUNK_SAMPLES * PCM_BYTES_PER_SAMPLE
  // subarray views share the buffer's memory: the core must send only each chunk's own bytes.
  for (let offset = 0; offset < pcm.byteLength; offset += chunkBytes)
    controller.appendAudio(pcm.subarray(offset, offset + chunkBytes))
}

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()))
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

describe('RealtimeController against the fake Realtime server', () => {
  it('plays a text turn with audio byte-identical to what the server sent', async () => {
    const { controller, ofType, until } = session()
    await controller.start()
    expect(controller.status).toBe('connected')
    controller.sendText('Hello there')
    const done = await until('response_done')
    const [response] = await server.waitForResponses(1)
    expect(response?.status).toBe('completed')
    expect(done).toMatchObject({ responseId: response?.responseId, status: 'completed' })
    const audio = ofType('audio')
    expect(audio.length).toBeGreaterThan(1)
    expect(audio.every((event) => event.itemId === response?.itemId)).toBe(true)
    expect(concatBytes(audio.map((event) => event.pcm))).toEqual(response?.audio)
    expect(ofType('transcript_done')).toContainEqual({
      type: 'transcript_done',
      role: 'assistant',
      itemId: response?.itemId,
      text: response?.text
    })
    expect(ofType('transcript_done')).toContainEqual(
      expect.objectContaining({ role: 'user', text: 'Hello there' })
    )
  })

  it('asks the service to keep no traces unless the tracing setting is on', async () => {
    const tracingOf = async (tracing: boolean): Promise<unknown> => {
      const before = server.clientEvents.length
      const { controller } = session({ tracing })
      await controller.start()
      const update = await server.waitForClientEvent(
        'session.update',
        (event) => server.clientEvents.indexOf(event) >= before
      )
      await controller.stop()
      return (update.event['session'] as Record<string, unknown>)['tracing']
    }
    expect(await tracingOf(false)).toBeNull()
    expect(await tracingOf(true)).toBe('auto')
  })

  it('sends a spoken question exactly and commits it with a response request', async () => {
    const { controller, ofType, until } = session()
    await controller.start()
    appendInChunks(controller, questionPcm)
    expect(controller.commitUserTurn()).toBe(true)
    const commit = await server.waitForClientEvent('input_audio_buffer.commit')
    const create = await server.waitForClientEvent('response.create')
    expect(commit.receivedAtMs).toBeLessThanOrEqual(create.receivedAtMs)
    expect(server.inputAudioBytes(0)).toBe(questionPcm.byteLength)
    expect(server.inputAudio(0)).toEqual(new Uint8Array(questionPcm))
    await until('response_done')
    const userDone = ofType('transcript_done').filter((event) => event.role === 'user')
    expect(userDone).toHaveLength(1)
    expect(
      ofType('history')
        .at(-1)
        ?.items.map((item) => item.role)
    ).toEqual(['user', 'assistant'])
  })

  it('refuses to commit under 100 ms of audio and sends nothing', async () => {
    const { controller } = session()
    await controller.start()
    controller.appendAudio(questionPcm.subarray(0, 96 * 48))
    expect(controller.commitUserTurn()).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(server.clientEvents.map((event) => event.type)).not.toContain(
      'input_audio_buffer.commit'
    )
  })

  it('truncates an interrupted reply at exactly the reported played position', async () => {
    server.setOptions(slowLongReplies())
    const { controller, ofType, until } = session()
    await controller.start()
    controller.sendText('Tell me something long')
    const third = await until('audio', 3)
    controller.reportPlayback(third.itemId, 87.9)
    controller.interrupt()
    const heardAudio = ofType('audio').length
    const truncate = await server.waitForClientEvent('conversation.item.truncate')
    expect(truncate.event).toMatchObject({
      item_id: third.itemId,
      content_index: 0,
      audio_end_ms: 87
    })
    await server.waitForClientEvent('response.cancel')
    const [response] = await server.waitForResponses(1)
    expect(response?.status).toBe('cancelled')
    expect(ofType('truncated')).toEqual([
      { type: 'truncated', itemId: third.itemId, audioEndMs: 87 }
    ])
    expect(ofType('audio_interrupted')).toEqual([
      { type: 'audio_interrupted', itemId: third.itemId }
    ])
    await until('response_done')
    expect(ofType('audio')).toHaveLength(heardAudio)
  })

  it('cancels without a truncate when nothing was reported played', async () => {
    server.setOptions(slowLongReplies())
    const { controller, ofType, until } = session()
    await controller.start()
    controller.sendText('Tell me something long')
    await until('audio', 2)
    controller.interrupt()
    await server.waitForClientEvent('response.cancel')
    await server.waitForResponses(1)
    await until('response_done')
    expect(server.clientEvents.map((event) => event.type)).not.toContain(
      'conversation.item.truncate'
    )
    expect(ofType('truncated')).toEqual([])
    expect(ofType('audio_interrupted')).toHaveLength(1)
  })

  it('hands-free: the user’s speech interrupts the reply, truncated where playback was', async () => {
    server.setOptions(slowLongReplies())
    const { controller, ofType, until } = session({ turnDetection: 'server_vad' })
    await controller.start()
    controller.sendText('Tell me something long')
    const second = await until('audio', 2)
    controller.reportPlayback(second.itemId, 60.5)
    appendInChunks(controller, questionPcm)
    expect(await until('speech_started')).toMatchObject({ type: 'speech_started' })
    const truncate = await server.waitForClientEvent('conversation.item.truncate')
    expect(truncate.event).toMatchObject({ item_id: second.itemId, audio_end_ms: 60 })
    expect(ofType('audio_interrupted')).toEqual([
      { type: 'audio_interrupted', itemId: second.itemId }
    ])
    const [interrupted] = await server.waitForResponses(1)
    expect(interrupted?.status).toBe('cancelled')
    // interrupt_response: the server cancelled by itself, so the client sent no response.cancel.
    expect(server.clientEvents.map((event) => event.type)).not.toContain('response.cancel')
    // Silence ends the turn; the server commits and answers on its own (quickly, this time).
    server.setOptions({ speed: 0 })
    appendInChunks(controller, Buffer.alloc(48 * 800))
    await until('speech_stopped')
    await until('response_done', 2)
    expect(ofType('transcript_done')).toContainEqual(
      expect.objectContaining({ role: 'user', itemId: expect.any(String) as string })
    )
  })

  it('runs get_current_time when the model calls it and answers with its output', async () => {
    server.setOptions({
      toolCalls: (turn) =>
        turn.trigger === 'text'
          ? { name: 'get_current_time', arguments: { timeZone: 'UTC' } }
          : null
    })
    const clock = createGetCurrentTimeTool(() => new Date('2026-03-01T12:00:00Z'))
    const { controller, ofType, until } = session({}, { tools: [clock] })
    await controller.start()
    controller.sendText('What time is it in UTC?')
    const call = await until('tool_call')
    expect(call).toMatchObject({ name: 'get_current_time', arguments: '{"timeZone":"UTC"}' })
    const output = await server.waitForClientEvent(
      'conversation.item.create',
      (event) =>
        (event.event['item'] as { type?: string } | undefined)?.type === 'function_call_output'
    )
    const item = output.event['item'] as { call_id: string; output: string }
    expect(item.call_id).toBe(call.callId)
    expect(JSON.parse(item.output)).toMatchObject({
      timeZone: 'UTC',
      iso: '2026-03-01T12:00:00.000Z'
    })
    await until('response_done', 2)
    const spoken = ofType('transcript_done').filter((event) => event.role === 'assistant')
    expect(spoken.at(-1)?.text).toContain('2026-03-01T12:00:00.000Z')
    const history = ofType('history').at(-1)?.items ?? []
    expect(history.find((entry) => entry.kind === 'function_call')).toMatchObject({
      name: 'get_current_time',
      status: 'completed'
    })
  })

  it('rejects a wrong key with auth when the server closes with 3000', async () => {
    server.setOptions({ authFailure: 'close-3000' })
    const { controller, ofType } = session({ apiKey: () => 'sk-wrong' })
    const error = await startError(controller)
    expect(error.code).toBe('auth')
    expect(controller.status).toBe('disconnected')
    expect(ofType('status').at(-1)).toMatchObject({ status: 'disconnected', code: 'auth' })
  })

  it('rejects a wrong key with auth when the server refuses the upgrade with 401', async () => {
    server.setOptions({ authFailure: 'http-401' })
    const { controller, ofType } = session({ apiKey: () => 'sk-wrong' })
    const error = await startError(controller)
    expect(error.code).toBe('auth')
    expect(ofType('status').at(-1)).toMatchObject({ status: 'disconnected', code: 'auth' })
  })

  it('reports an unreachable server as network', async () => {
    const port = await freePort()
    const { controller, ofType } = session({ url: `ws://127.0.0.1:${port}/v1/realtime` })
    const error = await startError(controller)
    expect(error.code).toBe('network')
    expect(error.message).toContain(`Could not reach the Realtime server at 127.0.0.1:${port}`)
    expect(ofType('status').at(-1)).toMatchObject({ status: 'disconnected', code: 'network' })
  })

  it('reports a socket dropped mid-response as network, then starts a new session', async () => {
    server.faults.midResponse = { kind: 'drop', afterAudioChunks: 2 }
    const { controller, ofType, until } = session()
    await controller.start()
    controller.sendText('Hello there')
    const dropped = await until('status', 3)
    expect(dropped).toEqual({
      type: 'status',
      status: 'disconnected',
      reason: 'The connection to the Realtime server dropped.',
      code: 'network'
    })
    expect(() => controller.sendText('anyone?')).toThrow(
      expect.objectContaining({ code: 'not_connected' })
    )
    await controller.start()
    expect(server.connectionCount).toBe(2)
    controller.sendText('Hello again')
    await until('response_done')
    expect(ofType('response_done').at(-1)).toMatchObject({ status: 'completed' })
  })

  it('reports malformed server JSON as protocol and keeps the session working', async () => {
    server.faults.midResponse = { kind: 'malformed-json', afterAudioChunks: 1 }
    const { controller, ofType, until } = session()
    await controller.start()
    controller.sendText('Hello there')
    const error = await until('error')
    expect(error.code).toBe('protocol')
    await until('response_done')
    controller.sendText('Still there?')
    await until('response_done', 2)
    expect(ofType('response_done').map((event) => event.status)).toEqual(['completed', 'completed'])
    expect(controller.status).toBe('connected')
  })

  it('reports an item the SDK rejects as protocol, without a crash, and keeps working', async () => {
    const { controller, ofType, until } = session()
    await controller.start()
    server.inject('invalid-item')
    const error = await until('error')
    expect(error).toMatchObject({ code: 'protocol' })
    expect(error.message).toContain('conversation.item.added')
    controller.sendText('Still there?')
    await until('response_done')
    expect(ofType('response_done')[0]).toMatchObject({ status: 'completed' })
  })
})
