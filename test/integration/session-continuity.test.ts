// The session manager with the real controller (SDK, `ws`) against the fake Realtime server on
// 127.0.0.1: the conversation survives a drop after typing, the session's time limit mid-answer,
// a close 1011, a dead network path and a planned rollover, with the model's context intact.
import { afterEach, describe, expect, it } from 'vitest'
import { SessionManager } from '../../src/main/app/session-manager'
import type { SessionEvent } from '../../src/main/app/event-mapping'
import { RealtimeController } from '../../src/main/realtime/controller'
import type { HeartbeatOptions } from '../../src/main/realtime/heartbeat'
import { pcmBytesToMs } from '../../src/shared/pcm'
import { defaultSettings } from '../../src/shared/settings'
import type { FakeRealtimeOptions, FakeRealtimeServer, FakeTurn } from '../fake-realtime'
import { FAKE_API_KEY, startFakeRealtimeServer } from '../fake-realtime'

/** The "model" says what it was asked and which earlier user turns it has in its context. */
function contextReply(turn: FakeTurn): string {
  const earlier = turn.items.flatMap((item) =>
    item.type === 'message' && item.role === 'user'
      ? item.content.flatMap((part) => (part.type === 'input_text' ? [part.text] : []))
      : []
  )
  return `Answer to ${turn.userText ?? turn.trigger}. I remember: ${earlier.join(' | ')}.`
}

interface Run {
  server: FakeRealtimeServer
  manager: SessionManager
  events: SessionEvent[]
  logs: { message: string; data?: Record<string, unknown> }[]
}

const runs: Run[] = []

afterEach(async () => {
  for (const run of runs.splice(0)) {
    await run.manager.stop()
    await run.server.close()
  }
})

async function setup(
  options: Partial<FakeRealtimeOptions> = {},
  heartbeat?: HeartbeatOptions
): Promise<Run> {
  const server = await startFakeRealtimeServer({ speed: 0, reply: contextReply, ...options })
  const events: SessionEvent[] = []
  const logs: Run['logs'] = []
  const received = new Map<string, number>()
  const manager: SessionManager = new SessionManager({
    env: { OPENAI_API_KEY: FAKE_API_KEY, OPENAI_REALTIME_URL: server.url },
    readSettings: () => Promise.resolve({ ...defaultSettings(), turnDetection: 'none' }),
    readKey: () => Promise.resolve(null),
    createController: (config) => new RealtimeController(config, heartbeat ? { heartbeat } : {}),
    onEvent: (event) => {
      events.push(event)
      // A renderer that plays what arrives 100 ms behind.
      if (event.type !== 'audio') return
      const ms = (received.get(event.itemId) ?? 0) + pcmBytesToMs(event.pcm.byteLength)
      received.set(event.itemId, ms)
      manager.reportPlayback(event.itemId, Math.max(0, ms - 100))
    },
    log: (_level, message, data) => logs.push({ message, ...(data ? { data } : {}) }),
    random: () => 0
  })
  const run = { server, manager, events, logs }
  runs.push(run)
  return run
}

