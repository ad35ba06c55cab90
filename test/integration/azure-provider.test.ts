// Azure OpenAI through the whole core: the window picks the provider and sets Azure's own key
// (never read back), main dials the resource's endpoint with the deployment in `?model=` and the
// key in `api-key`, with no Authorization header (the fake refuses one, as a resource would), and
// the OpenAI key in the environment goes nowhere. The CLI does the same with --provider azure.
import { spawn } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { createHarkMain } from '../../src/main/app/hark-main'
import { FakeCipher } from '../doubles/fake-controller'
import { startFakeRealtimeServer, type FakeRealtimeServer } from '../fake-realtime'
import { AZURE_REALTIME_PATH } from '../fake-realtime/azure-auth'

const AZURE_KEY = '9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c'
const OPENAI_KEY = 'sk-proj-openai-not-for-azure-0123'
const DEPLOYMENT = 'my-realtime-deployment'

let server: FakeRealtimeServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

async function azureFake(): Promise<{ fake: FakeRealtimeServer; url: string }> {
  server = await startFakeRealtimeServer({ apiKey: AZURE_KEY, provider: 'azure', speed: 0 })
  return { fake: server, url: server.url.replace('/v1/realtime', AZURE_REALTIME_PATH) }
}

describe('the Azure OpenAI provider', () => {
  it('says a missing Azure key at Connect, then sends the key as api-key and no Authorization', async () => {
    const { fake, url } = await azureFake()
    const core = createHarkMain({
      userDataDir: await mkdtemp(join(tmpdir(), 'hark-azure-')),
      env: { OPENAI_API_KEY: OPENAI_KEY, OPENAI_REALTIME_URL: url },
      cipher: new FakeCipher()
    })
    const events: unknown[] = []
    core.subscribe((channel, payload) => events.push({ channel, payload }))
    await core.handleInvoke('settings.set', { provider: 'azure', model: DEPLOYMENT })

    const missing = await core.answerInvoke('session.start', undefined)
    expect(missing).toMatchObject({
      ok: false,
      code: 'auth',
      message: expect.stringMatching(/^No API key is set for Azure OpenAI\./) as unknown
    })
    expect(fake.handshakes).toEqual([])

    const status = await core.handleInvoke('providerKey.set', {
      provider: 'azure',
      key: AZURE_KEY,
      persist: true
    })
    expect(status).toMatchObject({ configured: true, source: 'secure-storage' })
    await core.handleInvoke('session.start', undefined)
    await core.handleInvoke('session.sendText', { text: 'Hello Azure' })
    await expect
      .poll(() => JSON.stringify(events), { timeout: 5000 })
      .toContain('You said: Hello Azure')
    await core.handleInvoke('session.stop', undefined)
    await core.dispose()

    expect(fake.handshakes).toEqual([
      {
        path: AZURE_REALTIME_PATH,
        model: DEPLOYMENT,
        hadAuthorization: false,
        hadApiKeyHeader: true
      }
    ])
    expect(JSON.stringify(events)).not.toContain(AZURE_KEY)
  })

  it('refuses an Azure endpoint that is not the resource’s wss:// before dialing', async () => {
    const { fake } = await azureFake()
    const core = createHarkMain({
      userDataDir: await mkdtemp(join(tmpdir(), 'hark-azure-')),
      env: { AZURE_OPENAI_API_KEY: AZURE_KEY, OPENAI_REALTIME_PROVIDER: 'azure' },
      cipher: new FakeCipher()
    })
    // The stored endpoint is OpenAI's: an Azure key must not go there.
    const reply = await core.answerInvoke('session.start', undefined)
    expect(reply).toMatchObject({
      ok: false,
      code: 'invalid_input',
      message: expect.stringMatching(/Azure OpenAI needs your resource’s endpoint/) as unknown
    })
    await core.dispose()
    expect(fake.handshakes).toEqual([])
  })

  it('the CLI with --provider azure --url sends api-key and no Authorization', async () => {
    const { fake, url } = await azureFake()
    const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
    const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx')
    const entry = join(repoRoot, 'src', 'main', 'cli', 'index.ts')
    const args = ['--provider', 'azure', '--url', url, '--model', DEPLOYMENT, '--text', 'Hi CLI']
    const env = {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      AZURE_OPENAI_API_KEY: AZURE_KEY,
      OPENAI_API_KEY: OPENAI_KEY
    }
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(tsx, [entry, ...args], { cwd: repoRoot, env })
        let stdout = ''
        let stderr = ''
        child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
        child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
        child.on('error', reject)
        child.on('close', (code) => resolve({ code, stdout, stderr }))
      }
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('You said: Hi CLI')
    expect(fake.handshakes).toEqual([
      {
        path: AZURE_REALTIME_PATH,
        model: DEPLOYMENT,
        hadAuthorization: false,
        hadApiKeyHeader: true
      }
    ])
  }, 30_000)
})
