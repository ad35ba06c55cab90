// Audio turns over a bare ws client: push-to-talk commits, input transcription, and the fake VAD
// (speech_started/stopped, auto-commit, auto-response, barge-in).
import { afterEach, describe, expect, it } from 'vitest'
import { appendEvents, joinBytes, silenceBytes, speechBytes } from './audio-fixtures'
import { startFakeRealtimeServer, type FakeRealtimeOptions, type FakeRealtimeServer } from './index'
import { RawClient } from './raw-client'

let server: FakeRealtimeServer | undefined
let client: RawClient | undefined

async function ready(
  session: Record<string, unknown>,
  options: Partial<FakeRealtimeOptions> = {}
): Promise<[FakeRealtimeServer, RawClient]> {
  server = await startFakeRealtimeServer({ speed: 0, ...options })
  client = await RawClient.connect(server.url)
  client.send({ type: 'session.update', session: { type: 'realtime', ...session } })
  await client.waitFor('session.updated')
  return [server, client]
}

function sendAudio(c: RawClient, bytes: Uint8Array): void {
  for (const event of appendEvents(bytes)) c.send(event)
}

afterEach(async () => {
  client?.close()
  await server?.close()
  client = undefined
  server = undefined
})

const pushToTalk = {
  audio: {
    input: { turn_detection: null, transcription: { model: 'gpt-4o-mini-transcribe' } }
  }
}

describe('push-to-talk', () => {
  it('stamps a commit and its response.create, sent together, with the time they arrived', async () => {
    const [fake, c] = await ready(pushToTalk)
    const appends = appendEvents(joinBytes(speechBytes('what time is it'), silenceBytes(25)))
    for (const event of appends) c.send(event)
    const last = appends.at(-1)?.audio
    await fake.waitForClientEvent('input_audio_buffer.append', (e) => e.event.audio === last)
    // One tick, so one read on the fake's socket: the create arrived with the commit, before
    // the fake echoed, transcribed and logged the commit (the bench's "on the wire").
    c.send({ type: 'input_audio_buffer.commit' })
    c.send({ type: 'response.create' })
    await c.waitFor('response.created')
    const [commit] = fake.clientEvents.filter((e) => e.type === 'input_audio_buffer.commit')
    const [create] = fake.clientEvents.filter((e) => e.type === 'response.create')
    expect(create?.receivedAtMs).toBe(commit?.receivedAtMs)
  })

  it('commits the buffer as a user item with transcript null, then transcribes it', async () => {
    const [fake, c] = await ready(pushToTalk)
    const speech = joinBytes(speechBytes('what time is it'), silenceBytes(25))
    sendAudio(c, speech)
    c.send({ type: 'input_audio_buffer.commit' })
    const committed = await c.waitFor('input_audio_buffer.committed')
    expect(committed['previous_item_id']).toBeNull()
    const added = await c.waitFor('conversation.item.added')
    const item = added['item'] as { id: string; content: Record<string, unknown>[] }
    expect(item.id).toBe(committed['item_id'])
    expect(item).toMatchObject({ type: 'message', role: 'user', status: 'completed' })
    // The SDK's item schema needs the key itself, with null (reference §7).
    expect(item.content).toEqual([{ type: 'input_audio', transcript: null }])
    await c.waitFor('conversation.item.done')
    const seconds = (speech.byteLength / 48_000).toFixed(1)
    const completed = await c.waitFor('conversation.item.input_audio_transcription.completed')
    expect(completed).toMatchObject({
      item_id: item.id,
      content_index: 0,
      transcript: `(${seconds} seconds of speech)`
    })
    const deltas = c.ofType('conversation.item.input_audio_transcription.delta')
    expect(deltas.map((d) => d['delta']).join('')).toBe(completed['transcript'])
    c.send({ type: 'conversation.item.retrieve', item_id: item.id })
    const retrieved = (await c.waitFor('conversation.item.retrieved'))['item'] as {
      content: { transcript: string; audio: string }[]
    }
    expect(retrieved.content[0]?.transcript).toBe(completed['transcript'])
    expect(
      Buffer.from(retrieved.content[0]?.audio ?? '', 'base64').equals(Buffer.from(speech))
    ).toBe(true)
    expect(Buffer.from(fake.inputAudio(0)).equals(Buffer.from(speech))).toBe(true)
    c.send({ type: 'response.create' })
    await c.waitFor('response.done')
    expect(fake.responses[0]?.text).toBe(`I heard ${seconds} seconds of audio.`)
  })

  it('sends no transcription events when the session has no transcription', async () => {
    const [, c] = await ready(
      { audio: { input: { turn_detection: null, transcription: null } } },
      { transcribe: () => 'should not be used' }
    )
    sendAudio(c, speechBytes('hello'))
    c.send({ type: 'input_audio_buffer.commit' })
    await c.waitFor('conversation.item.done')
    c.send({ type: 'input_audio_buffer.clear' })
    await c.waitFor('input_audio_buffer.cleared')
    expect(c.types().filter((t) => t.includes('transcription'))).toEqual([])
  })

  it('clears the buffer on input_audio_buffer.clear', async () => {
    const [, c] = await ready(pushToTalk)
    sendAudio(c, speechBytes('hello'))
    c.send({ type: 'input_audio_buffer.clear' })
    await c.waitFor('input_audio_buffer.cleared')
    c.send({ type: 'input_audio_buffer.commit' })
    expect((await c.waitFor('error'))['error']).toMatchObject({
      code: 'input_audio_buffer_commit_empty'
    })
  })
})

