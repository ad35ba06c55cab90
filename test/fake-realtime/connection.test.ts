// Connecting to the fake with a bare ws client: the URL it serves, the session it announces and
// merges, and the two ways the API refuses a key (reference §7/§8).
import WebSocket from 'ws'
import { afterEach, describe, expect, it } from 'vitest'
import { startFakeRealtimeServer, type FakeRealtimeOptions, type FakeRealtimeServer } from './index'
import { RawClient, type RawClientOptions } from './raw-client'

let server: FakeRealtimeServer | undefined
const clients: RawClient[] = []

async function start(options: Partial<FakeRealtimeOptions> = {}): Promise<FakeRealtimeServer> {
  server = await startFakeRealtimeServer(options)
  return server
}

async function connect(fake: FakeRealtimeServer, options?: RawClientOptions): Promise<RawClient> {
  const client = await RawClient.connect(fake.url, options)
  clients.push(client)
  return client
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.close()
  await server?.close()
  server = undefined
})

describe('connection', () => {
  it('announces the session with the API defaults, then merges each session.update', async () => {
    const client = await connect(await start())
    const created = await client.waitFor('session.created')
    expect(created.event_id).toEqual(expect.any(String))
    expect(created['session']).toMatchObject({
      type: 'realtime',
      object: 'realtime.session',
      model: 'gpt-realtime',
      audio: {
        input: {
          format: { type: 'audio/pcm', rate: 24000 },
          transcription: null,
          turn_detection: { type: 'server_vad', silence_duration_ms: 500, interrupt_response: true }
        },
        output: { format: { type: 'audio/pcm', rate: 24000 } }
      }
    })
    client.send({
      type: 'session.update',
      session: {
        type: 'realtime',
        instructions: 'Be terse.',
        audio: {
          input: {
            transcription: { model: 'gpt-4o-mini-transcribe' },
            turn_detection: { type: 'semantic_vad' }
          },
          output: { voice: 'alloy' }
        }
      }
    })
    const updated = await client.waitFor('session.updated')
    // The SDK reads interrupt_response from here; the API fills in the defaults (reference §5).
    expect(updated['session']).toMatchObject({
      instructions: 'Be terse.',
      model: 'gpt-realtime',
      audio: {
        input: {
          format: { type: 'audio/pcm', rate: 24000 },
          transcription: { model: 'gpt-4o-mini-transcribe' },
          turn_detection: {
            type: 'semantic_vad',
            eagerness: 'auto',
            create_response: true,
            interrupt_response: true
          }
        },
        output: { voice: 'alloy', format: { type: 'audio/pcm', rate: 24000 } }
      }
    })
    client.send({ type: 'session.update', session: { type: 'realtime', tracing: 'auto' } })
    const second = await client.waitFor('session.updated', 1)
    expect(second['session']).toMatchObject({ instructions: 'Be terse.', tracing: 'auto' })
    expect(server?.session()).toEqual(second['session'])
  })

  it('refuses other paths with 404 and a missing model with 400', async () => {
    const fake = await start()
    await expect(connect(fake, { path: '/v1/other' })).rejects.toThrow('404')
    await expect(connect(fake, { model: null })).rejects.toThrow('400')
    expect(fake.connectionCount).toBe(0)
  })

  it('refuses a wrong key with an invalid_api_key error and close code 3000', async () => {
    const fake = await start({ apiKey: 'sk-right' })
    const client = await connect(fake, { apiKey: 'sk-wrong-key-1234' })
    expect(await client.waitForClose()).toBe(3000)
    expect(client.closeReason).toBe('invalid_request_error.invalid_api_key')
    expect(client.types()).toEqual(['error'])
    expect(client.events[0]?.['error']).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_api_key',
      message: expect.stringMatching(/^Incorrect API key provided: sk-\*\*\*1234/) as string
    })
    const anonymous = await connect(fake, { apiKey: null })
    await anonymous.waitForClose()
    expect(anonymous.events[0]?.['error']).toMatchObject({
      code: 'invalid_api_key',
      message: expect.stringContaining("You didn't provide an API key") as string
    })
  })

  it('refuses a wrong key with HTTP 401 in http-401 mode, switchable at runtime', async () => {
    const fake = await start({ authFailure: 'http-401' })
    await expect(connect(fake, { apiKey: 'sk-nope' })).rejects.toThrow('401')
    fake.setOptions({ authFailure: 'close-3000' })
    const client = await connect(fake, { apiKey: 'sk-nope' })
    expect(await client.waitForClose()).toBe(3000)
    const good = await connect(fake)
    await good.waitFor('session.created')
  })

  it('accepts the key as a subprotocol, as browsers send it', async () => {
    const fake = await start()
    const socket = new WebSocket(`${fake.url}?model=gpt-realtime`, [
      'realtime',
      `openai-insecure-api-key.${fake.apiKey}`
    ])
    const first = await new Promise<string>((resolve, reject) => {
      socket.once('message', (data: Buffer) => resolve(data.toString('utf8')))
      socket.once('error', reject)
    })
    expect(socket.protocol).toBe('realtime')
    expect(JSON.parse(first)).toMatchObject({ type: 'session.created' })
    socket.terminate()
  })
})
