// A kept screen look goes out just before the user's next message, however it is sent: typed,
// push-to-talk (before the commit), or hands-free (when the server hears speech start).
import { describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../../../test/doubles/hark-main-harness'
import { jpegHeaderOnly } from '../../../test/doubles/jpeg-header'

const KEY = 'sk-test-0123456789abcdef'
const IMAGE = { method: 'sendImage', dataUrlPrefix: 'data:image/jpeg;base64,/9j/' }

async function connectedWithLook(): Promise<Harness> {
  const h = await createHarness({ OPENAI_API_KEY: KEY })
  await h.router.handleInvoke('session.start', undefined)
  await h.router.handleInvoke('screen.attach', { jpeg: jpegHeaderOnly(1280, 720) })
  expect(h.controller().calls).toEqual([{ method: 'start' }])
  return h
}

describe('screen look: with the next message', () => {
  it('goes just before a typed message', async () => {
    const h = await connectedWithLook()
    await h.router.handleInvoke('session.sendText', { text: 'what is this?' })
    await h.router.handleInvoke('session.sendText', { text: 'and this?' })
    expect(h.controller().calls.slice(1)).toEqual([
      IMAGE,
      { method: 'sendText', text: 'what is this?' },
      { method: 'sendText', text: 'and this?' }
    ])
    expect(h.emitted.at(-1)).toMatchObject({
      channel: 'screen.attachmentChanged',
      payload: { pending: null }
    })
  })

  it('goes before the push-to-talk commit', async () => {
    const h = await connectedWithLook()
    h.router.handleSend('ptt.down', undefined)
    h.router.handleSend('ptt.up', undefined)
    expect(h.controller().calls.slice(1)).toEqual([
      { method: 'interrupt' },
      IMAGE,
      { method: 'commitUserTurn' }
    ])
  })

  it('goes when the user starts speaking hands-free', async () => {
    const h = await connectedWithLook()
    h.controller().emit({ type: 'speech_started', itemId: 'item_1' })
    expect(h.controller().calls.slice(1)).toEqual([IMAGE])
  })

  it('is never sent after Remove', async () => {
    const h = await connectedWithLook()
    await h.router.handleInvoke('screen.discard', undefined)
    await h.router.handleInvoke('session.sendText', { text: 'hello' })
    expect(h.controller().calls.slice(1)).toEqual([{ method: 'sendText', text: 'hello' }])
  })

  it('goes with a typed message that connects first (connect on demand)', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    await h.router.handleInvoke('screen.attach', { jpeg: jpegHeaderOnly(640, 480) })
    await h.router.handleInvoke('session.sendText', { text: 'hello' })
    expect(h.controller().calls).toEqual([
      { method: 'start' },
      IMAGE,
      { method: 'sendText', text: 'hello' }
    ])
  })

  it.each([
    ['a PNG', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), /not a JPEG/],
    ['a 1920 px JPEG', jpegHeaderOnly(1920, 1080), /at most 1280/],
    ['text', 'ffd8', /invalid request/],
    ['over 800 KiB', new Uint8Array(800 * 1024 + 1), /at most 800 KB/]
  ])('refuses %s, naming why', async (_name, jpeg, problem) => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    await expect(h.router.handleInvoke('screen.attach', { jpeg })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(problem) as unknown
    })
  })
})