async function until<T>(find: () => T | undefined | false, what: string, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const found = find()
    if (found !== undefined && found !== false) return found
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const completedAnswers = (server: FakeRealtimeServer): string[] =>
  server.responses.filter((r) => r.status === 'completed').map((r) => r.text)

const statusesOf = (events: SessionEvent[]): string[] =>
  events.flatMap((event) => (event.type === 'status' ? [event.status] : []))

async function ask(run: Run, text: string, answers: number): Promise<void> {
  run.manager.sendText(text)
  await until(() => completedAnswers(run.server).length >= answers, `answer ${answers}`)
}

describe('the conversation survives the end of a server session', () => {
  it('a message typed as the connection drops is answered once and shown once', async () => {
    const run = await setup()
    await run.manager.start()
    await ask(run, 'My name is Ada', 1)
    run.server.faults.dropAfterUserMessage = true
    run.manager.sendText('What is my name?')
    await until(
      () => run.server.connectionCount === 2 && completedAnswers(run.server).length === 2,
      'the answer after the reconnect'
    )
    const answers = completedAnswers(run.server)
    expect(answers[1]).toBe(
      'Answer to What is my name?. I remember: My name is Ada | What is my name?.'
    )
    // Shown once: one caption for the typed message, from the new session's echo.
    const shown = run.events.filter(
      (event) =>
        event.type === 'transcript_done' &&
        event.role === 'user' &&
        event.text === 'What is my name?'
    )
    expect(shown).toHaveLength(1)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(completedAnswers(run.server)).toHaveLength(2)
  })

  it('the time limit mid-answer: the cut answer stays in context as heard, and the question is answered', async () => {
    // One answer item, so that "the 6th audio chunk" falls in the answer (not in a preamble).
    const run = await setup({ speed: 20, preamble: () => null })
    await run.manager.start()
    run.server.faults.midResponse = { kind: 'expire', afterAudioChunks: 6 }
    run.manager.sendText('Count to twenty')
    await until(() => completedAnswers(run.server).length === 1, 'the answer in the new session')
    const cut = run.server.responses[0]
    expect(cut?.status).toBe('disconnected')
    // The caption of the cut answer is marked interrupted, with what was heard.
    expect(run.events).toContainEqual({ type: 'audio_interrupted', itemId: cut?.itemId })
    const truncated = run.events.find((event) => event.type === 'truncated')
    expect(truncated).toMatchObject({ itemId: cut?.itemId })
    // The new session got the question and the heard part of the answer, then a response.create.
    const replayed = run.server.clientEvents.filter(
      (event) => event.connectionIndex === 1 && event.type === 'conversation.item.create'
    )
    expect(replayed.map((event) => event.error)).toEqual([null, null])
    const answerItem = replayed[1]?.event['item'] as { role: string; content: { text: string }[] }
    expect(answerItem.role).toBe('assistant')
    const heardText = answerItem.content[0]?.text ?? ''
    expect(heardText.endsWith('…')).toBe(true)
    expect((cut?.text ?? '').startsWith(heardText.slice(0, -1))).toBe(true)
    expect(heardText.length).toBeLessThan(cut?.text.length ?? 0)
    expect(statusesOf(run.events)).toContain('reconnecting')
  })

  it('close 1011 reconnects; the next question is answered with the earlier turns', async () => {
    const run = await setup()
    await run.manager.start()
    await ask(run, 'Remember the number seven', 1)
    run.server.endConnection('close-1011')
    await until(
      () => statusesOf(run.events).at(-1) === 'connected' && run.server.connectionCount === 2,
      'the reconnect'
    )
    await ask(run, 'Which number?', 2)
    expect(completedAnswers(run.server)[1]).toBe(
      'Answer to Which number?. I remember: Remember the number seven | Which number?.'
    )
  })

  it('a dead network path (no pongs) is noticed by the keepalive and reconnected', async () => {
    const run = await setup({}, { intervalMs: 100, timeoutMs: 100 })
    await run.manager.start()
    await ask(run, 'Hello', 1)
    run.server.faults.ignorePings = true
    await until(() => run.server.connectionCount === 2, 'the reconnect after the silent path')
    run.server.faults.ignorePings = false
    await until(() => statusesOf(run.events).at(-1) === 'connected', 'connected again')
    expect(run.logs.map((log) => log.message)).toContain('session: reconnected')
  })

  it('rolls over to a fresh session before the time limit, unseen, with the context', async () => {
    // 60 minutes at 900× last 4 s: the rollover window opens 2 s before the end.
    const run = await setup({ sessionClockSpeed: 900, enforceSessionLimit: true })
    await run.manager.start()
    await ask(run, 'My favourite colour is green', 1)
    await until(() => run.server.connectionCount === 2, 'the rollover', 6000)
    await until(() => run.logs.some((log) => log.message.includes('rolled over')), 'the swap')
    await ask(run, 'What is my favourite colour?', 2)
    expect(completedAnswers(run.server)[1]).toBe(
      'Answer to What is my favourite colour?. I remember: My favourite colour is green | What is my favourite colour?.'
    )
    expect(run.server.responses[1]?.connectionIndex).toBe(1)
    // Nothing but the first connect: no reconnecting, no disconnected.
    expect(statusesOf(run.events)).toEqual(['connecting', 'connected'])
  })
})
