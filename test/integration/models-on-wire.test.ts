// The model, reasoning effort and transcription model as the fake Realtime server sees them:
// the defaults a fresh install sends, and what an environment override changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { configWarnings, resolveRealtimeConfig } from '../../src/main/realtime/config'
import { RealtimeController } from '../../src/main/realtime/controller'
import type { FakeRealtimeServer } from '../fake-realtime'
import { FAKE_API_KEY, startFakeRealtimeServer } from '../fake-realtime'

let server: FakeRealtimeServer
let controller: RealtimeController | undefined

beforeEach(async () => {
  server = await startFakeRealtimeServer({ speed: 0 })
})

afterEach(async () => {
  await controller?.stop()
  controller = undefined
  await server.close()
})

/** Connects with no stored settings and the given model from the environment, if any. */
async function connectWithDefaults(model?: string): Promise<Record<string, unknown>> {
  const config = resolveRealtimeConfig(
    {},
    { OPENAI_API_KEY: FAKE_API_KEY, OPENAI_REALTIME_URL: server.url, OPENAI_REALTIME_MODEL: model }
  )
  controller = new RealtimeController(config)
  await controller.start()
  // The SDK first sends the tracing setting alone, then the session config.
  const update = await server.waitForClientEvent('session.update', ({ event }) =>
    JSON.stringify(event).includes('"audio"')
  )
  expect(update.error).toBeNull()
  return update.event['session'] as Record<string, unknown>
}

describe('models on the wire', () => {
  it('a fresh install dials gpt-realtime-2.1 with low reasoning and a current transcriber', async () => {
    const session = await connectWithDefaults()
    expect(server.session()?.model).toBe('gpt-realtime-2.1')
    expect(session['reasoning']).toEqual({ effort: 'low' })
    expect(session).toMatchObject({
      audio: { input: { transcription: { model: 'gpt-realtime-whisper' } } }
    })
  })

  it('sends no reasoning to gpt-realtime-1.5', async () => {
    const session = await connectWithDefaults('gpt-realtime-1.5')
    expect(server.session()?.model).toBe('gpt-realtime-1.5')
    expect(session).not.toHaveProperty('reasoning')
    expect(server.session()).not.toHaveProperty('reasoning')
  })

  it('a deprecated model from the environment still connects, with a warning', async () => {
    const config = resolveRealtimeConfig({}, { OPENAI_REALTIME_MODEL: 'gpt-realtime' })
    expect(configWarnings(config)).toEqual([
      'The model gpt-realtime shuts down on 2027-01-20; switch to gpt-realtime-2.1.'
    ])
    const session = await connectWithDefaults('gpt-realtime')
    expect(controller?.status).toBe('connected')
    expect(server.session()?.model).toBe('gpt-realtime')
    expect(session).not.toHaveProperty('reasoning')
  })
})
