// GPT-Live sessions end after about two hours (reference §2). Against the fake GPT-Live server on
// 127.0.0.1 with an accelerated clock (a session lifetime of seconds, after which the fake closes
// it with `session.closed` `expired`), both ways the conversation reaches the next session:
// - planned: the session manager rolls over before the end (rollover-policy.ts, 90 % of the
//   lifetime, at a quiet moment), invisibly: no status change in the window;
// - unplanned: the session expires (the engine alone, with no manager to roll it over first),
//   and the engine starts a new one at once.
// Either way the new session's `session.input` is the conversation as text.
import { afterEach, describe, expect, it } from 'vitest'
import { LiveEngine } from '../../src/main/engines/live/live-engine'
import { recordCoreEvents } from '../doubles/core-event-recorder'
import { startLiveApp, until, type LiveApp } from '../doubles/live-app-harness'
import { chunked, joinBytes, silenceBytes, speechBytes } from '../fake-realtime/audio-fixtures'
import { startFakeLiveServer, type FakeLiveServer } from '../fake-live'

let liveApp: LiveApp | undefined
let server: FakeLiveServer | undefined
let engine: LiveEngine | undefined

afterEach(async () => {
  await liveApp?.dispose()
  await engine?.stop()
  await server?.close()
  liveApp = engine = server = undefined
})

const question = (): Uint8Array =>
  joinBytes(speechBytes('What did I ask you before'), silenceBytes(700))

describe('GPT-Live past its session lifetime', () => {
  it('rolls over to a new session before the expiry, invisibly, carrying the conversation', async () => {
    // expires_at is whole seconds: 5–6 s from the start, the rollover window opens 2 s before.
    liveApp = await startLiveApp({ sessionLifetimeS: 6 })
    const { server: fake, core: app, emitted } = liveApp
    await app.handleInvoke('settings.set', { engine: 'live', turnDetection: 'server_vad' })
    await app.handleInvoke('session.start', undefined)
    for (const chunk of chunked(question())) app.handleSend('audio.append', chunk)
    const [first] = await fake.waitForTurns(1)

    const input = await until(() => fake.startedSession(1)?.input, 'the second session', 8000)
    expect(input).toEqual([
      { role: 'user', content: [{ type: 'input_text', text: first!.userTranscript }] },
      { role: 'assistant', content: [{ type: 'output_text', text: first!.replyText.trim() }] }
    ])
    // Before the expiry: the old session was closed on request, never expired.
    await until(
      () => fake.closes.find((c) => c.connectionIndex === 0),
      'the old session closed',
      8000
    )
    expect(fake.closes.filter((c) => c.connectionIndex === 0).map((c) => c.reason)).toEqual([
      'close_requested'
    ])
    const statuses = emitted
      .filter((e) => e.channel === 'session.status')
      .map((e) => (e.payload as { status: string }).status)
    expect(statuses).toEqual(['connecting', 'connected'])

    for (const chunk of chunked(question())) app.handleSend('audio.append', chunk)
    const [, second] = await fake.waitForTurns(2)
    expect(second!.connectionIndex).toBe(1)
    expect(second!.replyText).toMatch(/I remember 2 earlier messages/)
  })

  it('starts a new session with the conversation when the session expires unplanned', async () => {
    const fake = (server = await startFakeLiveServer({ speed: 0, sessionLifetimeS: 2 }))
    const live = (engine = new LiveEngine(
      {
        apiKey: () => fake.apiKey,
        url: fake.url,
        model: 'gpt-live-1.1',
        voice: 'marin',
        instructions: 'Be brief.'
      },
      { turnIdleMs: 300, renewDelayMs: () => 20 }
    ))
    const events = recordCoreEvents(live)
    await live.start()
    for (const chunk of chunked(question())) live.appendAudio(chunk)
    const [first] = await fake.waitForTurns(1)

    const input = await until(() => fake.startedSession(1)?.input, 'the renewed session')
    expect(fake.closes[0]).toEqual({ connectionIndex: 0, reason: 'expired' })
    expect(input.map((item) => item.role)).toEqual(['user', 'assistant'])
    expect(JSON.stringify(input.at(-1))).toContain(first!.replyText.trim())
    await until(
      () => (live.status === 'connected' && fake.connectionCount === 2 ? true : undefined),
      'connected again'
    )
    expect(events.ofType('status').find((e) => e.reason)?.reason).toMatch(/time limit/)
  })
})
