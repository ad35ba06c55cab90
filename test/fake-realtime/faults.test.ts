// Fault injection and the recording helpers tests rely on.
import { afterEach, describe, expect, it } from 'vitest'
import { appendEvents, silenceBytes } from './audio-fixtures'
import { startFakeRealtimeServer, type FakeRealtimeServer } from './index'
import { RawClient } from './raw-client'

let server: FakeRealtimeServer | undefined
const clients: RawClient[] = []

async function start(
  options: Parameters<typeof startFakeRealtimeServer>[0] = {}
): Promise<FakeRealtimeServer> {
  server = await startFakeRealtimeServer({ speed: 0, ...options })
  return server
}

async function connect(fake: FakeRealtimeServer): Promise<RawClient> {
  const client = await RawClient.connect(fake.url)
  clients.push(client)
  await client.waitFor('session.created')
  return client
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.close()
  await server?.close()
  server = undefined
})

describe('mid-response faults', () => {
  it('drops the socket after N audio chunks, once', async () => {
    const fake = await start()
    fake.faults.midResponse = { kind: 'drop', afterAudioChunks: 3 }
    const client = await connect(fake)
    client.send({ type: 'response.create' })
    // No close frame: the client sees 1006, as after a network failure.
    expect(await client.waitForClose()).toBe(1006)
    expect(client.ofType('response.output_audio.delta')).toHaveLength(3)
    expect(client.ofType('response.done')).toEqual([])
    expect(fake.responses[0]?.status).toBe('disconnected')
    expect(fake.responses[0]?.audio.byteLength).toBe(3 * 4800)
    expect(fake.faults.midResponse).toBeNull()

    const again = await connect(fake)
    again.send({ type: 'response.create' })
    expect((await again.waitFor('response.done'))['response']).toMatchObject({
      status: 'completed'
    })
  })

  it('sends malformed JSON, then carries on with the response', async () => {
    const fake = await start({
      faults: { midResponse: { kind: 'malformed-json', afterAudioChunks: 1 } }
    })
    const client = await connect(fake)
    client.send({ type: 'response.create' })
    await client.waitFor('response.done')
    expect(client.badFrames).toHaveLength(1)
    expect(() => JSON.parse(client.badFrames[0] ?? '') as unknown).toThrow()
  })

  it('sends an unknown event type with an event_id', async () => {
    const fake = await start()
    fake.faults.midResponse = { kind: 'unknown-event', afterAudioChunks: 0 }
    const client = await connect(fake)
    client.send({ type: 'response.create' })
    await client.waitFor('response.done')
    const types = client.types()
    expect(types.indexOf('fake.unknown_event')).toBeLessThan(
      types.indexOf('response.output_audio.delta')
    )
    expect(client.ofType('fake.unknown_event')[0]?.event_id).toEqual(expect.any(String))
  })

  it('sends a user item without the transcript key the SDK requires', async () => {
    const fake = await start()
    const client = await connect(fake)
    fake.inject('invalid-item')
    const added = await client.waitFor('conversation.item.added')
    const content = (added['item'] as { content: Record<string, unknown>[] }).content
    expect(content).toEqual([{ type: 'input_audio' }])
    expect('transcript' in (content[0] ?? {})).toBe(false)
  })
})

describe('scripts', () => {
  it('answers a throwing reply script with a server_error instead of crashing', async () => {
    const fake = await start({
      reply: () => {
        throw new Error('script broke')
      }
    })
    const client = await connect(fake)
    client.send({ type: 'response.create', event_id: 'evt_r' })
    expect((await client.waitFor('error'))['error']).toMatchObject({
      type: 'server_error',
      code: 'fake_script_failed',
      message: expect.stringContaining('script broke') as string,
      event_id: 'evt_r'
    })
    expect(fake.responses).toEqual([])
    client.send({ type: 'response.cancel' })
    expect((await client.waitFor('error', 1))['error']).toMatchObject({
      code: 'response_cancel_not_active'
    })
  })
})

describe('delays', () => {
  it('holds response.created back; a cancel meanwhile yields created + cancelled done', async () => {
    const fake = await start()
    fake.faults.responseStartDelayMs = 60_000
    const client = await connect(fake)
    client.send({ type: 'response.create' })
    client.send({ type: 'response.cancel' })
    const done = await client.waitFor('response.done')
    expect(client.types().slice(1)).toEqual(['response.created', 'response.done'])
    expect(done['response']).toMatchObject({ status: 'cancelled', output: [] })
    expect(fake.responses[0]?.audio.byteLength).toBe(0)
  })

  it('holds the first audio back after response.created', async () => {
    const fake = await start()
    fake.faults.firstAudioDelayMs = 60_000
    const client = await connect(fake)
    client.send({ type: 'response.create' })
    await client.waitFor('response.created')
    client.send({ type: 'response.cancel' })
    await client.waitFor('response.done')
    expect(client.types().slice(1)).toEqual(['response.created', 'response.done'])
  })
})

