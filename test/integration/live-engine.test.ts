// The GPT-Live engine (real `ws`) against the fake GPT-Live server on 127.0.0.1: the handshake,
// audio both ways byte for byte, captions grouped into turns, mute, usage → cost, a renewed
// session after an expiry or a drop, client delegation, and each bad input the issue names,
// without a crash and with the conversation kept.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  LiveEngine,
  LIVE_NO_TEXT_MESSAGE,
  type LiveEngineOptions,
  type LiveUsage
} from '../../src/main/engines/live/live-engine'
import type { LiveDelegationRequest } from '../../src/main/engines/live/delegation'
import { RealtimeCoreError } from '../../src/main/realtime/controller-api'
import { concatBytes } from '../../src/shared/pcm'
import { recordCoreEvents, type CoreEventRecorder } from '../doubles/core-event-recorder'
import { ManualTimers } from '../doubles/manual-timers'
import { chunked, joinBytes, silenceBytes, speechBytes } from '../fake-realtime/audio-fixtures'
import { startFakeLiveServer, type FakeLiveServer } from '../fake-live'

const escaped: unknown[] = []
const recordEscape = (error: unknown): void => {
  escaped.push(error)
}
beforeAll(() => {
  process.on('uncaughtException', recordEscape)
  process.on('unhandledRejection', recordEscape)
})
afterAll(() => {
  process.off('uncaughtException', recordEscape)
  process.off('unhandledRejection', recordEscape)
})

let server: FakeLiveServer
let engine: LiveEngine
let events: CoreEventRecorder

function makeEngine(options: LiveEngineOptions = {}, apiKey = server.apiKey): LiveEngine {
  engine = new LiveEngine(
    {
      apiKey: () => apiKey,
      url: server.url,
      model: 'gpt-live-1.1',
      voice: 'marin',
      instructions: 'Be brief.'
    },
    { turnIdleMs: 300, startTimeoutMs: 1500, renewDelayMs: () => 20, ...options }
  )
  events = recordCoreEvents(engine)
  return engine
}

const question = (): Uint8Array =>
  joinBytes(speechBytes('What is the weather like today'), silenceBytes(700))

function speak(bytes: Uint8Array): void {
  for (const chunk of chunked(bytes)) engine.appendAudio(chunk)
}

