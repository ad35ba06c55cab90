// The fake is as strict as the API: every invalid or ill-timed client event earns an `error`
// (echoing the client's event_id) and changes nothing.
import { afterEach, describe, expect, it } from 'vitest'
import { base64, silenceBytes } from './audio-fixtures'
import { startFakeRealtimeServer, type FakeRealtimeServer } from './index'
import { RawClient } from './raw-client'

let server: FakeRealtimeServer | undefined
let client: RawClient | undefined

async function ready(): Promise<[FakeRealtimeServer, RawClient]> {
  server = await startFakeRealtimeServer({ speed: 0 })
  client = await RawClient.connect(server.url)
  client.send({
    type: 'session.update',
    session: { type: 'realtime', audio: { input: { turn_detection: null } } }
  })
  await client.waitFor('session.updated')
  return [server, client]
}

/** Sends `event` and returns the `error` payload of the next error event. */
async function errorFor(
  c: RawClient,
  event: Record<string, unknown> | string
): Promise<Record<string, unknown>> {
  const before = c.ofType('error').length
  if (typeof event === 'string') c.sendRaw(event)
  else c.send(event)
  const error = await c.waitFor('error', before)
  expect(error.event_id).toEqual(expect.any(String))
  return error['error'] as Record<string, unknown>
}

afterEach(async () => {
  client?.close()
  await server?.close()
  client = undefined
  server = undefined
})

