// A change of endpoint host is confirmed in main, not by the window; the rules hold for the
// environment too. Schema and routing only: nothing here dials anything.
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FakeCipher, FakeController } from '../../../test/doubles/fake-controller'
import { resolveRealtimeConfig } from '../realtime/config'
import type { EndpointConfirmer } from './endpoint-guard'
import { createHarkMain } from './hark-main'

const PROXY = 'wss://proxy.example.com/v1/realtime'

async function core(endpoints?: EndpointConfirmer): Promise<{
  core: ReturnType<typeof createHarkMain>
  dir: string
  asked: string[]
  controllers: FakeController[]
}> {
  const dir = await mkdtemp(join(tmpdir(), 'hark-endpoint-'))
  const asked: string[] = []
  const controllers: FakeController[] = []
  const confirmer: EndpointConfirmer | undefined = endpoints && {
    unavailableReason: endpoints.unavailableReason,
    confirm: (host) => {
      asked.push(host)
      return endpoints.confirm(host)
    }
  }
  return {
    core: createHarkMain({
      userDataDir: dir,
      env: { OPENAI_API_KEY: 'sk-test-0123456789' },
      cipher: new FakeCipher(),
      ...(confirmer ? { endpoints: confirmer } : {}),
      createController: (config) => {
        const controller = new FakeController(config)
        controllers.push(controller)
        return controller
      }
    }),
    dir,
    asked,
    controllers
  }
}

const answering = (answer: boolean): EndpointConfirmer => ({
  unavailableReason: null,
  confirm: () => Promise.resolve(answer)
})

describe('a new endpoint host', () => {
  it('is refused from the window when main has no way to ask the user', async () => {
    const { core: main } = await core()
    const reply = await main.answerInvoke('settings.set', { url: PROXY })
    expect(reply).toMatchObject({ ok: false, code: 'invalid_input' })
    expect(!reply.ok && reply.message).toMatch(/only the desktop app can ask you to confirm/)
    expect((await main.handleInvoke('settings.get', undefined)) as object).toMatchObject({
      settings: { url: 'wss://api.openai.com/v1/realtime' }
    })
  })

  it('is applied only when the user confirms it in main', async () => {
    const refused = await core(answering(false))
    const reply = await refused.core.answerInvoke('settings.set', { url: PROXY, voice: 'ash' })
    expect(reply).toEqual({
      ok: false,
      code: 'invalid_input',
      message:
        'Hark did not change the endpoint: you did not confirm sending your API key to proxy.example.com.'
    })
    expect(refused.asked).toEqual(['proxy.example.com'])
    await expect(readFile(join(refused.dir, 'settings.json'), 'utf8')).rejects.toThrow()

    const confirmed = await core(answering(true))
    await confirmed.core.handleInvoke('settings.set', { url: PROXY })
    await confirmed.core.handleInvoke('session.start', undefined)
    expect(confirmed.controllers[0]?.config.url).toBe(PROXY)
    // The same host again, or back to OpenAI's own, asks nothing.
    await confirmed.core.handleInvoke('settings.set', { url: `${PROXY}?deployment=x` })
    await confirmed.core.handleInvoke('settings.set', { url: 'wss://api.openai.com/v1/realtime' })
    expect(confirmed.asked).toEqual(['proxy.example.com'])
  })

  it('asks again for another port on the same machine', async () => {
    const { core: main, asked } = await core(answering(true))
    await main.handleInvoke('settings.set', { url: 'ws://127.0.0.1:8765/v1/realtime' })
    await main.handleInvoke('settings.set', { url: 'ws://127.0.0.1:9999/v1/realtime' })
    expect(asked).toEqual(['127.0.0.1:8765', '127.0.0.1:9999'])
  })

  it('refuses plain ws:// to another machine from the environment too, before dialling', () => {
    expect(() =>
      resolveRealtimeConfig({}, { OPENAI_REALTIME_URL: 'ws://10.0.0.5:8765/v1/realtime' })
    ).toThrow(/Plain ws:\/\/ is allowed only to this computer/)
  })
})
