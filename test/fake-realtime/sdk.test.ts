// The real @openai/agents-realtime SDK (WebSocket transport) against the fake: what Hark's core
// integration tests will rely on.
import {
  RealtimeAgent,
  RealtimeSession,
  tool,
  type RealtimeSessionOptions
} from '@openai/agents-realtime'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { chunked, joinBytes, silenceBytes, speechBytes, toArrayBuffer } from './audio-fixtures'
import { startFakeRealtimeServer, type FakeRealtimeOptions, type FakeRealtimeServer } from './index'

let server: FakeRealtimeServer | undefined
let session: RealtimeSession | undefined

interface Harness {
  server: FakeRealtimeServer
  session: RealtimeSession
  /** Every `error` the session emitted (a listener is mandatory, reference §7). */
  errors: unknown[]
  /** Bytes of every `audio` event, in order. */
  audio: Uint8Array[]
  disconnected: Promise<void>
}

async function connect(
  options: Partial<FakeRealtimeOptions> = {},
  sessionOptions: Partial<RealtimeSessionOptions> = {},
  agent = new RealtimeAgent({ name: 'Hark', instructions: 'Be brief.' }),
  apiKey?: string
): Promise<Harness> {
  // The SDK against one answer item per response; multi-item answers: multi-item.test.ts.
  server = await startFakeRealtimeServer({ speed: 20, preamble: () => null, ...options })
  session = new RealtimeSession(agent, {
    transport: 'websocket',
    model: 'gpt-realtime',
    ...sessionOptions
  })
  const errors: unknown[] = []
  const audio: Uint8Array[] = []
  session.on('error', (e) => errors.push(e.error))
  session.on('audio', (e) => audio.push(new Uint8Array(e.data)))
  const disconnected = new Promise<void>((resolve) =>
    session?.transport.on('connection_change', (status) => {
      if (status === 'disconnected') resolve()
    })
  )
  await session.connect({
    apiKey: apiKey ?? server.apiKey,
    url: `${server.url}?model=gpt-realtime`
  })
  return { server, session, errors, audio, disconnected }
}

function concat(chunks: Uint8Array[]): Buffer {
  return Buffer.concat(chunks)
}

/** Resolves when the SDK has handled the response.done of `count` responses. */
function turnsDone(s: RealtimeSession, count: number): Promise<void> {
  let seen = 0
  return new Promise((resolve) =>
    s.transport.on('turn_done', () => {
      if (++seen === count) resolve()
    })
  )
}

afterEach(async () => {
  session?.close()
  await server?.close()
  session = undefined
  server = undefined
})