describe('invalid client events', () => {
  it('rejects an unknown event type, naming the supported ones', async () => {
    const [fake, c] = await ready()
    const error = await errorFor(c, { type: 'response.creat', event_id: 'evt_typo' })
    expect(error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_value',
      param: 'type',
      event_id: 'evt_typo'
    })
    expect(error['message']).toContain("Invalid value: 'response.creat'. Supported values are:")
    expect(error['message']).toContain("'response.create'")
    expect(fake.responses).toEqual([])
    expect(fake.clientEvents.at(-1)?.error).toMatchObject({ code: 'invalid_value' })
  })

  it('rejects malformed JSON, non-objects and binary frames', async () => {
    const [, c] = await ready()
    expect(await errorFor(c, '{"type": "response.create"')).toMatchObject({
      code: 'invalid_json',
      event_id: null
    })
    expect(await errorFor(c, '[1, 2]')).toMatchObject({ code: 'invalid_type' })
    expect(await errorFor(c, '{"event_id": "evt_x"}')).toMatchObject({
      code: 'missing_required_parameter',
      param: 'type',
      event_id: 'evt_x'
    })
    c.socket.send(Buffer.from([1, 2, 3]), { binary: true })
    expect((await c.waitFor('error', 3))['error']).toMatchObject({ code: 'invalid_value' })
  })

  it('reports missing, unknown and mistyped parameters by path', async () => {
    const [, c] = await ready()
    expect(await errorFor(c, { type: 'conversation.item.create', event_id: 'e1' })).toMatchObject({
      code: 'missing_required_parameter',
      param: 'item',
      message: "Missing required parameter: 'item'.",
      event_id: 'e1'
    })
    const noContent = { type: 'conversation.item.create', item: { type: 'message', role: 'user' } }
    expect(await errorFor(c, noContent)).toMatchObject({
      code: 'missing_required_parameter',
      param: 'item.content'
    })
    const badPart = {
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 5 }] }
    }
    expect(await errorFor(c, badPart)).toMatchObject({
      code: 'invalid_type',
      param: 'item.content[0].text'
    })
    const before = server?.session()
    const unknown = { type: 'session.update', session: { type: 'realtime', voice_name: 'x' } }
    expect(await errorFor(c, unknown)).toMatchObject({
      code: 'unknown_parameter',
      message: "Unknown parameter: 'session.voice_name'."
    })
    const badEnum = {
      type: 'session.update',
      session: { type: 'realtime', audio: { input: { turn_detection: { type: 'magic_vad' } } } }
    }
    expect(await errorFor(c, badEnum)).toMatchObject({
      code: 'invalid_value',
      param: 'session.audio.input.turn_detection.type'
    })
    expect(server?.session()).toEqual(before)
    expect(await errorFor(c, { type: 'input_audio_buffer.append', audio: 123 })).toMatchObject({
      code: 'invalid_type',
      param: 'audio'
    })
  })

  it('rejects audio that is not base64 PCM16, keeping the buffer unchanged', async () => {
    const [fake, c] = await ready()
    for (const audio of ['not base64!', '', 'AAAA' /* 3 bytes */]) {
      const error = await errorFor(c, { type: 'input_audio_buffer.append', audio })
      expect(error).toMatchObject({ code: 'invalid_value', param: 'audio' })
    }
    expect(fake.inputAudioBytes()).toBe(0)
  })

  it('refuses a fake-unsupported format and a voice change after assistant audio', async () => {
    const [, c] = await ready()
    const pcmu = {
      type: 'session.update',
      session: { type: 'realtime', audio: { output: { format: { type: 'audio/pcmu' } } } }
    }
    expect(await errorFor(c, pcmu)).toMatchObject({ code: 'invalid_value' })
    c.send({ type: 'response.create' })
    await c.waitFor('response.done')
    const voice = {
      type: 'session.update',
      session: { type: 'realtime', audio: { output: { voice: 'ash' } } }
    }
    expect(await errorFor(c, voice)).toMatchObject({ code: 'cannot_update_voice' })
  })

  it('refuses reasoning for a model without it, and an unknown transcription model', async () => {
    const [, c] = await ready() // gpt-realtime: no reasoning
    const reasoning = {
      type: 'session.update',
      session: { type: 'realtime', reasoning: { effort: 'low' } }
    }
    expect(await errorFor(c, reasoning)).toMatchObject({
      code: 'invalid_value',
      param: 'session.reasoning'
    })
    const badEffort = {
      type: 'session.update',
      session: { type: 'realtime', model: 'gpt-realtime-2.1', reasoning: { effort: 'max' } }
    }
    expect(await errorFor(c, badEffort)).toMatchObject({ code: 'invalid_value' })
    const transcription = {
      type: 'session.update',
      session: { type: 'realtime', audio: { input: { transcription: { model: 'whisper-9' } } } }
    }
    expect(await errorFor(c, transcription)).toMatchObject({
      param: 'session.audio.input.transcription.model'
    })
    const fine = {
      type: 'session.update',
      session: { type: 'realtime', model: 'gpt-realtime-2.1', reasoning: { effort: 'xhigh' } }
    }
    c.send(fine)
    const updated = await c.waitFor('session.updated', 1)
    expect(updated['session']).toMatchObject({ reasoning: { effort: 'xhigh' } })
  })

  it('rejects output_audio_buffer.clear, which is WebRTC-only', async () => {
    const [, c] = await ready()
    expect(await errorFor(c, { type: 'output_audio_buffer.clear' })).toMatchObject({
      code: 'invalid_value'
    })
  })
})

