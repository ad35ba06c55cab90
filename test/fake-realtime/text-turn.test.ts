// Text turns with a bare ws client: the event sequence the GA API sends (reference §9b), paced
// audio, cancel, truncate/retrieve/delete, text-only and out-of-band responses, function calls.
import { afterEach, describe, expect, it } from 'vitest'
import { startFakeRealtimeServer, type FakeRealtimeOptions, type FakeRealtimeServer } from './index'
import { RawClient, audioOf } from './raw-client'
import { pcm16ToBytes, speechDurationMs, synthesizeSpeech } from './speech-synth'

let server: FakeRealtimeServer | undefined
let client: RawClient | undefined

/** A connected client with turn detection off (push-to-talk), ready for a turn. */
async function ready(
  options: Partial<FakeRealtimeOptions> = {}
): Promise<[FakeRealtimeServer, RawClient]> {
  // The GA event sequence of ONE output item; preambles (multi-item) are multi-item.test.ts's.
  server = await startFakeRealtimeServer({ preamble: () => null, ...options })
  client = await RawClient.connect(server.url)
  client.send({
    type: 'session.update',
    session: { type: 'realtime', audio: { input: { turn_detection: null } } }
  })
  await client.waitFor('session.updated')
  return [server, client]
}

function say(client: RawClient, text: string): void {
  client.send({
    type: 'conversation.item.create',
    item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] }
  })
}

afterEach(async () => {
  client?.close()
  await server?.close()
  client = undefined
  server = undefined
})

