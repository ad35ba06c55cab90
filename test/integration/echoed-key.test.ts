// A proxy in front of the API that echoes the Authorization header (with the key) in its error
// text, its refused upgrade or its close reason: Hark must pass none of it on unredacted — not to
// the window (invoke replies, events), not to the log, not to the log file.
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHarkMain } from '../../src/main/app/hark-main'
import { createFileLog } from '../../src/main/logging/file-log'
import { FakeCipher } from '../doubles/fake-controller'
import { startFakeRealtimeServer, type FakeRealtimeServer } from '../fake-realtime'
import type { EchoAuthorization } from '../fake-realtime/faults'

const OPENAI_STYLE = 'sk-proj-Zq8wX1c2V3b4N5m6L7k8J9h0Gf'
// An Azure key has no `sk-` to spot it by: 32 hex digits.
const AZURE_STYLE = '9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c'

let server: FakeRealtimeServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

const cases: [EchoAuthorization, string][] = [
  ['refused-upgrade', OPENAI_STYLE],
  ['error-event', OPENAI_STYLE],
  ['close-reason', OPENAI_STYLE],
  ['refused-upgrade', AZURE_STYLE],
  ['error-event', AZURE_STYLE]
]

describe('a proxy that echoes the Authorization header', () => {
  it.each(cases)('%s with a %s key: the key reaches no reply, event or log', async (echo, key) => {
    server = await startFakeRealtimeServer({ apiKey: key, faults: { echoAuthorization: echo } })
    const dir = await mkdtemp(join(tmpdir(), 'hark-echo-'))
    const file = createFileLog({ dir, debug: true })
    const logs: string[] = []
    const core = createHarkMain({
      userDataDir: dir,
      env: { OPENAI_API_KEY: key, OPENAI_REALTIME_URL: server.url },
      cipher: new FakeCipher(),
      log: (level, message, data) => {
        logs.push(`${message} ${JSON.stringify(data ?? {})}`)
        file.write(level, message, data)
      }
    })
    const events: unknown[] = []
    core.subscribe((channel, payload) => events.push({ channel, payload }))
    const replies: unknown[] = [await core.answerInvoke('session.start', undefined)]
    // The error event and the close arrive after the upgrade: wait until the window heard of it.
    await expect
      .poll(() => JSON.stringify(events), { timeout: 5000 })
      .toMatch(/Upstream refused|closed the connection|did not accept/)
    replies.push(await core.answerInvoke('session.stop', undefined))
    await core.dispose()

    const seen = JSON.stringify([replies, events, logs]) + (await readFile(file.path, 'utf8'))
    expect(server.connectionCount + (echo === 'refused-upgrade' ? 1 : 0)).toBeGreaterThan(0)
    expect(seen).not.toContain(key)
    expect(seen).not.toContain(key.slice(8))
  })
})