describe('with the real SDK', () => {
  it('plays a text turn: audio bytes equal what the server sent, no errors', async () => {
    const h = await connect()
    const ended = new Promise<string>((resolve) =>
      h.session.on('agent_end', (_c, _a, text) => resolve(text))
    )
    h.session.sendMessage('hello there')
    expect(await ended).toBe('You said: hello there')
    const [response] = await h.server.waitForResponses(1)
    expect(h.audio.length).toBe(response?.audioChunks)
    expect(concat(h.audio).equals(Buffer.from(response?.audio ?? []))).toBe(true)
    expect(h.errors).toEqual([])
    expect(h.session.usage.totalTokens).toBeGreaterThan(0)
    expect(
      h.session.history.map((item): string[] =>
        item.type === 'message' && item.role !== 'system'
          ? [item.role, item.status, JSON.stringify(item.content)]
          : [item.type]
      )
    ).toEqual([
      ['user', 'completed', JSON.stringify([{ type: 'input_text', text: 'hello there' }])],
      [
        'assistant',
        'completed',
        expect.stringContaining('"transcript":"You said: hello there"') as string
      ]
    ])
    const update = await h.server.waitForClientEvent('session.update', (e) =>
      JSON.stringify(e.event).includes('Be brief.')
    )
    expect(update.error).toBeNull()
    expect(h.server.clientEvents.filter((e) => e.error !== null)).toEqual([])
  })

  it('runs a scripted tool call and answers with its output', async () => {
    const getWeather = tool({
      name: 'get_weather',
      description: 'The weather in a city',
      parameters: z.object({ city: z.string() }),
      execute: ({ city }) => Promise.resolve(`Sunny in ${city}`)
    })
    const agent = new RealtimeAgent({ name: 'Hark', tools: [getWeather] })
    const h = await connect(
      {
        toolCalls: (turn) =>
          turn.trigger === 'text' && turn.toolNames.includes('get_weather')
            ? { name: 'get_weather', arguments: { city: 'Paris' } }
            : null
      },
      {},
      agent
    )
    const done = turnsDone(h.session, 2)
    h.session.sendMessage('What is the weather in Paris?')
    await done
    const output = await h.server.waitForClientEvent('conversation.item.create', (e) =>
      JSON.stringify(e.event).includes('function_call_output')
    )
    expect(output.event['item']).toMatchObject({
      type: 'function_call_output',
      output: 'Sunny in Paris'
    })
    const responses = await h.server.waitForResponses(2)
    expect(responses.map((r) => r.kind)).toEqual(['function_call', 'audio'])
    expect(responses[1]?.text).toBe('Here is what the tool said: Sunny in Paris')
    expect(concat(h.audio).equals(Buffer.from(responses[1]?.audio ?? []))).toBe(true)
    expect(h.errors).toEqual([])
  })

  it('handles push-to-talk: commit, transcription and a requested response', async () => {
    const h = await connect({}, { config: { audio: { input: { turnDetection: null } } } })
    const speech = joinBytes(speechBytes('what is on my calendar'), silenceBytes(100))
    const transcribed = new Promise<void>((resolve) =>
      h.session.on('transport_event', (e) => {
        if (e.type === 'conversation.item.input_audio_transcription.completed') resolve()
      })
    )
    const done = turnsDone(h.session, 1)
    const chunks = chunked(speech)
    chunks.forEach((chunk, i) =>
      h.session.sendAudio(toArrayBuffer(chunk), { commit: i === chunks.length - 1 })
    )
    h.session.transport.sendEvent({ type: 'response.create' })
    await Promise.all([transcribed, done])
    expect(h.server.inputAudioBytes(0)).toBe(speech.byteLength)
    const seconds = (speech.byteLength / 48_000).toFixed(1)
    expect(h.server.responses[0]?.text).toBe(`I heard ${seconds} seconds of audio.`)
    const user = h.session.history.find((i) => i.type === 'message' && i.role === 'user')
    expect(user).toMatchObject({
      content: [{ type: 'input_audio', transcript: `(${seconds} seconds of speech)` }]
    })
    expect(h.errors).toEqual([])
  })

  it('handles a barge-in: the server cancels, the SDK truncates within what was sent', async () => {
    const h = await connect(
      { speed: 2, reply: (turn) => (turn.trigger === 'text' ? 'word '.repeat(40) : 'Sure.') },
      {
        config: {
          audio: { input: { turnDetection: { type: 'server_vad', silenceDurationMs: 300 } } }
        }
      }
    )
    const interrupted = new Promise<void>((resolve) =>
      h.session.on('audio_interrupted', () => resolve())
    )
    const firstAudio = new Promise<void>((resolve) => h.session.once('audio', () => resolve()))
    const done = turnsDone(h.session, 2)
    h.session.sendMessage('tell me a long story')
    await firstAudio
    for (const chunk of chunked(joinBytes(speechBytes('wait, stop'), silenceBytes(400))))
      h.session.sendAudio(toArrayBuffer(chunk))
    await interrupted
    const truncate = await h.server.waitForClientEvent('conversation.item.truncate')
    await done
    const [first, second] = h.server.responses
    expect(first?.status).toBe('cancelled')
    expect(second?.status).toBe('completed')
    const endMs = truncate.event['audio_end_ms'] as number
    expect(Number.isInteger(endMs)).toBe(true)
    expect(endMs).toBeLessThanOrEqual((first?.audio.byteLength ?? 0) / 48)
    expect(truncate.error).toBeNull()
    // interrupt_response is on in the session.updated echo, so the SDK sends no cancel (§5).
    expect(h.server.clientEvents.some((e) => e.type === 'response.cancel')).toBe(false)
    await h.server.waitForClientEvent(
      'conversation.item.retrieve',
      (e) => e.event['item_id'] === first?.itemId
    )
    expect(h.errors).toEqual([])
  })

  it('handles a manual interrupt: response.cancel and truncate are both accepted', async () => {
    const h = await connect({ speed: 2, reply: () => 'word '.repeat(40) })
    const firstAudio = new Promise<void>((resolve) => h.session.once('audio', () => resolve()))
    h.session.sendMessage('talk')
    await firstAudio
    h.session.interrupt()
    const cancel = await h.server.waitForClientEvent('response.cancel')
    const truncate = await h.server.waitForClientEvent('conversation.item.truncate')
    await h.server.waitForResponses(1)
    expect([cancel.error, truncate.error]).toEqual([null, null])
    expect(h.server.responses[0]?.status).toBe('cancelled')
    expect(h.errors).toEqual([])
  })

  it('surfaces a wrong key as an invalid_api_key error event, then disconnects', async () => {
    const h = await connect({}, {}, undefined, 'sk-wrong')
    await h.disconnected
    expect(h.errors).toEqual([
      expect.objectContaining({
        error: expect.objectContaining({ code: 'invalid_api_key' }) as unknown
      })
    ])
  })

  it('fails connect() on an HTTP 401 refusal', async () => {
    server = await startFakeRealtimeServer({ authFailure: 'http-401' })
    session = new RealtimeSession(new RealtimeAgent({ name: 'Hark' }), { transport: 'websocket' })
    session.on('error', () => undefined)
    await expect(
      session.connect({ apiKey: 'sk-wrong', url: `${server.url}?model=gpt-realtime` })
    ).rejects.toMatchObject({ message: expect.stringContaining('401') as string })
  })

  it('sees a dropped socket as a disconnect, with the audio sent so far intact', async () => {
    const h = await connect({ speed: 0 })
    h.server.faults.midResponse = { kind: 'drop', afterAudioChunks: 2 }
    h.session.sendMessage('hello')
    await h.disconnected
    const [response] = await h.server.waitForResponses(1)
    expect(response?.status).toBe('disconnected')
    expect(concat(h.audio).equals(Buffer.from(response?.audio ?? []))).toBe(true)
    expect(h.audio).toHaveLength(2)
    expect(h.errors).toEqual([])
  })
})
