// The monthly budget on GPT-Live through the whole main-process core (createHarkMain) against
// the fake GPT-Live server on 127.0.0.1. GPT-Live has no `response.create` to withhold and bills
// by the second, so reaching the budget mutes it (the fake records `session.input_audio.mute`),
// silences its answer and asks; "Continue this once" unmutes it; a Connect over budget asks
// before a session is opened, and continuing opens one that carries the conversation.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHarkMain, type HarkCore } from '../../src/main/app/hark-main'
import { LIVE_CONNECT_REFUSAL } from '../../src/main/app/live-budget'
import { unavailableToolServices } from '../../src/main/tools/desktop-tool-services'
import type { SpendStatus } from '../../src/shared/spend-ipc'
import { FakeCipher } from '../doubles/fake-controller'
import { chunked, joinBytes, silenceBytes, speechBytes } from '../fake-realtime/audio-fixtures'
import { startFakeLiveServer, type FakeLiveServer } from '../fake-live'

let server: FakeLiveServer
let dir: string
let core: HarkCore
let emitted: { channel: string; payload: unknown }[]

beforeEach(async () => {
  server = await startFakeLiveServer({ speed: 0 })
  dir = await mkdtemp(join(tmpdir(), 'hark-live-budget-'))
  emitted = []
  core = createHarkMain({
    userDataDir: dir,
    env: { OPENAI_API_KEY: server.apiKey, OPENAI_LIVE_URL: server.url },
    cipher: new FakeCipher(),
    toolServices: unavailableToolServices('this test')
  })
  core.subscribe((channel, payload) => emitted.push({ channel, payload }))
  // One answer of the fake is a few billed seconds: more than USD 0.001 at 0.05 a minute.
  await core.handleInvoke('settings.set', {
    engine: 'live',
    turnDetection: 'server_vad',
    monthlyBudgetUsd: 0.001
  })
})

afterEach(async () => {
  await core.dispose()
  await server.close()
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })
})

async function until<T>(find: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 5000
  for (;;) {
    const found = find()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`never saw ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const payloads = <T>(channel: string): T[] =>
  emitted.filter((e) => e.channel === channel).map((e) => e.payload as T)

const lastSpend = (): SpendStatus | undefined => payloads<SpendStatus>('spend.changed').at(-1)

function speak(): void {
  const question = joinBytes(speechBytes('What time is it'), silenceBytes(700))
  for (const chunk of chunked(question)) core.handleSend('audio.append', chunk)
}

describe('the monthly budget on GPT-Live', () => {
  it('mutes GPT-Live the moment its seconds reach the budget, and Continue this once unmutes it', async () => {
    await core.handleInvoke('session.start', undefined)
    speak()
    await server.waitForClientEvent('session.input_audio.mute')
    const held = await until(
      () => (lastSpend()?.liveHold === 'muted' ? lastSpend() : undefined),
      'the budget card'
    )
    expect(held).toMatchObject({ level: 'over', held: true })
    // The billed seconds were counted before the answer's own figure arrived.
    expect(held.monthUsd).toBeGreaterThanOrEqual(0.001)
    expect(payloads('audio.flush').length).toBeGreaterThan(0)
    // Muted: nothing the user says reaches GPT-Live.
    const heardBefore = server.inputAudio(0).byteLength
    speak()
    expect(server.inputAudio(0).byteLength).toBe(heardBefore)
    expect(server.isMuted(0)).toBe(true)

    const status = await core.handleInvoke('spend.continueOnce', undefined)
    expect(status).toMatchObject({ held: false })
    await server.waitForClientEvent('session.input_audio.unmute')
    speak()
    await server.waitForTurns(2)
    // Until this conversation ends: more seconds over budget do not mute it again.
    expect(server.clientEvents.filter((e) => e.type === 'session.input_audio.mute')).toHaveLength(1)
  })

  it('asks before a Connect over budget, and continuing connects with the conversation', async () => {
    await core.handleInvoke('session.start', undefined)
    speak()
    await server.waitForClientEvent('session.input_audio.mute')
    await core.handleInvoke('session.stop', undefined)
    const refusal = await core.handleInvoke('session.start', undefined).catch((e: unknown) => e)
    expect(String((refusal as Error).message)).toContain(LIVE_CONNECT_REFUSAL)
    expect(server.connectionCount).toBe(1)
    expect(lastSpend()).toMatchObject({ held: true, liveHold: 'not_connected' })

    await core.handleInvoke('spend.continueOnce', undefined)
    await until(() => server.startedSession(1), 'a second session')
    const input = server.startedSession(1)?.input ?? []
    // What the user said goes on (the answer silenced before it was heard is left out).
    expect(input[0]?.role).toBe('user')
    // The continued session is not muted by the budget.
    speak()
    await server.waitForTurns(2)
  })
})