/** Waits for the assistant's `n`-th finished turn as the engine reports it. */
async function assistantTurn(n = 1): Promise<{ itemId: string; text: string }> {
  const deadline = Date.now() + 5000
  for (;;) {
    const done = events.ofType('transcript_done').filter((e) => e.role === 'assistant')
    if (done.length >= n) return done[n - 1]!
    if (Date.now() > deadline) throw new Error(`no assistant turn ${n}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

async function statusBecomes(status: string, count = 1): Promise<void> {
  const deadline = Date.now() + 5000
  while (events.ofType('status').filter((e) => e.status === status).length < count) {
    if (Date.now() > deadline) throw new Error(`status never became ${status} (${count})`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

beforeEach(async () => {
  escaped.length = 0
  server = await startFakeLiveServer({ speed: 0 })
})
afterEach(async () => {
  await engine.stop()
  await server.close()
  expect(escaped).toEqual([])
})

describe('LiveEngine against the fake GPT-Live server', () => {
  it('starts with session.start first and is connected only at session.started', async () => {
    makeEngine()
    await engine.start()
    expect(events.ofType('status').map((e) => e.status)).toEqual(['connecting', 'connected'])
    expect(server.clientEvents[0]?.type).toBe('session.start')
    expect(server.startedSession(0)).toEqual({
      model: 'gpt-live-1.1',
      instructions: 'Be brief.',
      audio: { format: { type: 'audio/pcm', rate: 24000 }, output: { voice: 'marin' } }
    })
  })

  it('streams the microphone and the answer byte for byte, with captions grouped into turns', async () => {
    makeEngine()
    await engine.start()
    const sent = question()
    speak(sent)
    const [turn] = await server.waitForTurns(1)
    const assistant = await assistantTurn()
    expect(Buffer.from(server.inputAudio(0)).equals(Buffer.from(sent))).toBe(true)
    const played = concatBytes(events.ofType('audio').map((e) => e.pcm))
    expect(Buffer.from(played).equals(Buffer.from(turn!.audio))).toBe(true)
    expect(assistant.text).toBe(turn!.replyText.trim())
    const user = events.ofType('transcript_done').find((e) => e.role === 'user')
    expect(user?.text).toBe(turn!.userTranscript.trim())
    const history = events.ofType('history').at(-1)!.items
    expect(history.map((i) => [i.role, i.status])).toEqual([
      ['user', 'completed'],
      ['assistant', 'completed']
    ])
    expect(events.ofType('response_done')).toHaveLength(1)
  })

  it('ends a turn only once the line has been quiet for turnIdleMs (there is no done event)', async () => {
    const clock = new ManualTimers()
    makeEngine({ turnIdleMs: 800, timers: { setTimeout: clock.set, clearTimeout: clock.clear } })
    await engine.start()
    speak(question())
    const [turn] = await server.waitForTurns(1)
    const deadline = Date.now() + 5000
    while (
      concatBytes(events.ofType('audio').map((e) => e.pcm)).byteLength < turn!.audio.byteLength
    ) {
      if (Date.now() > deadline) throw new Error('the answer audio never arrived')
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const assistantDone = (): number =>
      events.ofType('transcript_done').filter((e) => e.role === 'assistant').length
    clock.advance(799)
    expect(assistantDone()).toBe(0)
    clock.advance(1)
    expect(assistantDone()).toBe(1)
  })

  it('maps the talk button to mute and unmute, and sends nothing while muted', async () => {
    makeEngine()
    await engine.start()
    engine.setInputMuted(true)
    await server.waitForClientEvent('session.input_audio.mute')
    speak(question())
    engine.setInputMuted(false)
    await server.waitForClientEvent('session.input_audio.unmute')
    expect(server.inputAudio(0).byteLength).toBe(0)
    expect(server.isMuted()).toBe(false)
    expect(engine.commitUserTurn()).toBe(true)
    await server.waitForClientEvent('session.input_audio.mute', () => true)
    expect(engine.inputMuted).toBe(true)
  })

  it('silences the answer locally on Stop speaking while the model may finish its sentence', async () => {
    server.setOptions({
      speed: 4,
      reply: () => 'This is a rather long answer that goes on and on.'
    })
    makeEngine({ turnIdleMs: 500 })
    await engine.start()
    speak(question())
    await events.until('audio')
    engine.interrupt()
    const interrupted = await events.until('audio_interrupted')
    const audioBefore = events.ofType('audio').length
    const [turn] = await server.waitForTurns(1)
    const assistant = await assistantTurn()
    expect(interrupted.itemId).toBe(assistant.itemId)
    expect(turn!.status).toBe('done') // GPT-Live has no cancel: the server spoke to the end
    expect(events.ofType('audio')).toHaveLength(audioBefore)
    expect(assistant.text).toBe(turn!.replyText)
    expect(engine.items.find((i) => i.itemId === assistant.itemId)?.status).toBe('incomplete')
  })

  it('turns cumulative usage seconds into cost at USD 0.05 a minute, never summing updates', async () => {
    makeEngine()
    const usages: LiveUsage[] = []
    engine.subscribeUsage((u) => usages.push(u))
    await engine.start()
    speak(question())
    await server.waitForTurns(1)
    speak(question())
    await server.waitForTurns(2)
    await assistantTurn(2)
    const reports = server.usageReports.map((r) => r.seconds)
    expect(reports.length).toBeGreaterThanOrEqual(2)
    const last = usages.at(-1)!
    expect(last.seconds).toBe(reports.at(-1))
    expect(last.costUsd).toBeCloseTo((reports.at(-1)! / 60) * 0.05, 10)
  })

  it('carries the conversation into a new session when the session expires', async () => {
    makeEngine()
    await engine.start()
    speak(question())
    const first = await assistantTurn()
    server.endSession('expired')
    await statusBecomes('connected', 2)
    const renewing = events.ofType('status').find((e) => e.status === 'connecting' && e.reason)
    expect(renewing?.reason).toMatch(/time limit/)
    const heard = events.ofType('transcript_done').find((e) => e.role === 'user')!.text
    expect(heard).toMatch(/seconds of speech/)
    expect(server.startedSession(1)?.input).toEqual([
      { role: 'user', content: [{ type: 'input_text', text: heard }] },
      { role: 'assistant', content: [{ type: 'output_text', text: first.text }] }
    ])
    speak(question())
    expect((await assistantTurn(2)).text).toMatch(/I remember 2 earlier messages/)
    expect(engine.items.filter((i) => i.kind === 'message')).toHaveLength(4)
    expect(engine.usage.seconds).toBeGreaterThan(0)
  })

  it('reports the session lifetime and finds a dead connection when asked to check it', async () => {
    server.setOptions({ answerPings: false })
    makeEngine({ heartbeat: { intervalMs: 60_000, timeoutMs: 100 } })
    await engine.start()
    expect(engine.sessionLifetimeMs).toBeGreaterThan(7_190_000)
    expect(engine.sessionLifetimeMs).toBeLessThanOrEqual(7_200_000)
    server.setOptions({ answerPings: true })
    engine.checkConnection()
    await statusBecomes('connected', 2)
    expect(events.ofType('status').some((e) => e.reason?.includes('dropped'))).toBe(true)
    expect(server.connectionCount).toBe(2)
  })

  it('renews after a connection dropped without session.closed', async () => {
    makeEngine()
    await engine.start()
    speak(question())
    await assistantTurn()
    server.dropAllConnections()
    await statusBecomes('connected', 2)
    expect(events.ofType('status').some((e) => e.reason?.includes('dropped'))).toBe(true)
    expect(server.startedSession(1)?.input).toHaveLength(2)
  })

  it('gives up in words when no new session can start, keeping the conversation', async () => {
    makeEngine({ maxRenewAttempts: 2 })
    await engine.start()
    speak(question())
    await assistantTurn()
    server.setOptions({ apiKey: 'sk-rotated' })
    server.dropAllConnections()
    await statusBecomes('disconnected')
    const last = events.ofType('status').at(-1)!
    expect(last.code).toBe('auth')
    expect(last.reason).toMatch(/could not start a new session.*kept/)
    expect(engine.items.filter((i) => i.kind === 'message')).toHaveLength(2)
  })

  it('says so when the server never sends session.started', async () => {
    server.setOptions({ startBehaviour: 'silent' })
    makeEngine({ startTimeoutMs: 200 })
    const failure = await engine.start().catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(RealtimeCoreError)
    expect((failure as RealtimeCoreError).message).toMatch(/did not start the session within/)
    expect(engine.status).toBe('disconnected')
  })

  it('reports an error event with its code and stays connected', async () => {
    makeEngine()
    await engine.start()
    server.sendError('rate_limit_exceeded', 'Too many sessions.')
    const error = await events.until('error')
    expect(error.code).toBe('rate_limit')
    expect(error.message).toMatch(/Too many sessions.*rate_limit_exceeded/)
    expect(engine.status).toBe('connected')
  })

  it('skips audio of odd length in words and plays what follows', async () => {
    makeEngine()
    await engine.start()
    server.sendRaw(
      JSON.stringify({
        type: 'session.output_audio.delta',
        delta: Buffer.alloc(5).toString('base64')
      })
    )
    const error = await events.until('error')
    expect(error.code).toBe('protocol')
    expect(error.message).toMatch(/5 bytes/)
    speak(question())
    await assistantTurn()
    expect(events.ofType('audio').length).toBeGreaterThan(0)
    expect(engine.status).toBe('connected')
  })

  it('stops on a safety close (content), says why and keeps the conversation', async () => {
    makeEngine()
    await engine.start()
    speak(question())
    await assistantTurn()
    server.endSession('content')
    await statusBecomes('disconnected')
    const last = events.ofType('status').at(-1)!
    expect(last.code).toBe('invalid_request')
    expect(last.reason).toMatch(/safety filter/)
    expect(server.connectionCount).toBe(1)
    expect(engine.items.filter((i) => i.kind === 'message')).toHaveLength(2)
  })

  it('answers a client delegation with the approved result, or with the refusal', async () => {
    server.setOptions({ delegate: () => true })
    const requests: LiveDelegationRequest[] = []
    let allow = true
    makeEngine({
      delegationHandler: (request) => {
        requests.push(request)
        return Promise.resolve(
          allow
            ? { kind: 'result', text: 'It is 12:00.' }
            : { kind: 'refused', reason: 'The user denied it.' }
        )
      }
    })
    await engine.start()
    speak(question())
    const approved = await server.waitForClientEvent('session.commentary.append')
    expect(approved.event['content']).toBe('It is 12:00.')
    expect((await assistantTurn()).text).toContain('It is 12:00.')
    expect(requests[0]?.request).toMatch(/seconds of speech/)
    allow = false
    speak(question())
    await assistantTurn(2)
    const denied = server.clientEvents.filter((e) => e.type === 'session.commentary.append')[1]!
    expect(denied.event['content']).toMatch(/not done: The user denied it/)
    expect(events.ofType('tool_call')).toHaveLength(2)
    const calls = engine.items.filter((i) => i.kind === 'function_call')
    expect(calls.map((c) => c.status)).toEqual(['completed', 'completed'])
  })

  it('refuses typed messages in words and a wrong key as auth', async () => {
    makeEngine({}, 'sk-wrong')
    expect(() => engine.sendText('hello')).toThrow(LIVE_NO_TEXT_MESSAGE)
    await expect(engine.start()).rejects.toMatchObject({ code: 'auth' })
  })
})