describe('recording', () => {
  it('records client events with connection, time and the error they earned', async () => {
    const fake = await start()
    const first = await connect(fake)
    const second = await connect(fake)
    first.send({ type: 'input_audio_buffer.append', audio: 'AAAA' })
    second.send({ type: 'response.cancel', event_id: 'evt_1' })
    const cancel = await fake.waitForClientEvent('response.cancel')
    expect(cancel).toMatchObject({
      connectionIndex: 1,
      event: { type: 'response.cancel', event_id: 'evt_1' },
      error: { code: 'response_cancel_not_active' }
    })
    expect(cancel.receivedAtMs).toBeGreaterThan(0)
    const append = await fake.waitForClientEvent('input_audio_buffer.append')
    expect(append.connectionIndex).toBe(0)
    expect(append.error?.code).toBe('invalid_value')
  })

  it('waits for events still to come, filters by predicate, and times out', async () => {
    const fake = await start()
    const client = await connect(fake)
    const waiting = fake.waitForClientEvent(
      'conversation.item.create',
      (e) => (e.event['item'] as { call_id?: string } | undefined)?.call_id === 'call_b'
    )
    await expect(fake.waitForClientEvent('response.create', undefined, 50)).rejects.toThrow(
      'timed out'
    )
    for (const callId of ['call_a', 'call_b'])
      client.send({
        type: 'conversation.item.create',
        item: { type: 'function_call_output', call_id: callId, output: 'x' }
      })
    expect((await waiting).raw).toContain('call_b')
  })

  it('counts input audio per connection and in total', async () => {
    const fake = await start()
    const a = await connect(fake)
    const b = await connect(fake)
    for (const event of appendEvents(silenceBytes(100))) a.send(event)
    for (const event of appendEvents(silenceBytes(40))) b.send(event)
    b.send({ type: 'input_audio_buffer.clear' })
    await b.waitFor('input_audio_buffer.cleared')
    await fake.waitForClientEvent('input_audio_buffer.append', (e) => e.connectionIndex === 0)
    a.send({ type: 'input_audio_buffer.clear' })
    await a.waitFor('input_audio_buffer.cleared')
    expect(fake.inputAudioBytes(0)).toBe(100 * 48)
    expect(fake.inputAudioBytes(1)).toBe(40 * 48)
    expect(fake.inputAudioBytes()).toBe(140 * 48)
  })

  it('waits for finished responses', async () => {
    const fake = await start()
    const client = await connect(fake)
    client.send({ type: 'response.create' })
    const [response] = await fake.waitForResponses(1)
    expect(response?.status).toBe('completed')
    expect(response?.audio.byteLength).toBeGreaterThan(0)
  })
})

describe('session-ending faults', () => {
  it('ends a session at its time limit as the API does: session_expired, then close 1001', async () => {
    const fake = await start({ sessionClockSpeed: 36_000, enforceSessionLimit: true })
    const client = await connect(fake)
    // 60 minutes at 36,000× are 100 ms; expires_at says when, in real time.
    const created = client.ofType('session.created')[0] as unknown as {
      session: { expires_at: number }
    }
    expect(created.session.expires_at * 1000).toBeLessThanOrEqual(Date.now() + 100)
    expect(await client.waitForClose()).toBe(1001)
    expect(client.ofType('error').map((e) => e['error'])).toEqual([
      {
        type: 'invalid_request_error',
        code: 'session_expired',
        message: 'Your session hit the maximum duration of 60 minutes.',
        param: null,
        event_id: null
      }
    ])
  })

  it('announces a 60-minute session and keeps it open without the limit enforced', async () => {
    const fake = await start()
    const client = await connect(fake)
    const created = client.ofType('session.created')[0] as unknown as {
      session: { expires_at: number }
    }
    const lifetimeMs = created.session.expires_at * 1000 - Date.now()
    expect(lifetimeMs).toBeGreaterThan(59 * 60_000)
    expect(lifetimeMs).toBeLessThanOrEqual(60 * 60_000)
    expect(fake.openConnectionCount).toBe(1)
  })

  it('closes with 1011 mid-response, once', async () => {
    const fake = await start({
      faults: { midResponse: { kind: 'close-1011', afterAudioChunks: 2 } }
    })
    const client = await connect(fake)
    client.send({ type: 'response.create' })
    expect(await client.waitForClose()).toBe(1011)
    expect(client.ofType('response.output_audio.delta')).toHaveLength(2)
    expect(fake.faults.midResponse).toBeNull()
  })

  it('expires mid-response on demand', async () => {
    const fake = await start({ faults: { midResponse: { kind: 'expire', afterAudioChunks: 1 } } })
    const client = await connect(fake)
    client.send({ type: 'response.create' })
    expect(await client.waitForClose()).toBe(1001)
    expect(client.ofType('error')[0]?.['error']).toMatchObject({ code: 'session_expired' })
  })

  it('drops the socket as a user message arrives, without taking the item, once', async () => {
    const fake = await start({ faults: { dropAfterUserMessage: true } })
    const client = await connect(fake)
    client.send({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello?' }] }
    })
    expect(await client.waitForClose()).toBe(1006)
    expect(client.ofType('conversation.item.added')).toEqual([])
    expect(fake.faults.dropAfterUserMessage).toBe(false)
  })

  it('answers pings, unless told to ignore them (a dead path)', async () => {
    const fake = await start()
    const client = await connect(fake)
    const pong = (): Promise<boolean> =>
      new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), 300)
        client.socket.once('pong', () => {
          clearTimeout(timer)
          resolve(true)
        })
        client.socket.ping()
      })
    expect(await pong()).toBe(true)
    fake.faults.ignorePings = true
    expect(await pong()).toBe(false)
  })
})
