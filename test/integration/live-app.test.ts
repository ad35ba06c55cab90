// The GPT-Live engine chosen in Settings, through the whole main-process core (createHarkMain:
// settings, session manager, tools, approvals, IPC events) against the fake GPT-Live server on
// 127.0.0.1: the window sees the same events as with the Realtime engine, the microphone mute
// reaches GPT-Live, a delegated task goes through Hark's approval card (approved and denied) and
// its outcome goes back as `session.commentary.append`, and each answer carries its cost.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { unavailableToolServices } from '../../src/main/tools/desktop-tool-services'
import type { HarkCore } from '../../src/main/app/hark-main'
import type { TurnMetrics } from '../../src/shared/turn-metrics'
import { startLiveApp, until, type LiveApp } from '../doubles/live-app-harness'
import { chunked, joinBytes, silenceBytes, speechBytes } from '../fake-realtime/audio-fixtures'
import type { FakeLiveServer } from '../fake-live'

let app: LiveApp
let server: FakeLiveServer
let core: HarkCore

const CLIPBOARD = 'Milk, eggs and a kilo of flour.'

beforeEach(async () => {
  app = await startLiveApp(
    {},
    {
      toolServices: {
        ...unavailableToolServices('this test'),
        readClipboardText: () => Promise.resolve(CLIPBOARD)
      },
      approvalTimeoutMs: 5000
    }
  )
  ;({ server, core } = app)
  await core.handleInvoke('settings.set', { engine: 'live', turnDetection: 'server_vad' })
})

afterEach(() => app.dispose())

const payloads = <T>(channel: string): T[] => app.payloads<T>(channel)

function speak(): void {
  const question = joinBytes(speechBytes('What is on my clipboard'), silenceBytes(700))
  for (const chunk of chunked(question)) core.handleSend('audio.append', chunk)
}

const assistantDone = (n: number): Promise<{ itemId: string; text: string }> =>
  until(
    () =>
      payloads<{ role: string; itemId: string; text: string }>('transcript.done').filter(
        (p) => p.role === 'assistant'
      )[n - 1],
    `assistant turn ${n}`
  )

describe('GPT-Live chosen in Settings', () => {
  it('connects to GPT-Live and gives the window captions, audio and each answer’s cost', async () => {
    await core.handleInvoke('session.start', undefined)
    expect(server.startedSession(0)).toMatchObject({
      model: 'gpt-live-1.1',
      audio: { format: { type: 'audio/pcm', rate: 24000 }, output: { voice: 'marin' } }
    })
    speak()
    const answer = await assistantDone(1)
    const [turn] = await server.waitForTurns(1)
    expect(answer.text).toBe(turn!.replyText.trim())
    expect(payloads<{ role: string }>('transcript.done').map((p) => p.role)).toEqual([
      'user',
      'assistant'
    ])
    expect(payloads('audio.delta').length).toBeGreaterThan(0)
    const metrics = await until(
      () => payloads<TurnMetrics>('turn.metrics').find((m) => m.itemIds[0] === answer.itemId),
      'the answer’s cost'
    )
    const seconds = server.usageReports.at(-1)!.seconds
    expect(metrics.costUsd).toBeCloseTo((seconds / 60) * 0.05, 10)
    expect(metrics.usage).toBeNull()
  })

  it('tells GPT-Live when the user mutes the microphone, and sends nothing meanwhile', async () => {
    await core.handleInvoke('session.start', undefined)
    core.talk.setMuted(true)
    await server.waitForClientEvent('session.input_audio.mute')
    speak()
    core.talk.setMuted(false)
    await server.waitForClientEvent('session.input_audio.unmute')
    expect(server.inputAudio(0).byteLength).toBe(0)
  })

  it('runs a delegated task through the approval card: approved, then denied', async () => {
    server.setOptions({ delegate: () => true, transcribe: () => 'What is on my clipboard?' })
    await core.handleInvoke('session.start', undefined)
    speak()
    const first = await until(
      () => payloads<{ id: string; toolName: string }>('tools.approvalRequested')[0],
      'the approval card'
    )
    expect(first.toolName).toBe('read_clipboard')
    await core.handleInvoke('tools.approve', { id: first.id, always: false })
    const approved = await server.waitForClientEvent('session.commentary.append')
    expect(approved.event['content']).toBe(CLIPBOARD)
    expect((await assistantDone(1)).text).toContain(CLIPBOARD)

    speak()
    const second = await until(
      () => payloads<{ id: string }>('tools.approvalRequested')[1],
      'the second approval card'
    )
    await core.handleInvoke('tools.deny', { id: second.id })
    const denied = await server.waitForClientEvent(
      'session.commentary.append',
      (e) => e.event['content'] !== CLIPBOARD
    )
    expect(denied.event['content']).toMatch(/^This was not done: The user declined/)
    expect(denied.event['delegation_id']).not.toBe(approved.event['delegation_id'])
    await assistantDone(2)
    const history = payloads<{ items: { kind: string; output?: string | null }[] }>(
      'history.updated'
    ).at(-1)!.items
    expect(history.filter((i) => i.kind === 'function_call').map((i) => i.output)).toEqual([
      CLIPBOARD,
      denied.event['content']
    ])
  })

  it('refuses a task its words do not name, without asking', async () => {
    server.setOptions({ delegate: () => true, transcribe: () => 'Book me a flight to Lisbon.' })
    await core.handleInvoke('session.start', undefined)
    speak()
    const reply = await server.waitForClientEvent('session.commentary.append')
    expect(reply.event['content']).toMatch(/no tool that can do this/)
    expect(payloads('tools.approvalRequested')).toHaveLength(0)
  })
})

describe('GPT-Live across Connect', () => {
  it('a new Connect carries the conversation into the new session as history', async () => {
    await core.handleInvoke('settings.set', { engine: 'live' })
    await core.handleInvoke('session.start', undefined)
    speak()
    const answer = await assistantDone(1)
    await core.handleInvoke('session.stop', undefined)
    await core.handleInvoke('session.start', undefined)
    const input = server.startedSession(1)?.input ?? []
    expect(input.map((item) => item.role)).toEqual(['user', 'assistant'])
    expect(JSON.stringify(input.at(-1))).toContain(answer.text)
  })
})
