// The monthly budget on GPT-Live through the whole main-process core (createHarkMain) against
// the fake GPT-Live server on 127.0.0.1. GPT-Live has no `response.create` to withhold and bills
// by the second, so reaching the budget mutes it (the fake records `session.input_audio.mute`),
// silences its answer and asks; "Continue this once" unmutes it; a Connect over budget asks
// before a session is opened, and continuing opens one that carries the conversation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HarkCore } from '../../src/main/app/hark-main'
import { LIVE_CONNECT_REFUSAL } from '../../src/main/app/live-budget'
import type { SpendStatus } from '../../src/shared/spend-ipc'
import { startLiveApp, until, type LiveApp } from '../doubles/live-app-harness'
import { chunked, joinBytes, silenceBytes, speechBytes } from '../fake-realtime/audio-fixtures'
import type { FakeLiveServer } from '../fake-live'

let app: LiveApp
let server: FakeLiveServer
let core: HarkCore

beforeEach(async () => {
  app = await startLiveApp()
  ;({ server, core } = app)
  // One answer of the fake is a few billed seconds: more than USD 0.001 at 0.05 a minute.
  await core.handleInvoke('settings.set', {
    engine: 'live',
    turnDetection: 'server_vad',
    monthlyBudgetUsd: 0.001
  })
})

afterEach(() => app.dispose())

const payloads = <T>(channel: string): T[] => app.payloads<T>(channel)
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
    await until(
      () =>
        payloads<{ status: string }>('session.status').filter((e) => e.status === 'connected')[1],
      'connected again'
    )
    speak()
    await server.waitForTurns(2)
  })
})