describe('text turn', () => {
  it('streams the GA event sequence with interleaved transcript and audio deltas', async () => {
    const [fake, client] = await ready({ speed: 0 })
    say(client, 'hi there')
    client.send({ type: 'response.create', event_id: 'evt_create_1' })
    await client.waitFor('response.done')
    const events = client.events.slice(2)
    const types = events.map((e) => e.type)
    const isDelta = (t: string): boolean =>
      t === 'response.output_audio.delta' || t === 'response.output_audio_transcript.delta'
    expect(types.filter((t) => !isDelta(t))).toEqual([
      'conversation.item.added',
      'conversation.item.done',
      'response.created',
      'response.output_item.added',
      'conversation.item.added',
      'response.content_part.added',
      'response.output_audio.done',
      'response.output_audio_transcript.done',
      'response.content_part.done',
      'response.output_item.done',
      'conversation.item.done',
      'response.done'
    ])
    const partAdded = types.indexOf('response.content_part.added')
    const audioDone = types.indexOf('response.output_audio.done')
    expect(types.slice(partAdded + 1, audioDone).every(isDelta)).toBe(true)
    expect(types[partAdded + 1]).toBe('response.output_audio_transcript.delta')

    const reply = 'You said: hi there'
    const transcript = events
      .filter((e) => e.type === 'response.output_audio_transcript.delta')
      .map((e) => e['delta'] as string)
      .join('')
    expect(transcript).toBe(reply)
    expect(client.ofType('response.output_audio_transcript.done')[0]?.['transcript']).toBe(reply)

    const audioDeltas = client.ofType('response.output_audio.delta')
    const sizes = audioDeltas.map((e) => Buffer.from(e['delta'] as string, 'base64').byteLength)
    expect(sizes.length).toBe(Math.ceil(speechDurationMs(reply) / 100))
    expect(sizes.slice(0, -1).every((s) => s === 4800)).toBe(true)
    const audio = audioOf(client.events)
    expect(audio.equals(Buffer.from(fake.responses[0]?.audio ?? []))).toBe(true)
    expect(audio.equals(Buffer.from(pcm16ToBytes(synthesizeSpeech(reply))))).toBe(true)

    const ids = client.events.map((e) => e.event_id)
    expect(ids.every((id) => typeof id === 'string')).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)

    const [userAdded, assistantAdded] = client.ofType('conversation.item.added')
    const userItem = userAdded?.['item'] as Record<string, unknown>
    expect(userAdded?.['previous_item_id']).toBeNull()
    expect(userItem).toMatchObject({ object: 'realtime.item', status: 'completed', role: 'user' })
    expect(assistantAdded?.['previous_item_id']).toBe(userItem['id'])
    const done = await client.waitFor('response.done')
    const response = done['response'] as Record<string, unknown>
    const responseId = (client.ofType('response.created')[0]?.['response'] as { id: string }).id
    expect(response).toMatchObject({ id: responseId, status: 'completed' })
    expect(audioDeltas.every((e) => e['response_id'] === responseId)).toBe(true)
    expect(response['output']).toEqual([
      expect.objectContaining({ content: [{ type: 'output_audio', transcript: reply }] })
    ])
    const usage = response['usage'] as Record<string, number>
    expect(usage['total_tokens']).toBe((usage['input_tokens'] ?? 0) + (usage['output_tokens'] ?? 0))
    expect(usage['output_tokens']).toBeGreaterThan(0)
    expect(fake.responses[0]).toMatchObject({ status: 'completed', text: reply, kind: 'audio' })
  })

  it('paces audio: when the first chunk arrives most of the reply is still unsent', async () => {
    const [fake, client] = await ready({ speed: 1, reply: () => 'word '.repeat(30) })
    say(client, 'talk for a while')
    client.send({ type: 'response.create' })
    await client.waitFor('response.output_audio.delta')
    // ~10 s of audio at real time: a few 100 ms chunks at most have gone out, not the 98.
    expect(fake.responses[0]?.audioChunks).toBeLessThan(50)
    client.send({ type: 'response.cancel' })
    await client.waitFor('response.done')
  })

  it('stops on response.cancel and closes the response as cancelled', async () => {
    const [fake, client] = await ready({ speed: 5, reply: () => 'word '.repeat(30) })
    say(client, 'go on')
    client.send({ type: 'response.create' })
    await client.waitFor('response.output_audio.delta', 1)
    client.send({ type: 'response.cancel' })
    const done = await client.waitFor('response.done')
    expect(done['response']).toMatchObject({
      status: 'cancelled',
      status_details: { type: 'cancelled', reason: 'client_cancelled' }
    })
    const types = client.types()
    expect(types.lastIndexOf('response.output_audio.delta')).toBeLessThan(
      types.indexOf('response.output_audio.done')
    )
    const itemDone = client.ofType('response.output_item.done')[0]?.['item']
    expect(itemDone).toMatchObject({ status: 'incomplete' })
    const record = fake.responses[0]
    expect(record?.status).toBe('cancelled')
    expect(audioOf(client.events).equals(Buffer.from(record?.audio ?? []))).toBe(true)
    expect(record?.audio.byteLength).toBeLessThan(
      pcm16ToBytes(synthesizeSpeech(record?.text ?? '')).byteLength
    )
  })

  it('truncates an assistant item and retrieves it without its transcript', async () => {
    const [, client] = await ready({ speed: 0 })
    say(client, 'hello')
    client.send({ type: 'response.create' })
    const done = await client.waitFor('response.done')
    const itemId = ((done['response'] as { output: { id: string }[] }).output[0] ?? { id: '' }).id
    client.send({
      type: 'conversation.item.truncate',
      item_id: itemId,
      content_index: 0,
      audio_end_ms: 500
    })
    expect(await client.waitFor('conversation.item.truncated')).toMatchObject({
      item_id: itemId,
      content_index: 0,
      audio_end_ms: 500
    })
    client.send({ type: 'conversation.item.retrieve', item_id: itemId })
    const item = (await client.waitFor('conversation.item.retrieved'))['item'] as {
      content: { type: string; transcript: string; audio: string }[]
    }
    expect(item.content[0]).toMatchObject({ type: 'output_audio', transcript: '' })
    expect(Buffer.from(item.content[0]?.audio ?? '', 'base64').byteLength).toBe(500 * 48)
  })

  it('deletes items and answers text-only sessions with output_text', async () => {
    const [, client] = await ready({ speed: 0 })
    client.send({
      type: 'session.update',
      session: { type: 'realtime', output_modalities: ['text'] }
    })
    say(client, 'hello')
    client.send({ type: 'response.create' })
    await client.waitFor('response.done')
    expect(client.ofType('response.output_audio.delta')).toEqual([])
    const text = client
      .ofType('response.output_text.delta')
      .map((e) => e['delta'] as string)
      .join('')
    expect(text).toBe('You said: hello')
    expect(client.ofType('response.output_text.done')[0]?.['text']).toBe(text)
    const userId = (client.ofType('conversation.item.added')[0]?.['item'] as { id: string }).id
    client.send({ type: 'conversation.item.delete', item_id: userId })
    expect(await client.waitFor('conversation.item.deleted')).toMatchObject({ item_id: userId })
  })

  it('keeps an out-of-band response (conversation: none) out of the conversation', async () => {
    const [, client] = await ready({ speed: 0, reply: () => 'Summary.' })
    client.send({
      type: 'response.create',
      response: { conversation: 'none', output_modalities: ['text'] }
    })
    const done = await client.waitFor('response.done')
    expect(client.ofType('conversation.item.added')).toEqual([])
    const itemId = ((done['response'] as { output: { id: string }[] }).output[0] ?? { id: '' }).id
    client.send({ type: 'conversation.item.retrieve', item_id: itemId })
    expect((await client.waitFor('error'))['error']).toMatchObject({ code: 'item_not_found' })
  })
})

