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