describe('server VAD', () => {
  const vadSession = (turnDetection: Record<string, unknown>): Record<string, unknown> => ({
    audio: { input: { turn_detection: turnDetection } }
  })

  it('detects speech, commits it after the silence and answers on its own', async () => {
    const [fake, c] = await ready(vadSession({ type: 'server_vad', silence_duration_ms: 300 }))
    expect(c.ofType('session.updated')[0]?.['session']).toMatchObject({
      audio: {
        input: {
          turn_detection: {
            type: 'server_vad',
            silence_duration_ms: 300,
            prefix_padding_ms: 300,
            threshold: 0.5,
            create_response: true,
            interrupt_response: true
          }
        }
      }
    })
    sendAudio(c, joinBytes(silenceBytes(600), speechBytes('turn on the lights'), silenceBytes(500)))
    const started = await c.waitFor('input_audio_buffer.speech_started')
    const stopped = await c.waitFor('input_audio_buffer.speech_stopped')
    const committed = await c.waitFor('input_audio_buffer.committed')
    expect(stopped['item_id']).toBe(started['item_id'])
    expect(committed['item_id']).toBe(started['item_id'])
    // Speech begins at 600 ms on the input timeline; the start includes 300 ms of padding.
    const startMs = started['audio_start_ms'] as number
    expect(startMs).toBeGreaterThanOrEqual(300)
    expect(startMs).toBeLessThan(360)
    const endMs = stopped['audio_end_ms'] as number
    expect(Number.isInteger(endMs)).toBe(true)
    expect(endMs).toBeGreaterThan(600 + 1000)
    await c.waitFor('response.done')
    const turnMs = endMs - startMs
    expect(fake.responses[0]?.text).toBe(`I heard ${(turnMs / 1000).toFixed(1)} seconds of audio.`)
    const types = c.types()
    expect(types.indexOf('input_audio_buffer.committed')).toBeLessThan(
      types.indexOf('response.created')
    )
  })

  it('does not answer on its own when create_response is false', async () => {
    const [, c] = await ready(
      vadSession({ type: 'server_vad', silence_duration_ms: 200, create_response: false })
    )
    sendAudio(c, joinBytes(speechBytes('hello'), silenceBytes(400)))
    const committed = await c.waitFor('input_audio_buffer.committed')
    // Events are handled in order: anything the commit caused arrives before this answer.
    c.send({ type: 'conversation.item.retrieve', item_id: committed['item_id'] })
    await c.waitFor('conversation.item.retrieved')
    expect(c.ofType('response.created')).toEqual([])
  })

  it('uses semantic_vad eagerness to pick the silence it waits for', async () => {
    const [, c] = await ready(vadSession({ type: 'semantic_vad', eagerness: 'high' }))
    sendAudio(c, joinBytes(speechBytes('hello'), silenceBytes(300)))
    const stopped = await c.waitFor('input_audio_buffer.speech_stopped')
    expect(stopped['audio_end_ms']).toBeGreaterThan(250)
  })

  it('cancels the active response itself on speech when interrupt_response is on', async () => {
    const [fake, c] = await ready(vadSession({ type: 'server_vad', silence_duration_ms: 300 }), {
      speed: 1,
      reply: () => 'word '.repeat(40)
    })
    c.send({ type: 'response.create' })
    await c.waitFor('response.output_audio.delta')
    sendAudio(c, speechBytes('stop'))
    await c.waitFor('input_audio_buffer.speech_started')
    const done = await c.waitFor('response.done')
    expect(done['response']).toMatchObject({
      status: 'cancelled',
      status_details: { reason: 'turn_detected' }
    })
    const types = c.types()
    expect(types.indexOf('input_audio_buffer.speech_started')).toBeLessThan(
      types.indexOf('response.done')
    )
    expect(fake.responses[0]?.status).toBe('cancelled')
  })

  it('leaves the response running on speech when interrupt_response is off', async () => {
    const [fake, c] = await ready(
      vadSession({ type: 'server_vad', silence_duration_ms: 300, interrupt_response: false }),
      { speed: 2, reply: () => 'Okay then, here we go.' }
    )
    c.send({ type: 'response.create' })
    await c.waitFor('response.output_audio.delta')
    sendAudio(c, speechBytes('hm'))
    await c.waitFor('input_audio_buffer.speech_started')
    const done = await c.waitFor('response.done')
    expect(done['response']).toMatchObject({ status: 'completed' })
    const types = c.types()
    expect(types.indexOf('input_audio_buffer.speech_started')).toBeLessThan(
      types.indexOf('response.done')
    )
    expect(fake.responses[0]?.status).toBe('completed')
  })
})