describe('function calls', () => {
  it('emits a scripted function call, accepts its output and answers with it', async () => {
    const [fake, client] = await ready({
      speed: 0,
      toolCalls: (turn) =>
        turn.trigger === 'text' ? { name: 'get_weather', arguments: { city: 'Paris' } } : null
    })
    say(client, 'weather?')
    client.send({ type: 'response.create' })
    await client.waitFor('response.done')
    const added = client.ofType('response.output_item.added')[0]?.['item']
    expect(added).toMatchObject({ type: 'function_call', status: 'in_progress', arguments: '' })
    const args = client
      .ofType('response.function_call_arguments.delta')
      .map((e) => e['delta'] as string)
      .join('')
    expect(args).toBe('{"city":"Paris"}')
    const itemDone = await client.waitFor('response.output_item.done')
    expect(itemDone['item']).toMatchObject({
      type: 'function_call',
      status: 'completed',
      name: 'get_weather',
      arguments: args
    })
    expect(itemDone['response_id']).toEqual(expect.stringMatching(/^resp_/))
    const callId = (itemDone['item'] as { call_id: string }).call_id
    expect(client.ofType('response.function_call_arguments.done')[0]).toMatchObject({
      call_id: callId,
      name: 'get_weather',
      arguments: args
    })
    client.send({
      type: 'conversation.item.create',
      item: { type: 'function_call_output', call_id: callId, output: 'Sunny, 21 °C' }
    })
    client.send({ type: 'response.create' })
    await client.waitFor('response.done', 1)
    expect(fake.responses.map((r) => [r.kind, r.status])).toEqual([
      ['function_call', 'completed'],
      ['audio', 'completed']
    ])
    expect(fake.responses[1]?.text).toBe('Here is what the tool said: Sunny, 21 °C')
  })
})

describe('a message typed during a response', () => {
  it('is what the next response answers', async () => {
    // Typed during the preamble, the item lands before the answer item; the next response is
    // still its answer (the client waits for response.done before asking, as the SDK does).
    const [fake, client] = await ready({
      speed: 4,
      reply: (turn) => `${turn.trigger}: ${turn.userText ?? ''}`,
      preamble: (turn) => (turn.responseIndex === 0 ? 'One moment.' : null)
    })
    say(client, 'one')
    client.send({ type: 'response.create' })
    await client.waitFor('response.output_audio.delta')
    say(client, 'three')
    await client.waitFor('response.done')
    client.send({ type: 'response.create' })
    await client.waitFor('response.done', 1)
    expect(fake.responses.map((r) => r.text)).toEqual(['text: one', 'text: three'])
    // Asked again with nothing new, the model has no input to answer.
    client.send({ type: 'response.create' })
    await client.waitFor('response.done', 2)
    expect(fake.responses[2]?.text).toBe('none: three')
  })
})
