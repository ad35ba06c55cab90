// The API key never reaches the renderer: not in any frame the host sends to the page, not in
// the DOM, storage, or any event payload a page listener receives.
import { channelsOfKind } from '../src/shared/ipc'
import { FAKE_API_KEY, connect, enterKey, expect, sendMessage, test } from './fixtures'
import type { PageGlobals } from './page-globals'

const KEY = 'sk-hark-e2e-Zq7vXk29distinctive'

test('the key set in onboarding never reaches the page', async ({ app, fake, host }) => {
  expect(KEY).not.toBe(FAKE_API_KEY)
  fake.setOptions({ apiKey: KEY })
  await app.evaluate((channels) => {
    const page = globalThis as unknown as PageGlobals
    const dump: string[] = []
    page.harkEventDump = dump
    const replacer = (_key: string, value: unknown): unknown =>
      value instanceof Uint8Array ? String.fromCharCode(...value) : value
    for (const channel of channels) {
      page.hark.on(channel, (payload) => dump.push(JSON.stringify({ channel, payload }, replacer)))
    }
  }, channelsOfKind('event'))

  await enterKey(app, KEY)
  await connect(app)
  await sendMessage(app, 'Can you keep a secret')
  await expect(app.getByRole('log', { name: 'Conversation' })).toContainText(
    'You said: Can you keep a secret'
  )
  await expect.poll(() => fake.responses[0]?.isFinished ?? false).toBe(true)

  const frames = host.observations.flatMap((o) =>
    o.kind === 'frame'
      ? [typeof o.data === 'string' ? o.data : Buffer.from(o.data).toString('latin1')]
      : []
  )
  expect(frames.length).toBeGreaterThan(10)
  for (const frame of frames) expect(frame).not.toContain(KEY)

  const readable = await app.evaluate(() => {
    const page = globalThis as unknown as PageGlobals
    const storage = (store: PageGlobals['localStorage']): string[] =>
      Array.from({ length: store.length }, (_, i) => {
        const key = store.key(i) ?? ''
        return `${key}=${store.getItem(key) ?? ''}`
      })
    return {
      html: page.document.documentElement.outerHTML,
      local: storage(page.localStorage),
      session: storage(page.sessionStorage),
      events: page.harkEventDump ?? []
    }
  })
  expect(readable.events.length).toBeGreaterThan(10)
  expect(readable.html).toContain('Conversation')
  expect(JSON.stringify(readable)).not.toContain(KEY)
})

// Issue 14: Azure's key, set in Settings → Provider, is sent as `api-key` (the fake acts as a
// resource and refuses any Authorization header) and reaches the page no more than OpenAI's.
const AZURE_KEY = '9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c'
const azureTest = test.extend({
  coreEnv: async ({ fake }, use) => {
    fake.setOptions({ provider: 'azure', apiKey: AZURE_KEY })
    // OpenAI's key in the environment skips onboarding; it must not go to Azure.
    await use({
      OPENAI_API_KEY: FAKE_API_KEY,
      OPENAI_REALTIME_URL: fake.url.replace('/v1/realtime', '/openai/v1/realtime')
    })
  }
})

azureTest(
  'an Azure key set in Settings goes only as api-key, never to the page',
  async ({ app, fake, host }) => {
    await app.getByRole('button', { name: 'Settings' }).click()
    await app.getByRole('combobox', { name: 'Provider' }).selectOption('azure')
    await expect(
      app.getByText('No API key is set for Azure OpenAI: Connect will fail')
    ).toBeVisible()
    await app.getByRole('combobox', { name: 'Model', exact: true }).fill('my-deployment')
    await app.getByRole('button', { name: 'Save settings' }).click()
    await expect(app.getByText('Saved.')).toBeVisible()

    // Connect without Azure's key says so, even though OpenAI's key is set.
    await app.getByRole('button', { name: 'Connect', exact: true }).click()
    await expect(app.getByText(/No API key is set for Azure OpenAI\. Add one/)).toBeVisible()
    expect(fake.handshakes).toEqual([])

    await app.getByLabel('Azure OpenAI API key').fill(AZURE_KEY)
    await app.getByRole('button', { name: 'Save key', exact: true }).click()
    await expect(
      app.getByText('No API key is set for Azure OpenAI: Connect will fail')
    ).toBeHidden()
    await connect(app)
    await sendMessage(app, 'Hello Azure')
    await expect(app.getByRole('log', { name: 'Conversation' })).toContainText(
      'You said: Hello Azure'
    )
    expect(fake.handshakes.length).toBeGreaterThan(0)
    for (const handshake of fake.handshakes)
      expect(handshake).toMatchObject({
        model: 'my-deployment',
        hadAuthorization: false,
        hadApiKeyHeader: true
      })

    const frames = host.observations.flatMap((o) =>
      o.kind === 'frame'
        ? [typeof o.data === 'string' ? o.data : Buffer.from(o.data).toString('latin1')]
        : []
    )
    for (const frame of frames) expect(frame).not.toContain(AZURE_KEY)
    const html = await app.evaluate(
      () => (globalThis as unknown as PageGlobals).document.documentElement.outerHTML
    )
    expect(html).toContain('Conversation')
    expect(html).not.toContain(AZURE_KEY)
  }
)