describe('ill-timed client events', () => {
  it('refuses a second response.create while one is active, and lets the first finish', async () => {
    // 13 s of reply at speed 20 keeps the first response active meanwhile.
    server = await startFakeRealtimeServer({ speed: 20, reply: () => 'word '.repeat(40) })
    client = await RawClient.connect(server.url)
    client.send({ type: 'response.create', event_id: 'evt_first' })
    await client.waitFor('response.created')
    // The SDK releases its queued response.create when error.event_id names it (reference §4).
    expect(
      await errorFor(client, { type: 'response.create', event_id: 'evt_second' })
    ).toMatchObject({
      code: 'conversation_already_has_active_response',
      event_id: 'evt_second'
    })
    await client.waitFor('response.done')
    expect(server.responses.map((r) => r.status)).toEqual(['completed'])
  })

  it('refuses response.cancel with nothing active', async () => {
    const [, c] = await ready()
    expect(await errorFor(c, { type: 'response.cancel', event_id: 'evt_c' })).toMatchObject({
      code: 'response_cancel_not_active',
      message: 'Cancellation failed: no active response found',
      event_id: 'evt_c'
    })
  })

  it('refuses to commit an empty buffer or less than 100 ms, keeping what was appended', async () => {
    const [fake, c] = await ready()
    expect(await errorFor(c, { type: 'input_audio_buffer.commit' })).toMatchObject({
      code: 'input_audio_buffer_commit_empty',
      message: expect.stringContaining('buffer only has 0.00ms of audio') as string
    })
    c.send({ type: 'input_audio_buffer.append', audio: base64(silenceBytes(60)) })
    expect(await errorFor(c, { type: 'input_audio_buffer.commit' })).toMatchObject({
      code: 'input_audio_buffer_commit_empty',
      message: expect.stringContaining('60.00ms') as string
    })
    c.send({ type: 'input_audio_buffer.append', audio: base64(silenceBytes(60)) })
    c.send({ type: 'input_audio_buffer.commit' })
    const committed = await c.waitFor('input_audio_buffer.committed')
    c.send({ type: 'conversation.item.retrieve', item_id: committed['item_id'] })
    const item = (await c.waitFor('conversation.item.retrieved'))['item'] as {
      content: { audio: string }[]
    }
    expect(Buffer.from(item.content[0]?.audio ?? '', 'base64').byteLength).toBe(120 * 48)
    expect(fake.inputAudioBytes(0)).toBe(120 * 48)
  })

  it('validates truncation: integer ms, within the audio sent, of assistant audio only', async () => {
    const [, c] = await ready()
    c.send({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }
    })
    c.send({ type: 'response.create' })
    const done = await c.waitFor('response.done')
    const output = (done['response'] as { output: { id: string }[] }).output
    const itemId = output[0]?.id ?? ''
    const userId = (c.ofType('conversation.item.added')[0]?.['item'] as { id: string }).id
    const truncate = (item_id: string, audio_end_ms: number): Record<string, unknown> => ({
      type: 'conversation.item.truncate',
      item_id,
      content_index: 0,
      audio_end_ms
    })
    // The message the SDK's users hit before it floored the value (reference §8 #552).
    expect(await errorFor(c, truncate(itemId, 12.5))).toMatchObject({
      code: 'invalid_type',
      param: 'audio_end_ms',
      message:
        "Invalid type for 'audio_end_ms': expected an integer, but got a decimal number instead."
    })
    expect(await errorFor(c, truncate(itemId, 60_000))).toMatchObject({
      code: 'invalid_value',
      param: 'audio_end_ms',
      message: expect.stringMatching(
        /^Audio content of \d+ms is already shorter than 60000ms/
      ) as string
    })
    expect(await errorFor(c, truncate(userId, 10))).toMatchObject({ code: 'invalid_value' })
    expect(await errorFor(c, truncate('item_nope', 10))).toMatchObject({ code: 'item_not_found' })
    c.send(truncate(itemId, 100))
    expect(await c.waitFor('conversation.item.truncated')).toMatchObject({ audio_end_ms: 100 })
  })

  it('answers item_not_found for unknown items and unknown function calls', async () => {
    const [, c] = await ready()
    expect(
      await errorFor(c, { type: 'conversation.item.retrieve', item_id: 'item_x' })
    ).toMatchObject({
      code: 'item_not_found',
      param: 'item_id'
    })
    expect(
      await errorFor(c, { type: 'conversation.item.delete', item_id: 'item_x' })
    ).toMatchObject({
      code: 'item_not_found'
    })
    const orphan = {
      type: 'conversation.item.create',
      item: { type: 'function_call_output', call_id: 'call_none', output: 'x' }
    }
    expect(await errorFor(c, orphan)).toMatchObject({
      code: 'invalid_value',
      param: 'item.call_id'
    })
    const misplaced = {
      type: 'conversation.item.create',
      previous_item_id: 'item_x',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'x' }] }
    }
    expect(await errorFor(c, misplaced)).toMatchObject({ code: 'item_not_found' })
    expect(c.ofType('conversation.item.added')).toEqual([])
  })
})
