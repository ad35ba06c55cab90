// Two assistants through the whole core against the strict fake Realtime server on 127.0.0.1
// (issue 14): each has its own connection with its own instructions, both stay open at once,
// and each answer reaches the window tagged with the assistant whose session gave it.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHarkMain } from '../../src/main/app/hark-main'
import { assistantsFromSettings } from '../../src/shared/assistants'
import { settingsSchema } from '../../src/shared/settings'
import { FakeCipher } from '../doubles/fake-controller'
import { FAKE_API_KEY, startFakeRealtimeServer, type FakeRealtimeServer } from '../fake-realtime'
import { defaultReply } from '../fake-realtime/options'

let server: FakeRealtimeServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

const ALPHA = 'Answer as Alpha, briefly.'
const BETA = 'Answer as Beta, in one sentence.'

describe('two assistants at once', () => {
  it('answers each from its own session and tags each answer with its assistant', async () => {
    server = await startFakeRealtimeServer({
      speed: 0,
      reply: (turn) =>
        turn.trigger === 'text'
          ? `${turn.instructions.split(',')[0] ?? ''}: ${turn.userText ?? ''}`
          : defaultReply(turn)
    })
    const core = createHarkMain({
      userDataDir: await mkdtemp(join(tmpdir(), 'hark-two-')),
      env: { OPENAI_API_KEY: FAKE_API_KEY, OPENAI_REALTIME_URL: server.url },
      cipher: new FakeCipher()
    })
    const done: { text: string; assistantId?: string }[] = []
    core.subscribe((channel, payload) => {
      if (channel === 'transcript.done' && (payload as { role: string }).role === 'assistant')
        done.push(payload as { text: string; assistantId?: string })
    })
    const file = assistantsFromSettings(settingsSchema.parse({}))
    const base = file.assistants[0]!
    await core.handleInvoke('assistants.save', {
      ...file,
      activeId: 'alpha',
      assistants: [
        base,
        { ...base, id: 'alpha', name: 'Alpha', instructions: ALPHA, hotkey: null },
        { ...base, id: 'beta', name: 'Beta', instructions: BETA, hotkey: null }
      ]
    })
    // Both connect on demand; Beta's message names it while Alpha stays the active one.
    await core.handleInvoke('session.sendText', { text: 'one' })
    await core.handleInvoke('session.sendText', { text: 'two', assistantId: 'beta' })
    // Alpha, still the active one, is asked again while its first answer may still run.
    await core.handleInvoke('session.sendText', { text: 'three' })
    // A preamble (seeded-preambles.ts) may come first: the answers are found by their words.
    const answers = (): (string | undefined)[][] =>
      done.filter((d) => d.text.startsWith('Answer as')).map((d) => [d.assistantId, d.text])
    await expect.poll(() => answers().length, { timeout: 5000 }).toBe(3)
    expect(server.connectionCount).toBe(2)
    expect(server.openConnectionCount).toBe(2)
    expect([server.session(0)?.instructions, server.session(1)?.instructions]).toEqual([
      ALPHA,
      BETA
    ])
    expect(answers().sort()).toEqual([
      ['alpha', 'Answer as Alpha: one'],
      ['alpha', 'Answer as Alpha: three'],
      ['beta', 'Answer as Beta: two']
    ])
    await core.dispose()
  })
})
