// The fake GPT-Live server is as strict as the protocol in the `openai` typings (reference §2): a
// client mistake the real API would reject fails here too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RawClient } from '../fake-realtime/raw-client'
import {
  base64,
  joinBytes,
  silenceBytes,
  speechBytes,
  chunked
} from '../fake-realtime/audio-fixtures'
import { startFakeLiveServer, type FakeLiveServer } from './index'

let server: FakeLiveServer
let client: RawClient

const start = { type: 'session.start', session: { model: 'gpt-live-1.1' } }

async function connect(): Promise<RawClient> {
  return RawClient.connect(server.url, { apiKey: server.apiKey, model: null })
}

function sendAudio(c: RawClient, bytes: Uint8Array): void {
  for (const chunk of chunked(bytes))
    c.send({ type: 'session.input_audio.append', audio: base64(chunk) })
}

beforeEach(async () => {
  server = await startFakeLiveServer({ speed: 0 })
  client = await connect()
})
afterEach(async () => {
  client.close()
  await server.close()
})

describe('the fake GPT-Live server', () => {
  it('refuses every command before session.start and starts with the documented defaults', async () => {
    client.send({ type: 'session.input_audio.append', audio: base64(silenceBytes(20)) })
    const refused = await client.waitFor('error')
    expect(refused['error']).toMatchObject({ code: 'session_not_started' })
    expect(server.inputAudio(0).byteLength).toBe(0)

    client.send({ ...start, event_id: 'start-1' })
    const started = await client.waitFor('session.started')
    expect(started['client_event_id']).toBe('start-1')
    expect(started['session']).toMatchObject({
      model: 'gpt-live-1.1',
      status: 'active',
      audio: { format: { type: 'audio/pcm', rate: 24000 }, output: { voice: 'marin' } }
    })
    client.send(start)
    expect((await client.waitFor('error', 1))['error']).toMatchObject({
      code: 'session_already_started'
    })
  })

  it('rejects an unknown event, an unknown parameter and events this fake does not simulate', async () => {
    client.send({ type: 'session.begin' })
    expect((await client.waitFor('error', 0))['error']).toMatchObject({
      code: 'invalid_value',
      param: 'type'
    })
    client.send({ type: 'session.start', session: { model: 'gpt-live-1', modalities: ['audio'] } })
    expect((await client.waitFor('error', 1))['error']).toMatchObject({
      code: 'unknown_parameter',
      param: 'session.modalities'
    })
    client.send(start)
    await client.waitFor('session.started')
    client.send({ type: 'response.create' })
    expect((await client.waitFor('error', 2))['error']).toMatchObject({ code: 'unsupported_event' })
    client.sendRaw('not json')
    expect((await client.waitFor('error', 3))['error']).toMatchObject({ code: 'invalid_json' })
  })

  it('rejects audio in the wrong format: at start, as odd bytes, or not base64', async () => {
    client.send({
      type: 'session.start',
      session: { model: 'gpt-live-1', audio: { format: { type: 'audio/pcm', rate: 22050 } } }
    })
    expect((await client.waitFor('error', 0))['error']).toMatchObject({ code: 'invalid_value' })
    client.send({
      type: 'session.start',
      session: { model: 'gpt-live-1', audio: { format: { type: 'audio/pcmu', rate: 8000 } } }
    })
    expect((await client.waitFor('error', 1))['error']).toMatchObject({
      code: 'unsupported_by_fake',
      param: 'session.audio.format'
    })
    client.send(start)
    await client.waitFor('session.started')
    client.send({ type: 'session.input_audio.append', audio: base64(new Uint8Array(3)) })
    expect((await client.waitFor('error', 2))['error']).toMatchObject({ code: 'invalid_audio' })
    client.send({ type: 'session.input_audio.append', audio: '%%%' })
    expect((await client.waitFor('error', 3))['error']).toMatchObject({ code: 'invalid_audio' })
    expect(server.inputAudio(0).byteLength).toBe(0)
  })

  it('rejects an unknown model, an unknown voice and more than 128 history messages', async () => {
    client.send({ type: 'session.start', session: { model: 'gpt-realtime' } })
    expect((await client.waitFor('error', 0))['error']).toMatchObject({ code: 'model_not_found' })
    client.send({
      type: 'session.start',
      session: { model: 'gpt-live-1', audio: { output: { voice: 'nova' } } }
    })
    expect((await client.waitFor('error', 1))['error']).toMatchObject({
      param: 'session.audio.output.voice'
    })
    const message = { role: 'user', content: [{ type: 'input_text', text: 'hi' }] }
    client.send({
      type: 'session.start',
      session: { model: 'gpt-live-1', input: Array(129).fill(message) }
    })
    expect((await client.waitFor('error', 2))['error']).toMatchObject({ param: 'session.input' })
    client.send({
      type: 'session.start',
      session: { model: 'gpt-live-1', input: Array(128).fill(message) }
    })
    await client.waitFor('session.started')
  })

  it('refuses a query string (the model goes in session.start) and a wrong key', async () => {
    await expect(
      RawClient.connect(server.url, { apiKey: server.apiKey, model: 'gpt-live-1' })
    ).rejects.toThrow('400')
    await expect(
      RawClient.connect(server.url, { apiKey: 'sk-wrong', model: null })
    ).rejects.toThrow('401')
  })

  it('answers an audio turn with timed caption fragments, the exact audio it records, and usage', async () => {
    client.send(start)
    await client.waitFor('session.started')
    sendAudio(
      client,
      joinBytes(silenceBytes(200), speechBytes('What is the weather like'), silenceBytes(700))
    )
    const [turn] = await server.waitForTurns(1)
    await client.waitFor('session.usage.updated')
    const heard = client.ofType('session.input_transcript.delta')
    expect(heard.map((e) => e['delta']).join('')).toMatch(/seconds of speech/)
    expect(heard[0]?.['start_ms']).toBe(200)
    const said = client.ofType('session.output_transcript.delta')
    expect(said.map((e) => e['delta']).join('')).toBe(turn!.replyText)
    for (const e of said) expect(e['end_ms']).toBeGreaterThan(e['start_ms'] as number)
    const audio = Buffer.concat(
      client
        .ofType('session.output_audio.delta')
        .map((e) => Buffer.from(e['delta'] as string, 'base64'))
    )
    expect(audio.equals(Buffer.from(turn!.audio))).toBe(true)
    const usage = client.ofType('session.usage.updated')[0]!
    expect((usage['usage'] as { seconds: number }).seconds).toBeGreaterThan(1)
  })

  it('hears nothing while muted and acknowledges mute and unmute', async () => {
    client.send(start)
    await client.waitFor('session.started')
    client.send({ type: 'session.input_audio.mute' })
    await client.waitFor('session.input_audio.muted')
    sendAudio(client, joinBytes(speechBytes('secret words here'), silenceBytes(700)))
    client.send({ type: 'session.input_audio.unmute' })
    await client.waitFor('session.input_audio.unmuted')
    expect(server.turns).toHaveLength(0)
    expect(client.ofType('session.input_transcript.delta')).toHaveLength(0)
  })

  it('delegates a task to the client and answers with the result it appends', async () => {
    server.setOptions({ delegate: () => true })
    client.send(start)
    await client.waitFor('session.started')
    sendAudio(client, joinBytes(speechBytes('What time is it'), silenceBytes(700)))
    const created = await client.waitFor('session.delegation.created')
    const delegation = created['delegation'] as { id: string; target: string }
    expect(delegation.target).toBe('client')
    client.send({ type: 'session.commentary.append', content: 'x', delegation_id: 'call_nope' })
    expect((await client.waitFor('error'))['error']).toMatchObject({ code: 'delegation_not_found' })
    client.send({
      type: 'session.commentary.append',
      content: 'It is noon.',
      delegation_id: delegation.id
    })
    await client.waitFor('session.commentary.appended')
    const [turn] = await server.waitForTurns(1)
    expect(turn!.replyText).toContain('It is noon.')
    expect(turn!.delegationId).toBe(delegation.id)
  })

  it('expires a session with session.closed and closes a requested one', async () => {
    client.send(start)
    await client.waitFor('session.started')
    server.endSession('expired')
    expect((await client.waitFor('session.closed'))['reason']).toBe('expired')
    expect(await client.waitForClose()).toBe(1000)

    const second = await connect()
    second.send(start)
    await second.waitFor('session.started')
    second.send({ type: 'session.close' })
    expect((await second.waitFor('session.closed'))['reason']).toBe('close_requested')
    second.close()
  })
})
