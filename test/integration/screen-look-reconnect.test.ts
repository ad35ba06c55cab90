// A screen look survives the end of a server session: the server forgets everything when a socket
// ends (reference §7, no resume), so after a drop the new session must get the picture again, as
// an `input_image` the API can decode, or the model silently forgets what it was shown. The
// session manager, ScreenLook and the real controller (SDK, `ws`) against the strict fake.
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { SessionManager } from '../../src/main/app/session-manager'
import { RealtimeController } from '../../src/main/realtime/controller'
import { ScreenLook } from '../../src/main/screen/screen-look'
import { defaultSettings } from '../../src/shared/settings'
import type { FakeRealtimeServer, FakeTurn } from '../fake-realtime'
import { FAKE_API_KEY, startFakeRealtimeServer } from '../fake-realtime'

/** The "model" says how many pictures its context holds. */
function pictureReply(turn: FakeTurn): string {
  const pictures = turn.items.flatMap((item) =>
    item.type === 'message' ? item.content.filter((part) => part.type === 'input_image') : []
  )
  return `Answer to ${turn.userText ?? turn.trigger}: I see ${pictures.length} picture(s).`
}

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function until(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const answers = (server: FakeRealtimeServer): string[] =>
  server.responses.filter((r) => r.status === 'completed').map((r) => r.text)

describe('a screen look after a reconnect', () => {
  it('the new session gets the picture again, and the fake decodes it', async () => {
    const server = await startFakeRealtimeServer({ speed: 0, reply: pictureReply })
    cleanups.push(() => server.close())
    // A look sent with the next message: ScreenLook hands it to the session manager.
    const look: ScreenLook = new ScreenLook({
      sendImage: (dataUrl) => manager.sendImage(dataUrl),
      broadcast: () => undefined,
      hasWindow: () => true,
      log: () => undefined
    })
    const statuses: string[] = []
    const manager: SessionManager = new SessionManager({
      env: { OPENAI_API_KEY: FAKE_API_KEY, OPENAI_REALTIME_URL: server.url },
      readSettings: () => Promise.resolve({ ...defaultSettings(), turnDetection: 'none' }),
      readKey: () => Promise.resolve(null),
      createController: (config) => new RealtimeController(config),
      beforeUserMessage: () => look.sendPendingWithMessage(),
      onEvent: (event) => {
        if (event.type === 'status') statuses.push(event.status)
      },
      log: () => undefined,
      random: () => 0
    })
    cleanups.push(() => manager.stop())
    await manager.start()

    const jpeg = await sharp({
      create: { width: 1280, height: 720, channels: 3, background: '#2f5fd0' }
    })
      .jpeg({ quality: 80 })
      .toBuffer()
    look.attach(new Uint8Array(jpeg))
    manager.sendText('What is on my screen?')
    // The answer is found by its words: a preamble may come first.
    await until(
      () => answers(server).some((text) => text.startsWith('Answer to What is on my screen?')),
      'the first answer'
    )
    expect(answers(server).find((t) => t.startsWith('Answer to What'))).toMatch(/I see 1 picture/)

    const before = statuses.length
    server.dropAllConnections()
    await until(
      () => server.connectionCount === 2 && statuses.slice(before).at(-1) === 'connected',
      'the reconnect'
    )
    manager.sendText('And now?')
    await until(
      () => answers(server).some((text) => text.startsWith('Answer to And now?')),
      'the answer after the reconnect'
    )
    // The model of the new session still sees the one picture (not two, not none).
    expect(answers(server).find((t) => t.startsWith('Answer to And now?'))).toMatch(
      /I see 1 picture\(s\)/
    )
    const images = await server.inputImages()
    expect(images.map((image) => image.connectionIndex)).toEqual([0, 1])
    const [first, replayed] = images
    expect(replayed).toMatchObject({
      format: 'jpeg',
      width: 1280,
      height: 720,
      byteLength: jpeg.byteLength,
      itemId: first?.itemId
    })
  })
})
